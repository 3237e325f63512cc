"""The PDF side of the layout checker reads spans (PyMuPDF): sizes, bold/italic and margins of a
rendered page are judged by the same component rules as a Word file's.  Real LibreOffice, real
files: examples rendered, Word files changed at test time and rendered again."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt

import generator
from generator.checker import check_path
from generator.checker.pdf_reader import read_pdf
from generator.checker.sources import paras_from_pdf
from generator.checker.text import QUOC_HIEU, TIEU_NGU
from tests.conftest import example_inputs, has_soffice

pytestmark = pytest.mark.pdf


def errors(report) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in report.errors]


@pytest.mark.parametrize("name", sorted(example_inputs()))
def test_rendered_example_has_no_error(rendered_examples, name):
    report = check_path(rendered_examples[name]["pdf"])
    assert report.rule_set == "nd30" and not report.unreadable
    assert errors(report) == []


def test_pdf_lines_carry_size_bold_italic_and_position(rendered_examples):
    paras = paras_from_pdf(read_pdf(rendered_examples["cong_van"]["pdf"]))
    by_text = {p.text: p for p in paras}
    qh, tn = by_text[QUOC_HIEU], by_text[TIEU_NGU]
    assert {r.size for r in qh.runs if r.text.strip()} == {12.0} and all(r.bold for r in qh.runs if r.text.strip())
    assert {r.size for r in tn.runs if r.text.strip()} == {13.0}
    date = next(p for p in paras if ", ngày" in p.text)
    assert all(r.italic for r in date.runs if r.text.strip())
    (page, x0, y0, x1, y1), = qh.boxes
    assert page == 1 and 95 < x0 < x1 < 195 and 15 < y0 < 30  # mm: top right of page 1


def _body_paragraphs(doc):
    return [p for p in doc.paragraphs if p.text.strip() and p.alignment is not None
            and p.alignment == 3]  # WD_ALIGN_PARAGRAPH.JUSTIFY


def _body_11pt(doc):
    body = _body_paragraphs(doc)
    assert len(body) >= 2
    for p in body:
        for r in p.runs:
            r.font.size = Pt(11)


def _tieu_ngu_plain(doc):
    runs = [r for t in doc.tables for c in t._cells for p in c.paragraphs if p.text.startswith("Độc lập")
            for r in p.runs]
    assert runs
    for r in runs:
        r.font.bold = False


def _left_margin_15(doc):
    for s in doc.sections:
        s.left_margin = Mm(15)


def _no_rules(doc):
    """The drawn rules gone (the bottom borders of the body name's and the Tiêu ngữ's rule paragraphs)."""
    from docx.oxml.ns import qn

    borders = list(doc.element.body.iter(qn("w:pBdr")))
    assert len(borders) >= 2
    for b in borders:
        b.getparent().remove(b)


MUTATIONS = {
    "no_rules": (_no_rules, "ND30-RULE-LINE", "dưới Tiêu ngữ"),
    "body_11pt": (_body_11pt, "ND30-BODY-FONT-SIZE", "cỡ 11"),
    "tieu_ngu_not_bold": (_tieu_ngu_plain, "ND30-TIEU-NGU", "phải in đậm"),
    "left_margin_15mm": (_left_margin_15, "ND30-MARGIN", "lề trái"),
}


@pytest.fixture(scope="module")
def mutated_pdfs(tmp_path_factory):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    out = tmp_path_factory.mktemp("mutated")
    good = generator.render_docx(generator.load_document(example_inputs()["cong_van"]), out / "goc.docx")
    paths = []
    for name, (fn, _rule, _words) in MUTATIONS.items():
        doc = Document(str(good))
        fn(doc)
        doc.save(str(out / f"{name}.docx"))
        paths.append(out / f"{name}.docx")
    pdfs = generator.convert_to_pdf(paths)
    return dict(zip(MUTATIONS, pdfs))


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_pdf_is_reported_with_the_right_rule(mutated_pdfs, name):
    _fn, rule, words = MUTATIONS[name]
    report = check_path(mutated_pdfs[name])
    found = [m for r, m in errors(report) if r == rule]
    assert found and any(words in m for m in found), errors(report)
    others = {r for r, _ in errors(report)} - {rule}
    assert not others, errors(report)  # one slip, one rule: no cascade


def test_scanned_image_only_pdf_gets_no_error(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 280), False)
    pix.clear_with(200)
    page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    doc.save(str(path))
    report = check_path(path)
    assert not report.unreadable and report.errors == []


SANS = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")


@pytest.mark.skipif(not SANS.is_file(), reason="fonts-liberation2 không có")
def test_scanned_page_with_a_text_layer_is_not_measured(tmp_path):
    """A scan whose words lie under it (an OCR layer in a tiny font, off the margins): read for its
    words, never for its sizes or margins."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 280), False)
    pix.clear_with(220)
    page.insert_image(page.rect, pixmap=pix)
    page.insert_font(fontname="ls", fontfile=str(SANS))
    for k, line in enumerate(["UBND XÃ A", QUOC_HIEU, TIEU_NGU, "Số: 12/UBND-VP", "V/v thử"]):
        page.insert_text((10, 20 + 8 * k), line, fontsize=6, fontname="ls", render_mode=3)
    path = tmp_path / "scan_ocr.pdf"
    doc.save(str(path))
    report = check_path(path)
    assert report.rule_set == "nd30"  # its words were read
    layout_rules = {"ND30-FONT", "ND30-MARGIN", "ND30-QUOC-HIEU", "ND30-TIEU-NGU", "ND30-NUMBER-STYLE", "ND30-ISSUING-BODY"}
    assert not (report.rules_fired() & layout_rules), [(f.rule, f.message) for f in report.findings]


@pytest.mark.skipif(not SANS.is_file(), reason="fonts-liberation2 không có")
def test_first_page_of_a_phu_luc_needs_no_page_number(tmp_path):
    """nd30 §1: each phụ lục is numbered on its own, its first page showing no number (06_quyet_dinh.pdf
    ends with 'Phụ lục I' and 'Phụ lục II', each starting a page)."""
    import pymupdf

    serif = SANS.with_name("LiberationSerif-Regular.ttf")
    doc = pymupdf.open()
    pages = [["UBND XÃ A", QUOC_HIEU, TIEU_NGU, "Số: 12/UBND-VP", "Nội dung trang đầu."],
             ["2", "Nội dung trang hai./."], ["Phụ lục I", "DANH MỤC THỦ TỤC"], ["DANH MỤC (tiếp)"]]
    for lines in pages:
        page = doc.new_page(width=595.28, height=841.89)
        page.insert_font(fontname="sr", fontfile=str(serif))
        for k, line in enumerate(lines):
            page.insert_text((90, 70 + 20 * k), line, fontsize=13, fontname="sr")
    path = tmp_path / "phu_luc.pdf"
    doc.save(str(path))
    missing = [f.where for f in check_path(path).findings if f.rule == "ND30-PAGE-NUMBER-MISSING"]
    assert missing == ["trang 4"]  # the phụ lục's second page must be numbered; its first need not
