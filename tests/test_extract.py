"""Splitting and metadata extraction against the gold file (written independently of any code)."""
from __future__ import annotations

import json

import pytest

from archive.citations import find_citations
from archive.extract import extract_all, extract_metadata, parse_date, parse_number
from archive.split import split_documents
from archive.store import META_KEYS

FIELDS = ["kind", "rule_set", "so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu",
          "kinh_gui", "signer_name", "signer_title", "authority", "noi_nhan", "can_cu"]
# every key the gold file carries; it has no do_mat, do_khan or status (tested on their own below)
MUST_BE_EXACT = {"so", "ky_hieu", "date", "kind"}
# floors at what is reached today, so a regression fails: 22 documents, one miss is 4.5%. signer_name
# reads 'Trần Đình Ninh' printed under the garbled block of 002 #17, where the gold file has null
FLOOR = {f: 1.0 for f in FIELDS} | {"signer_name": 0.95}


def gold(corpus) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for g in json.loads((corpus / "gold" / "seeds_metadata.json").read_text(encoding="utf-8")):
        out.setdefault(g["file"], []).append(g)
    return out


def same(field: str, got, want) -> bool:
    if field == "rule_set" and want == "other":
        want = "unknown"  # interfaces.md names it "unknown"; the gold file writes "other"
    if want in (None, []) and got in (None, []):
        return True
    return got == want


def test_split_counts_and_starts(corpus):
    for name, docs in gold(corpus).items():
        text = (corpus / "seeds" / name).read_text(encoding="utf-8")
        segs = split_documents(text)
        assert len(segs) == len(docs), name
        for seg, g in zip(segs, docs):
            assert seg.text.lstrip().startswith(g["starts_with"]), (name, g["index"], seg.text[:60])
        # nothing lost: the documents follow each other to the end, and only blank lines come before
        assert all(a.end == b.start for a, b in zip(segs, segs[1:])) and segs[-1].end == len(text)
        assert not text[:segs[0].start].strip()


def test_every_field_against_gold(corpus):
    right = {f: 0 for f in FIELDS}
    wrong: list[tuple] = []
    total = 0
    for name, docs in gold(corpus).items():
        metas = extract_all((corpus / "seeds" / name).read_text(encoding="utf-8"))
        for g, m in zip(docs, metas):
            total += 1
            assert list(m) == [*META_KEYS, "where"]  # the fields, then where each was read
            assert m["where"]["ky_hieu"]["line"] >= 1 if m["ky_hieu"] else True
            assert m["status"] == ("draft" if m["so"] is None else "issued"), (name, g["index"])
            assert all(v != "" for v in m.values()) and m["do_mat"] is None and m["do_khan"] is None
            for f in FIELDS:
                if same(f, m[f], g[f]):
                    right[f] += 1
                else:
                    wrong.append((name[:3], g["index"], f, m[f], g[f]))
    print(f"\nper-field accuracy over {total} documents:\n  {'field':<14} right  share  floor")
    for f in FIELDS:
        floor = 1.0 if f in MUST_BE_EXACT else FLOOR[f]
        print(f"  {f:<14} {right[f]:>2}/{total}  {right[f] / total:>5.0%}  {floor:>5.0%}")
    for w in wrong:
        print("  differs:", w)
    for f in FIELDS:
        floor = 1.0 if f in MUST_BE_EXACT else FLOOR[f]
        assert right[f] / total >= floor, (f, [w for w in wrong if w[2] == f])


@pytest.mark.parametrize("line, so, ky_hieu", [
    ("Số: 40 /TTr-STTTT", 40, "TTr-STTTT"), ("Số 311 - CV/BTGTU", 311, "CV/BTGTU"),
    ("Số: 01/2023/QĐ-UBND", 1, "2023/QĐ-UBND"), ("Số: /QĐ-UBND", None, "QĐ-UBND"),
    ("Số:      /TTr-STP", None, "TTr-STP"), ("Số 585 /STTTT- TTBCXB", 585, "STTTT-TTBCXB"),
    ("Số: 110CV-VHTT", 110, "CV-VHTT"), ("**Số: 853 /UBND-VH&TT**", 853, "UBND-VH&TT"),
    ("Số 180 -CV/BNCTU", 180, "CV/BNCTU"), ("Số 41-CV/BDN", 41, "CV/BDN"), ("Số: 51 /VHTT", 51, "VHTT"),
    ("Số: 12/2021/NĐ-CP", 12, "2021/NĐ-CP"), ("Số: 05 / QĐ - UBND", 5, "QĐ-UBND"),
    ("Số: .../QĐ-UBND", None, "QĐ-UBND"), ("Số: ……/TTr-STP", None, "TTr-STP"), ("Số: 7/KH-UBND;", 7, "KH-UBND"),
    ("Kính gửi: Sở Tư pháp", None, None),
])
def test_number_and_symbol(line, so, ky_hieu):
    assert parse_number(line) == (so, ky_hieu)


@pytest.mark.parametrize("line, place, iso", [
    ("Đắk Nông, ngày 06 tháng 7 năm 2021", "Đắk Nông", "2021-07-06"),
    ("**Đắk Nông, ngày 9 tháng 6 năm 2021**", "Đắk Nông", "2021-06-09"),
    ("Hà Nội, ngày  05  tháng 02 năm 2021", "Hà Nội", "2021-02-05"),
    ("Triệu Sơn, ngày tháng năm 2020", "Triệu Sơn", None),  # a draft: day and month blank
    ("Đắk Nông, ngày tháng 7 năm 2021", "Đắk Nông", None),  # only the month: still no date
    ("Lâm Đồng, ngày … tháng … năm 2026", "Lâm Đồng", None),
    ("Lâm Đồng, ngày .... tháng 12 năm 2026", "Lâm Đồng", None),
    ("Ngọc Hôi, ngày 31 tháng 02 năm 2021", "Ngọc Hôi", None),  # no such day: unknown, not wrong
    ("Hà Nội, 05/02/2021", "Hà Nội", "2021-02-05"),  # against ND30, but the date is clear
    ("ĐẾN Ngày 19 tháng 5 năm 21", None, None),  # an incoming stamp, not a date line
    ("ngày 26/10/2021 về việc", None, None),
])
def test_date_line(line, place, iso):
    assert parse_date(line) == (place, iso)


def test_garbled_signature_block_gives_no_title():
    """A signature stamp laid over the block ('KT. PHÒNG / PHÒNG / THÔNG TIN'): no title or authority
    is read from its fragments; a printed name under it still is."""
    text = ("UBND HUYỆN A\nPHÒNG VĂN HÓA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "A, ngày 10 tháng 5 năm 2021\n\nSố: 51 /VHTT\nV/v góp ý\n\nKính gửi: Sở B.\n\nThống nhất./.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. PHÒNG\nPHÒNG\n\nTHÔNG TIN\nEmail:\n\nTrần Văn Ba\n")
    meta = extract_metadata(text)
    assert (meta["signer_title"], meta["authority"], meta["signer_name"]) == (None, None, "Trần Văn Ba")
    whole = text.replace("KT. PHÒNG\nPHÒNG\n\nTHÔNG TIN\nEmail:", "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG")
    meta = extract_metadata(whole)
    assert (meta["signer_title"], meta["authority"]) == ("PHÓ TRƯỞNG PHÒNG", "KT. TRƯỞNG PHÒNG")


def test_draft_has_no_number_and_is_a_draft():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN A\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Số: .../QĐ-UBND\n\nA, ngày ... tháng ... năm 2026\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n")
    meta = extract_metadata(text)
    assert (meta["so"], meta["ky_hieu"], meta["date"], meta["status"], meta["kind"]) == (
        None, "QĐ-UBND", None, "draft", "quyet_dinh")
    assert (meta["issuing_body"], meta["parent_body"]) == ("ỦY BAN NHÂN DÂN HUYỆN A", None)  # one body, two lines
    assert all(v != "" for v in meta.values())  # missing is null, never ""


def test_citations_are_normalised():
    assert find_citations("Căn cứ Nghị định số 27/2018/NĐ-CP … của Nghị định số 72/2013/NĐ-CP;") == [
        "27/2018/NĐ-CP", "72/2013/NĐ-CP"]
    assert find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;") == [
        "Luật Tổ chức chính quyền địa phương"]
    assert find_citations("tại văn bản số 408-/STTTT-TTBCXB, ngày 29/4/2021") == ["408/STTTT-TTBCXB"]
    assert find_citations("Kế hoạch số 31-KH/BCĐ ngày 6/4/2021") == ["31-KH/BCĐ"]
    assert find_citations("ngày 26/10/2021 về việc") == []


def test_draft_date_and_generated_document_round_trip(tmp_path):
    """A document vanthu generates reads back as what was typed."""
    import generator
    from tests.conftest import example_inputs

    data = example_inputs()["cong_van"]
    path = generator.render_docx(generator.load_document(data), tmp_path / "cv.docx")
    from archive.readers import read_file

    meta = extract_metadata(read_file(path).text)
    assert (meta["so"], meta["ky_hieu"], meta["date"]) == (data["so"], "STP-HCTP", data["date"])
    assert meta["kind"] == "cong_van" and meta["trich_yeu"].startswith("góp ý dự thảo")
    assert meta["signer_name"] == data["signer"]["name"]


TWO_COLUMNS = """UBND TỈNH ĐẮK NÔNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                                  Độc lập - Tự do - Hạnh phúc
Số: 7/SNV-VP                         Đắk Nông, ngày 12 tháng 5 năm 2021
V/v góp ý dự thảo Quy chế

Kính gửi: Sở Thông tin và Truyền thông.

Sở Nội vụ thống nhất với dự thảo, không có ý kiến khác./.

Nơi nhận:                                   GIÁM ĐỐC
- Như trên;
- Lưu: VT, VP.                              Nguyễn Văn An
"""


def test_two_columns_exported_side_by_side():
    """A header and a signature laid out in two columns and saved as text with spaces between them
    (as `pdftotext -layout` or a Word table saved as text does) are read column by column."""
    m = extract_metadata(TWO_COLUMNS)
    assert (m["so"], m["ky_hieu"], m["place"], m["date"]) == (7, "SNV-VP", "Đắk Nông", "2021-05-12")
    assert (m["issuing_body"], m["parent_body"]) == ("SỞ NỘI VỤ", "UBND TỈNH ĐẮK NÔNG")
    assert (m["signer_title"], m["signer_name"]) == ("GIÁM ĐỐC", "Nguyễn Văn An")
    assert m["noi_nhan"] == ["Như trên;", "Lưu: VT, VP."]


@pytest.mark.parametrize("text, iso", [("15/07/2021", "2021-07-15"), ("5-7-2021", "2021-07-05"),
                                       ("05.07.2021", "2021-07-05"), ("2021-07-15", "2021-07-15"),
                                       (" 2021-7-5 ", "2021-07-05")])
def test_typed_dates(text, iso):
    from archive.dates import typed_date, written

    assert typed_date(text).isoformat() == iso
    assert written(iso) == f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"


@pytest.mark.parametrize("text, words", [("31/02/2021", "không có trong lịch"), ("hôm qua", "dd/mm/yyyy"),
                                         ("15/07/21", "không phải là ngày"), ("", "không phải là ngày")])
def test_typed_dates_refused(text, words):
    from archive.dates import typed_date

    with pytest.raises(ValueError, match=words):
        typed_date(text)
