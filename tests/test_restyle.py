"""Styles carry the formatting: every generated Word file, opened in a real LibreOffice whose Normal
style is then given another font, prints all its text in that font (a run that repeated Times New
Roman would stay serif); and the parts a reader navigates by are headings (the PDF's outline)."""
from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pymupdf
import pytest

from generator import load_document, render_bytes
from generator.summary import load_summary, render_summary_bytes
from tests.conftest import has_soffice
from tests.test_summary_docx import SEED_DATA

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
NEW_FONT = "Liberation Sans"


def _has_uno() -> bool:
    return Path(SYSTEM_PYTHON).exists() and subprocess.run([SYSTEM_PYTHON, "-c", "import uno"],
                                                          capture_output=True).returncode == 0


pytestmark = [pytest.mark.pdf,
              pytest.mark.skipif(not has_soffice() or not _has_uno(), reason="LibreOffice or python3-uno is not installed")]


def _report_with_table() -> dict:
    data = json.loads((ROOT / "examples" / "bao_cao.json").read_text(encoding="utf-8"))
    data["noi_dung"] = [*data["noi_dung"], {"bang": {"tieu_de": "Số liệu văn bản", "cot": ["Loại", "Số lượng"],
                                                   "dong": [["Văn bản đến", 120], ["Tổng cộng", 120]]}}]
    return data


@pytest.fixture(scope="module")
def restyled(tmp_path_factory):
    out = tmp_path_factory.mktemp("restyle")
    docs = {}
    for path in sorted((ROOT / "examples").glob("*.json")):
        docs[path.stem] = render_bytes(load_document(json.loads(path.read_text(encoding="utf-8"))))
    docs["bao_cao_bang"] = render_bytes(load_document(_report_with_table()))
    docs["tong_hop_y_kien"] = render_summary_bytes(load_summary(copy.deepcopy(SEED_DATA)))
    files = []
    for name, data in docs.items():
        (out / f"{name}.docx").write_bytes(data)
        files.append(str(out / f"{name}.docx"))
    done = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "lo_restyle.py"), NEW_FONT, str(out), *files],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {Path(line).stem: Path(line) for line in done.stdout.split()}


def _fonts(pdf: Path) -> dict[str, int]:
    fonts: dict[str, int] = {}
    with pymupdf.open(pdf) as doc:
        for page in doc:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if span["text"].strip():
                            fonts[span["font"]] = fonts.get(span["font"], 0) + len(span["text"].strip())
    return fonts


def test_every_document_follows_a_new_normal_font(restyled):
    assert len(restyled) >= 10
    for name, pdf in restyled.items():
        fonts = _fonts(pdf)
        stayed = {f: n for f, n in fonts.items() if not f.startswith(NEW_FONT.replace(" ", ""))}
        assert fonts and not stayed, (name, stayed)
        # bold and italic are the styles' own and survive the change of face
        assert any("Bold" in f for f in fonts) and any("Italic" in f for f in fonts), (name, fonts)


def test_parts_are_headings_in_the_navigation(restyled):
    toc = {name: [title for _, title, _ in pymupdf.open(pdf).get_toc()] for name, pdf in restyled.items()}
    assert toc["to_trinh"][0] == "TỜ TRÌNH" and any(t.startswith("I. ") for t in toc["to_trinh"]), toc["to_trinh"]
    assert toc["quyet_dinh"][0] == "QUYẾT ĐỊNH" and any(t.startswith("Điều 1.") for t in toc["quyet_dinh"])
    qc = toc["quyet_dinh_quy_che"]
    assert any(t.startswith("Chương I") for t in qc) and sum(t.startswith("Điều ") for t in qc) >= 3, qc
