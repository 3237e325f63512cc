"""The header as the page image shows it, against the text layer (archive/crosscheck.py): a real
page rendered and read by Tesseract; a number the image shows and the layer lacks is reported."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.crosscheck import disagreements, header_image_text

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
pytestmark = pytest.mark.skipif(not (shutil.which("tesseract") and Path(SERIF).exists()),
                                reason="cần tesseract-ocr-vie và fonts-liberation2 (make run cài)")


def _page(tmp: Path, number: str, stamped: bool) -> Path:
    """An A4 header; with `stamped`, the number is a picture in the blank (as signing services
    stamp it), so the text layer says 'Số:      /QĐ-UBND'."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="serif", fontfile=SERIF)
    write = lambda xy, t, size=13: page.insert_text(xy, t, fontname="serif", fontsize=size)  # noqa: E731
    write((80, 60), "ỦY BAN NHÂN DÂN")
    write((300, 60), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12)
    write((90, 76), "TỈNH LAI CHÂU")
    write((330, 76), "Độc lập - Tự do - Hạnh phúc")
    write((80, 110), "Số:" + ("          " if stamped else f" {number}") + "/QĐ-UBND")
    write((300, 110), "Lai Châu, ngày 11 tháng 9 năm 2025")
    write((250, 150), "QUYẾT ĐỊNH", 14)
    write((120, 170), "Về việc công bố danh mục thủ tục hành chính")
    if stamped:
        art = pymupdf.open()
        p2 = art.new_page(width=29, height=18)
        p2.insert_font(fontname="serif", fontfile=SERIF)
        p2.insert_text((1, 13), number, fontname="serif", fontsize=13)
        page.insert_image(pymupdf.Rect(102, 97, 131, 115), pixmap=p2.get_pixmap(dpi=300))
    out = tmp / ("stamped.pdf" if stamped else "plain.pdf")
    doc.save(out)
    return out


def test_a_number_only_the_image_shows_is_reported(tmp_path):
    pdf = _page(tmp_path, "2362", stamped=True)
    from archive.readers import read_file

    ft = read_file(pdf)
    assert "2362" not in ft.text and ft.header_image and "2362" in ft.header_image
    notes = disagreements({"so": None, "ky_hieu": "QĐ-UBND", "date": "2025-09-11"}, ft.header_image)
    assert notes == ["số văn bản: lớp chữ của PDF ghi (trống), hình trang ghi 2362; xem lại trang 1"]


def test_agreement_says_nothing_and_a_wrong_layer_is_named(tmp_path):
    pdf = _page(tmp_path, "21", stamped=False)
    image = header_image_text(pdf, 595, 842)
    assert disagreements({"so": 21, "ky_hieu": "QĐ-UBND", "date": "2025-09-11"}, image) == []
    wrong = disagreements({"so": 12, "ky_hieu": "QĐ-UBND", "date": "2025-09-01"}, image)
    assert any("ghi 12, hình trang ghi 21" in n for n in wrong) and any("11/09/2025" in n for n in wrong)
