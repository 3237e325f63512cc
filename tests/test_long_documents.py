"""Long documents (examples/long/, three pages and more) as a clerk sends them: page numbers from
page 2 on, no page holding only the signature block, and the layout check of both the Word file and
the PDF without an error."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import load_document, render_bytes
from generator.checker import check_docx, check_pdf
from generator.pdf import convert_to_pdf
from tests.conftest import has_soffice

LONG = Path(__file__).resolve().parent.parent / "examples" / "long"
pytestmark = [pytest.mark.pdf, pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every long example as DOCX and PDF (one LibreOffice run for all)."""
    out = tmp_path_factory.mktemp("long")
    docs = []
    for path in sorted(LONG.glob("*.json")):
        docx = out / f"{path.stem}.docx"
        docx.write_bytes(render_bytes(load_document(json.loads(path.read_text(encoding="utf-8")))))
        docs.append(docx)
    pdfs = convert_to_pdf(docs)
    return list(zip(docs, pdfs))


def test_there_is_a_long_example_of_each_kind():
    from generator import GENERATED_KINDS

    assert {p.stem for p in LONG.glob("*.json")} == set(GENERATED_KINDS)


def test_pages_are_numbered_from_the_second_and_the_signature_never_stands_alone(rendered):
    for docx, pdf in rendered:
        pages = [[line.strip() for line in (p.extract_text() or "").splitlines() if line.strip()]
                 for p in PdfReader(str(pdf)).pages]
        assert len(pages) >= 3, (docx.name, len(pages))
        assert not pages[0][0].isdigit(), docx.name  # the first page is not numbered
        assert [p[0] for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)], docx.name
        last = pages[-1]
        before = last[1:last.index(next(x for x in last if x.startswith("Nơi nhận")))] \
            if any(x.startswith("Nơi nhận") for x in last) else last[1:]
        assert before, f"{docx.name}: the last page holds only the signature block"


def test_the_word_file_and_the_pdf_pass_the_layout_check(rendered):
    for docx, pdf in rendered:
        for report in (check_docx(docx), check_pdf(pdf)):
            assert not report.unreadable and not report.errors, (docx.name, [f.message for f in report.errors])
