"""The office loop through the web (Flask's test client on a real archive): file a composed draft,
confirm and issue its number, take a letter into the sổ văn bản đến, direct and answer it, recall,
and print the registers — whose rows, opened by LibreOffice, equal the archive's."""
from __future__ import annotations

import copy
import datetime as dt
import io
import re

import pytest
from docx import Document as Docx
from pypdf import PdfReader

import archive
import generator
import index
from archive import books, db
from tests.conftest import example_inputs
from tests.test_web import TO_TRINH
from webui import create_app, forms

EXAMPLES = example_inputs()
TODAY = dt.date.today()


@pytest.fixture()
def app(data_dir):
    archive.upgrade()
    return create_app({"TESTING": True, "LOGIN_DISABLED": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})


@pytest.fixture()
def client(app):
    return app.test_client()


def flashes(html: str) -> list[str]:
    return [re.sub(r"&#39;|&#34;", "'", m) for m in re.findall(r'class="flash [a-z]+"[^>]*>([^<]*)<', html)]


def compose_and_file(client, kind="to_trinh", values=None) -> int:
    vals = forms.initial_values(generator.load_settings())
    vals.update(values or TO_TRINH)
    r = client.post(f"/soan/{kind}", data=vals)
    assert r.status_code == 303, r.get_data(as_text=True)[-2000:]
    token = r.headers["Location"].rsplit("/", 1)[-1]
    filed = client.post(f"/soan/xong/{token}/luu")
    assert filed.status_code == 303
    again = client.post(f"/soan/xong/{token}/luu")  # pressed twice: the same document, not a second one
    assert again.headers["Location"] == filed.headers["Location"]
    result = client.get(f"/soan/xong/{token}").get_data(as_text=True)
    assert 'id="xem-trong-kho"' in result and 'id="luu-vao-kho"' not in result
    return int(filed.headers["Location"].rsplit("/", 1)[-1])


def letter_file(tmp_path, so=487, **extra) -> tuple[bytes, str]:
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data.update(issuing_body="SỞ NỘI VỤ", body_code="SNV", unit_code="VP", so=so, date="2026-03-10",
                trich_yeu="đề nghị báo cáo tình hình tiếp nhận hồ sơ lý lịch tư pháp", **extra)
    return generator.render_bytes(generator.load_document(data)), f"cv-{so}.docx"


def upload(client, content: bytes, name: str, allow=False):
    r = client.post("/archive/upload", data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    token = re.search(r'/archive/upload/([\w-]+)"', page).group(1)
    form = {"count": re.search(r'name="count" value="(\d+)"', page).group(1)}
    for key, value in re.findall(r'name="(0-[a-z_]+)" value="([^"]*)"', page):
        form[key] = value.replace("&#39;", "'")
    form["0-kind"] = re.search(r'name="0-kind">.*?<option value="([a-z_]+)" selected', page, re.S).group(1)
    if allow:
        form["van_luu"] = "1"
    return page, client.post(f"/archive/upload/{token}", data=form)


def test_a_composed_draft_is_filed_confirmed_and_issued(client):
    doc_id = compose_and_file(client)
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert 'id="cap-so"' in page
    confirm = client.get(f"/documents/{doc_id}/issue").get_data(as_text=True)
    assert re.search(r'id="so-moi">01/TTr-STP<', confirm)
    # another clerk issues a second draft first: this one takes 02, and the page says so
    other = compose_and_file(client)
    client.post(f"/documents/{other}/issue", data={"so": "1"})
    r = client.post(f"/documents/{doc_id}/issue", data={"so": "1"})
    assert r.status_code == 303
    said = flashes(client.get(f"/documents/{doc_id}").get_data(as_text=True))
    assert any("Số 01 vừa được cấp cho văn bản khác" in m and "02/TTr-STP" in m for m in said), said
    with db.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    assert (doc["so"], doc["status"], doc["date"]) == (2, "issued", TODAY.isoformat())
    back = client.get(f"/documents/{doc_id}/issue")  # Back after issuing: the page says it is done
    assert back.status_code == 303 and back.headers["Location"].endswith(f"/documents/{doc_id}")
    assert any("đã được cấp số 02/TTr-STP" in m for m in flashes(client.get(back.headers["Location"]).get_data(as_text=True)))
    refused = client.post(f"/documents/{doc_id}/issue")
    assert refused.status_code == 409 and "không phải bản dự thảo" in refused.get_data(as_text=True)
    assert "Chưa làm được" in refused.get_data(as_text=True)  # our page, in Vietnamese


def test_received_registered_directed_answered_and_printed(client, tmp_path):
    content, name = letter_file(tmp_path)
    _, filed = upload(client, content, name)
    letter = int(filed.headers["Location"].rsplit("/", 1)[-1])
    page = client.get(f"/documents/{letter}").get_data(as_text=True)
    assert 'id="vao-so-den"' in page
    # a wrong date: nothing registered, the summary at the top links to the field
    bad = client.post(f"/documents/{letter}/receipt", data={"ngay_den": "31/02/2026", "hinh_thuc": "giay"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and re.search(r'<a href="#vao-so-ngay_den">Ngày đến: .*31/2/2026 không có', html)
    assert 'id="vao-so-ngay_den"' in html and 'value="31/02/2026"' in html  # the field keeps what was typed
    with db.reading() as conn:
        assert archive.receipts.get(conn, letter) is None
    long_ago = (TODAY - dt.timedelta(days=400)).strftime("%d/%m/%Y")
    r = client.post(f"/documents/{letter}/receipt", data={"ngay_den": long_ago, "hinh_thuc": "giay",
                                                          "nguoi_nhan": "Phòng Hành chính tư pháp"})
    said = flashes(client.get(r.headers["Location"]).get_data(as_text=True))
    assert any("hơn 180 ngày" in m for m in said) and any("số đến 01" in m for m in said)  # a warning, not a refusal
    deadline = (TODAY - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    client.post(f"/documents/{letter}/receipt/direct", data={"chu_tri": "Phòng Hành chính tư pháp",
                                                             "phoi_hop": "Văn phòng Sở", "han": deadline})
    dash = client.get("/").get_data(as_text=True)
    assert re.search(r'id="cho-qua-han"><h2>Văn bản đến quá hạn giải quyết \(1\)', dash)
    assert f"/documents/{letter}" in dash.split('id="cho-qua-han"')[1].split("</div>")[0]
    # the reply công văn, prefilled from the letter, composed, filed and issued
    form = client.get(f"/soan/cong_van?tra_loi={letter}").get_data(as_text=True)
    assert "Phúc đáp Công văn số 487/SNV-VP ngày 10 tháng 3 năm 2026 của Sở Nội vụ" in form
    from webui.compose import reply_values

    with client.application.test_request_context():
        prefilled = reply_values(letter)
    reply = compose_and_file(client, "cong_van", {
        **prefilled, "noi_dung": prefilled["noi_dung"] + "Sở Tư pháp báo cáo như sau.",
        "signer_name": "Lê Thị Thu Hà", "signer_title": "GIÁM ĐỐC", "unit_code": "HCTP"})
    client.post(f"/documents/{reply}/issue")
    page = client.get(f"/documents/{letter}").get_data(as_text=True)
    assert re.search(r'id="tinh-trang-den"[^>]*>Đã trả lời<', page) and f'/documents/{reply}"' in page
    assert "cho-qua-han\"><h2>Văn bản đến quá hạn giải quyết (0)" in client.get("/").get_data(as_text=True)
    # the three registers, as the archive holds them, in Word and opened by LibreOffice
    start = TODAY - dt.timedelta(days=500)
    args = {"tu": start.strftime("%d/%m/%Y"), "den": TODAY.strftime("%d/%m/%Y")}
    for book in ("di", "den", "theo_doi"):
        with db.reading() as conn:
            expected = books.rows(conn, book, start, TODAY, "STP")
        assert expected, book
        word = client.get(f"/registers/{book}.docx", query_string=args)
        table = Docx(io.BytesIO(word.data)).tables[0]
        assert [c.text for c in table.rows[0].cells] == list(books.BOOKS[book][1])
        assert [[c.text for c in r.cells] for r in table.rows[2:]] == expected
        pdf = generator.pdf_bytes(word.data)  # LibreOffice opens it
        # every cell, whole, in the PDF's text (lines wrap inside a cell: compared without spaces)
        text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
        for row in expected:
            for cell in row:
                assert "".join(cell.split()) in text, (book, cell)
    with db.reading() as conn:
        tracking = books.rows(conn, "theo_doi", start, TODAY)[0]
        reply_doc = archive.get_document(conn, reply)
    assert tracking[0] == "01" and tracking[4].startswith("Đã trả lời") and \
        tracking[5].startswith(f"{reply_doc['so']:02d}/STP-HCTP")


def test_the_same_letter_again_is_flagged_before_filing(client, tmp_path):
    content, name = letter_file(tmp_path)
    _, first = upload(client, content, name)
    first_id = first.headers["Location"].rsplit("/", 1)[-1]
    other, other_name = letter_file(tmp_path, noi_nhan=["Lưu: VT"])  # another file, the same letter
    page, refused = upload(client, other, "lan-hai-" + other_name)
    assert 'id="trung-so"' in page and f'href="/documents/{first_id}" class="xem-ban-trung"' in page
    assert refused.status_code == 409  # not ticked: not filed
    _, forced = upload(client, other, "lan-ba-" + other_name, allow=True)
    assert forced.status_code == 303 and forced.headers["Location"].rsplit("/", 1)[-1] != first_id


def test_recall_and_replacement_mark_and_link(client, tmp_path):
    old = compose_and_file(client)
    new = compose_and_file(client)
    for d in (old, new):
        client.post(f"/documents/{d}/issue")
    no_by = client.post(f"/documents/{old}/revoke", data={"cach": "thay_the", "ngay": TODAY.strftime("%d/%m/%Y")})
    assert no_by.status_code == 422 and "cần chọn văn bản thay thế" in no_by.get_data(as_text=True)
    r = client.post(f"/documents/{old}/revoke", data={"cach": "thay_the", "boi": "02/TTr-STP",
                                                      "ngay": TODAY.strftime("%d/%m/%Y"), "ly_do": "sửa số liệu"})
    assert r.status_code == 303
    page = client.get(f"/documents/{old}").get_data(as_text=True)
    assert 'id="da-thu-hoi"' in page and "Đã bị thay thế" in page and f'/documents/{new}"' in page
    assert "Bị thay thế bởi" in page
    assert "Thay thế <a" in client.get(f"/documents/{new}").get_data(as_text=True)
    index.drain()
    found = client.get("/search", query_string={"q": "số hóa hồ sơ"}).get_data(as_text=True)
    assert f'/documents/{old}"' in found and "Đã bị thay thế" in found  # still found, marked
    with db.reading() as conn:
        di = books.rows(conn, "di", TODAY, TODAY)
    assert [r[-1].startswith("Đã bị thay thế") for r in di] == [True, False]


def test_registers_page_says_what_is_wrong(client):
    r = client.get("/registers", query_string={"so": "den", "tu": "10/05/2026", "den": "01/05/2026"})
    assert r.status_code == 422 and '<a href="#so-den">Đến ngày: trước ngày bắt đầu' in r.get_data(as_text=True)
    assert client.get("/registers/khong-co.docx").status_code == 404


def test_the_loop_through_the_json_api(client, tmp_path):
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    bad = client.post("/api/documents", json={**data, "trich_yeu": ""})
    assert bad.status_code == 422 and any(e["field"] == "trich_yeu" for e in bad.get_json()["errors"])
    doc_id = client.post("/api/documents", json=data).get_json()["id"]
    assert client.get(f"/api/documents/{doc_id}/issue").get_json()["so"] == 1
    # a form (what a page on another site can make a browser send) issues nothing: JSON only
    assert client.post(f"/api/documents/{doc_id}/issue", data={"x": "1"}).status_code == 400
    done = client.post(f"/api/documents/{doc_id}/issue", json={}).get_json()
    assert (done["so"], done["ky_hieu"]) == (1, "TTr-STP")
    assert client.post(f"/api/documents/{doc_id}/issue", json={}).status_code == 409
    clash = client.post("/api/documents", json={**EXAMPLES["bao_cao"], "so": 1, "date": TODAY.isoformat()})
    assert clash.status_code == 409 and f"văn bản {doc_id}" in clash.get_json()["errors"][0]["message"]
    content, name = letter_file(tmp_path)
    _, filed = upload(client, content, name)
    letter = int(filed.headers["Location"].rsplit("/", 1)[-1])
    assert client.post(f"/documents/{letter}/receipt", data={}).status_code == 422
    wrong = client.post(f"/api/documents/{letter}/receipt", json={"ngay_den": "32/01/2026"})
    assert wrong.status_code == 422 and wrong.get_json()["errors"][0]["field"] == "ngay_den"
    got = client.post(f"/api/documents/{letter}/receipt", json={"ngay_den": TODAY.strftime("%d/%m/%Y")})
    assert got.status_code == 201 and got.get_json()["so_den"] == 1
    d = client.post(f"/api/documents/{letter}/receipt/direct", json={"chu_tri": "Văn phòng", "han": TODAY.isoformat()})
    assert d.get_json()["status"] == "dang_giai_quyet"
    assert [x["id"] for x in client.get("/api/waits").get_json()["soon"]] == [letter]
    assert client.post(f"/api/documents/{letter}/receipt/answer", json={"answer_id": "x"}).status_code == 422
    a = client.post(f"/api/documents/{letter}/receipt/answer", json={"answer_id": doc_id})
    assert a.get_json()["status"] == "da_tra_loi" and a.get_json()["answer_document_id"] == doc_id
    rows = client.get("/api/registers/den").get_json()
    assert rows["columns"][1] == "Số đến" and rows["rows"][0][1] == "01"
    typed = client.post(f"/api/documents/{doc_id}/revoke", json={"cach": "thu_hoi", "ly_do": 5})
    assert typed.status_code == 422 and typed.get_json()["errors"][0]["field"] == "ly_do"
    r = client.post(f"/api/documents/{doc_id}/revoke", json={"cach": "thu_hoi", "ly_do": "ban hành sai thẩm quyền"})
    assert r.get_json()["revoked"] == "thu_hoi"
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}/issue", "/api/documents/{doc_id}/receipt",
                 "/api/documents/{doc_id}/revoke", "/api/registers/{book}", "/api/waits"):
        assert path in paths


def test_a_signed_copy_of_our_own_document_becomes_its_new_version(client, tmp_path):
    data = copy.deepcopy(EXAMPLES["bao_cao"])
    ours = client.post("/api/documents", json=data).get_json()["id"]  # 87/BC-STP, filed from its input
    signed = generator.render_bytes(generator.load_document({**data, "noi_nhan": ["Lưu: VT, VP"]}))
    r = client.post("/archive/upload", data={"file": (io.BytesIO(signed), "bc-87-da-ky.docx")},
                    content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert 'id="trung-so"' in page and 'id="ban-ky-cua"' in page  # the review, not a dead end
    token = re.search(r'/archive/upload/([\w-]+)"', page).group(1)
    done = client.post(f"/archive/upload/{token}", data={"count": "1", "ban_ky_cua": str(ours)})
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/documents/{ours}")
    with db.reading() as conn:
        versions = archive.versions(conn, ours)
    assert [v["n"] for v in versions] == [1, 2] and versions[1]["original_name"] == "bc-87-da-ky.docx"
    assert "bản đã ký" in versions[1]["note"]


def test_a_wrong_answer_is_undone_and_a_closed_letter_keeps_its_note(client, tmp_path):
    content, name = letter_file(tmp_path)
    _, filed = upload(client, content, name)
    letter = int(filed.headers["Location"].rsplit("/", 1)[-1])
    client.post(f"/documents/{letter}/receipt", data={"ngay_den": TODAY.strftime("%d/%m/%Y"), "ghi_chu": "kèm phụ lục"})
    ours = compose_and_file(client)
    client.post(f"/documents/{ours}/issue")
    client.post(f"/documents/{letter}/receipt/answer", data={"tra_loi": str(ours)})
    with db.reading() as conn:
        assert archive.receipts.get(conn, letter)["status"] == "da_tra_loi"
    assert client.post(f"/documents/{letter}/receipt/reopen", data={"ly_do_mo": ""}).status_code == 422
    client.post(f"/documents/{letter}/receipt/reopen", data={"ly_do_mo": "ghi nhầm văn bản trả lời"})
    with db.reading() as conn:
        r = archive.receipts.get(conn, letter)
        assert (r["status"], r["answer_document_id"]) == ("cho_phan_cong", None)
    assert "Trả lời <a" not in client.get(f"/documents/{ours}").get_data(as_text=True)  # the link is gone too
    client.post(f"/documents/{letter}/receipt/close", data={"ly_do": "để biết"})
    with db.reading() as conn:
        assert archive.receipts.get(conn, letter)["note"] == "kèm phụ lục; không cần trả lời: để biết"
    closed = client.post(f"/documents/{letter}/receipt/answer", data={"tra_loi": str(ours)})
    assert closed.status_code == 422 and "mở lại rồi mới ghi trả lời" in closed.get_data(as_text=True)


def test_what_the_walk_through_found(client, tmp_path):
    """A clerk's walk: the download takes the form as it stands; a future arrival, or one before the
    letter's own date, is a warning; a recalled document answers nothing; the sổ đi names Kính gửi."""
    ours = compose_and_file(client)
    client.post(f"/documents/{ours}/issue")
    word = client.get("/registers/tai", query_string={"so": "di", "tu": TODAY.strftime("%d/%m/%Y"),
                                                      "den": TODAY.strftime("%d/%m/%Y"), "dang": "docx"})
    assert word.status_code == 200 and "so-di-" in word.headers["Content-Disposition"]
    row = [c.text for c in Docx(io.BytesIO(word.data)).tables[0].rows[2].cells]
    assert row[0] == "01/TTr-STP" and "Ủy ban nhân dân tỉnh Lâm Đồng" in row[4] and row[5] == "VT, VP"
    content, name = letter_file(tmp_path)
    _, filed = upload(client, content, name)
    letter = int(filed.headers["Location"].rsplit("/", 1)[-1])
    future = (TODAY + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    r = client.post(f"/documents/{letter}/receipt", data={"ngay_den": future})
    said = flashes(client.get(r.headers["Location"]).get_data(as_text=True))
    assert any("là 5 ngày sau hôm nay" in m for m in said), said
    client.post(f"/documents/{ours}/revoke", data={"cach": "thu_hoi", "ly_do": "gửi nhầm."})
    page = client.get(f"/documents/{ours}").get_data(as_text=True)
    assert "gửi nhầm." in page and "gửi nhầm.." not in page and "— <strong>đã thu hồi</strong>" in page
    refused = client.post(f"/documents/{letter}/receipt/answer", data={"tra_loi": "01/TTr-STP"})
    assert refused.status_code == 422 and "đã bị thu hồi" in refused.get_data(as_text=True)
    assert "vào sổ văn bản đến" in client.get(f"/documents/{letter}").get_data(as_text=True)  # the journal in Vietnamese


def test_an_arrival_before_the_letter_itself_is_questioned(client, tmp_path):
    content, name = letter_file(tmp_path)  # dated 10/03/2026
    _, filed = upload(client, content, name)
    letter = int(filed.headers["Location"].rsplit("/", 1)[-1])
    r = client.post(f"/documents/{letter}/receipt", data={"ngay_den": "01/03/2026"})
    said = flashes(client.get(r.headers["Location"]).get_data(as_text=True))
    assert any("trước ngày của chính văn bản (10/03/2026)" in m for m in said), said
