"""The Bản tổng hợp as a document a head can sign (issue 15): the conclusion after the table, Nơi nhận
and the signer, the optional "Nội dung dự thảo" column, a compact table whose long rows split, and
numbers ("30/2020/NĐ-CP", "311-CV/BTGTU") and parts ("Điều 7", "Khoản 5") that never break inside.

The round is seed 002's (tests/test_summary_docx.py): before this issue its 19 comments took 11
landscape pages grouped by agency and 10 by article."""
from __future__ import annotations

import copy
import re

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from archive.readers import docx_text
from generator import convert_to_pdf
from generator.checker import check_path
from generator.nobreak import NB_HYPHEN, NB_SPACE, keep_together, plain
from generator.summary import render_summary
from tests.conftest import has_soffice
from tests.docx_inspect import paragraph_texts
from tests.test_summary_docx import BNC, BTG, CA, GN, STP, SEED_DATA, data, summary_table

PAGES_BEFORE = {"agency": 11, "article": 10}
SIGNER = {"title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"}  # a deputy: KT. GIÁM ĐỐC (model.Signer's rule)
NOI_NHAN = ["UBND tỉnh (b/c)", "Sở Tư pháp", "Lưu: VT, TTBCXB"]
CONCLUSION = ("Trên đây là tổng hợp ý kiến góp ý của các cơ quan, đơn vị đối với dự thảo Quyết định ban hành Quy chế "
              "phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng; cơ quan soạn thảo đã tiếp thu 15 ý "
              "kiến, tiếp thu một phần 3 ý kiến và giải trình 1 ý kiến không tiếp thu để hoàn thiện dự thảo./.")


def body_after_table(path) -> list[str]:
    """The body's paragraphs (and the signature table's) after the summary table, in order."""
    body = list(docx.Document(str(path)).element.body)
    tbl = next(el for el in body if el.tag == qn("w:tbl") and "Nội dung góp ý" in "".join(
        t.text or "" for t in el.iter(qn("w:t"))))
    out = []
    for el in body[body.index(tbl) + 1:]:
        for p in el.iter(qn("w:p")):
            text = plain("".join(t.text or "" for t in p.iter(qn("w:t"))))
            if text.strip():
                out.append(text)
    return out


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    out = tmp_path_factory.mktemp("signed")
    return {g: render_summary(data(group_by=g, signer=SIGNER, noi_nhan=NOI_NHAN, drafter=None), out / f"{g}.docx")
            for g in ("agency", "article")}


def test_conclusion_from_the_counts_then_noi_nhan_and_signer(signed):
    after = body_after_table(signed["agency"])
    assert after == [CONCLUSION, "Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Tư pháp;", "- Lưu: VT, TTBCXB.",
                     "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    report = check_path(signed["agency"])
    assert report.kind == "tong_hop_y_kien" and report.errors == [], [(f.rule, f.message) for f in report.errors]


def test_typed_conclusion_and_no_signature_as_an_attachment(tmp_path):
    typed = "Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định"
    path = render_summary(data(ket_luan=typed), tmp_path / "kem_theo.docx")
    # an attachment of the Tờ trình: the conclusion ends the document, no Nơi nhận, no signer
    assert body_after_table(path) == [typed + "./."]
    # the default sentence says what is still open
    items = copy.deepcopy(SEED_DATA["items"])
    items[0]["status"] = items[0]["giai_trinh"] = None
    path = render_summary(data(items=items), tmp_path / "con_mo.docx")
    assert body_after_table(path)[0].endswith("giải trình 1 ý kiến không tiếp thu; còn 1 ý kiến đang nghiên cứu, chưa "
                                              "giải trình để hoàn thiện dự thảo./.")


def test_noi_nhan_alone_gives_the_block_and_bad_values_are_refused(tmp_path):
    path = render_summary(data(noi_nhan=["UBND tỉnh"]), tmp_path / "noi_nhan.docx")
    assert body_after_table(path)[1:] == ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT."]
    from generator.summary import validate_summary

    messages = validate_summary(data(cot_du_thao="có", noi_nhan={"a": 1}))
    assert any("(cot_du_thao)" in m for m in messages) and any("(noi_nhan)" in m for m in messages), messages


def test_wording_column_only_when_asked(tmp_path):
    items = copy.deepcopy(SEED_DATA["items"])
    items[4]["noi_dung_du_thao"] = "1. Thiết lập cơ chế phối hợp giữa các cơ quan trong việc theo dõi, xử lý."
    plain_path = render_summary(data(items=items), tmp_path / "khong_cot.docx")
    _, rows = summary_table(plain_path)
    assert "Nội dung dự thảo" not in rows[0] and all(len(r) in (1, 5) for r in rows)
    assert not any("Thiết lập cơ chế phối hợp giữa" in c for r in rows for c in r)

    path = render_summary(data(items=items, cot_du_thao=True), tmp_path / "co_cot.docx")
    tbl, rows = summary_table(path, head=["STT", "Điều, khoản dự thảo", "Nội dung dự thảo", "Nội dung góp ý",
                                          "Cơ quan góp ý", "Ý kiến tiếp thu, giải trình"])
    numbered = [r for r in rows[1:] if len(r) == 6]
    assert len(numbered) == 19
    assert numbered[4][2] == items[4]["noi_dung_du_thao"] and numbered[4][3] == items[4]["text"]
    assert numbered[0][2] == ""  # a topic has no wording of its own
    section = docx.Document(str(path)).sections[0]
    widths = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    usable = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert section.orientation == 1 and abs(sum(widths) - usable) <= 2 and len(widths) == 6
    assert check_path(path).errors == []


def test_rows_split_when_long_and_short_ones_stay_whole(tmp_path):
    tbl, rows = summary_table(render_summary(data(), tmp_path / "t.docx"))
    keep = {}
    for tr, row in zip(tbl.findall(qn("w:tr"))[1:], rows[1:]):
        if len(row) == 5:
            cs = tr.find(qn("w:trPr")).find(qn("w:cantSplit"))
            keep[row[0]] = cs.get(qn("w:val")) == "1"
    assert keep["1"] and keep["19"]  # two or three lines: whole
    assert not keep["8"] and not keep["18"]  # Ban Tuyên giáo's and Công an's long quotes may split


def test_symbols_do_not_break_but_read_back_plain(tmp_path):
    assert keep_together("Điều 7 khoản 4 điểm a") == NB_SPACE.join(["Điều", "7", "khoản", "4", "điểm", "a"])
    assert keep_together("Lao động - Thương binh và Xã hội") == "Lao động - Thương binh và Xã hội"
    assert keep_together("Cổng/trang thông tin") == "Cổng/trang thông tin"
    path = render_summary(data(), tmp_path / "ky_hieu.docx")
    raw = "".join(t.text or "" for t in docx.Document(str(path)).element.body.iter(qn("w:t")))
    assert f"30/\u20602020/\u2060NĐ{NB_HYPHEN}CP" in raw and f"Khoản{NB_SPACE}5" in raw
    assert "Sở Lao động - Thương binh" in raw  # words joined by a spaced dash still break as usual
    text = docx_text(path)  # what ingest, search and the checker read
    assert "Nghị định số 30/2020/NĐ-CP" in text and "311-CV/BTGTU" in text and "Khoản 5, Điều 7" in text
    assert not set(text) & {NB_HYPHEN, NB_SPACE, "\u2060"}


@pytest.fixture(scope="module")
def pdfs(signed):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice): chạy 'make test' để cài")
    return dict(zip(signed, convert_to_pdf(list(signed.values()))))


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_pdf_fewer_pages_whole_symbols_and_the_ending(pdfs, group_by):
    pages = [p.extract_text() or "" for p in PdfReader(str(pdfs[group_by])).pages]
    assert len(pages) < PAGES_BEFORE[group_by], len(pages)
    lines = [plain(x).strip() for p in pages for x in p.split("\n")]
    # every letter number and cited decree is whole on one line
    for token in (STP, GN, BTG, BNC, CA, "30/2020/NĐ-CP", "72/2013/NĐ-CP"):
        assert any(token in x for x in lines), token
    assert not [x for x in lines if re.search(r"(NĐ-|\d/)$", x)]
    # a part's word and its number on one line: "Điều" / "7" or "điểm" / "a," would read wrong
    cut = [(a, b) for a, b in zip(lines, lines[1:])
           if re.search(r"\b(Điều|Khoản|khoản)$", a) and re.match(r"0*\d", b)
           or re.search(r"\bđiểm$", a) and re.match(r"[a-zđ]\b", b)]
    assert not cut, cut
    text = re.sub(r"\s+", " ", plain(" ".join(pages)))
    assert CONCLUSION in text
    last = re.sub(r"\s+", " ", pages[-1])
    assert "Nơi nhận:" in last and "KT. GIÁM ĐỐC" in last and "Nguyễn Văn A" in last
    report = check_path(pdfs[group_by])
    assert report.errors == [], [(f.rule, f.message) for f in report.errors]
