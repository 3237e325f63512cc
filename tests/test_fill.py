"""Writing the number and date into a draft's own Word file (generator/fill.py)."""
from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from docx import Document as Docx

from generator.fill import FillError, fill_number

ON = dt.date(2026, 2, 5)


def _draft(*lines: list[str]) -> bytes:
    """A Word file whose paragraphs are made of the given runs (as Word splits them)."""
    d = Docx()
    table = d.add_table(rows=1, cols=2)
    for runs in lines:
        p = table.rows[0].cells[0].add_paragraph() if runs[0].startswith("Số") else d.add_paragraph()
        for text in runs:
            p.add_run(text).italic = "ngày" in unicodedata.normalize("NFC", text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _texts(data: bytes) -> list[str]:
    d = Docx(io.BytesIO(data))
    return [p.text for p in d.paragraphs] + [p.text for c in d.tables[0].rows[0].cells for p in c.paragraphs]


@pytest.mark.parametrize("number, date", [
    (["Số:", "      ", "/QĐ-UBND"], ["Hà Nội, ngày", " … ", "tháng … năm 2026"]),
    (["Số: …/QĐ-UBND"], ["Hà Nội, ngày ... tháng ... năm 20..."]),
    (["Số:        /QĐ-UBND"], ["Hà Nội, ngày      tháng 02 năm 2026"]),
    (["Số:      /QĐ - UBND"], ["Hà Nội, ngày 28 tháng 02 năm 2026"]),  # a day typed ahead is the day now
    ([unicodedata.normalize("NFD", "Số:      /QĐ-UBND")], [unicodedata.normalize("NFD", "Hà Nội, ngày … tháng … năm 2026")]),
])
def test_blank_number_and_date_are_filled_in_their_own_runs(number, date):
    filled, code = fill_number(_draft(["Mở đầu"], number, date, ["Nội dung giữ nguyên."]), 6, ON)
    texts = _texts(filled)
    assert code == "QĐ-UBND"
    assert "Số: 06/QĐ-UBND" in texts
    assert any(unicodedata.normalize("NFC", t).endswith("ngày 05 tháng 02 năm 2026") for t in texts)
    assert "Nội dung giữ nguyên." in texts and "Mở đầu" in texts
    run = next(p for p in Docx(io.BytesIO(filled)).paragraphs if "ngày 05" in p.text).runs
    assert len(run) == 1 and run[0].italic  # the first run's formatting kept


def test_a_legal_normative_number_keeps_its_year():
    filled, code = fill_number(_draft(["Số:      /2026/QĐ-UBND"], ["Lâm Đồng, ngày … tháng … năm 2026"]), 12, ON)
    assert code == "2026/QĐ-UBND" and "Số: 12/2026/QĐ-UBND" in _texts(filled)


def test_a_numbered_or_blankless_file_is_refused():
    with pytest.raises(FillError, match="đã có số"):
        fill_number(_draft(["Số: 05/QĐ-UBND"]), 6, ON)
    with pytest.raises(FillError, match="không thấy dòng “Số"):
        fill_number(_draft(["Không có dòng số"]), 6, ON)
    with pytest.raises(FillError, match="không thấy dòng địa danh"):
        fill_number(_draft(["Số:      /QĐ-UBND"], ["Không có ngày"]), 6, ON)
    with pytest.raises(FillError, match="không mở được"):
        fill_number(b"PK\x03\x04 not a zip", 6, ON)
