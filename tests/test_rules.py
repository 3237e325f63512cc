"""The Nghị định 30 rules, one small function at a time (nd30.md section numbers in names)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from generator import rules
from generator.rules import PartialDate


# --- số / ký hiệu -------------------------------------------------------------------------

@pytest.mark.parametrize("so, code, line", [
    (5, "QĐ-UBND", "Số: 05/QĐ-UBND"),
    (40, "TTr-STTTT", "Số: 40/TTr-STTTT"),
    (1234, "STP-VP", "Số: 1234/STP-VP"),
    (None, "QĐ-UBND", "Số:      /QĐ-UBND"),
])
def test_number_line(so, code, line):
    assert rules.number_line(so, code) == line


@given(st.integers(min_value=1, max_value=999_999))
def test_number_line_never_has_space_before_slash(so):
    line = rules.number_line(so, "TTr-STP")
    assert " /" not in line and line.startswith("Số: ")
    assert int(line[4:line.index("/")]) == so


@pytest.mark.parametrize("kind, body, unit, year, expected", [
    ("quyet_dinh", "UBND", None, None, "QĐ-UBND"),
    ("to_trinh", "STTTT", None, None, "TTr-STTTT"),
    ("bao_cao", "STP", None, None, "BC-STP"),
    ("quy_dinh", "UBND", None, None, "QyĐ-UBND"),
    ("cong_van", "UBND", "VH&TT", None, "UBND-VH&TT"),
    ("quyet_dinh", "UBND", None, 2023, "2023/QĐ-UBND"),
])
def test_ky_hieu(kind, body, unit, year, expected):
    assert rules.ky_hieu(kind, body, unit, year) == expected


def test_cong_van_without_unit_has_no_ky_hieu():
    with pytest.raises(ValueError):
        rules.ky_hieu("cong_van", "UBND")


def test_every_numbered_kind_has_an_abbreviation_and_cong_van_none():
    for kind in ("quyet_dinh", "to_trinh", "bao_cao", "ke_hoach", "thong_bao", "chi_thi", "quy_che", "quy_dinh"):
        assert rules.abbreviation(kind)
    assert rules.abbreviation("cong_van") is None
    assert rules.abbreviation("tong_hop_y_kien") is None


@pytest.mark.parametrize("code, ok", [("UBND", True), ("VH&TT", True), ("STTTT-TTBCXB", True),
                                      ("ubnd", False), ("UB ND", False), ("-UBND", False), ("", False)])
def test_valid_code(code, ok):
    assert rules.valid_code(code) is ok


def test_kinds_spelled_with_dash():
    assert rules.normalise_kind("quyet-dinh") == "quyet_dinh"
    assert rules.normalise_kind(" To_Trinh ") == "to_trinh"
    assert rules.normalise_kind("giay-moi") == "giay_moi"  # every kind of Điều 7 (nd30.md §3)
    assert len(rules.ND30_KINDS) == 29 and rules.normalise_kind("giay_bao") is None


# --- date line ----------------------------------------------------------------------------

@pytest.mark.parametrize("date, line", [
    (dt.date(2021, 2, 5), "Đắk Nông, ngày 05 tháng 02 năm 2021"),
    (dt.date(2021, 1, 31), "Đắk Nông, ngày 31 tháng 01 năm 2021"),
    (dt.date(2021, 7, 6), "Đắk Nông, ngày 06 tháng 7 năm 2021"),
    (dt.date(2021, 12, 10), "Đắk Nông, ngày 10 tháng 12 năm 2021"),
    (PartialDate(2026), "Đắk Nông, ngày … tháng … năm 2026"),
    (PartialDate(2021, 7), "Đắk Nông, ngày … tháng 7 năm 2021"),
])
def test_date_line(date, line):
    assert rules.date_line("Đắk Nông", date) == line


@given(st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_date_line_zero_rule(date):
    words = rules.date_words(date).split()
    assert words[0] == "ngày" and words[2] == "tháng" and words[4] == "năm"
    day, month = words[1], words[3]
    assert len(day) == 2 and int(day) == date.day  # days under 10 take a zero
    assert int(month) == date.month
    assert month.startswith("0") == (date.month <= 2)  # only months 1 and 2 do


# --- subject, lists -----------------------------------------------------------------------

def test_subject_lines():
    assert rules.subject_line("cong_van", "góp ý dự thảo", False) == "V/v góp ý dự thảo"
    assert rules.subject_line("to_trinh", "ban hành Quy chế", True) == "Về việc ban hành Quy chế"
    assert rules.subject_line("quyet_dinh", "ban hành Quy chế", False) == "Ban hành Quy chế"
    assert rules.default_ve_viec("quyet_dinh", has_attachment=True) is False
    assert rules.default_ve_viec("quyet_dinh", has_attachment=False) is True
    assert rules.default_ve_viec("to_trinh", False) is True
    assert rules.default_ve_viec("bao_cao", False) is False


def test_can_cu_punctuation():
    lines = rules.can_cu_lines(["Căn cứ Luật A.", "Căn cứ Nghị định B;"], "Theo đề nghị của Giám đốc Sở")
    assert lines == ["Căn cứ Luật A;", "Căn cứ Nghị định B;", "Theo đề nghị của Giám đốc Sở."]


def test_kinh_gui_one_and_many():
    assert rules.kinh_gui_lines(["Ủy ban nhân dân tỉnh Lâm Đồng."]) == ["Ủy ban nhân dân tỉnh Lâm Đồng."]
    assert rules.kinh_gui_lines(["Sở Tư pháp", "Sở Nội vụ;"]) == ["- Sở Tư pháp;", "- Sở Nội vụ."]


def test_noi_nhan_punctuation_and_luu():
    lines = rules.noi_nhan_lines(["Như kính gửi", "- Giám đốc Sở.", "Lưu VT, TTBCXB"], ["VP"], nhu_tren=True)
    assert lines == ["- Như trên;", "- Giám đốc Sở;", "- Lưu: VT, VP, TTBCXB."]


def test_noi_nhan_adds_nhu_tren_once_and_copies():
    lines = rules.noi_nhan_lines(["Như trên", "UBND tỉnh (b/c)"], ["VP", "VT", "VP"], nhu_tren=True, copies=2)
    assert lines == ["- Như trên;", "- UBND tỉnh (b/c);", "- Lưu: VT, VP 02."]
    assert rules.noi_nhan_lines([], [], nhu_tren=False) == ["- Lưu: VT."]


@given(st.lists(st.text(alphabet="abcđơư ;.,-", min_size=1, max_size=20), max_size=8))
def test_noi_nhan_shape(items):
    lines = rules.noi_nhan_lines(items, ["VP"], nhu_tren=False)
    assert lines[-1] == "- Lưu: VT, VP."
    for line in lines[:-1]:
        assert line.startswith("- ") and line.endswith(";") and not line.endswith(";;")


# --- signer, endings, numbering -------------------------------------------------------------

def test_signer_lines():
    assert rules.signer_lines("Ủy ban nhân dân", "KT", "Chủ tịch", "Phó Chủ tịch") == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert rules.signer_lines(None, None, None, "GIÁM ĐỐC") == ["GIÁM ĐỐC"]
    assert rules.signer_lines(None, "TL", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG") == ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]
    assert rules.signer_lines(None, "Q", "GIÁM ĐỐC", None) == ["Q. GIÁM ĐỐC"]
    assert rules.signer_lines(None, "TUQ", "CHỦ TỊCH", "GIÁM ĐỐC SỞ") == ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ"]


@pytest.mark.parametrize("text, out", [("Xin trân trọng cảm ơn.", "Xin trân trọng cảm ơn./."),
                                       ("thi hành", "thi hành./."), ("đã xong./.", "đã xong./."),
                                       ("như sau:", "như sau./.")])
def test_closing_mark(text, out):
    assert rules.with_closing_mark(text) == out


def test_roman_and_diem_letters():
    assert [rules.roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert [rules.diem_label(i) for i in range(6)] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    letters = {rules.diem_label(i)[0] for i in range(40)}
    assert not letters & set("fjwz")


def test_rule_indents_are_centred_and_proportional():
    width = 5000
    left, right = rules.rule_indents(["SỞ TƯ PHÁP"], 12, True, width)
    left2, right2 = rules.rule_indents(["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"], 12, True, width)
    assert abs(left - right) <= 1 and abs(left2 - right2) <= 1
    assert width - left2 - right2 > width - left - right  # a longer name gets a longer rule


def test_kinh_gui_typed_dashes_are_not_doubled():
    assert rules.kinh_gui_lines(["- Sở Nội vụ", "- Sở Tài chính;"]) == ["- Sở Nội vụ;", "- Sở Tài chính."]
    assert rules.kinh_gui_lines(["- Ủy ban nhân dân tỉnh"]) == ["Ủy ban nhân dân tỉnh"]


def test_rule_under_a_wrapped_line_is_measured_on_the_printed_line():
    """A trích yếu of three printed lines gets a rule of 1/3–1/2 of one line, not of the whole string."""
    width = 9355  # the text width of A4 with 30/15 mm margins, twips
    long_subject = "Ban hành Quy chế phối hợp theo dõi, xử lý phản ánh, kiến nghị của người dân " * 3
    left, right = rules.rule_indents([long_subject], 14, True, width)
    length = width - left - right
    assert width / 3 <= length <= width / 2


def test_wrap_keeps_every_word_in_order():
    from generator import metrics

    text = "Ủy ban nhân dân tỉnh Lâm Đồng ban hành kế hoạch số hóa hồ sơ lưu trữ"
    lines = metrics.wrap(text, 12, 3000, bold=True)
    assert len(lines) > 1 and " ".join(lines) == text
    assert all(metrics.text_width_twips(x, 12, True) <= 3000 for x in lines if " " in x)
