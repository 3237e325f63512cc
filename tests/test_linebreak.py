"""Titles break by meaning (generator/linebreak.py): never inside a word of two syllables, never
between a number and what it numbers, never one word alone on a line, the fewest lines that fit —
in the Word file and in the PDF LibreOffice prints of it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import layout, linebreak, load_document, metrics, render_bytes
from generator.checker import check_docx, check_pdf
from generator.pdf import convert_to_pdf
from tests.conftest import has_soffice

ROOT = Path(__file__).resolve().parent.parent
LONG = ("Ban hành Quy chế phối hợp quản lý, cung cấp thông tin trên không gian mạng trên địa bàn tỉnh "
        "và triển khai thực hiện Chỉ thị số 05/CT-UBND ngày 12 tháng 3 năm 2026")


def _cut_inside(lines: list[str]) -> list[str]:
    """The listed compounds a break cuts: the last syllable of a line and the first of the next."""
    words, _ = linebreak.compounds()
    cut = []
    for a, b in zip(lines, lines[1:]):
        for n in (1, 2):
            for m in (1, 2):
                left, right = a.lower().split()[-n:], b.lower().split()[:m]
                if " ".join(left + right) in words:
                    cut.append(" ".join(left + right))
    return cut


@pytest.mark.parametrize("size, bold, width", [(14, True, layout.TEXT_WIDTH), (12, False, layout.HEADER_LEFT - 216)])
def test_a_long_title_breaks_where_its_meaning_does(size, bold, width):
    lines = linebreak.meaning_lines(LONG, size, width, bold)
    assert " ".join(lines) == LONG and len(lines) >= 2
    assert all(metrics.text_width_twips(x, size, bold) <= width for x in lines)
    assert not _cut_inside(lines), lines
    assert all(len(x.split()) > 1 for x in lines), lines
    for word in ("số", "năm", "Chỉ thị"):  # a number stays with what it numbers, a name with its number
        assert not any(x.endswith(" " + word) for x in lines), lines
    # the greedy wrap Word would do cuts at least one of these rules
    greedy = metrics.wrap(LONG, size, width, bold)
    assert greedy != lines


def test_a_title_that_fits_stays_one_line():
    assert linebreak.meaning_lines("Về việc góp ý dự thảo", 14, layout.TEXT_WIDTH, True) == ["Về việc góp ý dự thảo"]


VOCAB = ["quản lý", "thông tin", "trên", "không gian mạng", "của", "Ủy ban nhân dân", "tỉnh", "về", "việc",
         "ban hành", "Quy chế", "số 12/2026/QĐ-UBND", "năm 2026", "phối hợp", "các", "cơ quan", "đơn vị", "và"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=30), st.sampled_from([(14, True), (12, False)]))
def test_any_title_keeps_its_words_and_fits(parts, font):
    size, bold = font
    text = " ".join(parts)
    width = layout.TEXT_WIDTH if bold else layout.HEADER_LEFT - 216
    lines = linebreak.meaning_lines(text, size, width, bold)
    assert " ".join(lines) == text
    assert all(metrics.text_width_twips(x, size, bold) <= width for x in lines)
    if len(text.split()) > len(lines):
        assert all(" " in x for x in lines), lines
    assert len(lines) <= len(metrics.wrap(text, size, width, bold)) + 1  # never much longer than Word's own


@pytest.mark.pdf
@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_the_printed_title_has_the_lines_computed(tmp_path):
    from generator.context import build_context

    docs, wanted = [], {}
    for kind in ("to_trinh", "cong_van"):
        data = json.loads((ROOT / "examples" / f"{kind}.json").read_text(encoding="utf-8"))
        data["trich_yeu"] = LONG[:1].lower() + LONG[1:] if kind == "cong_van" else LONG
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(render_bytes(load_document(data)))
        wanted[kind] = build_context(load_document(data))["subject_lines"]
        docs.append(path)
    pdfs = convert_to_pdf(docs)
    from pypdf import PdfReader

    for docx, pdf in zip(docs, pdfs):
        printed = [" ".join(x.split()) for x in PdfReader(str(pdf)).pages[0].extract_text().splitlines()]
        want = wanted[docx.stem]
        assert len(want) >= 2 and not _cut_inside(want), want
        for line in want:  # each computed line is a printed line (the header's columns may share one)
            assert any(line in x for x in printed), (docx.stem, line, printed[:20])
        assert not check_docx(docx).errors and not check_pdf(pdf).errors, docx.stem
