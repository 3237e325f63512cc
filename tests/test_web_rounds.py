"""The comment-round workspace in the web (/rounds, /rounds/<id>, /api/rounds…) on the real seed 002: opening
a round through the form, refusals beside their field that write nothing, the draft by part beside the
comments by article, responses typed in place, corrections, letters in, the Bản tổng hợp download, the JSON,
CSRF — and one real Chromium typing a response."""
from __future__ import annotations

import io
import re

import docx
import lxml.html
import pytest

from archive.rounds import open_round, respond, round_state
from tests.test_browser import live_server, page  # noqa: F401  (fixtures)
from tests.test_rounds_store import (AGENCIES, AGREED, COMMENTED, DEADLINE, LETTER, OTHERS, comment_of, counts,  # noqa: F401
                                     full_round, seeded)
from webui import create_app

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture()
def client(data_dir):
    app = create_app({"TESTING": True, "LOGIN_DISABLED": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})
    return app.test_client()


def html(resp) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(resp.get_data(as_text=True))


def text_of(tree, xpath: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))


# --- /rounds: the list and opening a round -------------------------------------------------------------

def test_open_a_round_through_the_form(client, seeded):
    page = html(client.get("/rounds"))
    # the draft decision of the seed is offered, by its number and trích yếu
    options = {o.get("value"): o.text_content() for o in page.xpath("//select[@name='draft_id']/option")}
    assert str(seeded["draft"]) in options and "…/QĐ-UBND" in options[str(seeded["draft"])]
    assert "Chưa có vòng lấy ý kiến nào" in page.text_content()
    r = client.post("/rounds", data={"draft_id": str(seeded["draft"]), "agencies": "\r\n".join(AGENCIES) + "\r\n\r\n",
                                     "deadline": "31/05/2021", "title": ""})
    assert r.status_code == 303
    rid = int(re.search(r"/rounds/(\d+)$", r.headers["Location"]).group(1))
    s = round_state(rid)
    assert s["consulted"] == AGENCIES and s["deadline"] == "2021-05-31"
    assert s["title"].startswith("Quy chế phối hợp theo dõi")  # read from the draft when none is typed
    work = client.get(r.headers["Location"]).get_data(as_text=True)
    assert f"Đã mở vòng lấy ý kiến số {rid}" in work
    listed = html(client.get("/rounds"))
    row = text_of(listed, "//table[contains(@class,'rounds')]//tr[td]")
    assert "31/05/2021" in row and "30" in row and "Đang lấy ý kiến" in row


@pytest.mark.parametrize("field, value, words", [
    ("deadline", "31/02/2021", "không phải là ngày"),
    ("draft_id", "99999", "không có văn bản số 99999 trong kho"),
    ("draft_id", "", "Chọn dự thảo"),
    ("agencies", " \r\n- ;\r\n", "ít nhất một cơ quan"),
])
def test_open_refusals_are_shown_beside_the_field_and_write_nothing(client, seeded, field, value, words):
    form = {"draft_id": str(seeded["draft"]), "agencies": "Sở Tư pháp\nCông an tỉnh", "deadline": "31/05/2021",
            "title": "Dự thảo lần 1"}
    before = counts()
    r = client.post("/rounds", data={**form, field: value})
    assert r.status_code == 422
    page = html(r)
    assert words in text_of(page, f"//*[@id='err-{field}']")
    assert page.xpath(f"//*[@name='{field}']/@aria-invalid") == ["true"]
    # what was typed is still there
    assert page.xpath("//input[@name='title']/@value") == ["Dự thảo lần 1"]
    assert counts() == before


def test_a_second_round_on_the_revised_draft(client, full_round):
    form = {"draft_id": str(full_round["draft"]), "agencies": "Sở Tư pháp", "deadline": "15/06/2021"}
    before = counts()
    bad = client.post("/rounds", data={**form, "previous_round_id": "99"})
    assert bad.status_code == 422 and "Không có vòng lấy ý kiến số 99" in text_of(html(bad), "//*[@id='err-previous_round_id']")
    assert counts() == before
    answered = comment_of(round_state(full_round["round"]), "Ban Nội chính Tỉnh ủy", "Điều 7 khoản 4 điểm a")
    respond(answered["id"], "tiep_thu_mot_phan", "Tiếp thu ý chỉ đạo; giữ nhiệm vụ chủ trì.", "cv")
    r = client.post("/rounds", data={**form, "previous_round_id": str(full_round["round"])})
    assert r.status_code == 303
    s = round_state(int(r.headers["Location"].rsplit("/", 1)[1]))
    assert s["number"] == 2 and s["previous_round_id"] == full_round["round"]
    # the answer of the round before is shown beside the draft it was carried onto
    carried = text_of(html(client.get(r.headers["Location"])), "//*[@id='vong-truoc']")
    assert "Ban Nội chính Tỉnh ủy" in carried and "Tiếp thu một phần: Tiếp thu ý chỉ đạo" in carried


def test_a_letter_is_not_a_draft(client, seeded):
    before = counts()
    r = client.post("/rounds", data={"draft_id": str(seeded["letters"][(487, "STP-VP")]), "agencies": "Sở Tư pháp",
                                     "deadline": "31/05/2021"})
    assert r.status_code == 422 and "không phải dự thảo" in text_of(html(r), "//*[@id='err-draft_id']")
    assert counts() == before


# --- the workspace ------------------------------------------------------------------------------------------

def test_the_workspace_of_seed_002(client, full_round):
    rid = full_round["round"]
    page = html(client.get(f"/rounds/{rid}"))
    agreed = text_of(page, "//*[@id='thong-nhat']")
    assert agreed.count(";") == 5 and all(a in agreed for a in AGREED)
    # the deadline (31/05/2021) has passed: the 19 who did not reply are named, in red
    late = page.xpath("//*[@id='chua-tra-loi']")[0]
    assert "overdue" in late.get("class") and "Quá hạn" in late.text_content()
    assert all(name in late.text_content() for name in OTHERS)
    assert "Ban Tuyên giáo Tỉnh ủy" not in late.text_content()
    # the draft on one side, part by part, with the marks leading to the comments
    draft = page.xpath("//section[contains(@class,'draft-pane')]")[0]
    khoan = draft.xpath(".//*[@id='quy_che-dieu-3-khoan-1']")[0]
    assert "Không gian mạng là mạng lưới" in khoan.text_content() and "1 ý kiến" in khoan.text_content()
    assert "Luật An ninh mạng" in text_of(draft, ".//*[@id='quyet_dinh-can-cu']")
    # the 19 comments on the other, grouped by article in the draft's order
    groups = page.xpath("//section[contains(@class,'comment-group')]")
    comments = page.xpath("//article[contains(@class,'comment')]")
    assert len(comments) == 19
    heads = [" ".join(g.xpath("./h3")[0].text_content().split()) for g in groups]
    labels = [h.split(" xem trong")[0] for h in heads]
    assert labels[0].startswith("Căn cứ ban hành") and labels[-1].startswith("Thể thức")
    assert labels.index("Thẩm quyền ký") < labels.index("Điều 1 — dự thảo quy chế") < \
        labels.index("Điều 7 — dự thảo quy chế")
    by_group = {lab: g for lab, g in zip(labels, groups)}
    dieu7 = by_group["Điều 7 — dự thảo quy chế"].text_content()
    assert "Ban Nội chính Tỉnh ủy" in dieu7 and "Ban Tuyên giáo Tỉnh ủy" in dieu7
    assert dieu7.count("Đề nghị sửa thành") >= 1
    per_agency = {a: sum(a in c.xpath("./header")[0].text_content() for c in comments) for a in COMMENTED}
    assert per_agency == COMMENTED
    # each comment names its letter, and says it is only what vanthu read until a person confirms it
    first = comments[0]
    assert first.xpath(".//header/a")[0].text_content() in {r["number"] for r in round_state(rid)["replies"]}
    assert all("Chưa xác nhận" in c.text_content() for c in comments)
    assert not page.xpath("//*[contains(@class,'badge missing')]")


def test_unknown_round_and_foreign_comment_are_404(client, full_round):
    assert client.get("/rounds/999").status_code == 404
    assert "Không có vòng lấy ý kiến số 999" in client.get("/rounds/999").get_data(as_text=True)
    other = open_round(full_round["draft"], ["Sở Nội vụ"], DEADLINE, "cv")
    cid = round_state(full_round["round"])["comments"][0]["id"]
    before = counts()
    assert client.post(f"/rounds/{other}/comments/{cid}/response", data={"status": "tiep_thu"}).status_code == 404
    assert client.post(f"/rounds/999/comments/{cid}/delete").status_code == 404
    assert counts() == before


def test_responding_in_place(client, full_round):
    rid = full_round["round"]
    c = comment_of(round_state(rid), "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")
    r = client.post(f"/rounds/{rid}/comments/{c['id']}/response",
                    data={"status": "tiep_thu", "giai_trinh": "Thống nhất là “Ủy ban nhân dân tỉnh”.\r\n"})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/rounds/{rid}#y-{c['id']}")
    got = comment_of(round_state(rid), "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")
    assert got["response"]["status"] == "tiep_thu" and got["response"]["giai_trinh"] == "Thống nhất là “Ủy ban nhân dân tỉnh”."
    assert got["confirmed"] and got["response"]["by"] == "web"
    page = html(client.get(f"/rounds/{rid}"))
    card = page.xpath(f"//article[@id='y-{c['id']}']")[0]
    assert card.xpath(".//select[@name='status']/option[@selected]/@value") == ["tiep_thu"]
    assert "Thống nhất là “Ủy ban nhân dân tỉnh”." in card.xpath(".//textarea[@name='giai_trinh']")[0].text_content()
    assert "Đã lưu: tiếp thu" in card.text_content()


@pytest.mark.parametrize("status, giai_trinh, words", [
    ("dong_y", "x", "Ý kiến tiếp thu đã chọn không có trong danh sách"),
    ("", "", "Chưa chọn ý kiến tiếp thu: Tiếp thu, Tiếp thu một phần, Không tiếp thu hoặc Ghi nhận."),
    ("khong_tiep_thu", "  ", "cần có phần giải trình"),
])
def test_a_bad_response_is_refused_in_place(client, full_round, status, giai_trinh, words):
    rid = full_round["round"]
    cid = round_state(rid)["comments"][3]["id"]
    before = counts()
    r = client.post(f"/rounds/{rid}/comments/{cid}/response", data={"status": status, "giai_trinh": giai_trinh})
    assert r.status_code == 422
    card = html(r).xpath(f"//article[@id='y-{cid}']")[0]
    assert words in text_of(card, ".//*[@role='alert']")
    assert card.xpath(".//select[@name='status']/@aria-invalid") == ["true"]
    assert counts() == before and round_state(rid)["comments"][3]["response"] is None


def test_correcting_what_was_read(client, full_round):
    rid = full_round["round"]
    btg = comment_of(round_state(rid), "Ban Tuyên giáo Tỉnh ủy", "Điều 7 khoản 5")
    form = {"document": "quy_che", "target": "khoản 4, Điều 7", "text": btg["text"], "proposed": btg["proposed"] or ""}
    assert client.post(f"/rounds/{rid}/comments/{btg['id']}/edit", data=form).status_code == 303
    moved = next(c for c in round_state(rid)["comments"] if c["id"] == btg["id"])
    assert moved["target"] == "Điều 7 khoản 4" and moved["confirmed"] and moved["text"] == btg["text"]
    assert moved["part"]["text"].startswith("4. Đề nghị Ban Tuyên giáo Tỉnh ủy")
    # a part the draft cannot have is refused beside the form, with what was typed kept
    before = counts()
    bad = client.post(f"/rounds/{rid}/comments/{btg['id']}/edit", data={**form, "target": "đâu đó"})
    assert bad.status_code == 422
    card = html(bad).xpath(f"//article[@id='y-{btg['id']}']")[0]
    assert "không hiểu phần dự thảo 'đâu đó'" in card.text_content()
    assert card.xpath(".//input[@name='target']/@value") == ["đâu đó"]
    assert counts() == before
    # confirm one as read; add one the reading missed; delete it again
    ca = comment_of(round_state(rid), "Công an tỉnh", "Điều 5")
    assert client.post(f"/rounds/{rid}/comments/{ca['id']}/confirm").status_code == 303
    assert next(c for c in round_state(rid)["comments"] if c["id"] == ca["id"])["confirmed"]
    bao = next(r for r in round_state(rid)["replies"] if r["consultee"] == "Báo Đắk Nông")
    r = client.post(f"/rounds/{rid}/replies/{bao['id']}/comments",
                    data={"document": "quy_che", "target": "Điều 7 khoản 6", "text": "Đề nghị bổ sung Báo Đắk Nông.",
                          "proposed": ""})
    assert r.status_code == 303
    s = round_state(rid)
    new = next(c for c in s["comments"] if c["agency"] == "Báo Đắk Nông")
    assert r.headers["Location"].endswith(f"#y-{new['id']}") and "Báo Đắk Nông" in s["with_comments"]
    assert client.post(f"/rounds/{rid}/comments/{new['id']}/delete").status_code == 303
    assert len(round_state(rid)["comments"]) == 19


def test_a_comment_whose_part_is_gone_is_marked(client, full_round, tmp_path):
    rid = full_round["round"]
    # a letter citing a part this draft does not have (an older draft's): read as written, and marked
    letter = tmp_path / "snv.txt"
    letter.write_text(LETTER.replace("khoản 2 Điều 9", "Điều 40"), encoding="utf-8")
    from archive.rounds import add_reply
    add_reply(rid, letter, "vt")
    c = comment_of(round_state(rid), "Sở Nội vụ", "Điều 40")
    page = html(client.get(f"/rounds/{rid}"))
    card = page.xpath(f"//article[@id='y-{c['id']}']")[0]
    assert "missing" in card.get("class") and "Không có trong dự thảo này" in card.text_content()
    group = card.getparent()
    assert "Điều 40" in group.xpath("./h3")[0].text_content() and "không có trong dự thảo này" in group.text_content()
    assert page.xpath("//section[contains(@class,'comment-group')]")[-1] is group  # after every part the draft has


def test_a_letter_not_on_the_list_gets_its_agency(client, full_round):
    rid = open_round(full_round["draft"], ["Sở Nội vụ", "Sở Tư pháp tỉnh Đắk Nông"], DEADLINE, "cv")
    # Ban Tuyên giáo writes, though not asked: its letter has no agency until a person says
    r = client.post(f"/rounds/{rid}/replies", data={"document_ids": str(full_round["letters"][(311, "CV/BTGTU")]),
                                                    "received": "25/05/2021"})
    assert r.status_code == 303
    s = round_state(rid)
    assert s["not_on_list"] == ["BAN TUYÊN GIÁO"]
    page = html(client.get(f"/rounds/{rid}"))
    assert "1 văn bản chưa rõ cơ quan" in text_of(page, "//*[@id='ngoai-danh-sach']")
    # the summary is refused while it is so, with the rule's words
    refused = client.get(f"/rounds/{rid}/summary?group_by=agency")
    assert refused.status_code == 422 and "chưa rõ cơ quan của văn bản góp ý" in refused.get_data(as_text=True)
    reply_id = s["replies"][0]["id"]
    assert client.post(f"/rounds/{rid}/replies/{reply_id}/consultee", data={"consultee_id": ""}).status_code == 422
    consultee = page.xpath(f"//select[@name='consultee_id']/option[text()='Sở Nội vụ']/@value")[0]
    assert client.post(f"/rounds/{rid}/replies/{reply_id}/consultee",
                       data={"consultee_id": consultee}).status_code == 303
    s = round_state(rid)
    assert s["not_on_list"] == [] and s["replied"] == ["Sở Nội vụ"]


def test_letters_in_by_file_and_by_id(client, full_round):
    rid = open_round(full_round["draft"], AGENCIES, DEADLINE, "cv")
    before = counts()
    refusals = [
        ({}, "Chưa chọn tệp nào"),
        ({"document_ids": "7, bảy"}, "phải là số nguyên: bảy"),
        ({"document_ids": "7", "received": "30/02/2021"}, "không phải là ngày"),
        ({"files": [(io.BytesIO(b"MZ"), "thu.exe")]}, "Chỉ nhận tệp .docx, .pdf hoặc .txt: thu.exe"),
        ({"document_ids": "99999"}, "không có văn bản số 99999 trong kho"),
    ]
    for data, words in refusals:
        r = client.post(f"/rounds/{rid}/replies", data=data, content_type="multipart/form-data")
        assert r.status_code == 422, words
        assert words in text_of(html(r), "//*[@id='err-replies']"), words
        assert counts() == before, words
    letter = full_round["letters"][(487, "STP-VP")]
    r = client.post(f"/rounds/{rid}/replies", content_type="multipart/form-data",
                    data={"files": [(io.BytesIO(LETTER.encode()), "../../Sở Nội vụ góp ý.txt")],
                          "document_ids": str(letter), "received": "20/05/2021"})
    assert r.status_code == 303 and r.headers["Location"].endswith("#van-ban-gop-y")
    s = round_state(rid)
    assert sorted(p["consultee"] for p in s["replies"]) == ["Sở Nội vụ", "Sở Tư pháp tỉnh Đắk Nông"]
    assert {p["received_on"] for p in s["replies"]} == {"2021-05-20"}
    flashed = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert "Đã nhận văn bản 215/SNV-VP của Sở Nội vụ: 2 ý kiến." in flashed
    # the file kept its name, without the folders
    import archive
    with archive.reading() as conn:
        names = [v["original_name"] for v in archive.versions(conn, next(p["document_id"] for p in s["replies"]
                                                                         if p["so"] == 215))]
    assert names == ["Sở Nội vụ góp ý.txt"]
    # the same letter again: refused with the reason, the round unchanged
    before = counts()
    again = client.post(f"/rounds/{rid}/replies", data={"document_ids": str(letter)})
    assert again.status_code == 422 and "đã có trong vòng lấy ý kiến" in again.get_data(as_text=True)
    assert counts() == before


def test_closing_the_round(client, full_round):
    rid = full_round["round"]
    assert "Nhận văn bản góp ý" in client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert client.post(f"/rounds/{rid}/close").status_code == 303
    s = round_state(rid)
    assert s["status"] == "closed"
    page = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert "Đã kết thúc" in page and 'id="nhan-van-ban"' not in page
    again = client.post(f"/rounds/{rid}/close")
    assert again.status_code == 422 and "đã kết thúc" in again.get_data(as_text=True)
    refused = client.post(f"/rounds/{rid}/replies", data={"document_ids": str(full_round["letters"][(41, "CV/BDN")])})
    assert refused.status_code == 422 and "đã kết thúc" in refused.get_data(as_text=True)
    # responses are still written after the close
    cid = s["comments"][0]["id"]
    assert client.post(f"/rounds/{rid}/comments/{cid}/response", data={"status": "ghi_nhan"}).status_code == 303


def test_summary_download(client, full_round, tmp_path):
    rid = full_round["round"]
    c = round_state(rid)["comments"][0]
    respond(c["id"], "khong_tiep_thu", "Giữ thẩm quyền ký của tập thể Ủy ban nhân dân tỉnh.", "cv")
    for group_by, name in (("agency", "theo-co-quan"), ("article", "theo-dieu")):
        r = client.get(f"/rounds/{rid}/summary?group_by={group_by}")
        assert r.status_code == 200 and r.mimetype == DOCX_MIME
        assert f'filename="tong-hop-y-kien-vong-{rid}-{name}.docx"' in r.headers["Content-Disposition"]
        path = tmp_path / f"{group_by}.docx"
        path.write_bytes(r.data)
        d = docx.Document(str(path))
        table = next(t for t in d.tables if t.rows[0].cells[0].text == "STT")  # the signature is a table too
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0][0] == "STT" and "Nội dung góp ý" in rows[0][2]
        assert len([row for row in rows[1:] if row[0].strip().isdigit()]) == 19
        assert any("Giữ thẩm quyền ký của tập thể" in row[4] for row in rows)
        assert "BẢN TỔNG HỢP Ý KIẾN GÓP Ý" in "\n".join(p.text for p in d.paragraphs)
    bad = client.get(f"/rounds/{rid}/summary?group_by=ngay")
    assert bad.status_code == 422 and "Chưa lập được bản tổng hợp" in bad.get_data(as_text=True)


def test_json_routes(client, full_round):
    rid = full_round["round"]
    listed = client.get("/api/rounds").get_json()
    assert [(r["id"], r["consulted"], r["replied"], r["deadline"]) for r in listed] == [(rid, 30, 11, "2021-05-31")]
    one = client.get(f"/api/rounds/{rid}")
    assert one.status_code == 200
    body = one.get_json()
    assert body == round_state(rid)
    assert body["counts"]["comments"] == 19 and sorted(body["agreed_without_comment"]) == sorted(AGREED)
    missing = client.get("/api/rounds/999")
    assert missing.status_code == 404 and "không có vòng lấy ý kiến số 999" in missing.get_json()["errors"][0]["message"]
    spec = client.get("/api/openapi.json").get_json()
    assert {"/api/rounds", "/api/rounds/{round_id}"} <= set(spec["paths"])
    assert "RoundState" in spec["components"]["schemas"]


def test_every_form_needs_its_csrf_token(data_dir, full_round):
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False}).test_client()
    rid = full_round["round"]
    cid = round_state(rid)["comments"][0]["id"]
    before = counts()
    for url, data in [("/rounds", {"draft_id": str(full_round["draft"]), "agencies": "Sở Nội vụ", "deadline": "31/05/2021"}),
                      (f"/rounds/{rid}/comments/{cid}/response", {"status": "tiep_thu"}),
                      (f"/rounds/{rid}/close", {})]:
        r = client.post(url, data=data)
        assert r.status_code == 400 and "Phiên làm việc đã hết hạn" in r.get_data(as_text=True)
    assert counts() == before
    # the page carries a token in every form it posts
    page = html(client.get(f"/rounds/{rid}"))
    posting = page.xpath("//form[@method='post']")
    assert len(posting) > 19 and all(f.xpath(".//input[@name='csrf_token']/@value") for f in posting)


def test_an_answer_typed_on_a_stale_page_is_given_back(data_dir, full_round):
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False}).test_client()
    rid = full_round["round"]
    cid = round_state(rid)["comments"][0]["id"]
    typed = "Tiếp thu, đã sửa khoản 1 Điều 3 theo đề nghị <và> bổ sung “mạng xã hội”."
    r = client.post(f"/rounds/{rid}/comments/{cid}/response", data={"status": "tiep_thu", "giai_trinh": typed})
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and "hãy bấm “Lưu” lần nữa" in body
    assert "Tiếp thu, đã sửa khoản 1 Điều 3 theo đề nghị &lt;và&gt; bổ sung “mạng xã hội”." in body
    assert round_state(rid)["comments"][0]["response"] is None


# --- a real browser ---------------------------------------------------------------------------------------

@pytest.mark.browser
def test_drafter_types_a_response_in_place(full_round, live_server, page):  # noqa: F811
    rid = full_round["round"]
    c = comment_of(round_state(rid), "Ban Nội chính Tỉnh ủy", "Điều 7 khoản 4 điểm a")
    page.goto(f"{live_server}/rounds/{rid}")
    card = page.locator(f"#y-{c['id']}")
    assert "a) Tăng cường công tác chỉ đạo" in card.inner_text()
    card.get_by_label("Ý kiến tiếp thu").select_option("tiep_thu_mot_phan")
    card.get_by_label("Giải trình").fill("Tiếp thu ý “chỉ đạo”; giữ nhiệm vụ chủ trì như dự thảo.")
    card.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(f"{live_server}/rounds/{rid}#y-{c['id']}")
    page.reload()
    card = page.locator(f"#y-{c['id']}")
    assert card.get_by_label("Ý kiến tiếp thu").input_value() == "tiep_thu_mot_phan"
    assert card.get_by_label("Giải trình").input_value() == "Tiếp thu ý “chỉ đạo”; giữ nhiệm vụ chủ trì như dự thảo."
    assert "Đã lưu: tiếp thu một phần" in card.inner_text()
    assert comment_of(round_state(rid), "Ban Nội chính Tỉnh ủy",
                      "Điều 7 khoản 4 điểm a")["response"]["status"] == "tiep_thu_mot_phan"


def test_request_and_reminder_letters_from_the_workspace(client, full_round, tmp_path):
    from archive.extract import extract_metadata
    from archive.readers import read_file
    from generator.checker import check_path

    rid = full_round["round"]
    # the deadline of 31/05/2021 is past: no letter asks for replies by then; moved on, the letter is made
    assert client.post(f"/rounds/{rid}/deadline", data={"deadline": "30/06/2099"}).status_code == 303
    page = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert 'id="tai-xin-y-kien"' in page and "Đôn đốc 19 cơ quan chưa trả lời" in page
    for url, addressees in [(f"/rounds/{rid}/cong-van/xin-y-kien.docx", 30),
                            (f"/rounds/{rid}/cong-van/don-doc.docx?han=30/12/2099", 19)]:
        r = client.get(url)
        assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
        path = tmp_path / url.split("?")[0].split("/")[-1]
        path.write_bytes(r.data)
        meta = extract_metadata(read_file(path).text)
        assert meta["kind"] == "cong_van" and len(meta["kinh_gui"]) == addressees, meta["kinh_gui"]
        assert not [f for f in check_path(path).findings if f.severity == "error"]
    bad = client.get(f"/rounds/{rid}/cong-van/don-doc.docx?han=01/01/2000")
    assert bad.status_code == 422 and "Chưa tạo công văn đôn đốc" in bad.get_data(as_text=True)
    assert client.get("/rounds/999/cong-van/xin-y-kien.docx").status_code == 404


def test_the_request_letter_is_filed_then_issued(client, seeded):
    import datetime as dt

    import archive

    future = (dt.date.today() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    rid = open_round(seeded["draft"], AGENCIES[:3], future, "chuyen_vien")
    refused = client.post(f"/rounds/{rid}/cong-van/xin-y-kien", data={"signer_title": "GIÁM ĐỐC"})
    assert refused.status_code == 422 and "cần chức vụ và họ tên người ký" in refused.get_data(as_text=True)
    r = client.post(f"/rounds/{rid}/cong-van/xin-y-kien",
                    data={"signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn An"})
    assert r.status_code == 303
    doc_id = int(r.headers["Location"].rsplit("/", 1)[-1])
    assert 'id="cap-so"' in client.get(r.headers["Location"]).get_data(as_text=True)
    work = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert 'id="cong-van-trong-kho"' in work and f"/documents/{doc_id}" in work and 'id="luu-xin-y-kien"' not in work
    assert client.post(f"/documents/{doc_id}/issue").status_code == 303
    with archive.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    assert doc["status"] == "issued" and doc["so"] == 1 and doc["kind"] == "cong_van"
