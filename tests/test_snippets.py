"""Snippets: the passage with the most matches, marks on whole words, diacritics respected."""
from __future__ import annotations

from index.snippets import snippet


def test_folded_terms_mark_the_text_as_written():
    out = snippet("Ủy ban nhân dân tỉnh Đắk Nông ban hành quy chế.", ["dak", "nong"])
    assert "<mark>Đắk</mark> <mark>Nông</mark>" in out


def test_exact_terms_mark_only_their_own_spelling():
    text = "Cổng thông tin điện tử của Cộng hòa xã hội chủ nghĩa Việt Nam."
    out = snippet(text, ["cong"], exact_terms=["cổng"])
    assert "<mark>Cổng</mark>" in out and "<mark>Cộng</mark>" not in out


def test_whole_words_only_and_html_escaped():
    out = snippet("Thông tin <b>xấu</b> & thông tin độc; thôngtin.", ["thong", "tin"])
    assert out.count("<mark>") == 4 and "&lt;b&gt;" in out and "thôngtin" in out


def test_window_goes_where_the_matches_are_densest():
    filler = "lorem ipsum dolor " * 40
    text = f"{filler} quy chế {filler} quy chế phối hợp quy chế phối hợp {filler}"
    out = snippet(text, ["quy", "che", "phoi", "hop"])
    assert out.count("<mark>") == 8 and out.startswith("…") and out.endswith("…")


def test_no_match_gives_the_opening_and_symbols_are_joined():
    # the number is found however the document spaces it, and shown as the document writes it
    assert snippet("Số: 40 /TTr-STTTT về việc", ["40/ttr-stttt"]).count("<mark>40 /TTr-STTTT</mark>") == 1
    assert snippet("Số 311 - CV/BTGTU", ["311-cv/btgtu"]).count("<mark>311 - CV/BTGTU</mark>") == 1
    assert snippet("abc " * 100, ["zzz"]).endswith("…")


def test_bold_markers_of_exported_text_are_not_shown():
    out = snippet("**UBND TỈNH ĐẮK NÔNG**\n**SỞ TƯ PHÁP** ban hành quy chế", ["quy", "che"])
    assert "*" not in out and "SỞ TƯ PHÁP ban hành <mark>quy</mark> <mark>chế</mark>" in out


def test_a_long_text_is_read_a_part_at_a_time_and_still_finds_its_match():
    from index import snippets

    filler = "Nội dung văn bản được lưu trong kho. " * 2000  # ~74,000 characters
    deep = filler + "Quyết định về Cổng thông tin điện tử tỉnh Đắk Nông. " + filler
    out = snippets.snippet(deep, ["dak", "nong"])
    assert "<mark>Đắk</mark> <mark>Nông</mark>" in out and out.startswith("…") and out.endswith("…")
    # a match lying across the boundary of two parts is found whole
    cut = snippets.CHUNK - 3
    across = "x " * (cut // 2) + "Đắk Nông " + "y " * 100
    assert "<mark>Đắk</mark> <mark>Nông</mark>" in snippets.snippet(across, ["dak", "nong"])
    # no match anywhere: the beginning, marked as cut
    none = snippets.snippet(deep, ["khongco"])
    assert none.startswith("Nội dung văn bản") and none.endswith("…") and "<mark>" not in none
