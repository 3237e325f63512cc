"""OCR's misreadings of the words every header has (archive/ocrfix.py), and what is left alone."""
from __future__ import annotations

import pytest

from archive.ocrfix import repair_ocr


@pytest.mark.parametrize("read, meant", [
    ("THÀNH PHÓ CẢN THƠ      Độc lập - Tự do - Hạnh phúc", "THÀNH PHỐ CẦN THƠ      Độc lập - Tự do - Hạnh phúc"),
    ("KẺ HOẠCH", "KẾ HOẠCH"), ("NGHỊ QUYÉT", "NGHỊ QUYẾT"), ("HỘI ĐÓNG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"),
    ("TÍNH SƠN LA", "TỈNH SƠN LA"), ("TM. UY BAN NHAN DAN", "TM. ỦY BAN NHÂN DÂN"),
    ("Số: 70 /KH-UBND      Cân Thơ, ngày 15 tháng 9 năm 2025", "Số: 70 /KH-UBND      Cần Thơ, ngày 15 tháng 9 năm 2025"),
    ("ơi nhận: TM. ỦY BAN NHÂN DÂN", "Nơi nhận: TM. ỦY BAN NHÂN DÂN"), ("Nơinhậm      CHỦ TỊCH", "Nơi nhận:      CHỦ TỊCH"),
    ("ngày 10 tháng II năm 2022", "ngày 10 tháng 11 năm 2022"), ("ngày II] tháng 09", "ngày 11 tháng 09"),
    ("Sửa đồi, bổ sung", "Sửa đổi, bổ sung"), ("Luật Tổ chức chính quyên địa phương", "Luật Tổ chức chính quyền địa phương"),
    ("Nghị định số 11 4/2024/NĐ- CP", "Nghị định số 114/2024/NĐ-CP"), ("số 151/201 7/NĐ-CP", "số 151/2017/NĐ-CP"),
    ("QĐÐ-UBND", "QĐĐ-UBND"),
])
def test_put_right(read, meant):
    assert repair_ocr(read) == meant


@pytest.mark.parametrize("text", [
    "VỀ SỐ LƯỢNG, TÍNH TOÁN",  # one word folds into too many others: never touched
    "cần cù, bình định",  # lower-case words that fold like a phrase or a province are words
    "năm III", "năm II", "PHÓ CHỦ TỊCH", "Điều 11 năm 2024", "ngày 31 tháng 12 năm 2024",
    # words that fold like a phrase of the list, and a phrase across two columns
    "có quan tâm", "tại sân bay", "vẫn bán hàng", "- UBND các huyện, thành      PHÓ CHỦ TỊCH",
    "Nơi nhận hồ sơ: Bộ phận một cửa", "Noi nhanh chóng", "STT 1 15/2024/QĐ-UBND",
])

def test_left_alone(text):
    assert repair_ocr(text) == text


def test_twice_is_once():
    text = "Nghị định số 11 4/2024/NĐ- CP; THÀNH PHÓ CẢN THƠ; ngày II tháng 9"
    assert repair_ocr(repair_ocr(text)) == repair_ocr(text)
