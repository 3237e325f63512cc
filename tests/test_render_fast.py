"""The compiled-once render (generator/render.py _Prepared) gives the same Word file, part for part,
as docxtpl's own render of the same template — for every example, long or short, and for a template
an office changed; documents with tables and charts keep the docxtpl path."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from generator import load_document
from generator.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json")) + sorted((ROOT / "examples" / "long").glob("*.json"))


def members(data: bytes) -> list[tuple[str, bytes]]:
    """Every part in order; the core properties' time of making left out (it is the render's second)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return [(i.filename, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", z.read(i)))
                for i in z.infolist()]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_same_file_as_docxtpl_renders(path):
    doc = load_document(json.loads(path.read_text(encoding="utf-8")))
    fast, slow = render_bytes(doc), render_bytes(doc, fast=False)
    assert members(fast) == members(slow)
    assert docx.Document(io.BytesIO(fast)).paragraphs  # Word's reader opens it


def test_user_text_with_line_feeds_and_tabs_is_treated_as_docxtpl_does():
    data = json.loads((ROOT / "examples" / "to_trinh.json").read_text(encoding="utf-8"))
    data["signer"]["name"] = "Nguyễn\tVăn A"  # a tab typed into a field
    doc = load_document(data)
    assert members(render_bytes(doc)) == members(render_bytes(doc, fast=False))


def test_a_changed_template_is_read_afresh(tmp_path):
    from templates import template_path

    src = template_path("to_trinh").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            part = z.read(info)
            if info.filename == "word/document.xml":
                part = part.replace("Độc lập - Tự do - Hạnh phúc".encode(), "Độc lập - Tự do - Hạnh phúc (mẫu riêng)".encode())
            w.writestr(info, part)
    doc = load_document(json.loads((ROOT / "examples" / "to_trinh.json").read_text(encoding="utf-8")))
    own = render_bytes(doc, template=out.getvalue())
    assert "(mẫu riêng)" in "\n".join(p.text for t in docx.Document(io.BytesIO(own)).tables for c in t._cells
                                     for p in c.paragraphs)
    assert members(own) == members(render_bytes(doc, template=out.getvalue(), fast=False))
    assert "(mẫu riêng)" not in "\n".join(p.text for t in docx.Document(io.BytesIO(render_bytes(doc))).tables
                                          for c in t._cells for p in c.paragraphs)


def test_a_report_with_a_table_goes_through_docxtpl():
    data = json.loads((ROOT / "examples" / "bao_cao.json").read_text(encoding="utf-8"))
    data["noi_dung"] = [*data["noi_dung"], {"bang": {"cot": ["Loại", "Số lượng"], "dong": [["Văn bản đến", 12]]}}]
    d = docx.Document(io.BytesIO(render_bytes(load_document(data))))
    assert any("Văn bản đến" in c.text for t in d.tables for c in t._cells)
