"""The layout check in the web: /check uploads, /api/check, the rule table, and the report on
every compose result. Every upload goes to DATA_DIR/tmp and must be gone when the response is."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import generator
from generator import checker
from tests.conftest import ROOT, example_inputs
from webui import create_app

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PARTY_LETTER = ("TỈNH ỦY LÂM ĐỒNG\nBAN TUYÊN GIÁO\n*\nSố 311 - CV/BTGTU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                "Lâm Đồng, ngày 05 tháng 02 năm 2026\nV/v tổ chức hội nghị\nKính gửi: Các chi bộ trực thuộc\n"
                "Nội dung.\nT/M BAN THƯỜNG VỤ\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nNguyễn Văn A\n").encode()


@pytest.fixture()
def app(data_dir):
    # CSRF on, as in production: the page's own token is sent by `upload`
    return create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False})


def tmp_files(app) -> list[Path]:
    tmp = Path(app.config["DATA_DIR"]) / "tmp"
    return sorted(tmp.rglob("*")) if tmp.exists() else []


@pytest.fixture()
def client(app):
    yield app.test_client()
    # whatever the test did, nothing uploaded stays on disk
    assert tmp_files(app) == []


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("check")
    path = generator.render_docx(generator.load_document(example_inputs()["cong_van"]), out / "cv.docx")
    return path.read_bytes()


def mutated(data: bytes, old: str, new: str) -> bytes:
    d = docx.Document(io.BytesIO(data))
    hits = 0
    for t in d.element.body.iter(qn("w:t")):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new)
            hits += 1
    assert hits, f"'{old}' not found in the document"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def token(client) -> str:
    page = client.get("/check")
    assert page.status_code == 200
    return CSRF.search(page.get_data(as_text=True)).group(1)


def upload(client, *files: tuple[str, bytes], template: bool = False, csrf: bool = True):
    data = {"files": [(io.BytesIO(body), name) for name, body in files]}
    if template:
        data["template"] = "1"
    if csrf:
        data["csrf_token"] = token(client)
    return client.post("/check", data=data, content_type="multipart/form-data")


def section(page: str, name: str) -> str:
    """The report section of one uploaded file."""
    m = re.search(rf'<section class="report" data-path="{re.escape(name)}".*?</section>', page, re.S)
    assert m, f"no report for {name}"
    return m.group(0)


# --- the page -------------------------------------------------------------------------------

def test_page_loads_with_form_and_rule_link(client):
    page = client.get("/check").get_data(as_text=True)
    assert "Kiểm tra thể thức" in page and 'name="csrf_token"' in page
    assert 'type="file"' in page and "multiple" in page and "tệp mẫu soạn thảo của vanthu" in page
    assert checker.VERSION in page and 'href="/check/rules"' in page


def test_nav_and_dashboard_link_to_check(client):
    for url in ("/", "/soan/to_trinh", "/check"):
        assert 'href="/check"' in client.get(url).get_data(as_text=True), url
    assert 'id="kiem-tra-the-thuc" href="/check"' in client.get("/").get_data(as_text=True)


def test_generated_file_passes(client, good_docx):
    r = upload(client, ("cv.docx", good_docx))
    assert r.status_code == 200
    report = section(r.get_data(as_text=True), "cv.docx")
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in report
    assert "<code>nd30</code>" in report and "Công văn" in report
    assert "<strong>0</strong> lỗi" in report and 'class="findings"' not in report


def test_mutated_file_shows_its_rule_as_an_error(client, good_docx):
    r = upload(client, ("cv.docx", mutated(good_docx, "ngày 05 tháng 02", "ngày 5 tháng 02")))
    assert r.status_code == 200
    report = section(r.get_data(as_text=True), "cv.docx")
    assert "Chưa đạt thể thức Nghị định 30: 1 lỗi" in report
    row = re.search(r'<tr class="sev-error">.*?</tr>', report, re.S).group(0)
    assert "ND30-DATE" in row and "lỗi" in row and "ngày 05" in row


def test_several_files_at_once(client, good_docx):
    bad = mutated(good_docx, "ngày 05 tháng 02", "ngày 5 tháng 02")
    r = upload(client, ("a.docx", good_docx), ("b.docx", bad), ("c.txt", PARTY_LETTER))
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and page.count('<section class="report"') == 3
    assert "0 lỗi" in section(page, "a.docx") and "ND30-DATE" in section(page, "b.docx")
    assert 'data-rule-set="dang"' in section(page, "c.txt")


def test_party_letter_is_out_of_scope_not_errors(client):
    r = upload(client, ("dang.txt", PARTY_LETTER))
    assert r.status_code == 200
    report = section(r.get_data(as_text=True), "dang.txt")
    assert "Văn bản của Đảng" in report and "ngoài phạm vi" in report
    assert "sev-error" not in report and "Chưa đạt" not in report and "<strong>" not in report


def test_broken_docx_gives_the_vietnamese_reason(client, app):
    r = upload(client, ("hỏng.docx", b"not a zip"))
    assert r.status_code == 422  # nothing could be checked: as /api/check
    page = r.get_data(as_text=True)
    report = section(page, "hong.docx")  # secure_filename: the shown name, ASCII only
    assert "Không đọc được hong.docx" in report and "không phải tệp Word .docx hợp lệ" in report
    assert app.config["DATA_DIR"] not in page and "tep.docx" not in page  # our temp name never shows


def test_one_broken_file_among_good_ones_is_200(client, good_docx):
    r = upload(client, ("a.docx", good_docx), ("b.pdf", b"%PDF-1.4 garbage"))
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Không đọc được b.pdf" in section(page, "b.pdf") and "0 lỗi" in section(page, "a.docx")


@pytest.mark.parametrize("name", ["anh.png", "van_ban.doc", "x.docx.exe", "khong_duoi"])
def test_wrong_suffix_is_refused(client, name):
    r = upload(client, (name, b"\x89PNG data"))
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "chỉ kiểm tra được tệp .docx, .pdf hoặc .txt" in page
    assert '<section class="report"' not in page


def test_client_file_name_is_never_a_path(client, app, good_docx, tmp_path):
    r = upload(client, ("../../../../evil.docx", good_docx), ("<b>x</b>.txt", PARTY_LETTER))
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and 'data-path="evil.docx"' in page and "<b>x</b>" not in page
    assert not list(Path(app.config["DATA_DIR"]).parent.rglob("evil.docx"))
    # shown names stay recognisable: đ is spelt d, not dropped
    page = upload(client, ("Công văn đúng.docx", good_docx)).get_data(as_text=True)
    assert 'data-path="Cong_van_dung.docx"' in page


def test_no_file_chosen(client):
    r = client.post("/check", data={"csrf_token": token(client)}, content_type="multipart/form-data")
    assert r.status_code == 422 and "Chưa chọn tệp nào" in r.get_data(as_text=True)


def test_too_many_files_are_refused_by_name(client):
    files = [(f"t{i:02d}.txt", PARTY_LETTER) for i in range(22)]
    page = upload(client, *files).get_data(as_text=True)
    assert page.count('<section class="report"') == 20
    assert "t20.txt: mỗi lần chỉ kiểm tra tối đa 20 tệp" in page and "t21.txt" in page


def test_too_large_is_a_vietnamese_413(data_dir, good_docx):
    app = create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False, "WTF_CSRF_ENABLED": False,
                      "MAX_CONTENT_LENGTH": 64 * 1024})
    r = app.test_client().post("/check", data={"files": (io.BytesIO(b"x" * 200_000), "big.txt")},
                               content_type="multipart/form-data")
    assert r.status_code == 413 and "quá lớn (tối đa 64 KB" in r.get_data(as_text=True)
    assert tmp_files(app) == []


def test_csrf_is_enforced(client, good_docx):
    r = upload(client, ("cv.docx", good_docx), csrf=False)
    assert r.status_code == 400 and "Phiên làm việc đã hết hạn" in r.get_data(as_text=True)
    assert "Đạt thể thức" not in r.get_data(as_text=True)
    forged = client.post("/check", data={"files": (io.BytesIO(good_docx), "cv.docx"), "csrf_token": "x"},
                         content_type="multipart/form-data")
    assert forged.status_code == 400


def test_checker_crash_is_a_message_not_a_500(client, monkeypatch, good_docx):
    def boom(path, as_template=False):
        raise IndexError("list index out of range")

    monkeypatch.setattr(checker, "check_path", boom)
    r = upload(client, ("cv.docx", good_docx))
    assert r.status_code == 422
    assert "Không đọc được cv.docx: bộ kiểm tra gặp lỗi bất ngờ (IndexError)" in r.get_data(as_text=True)


# --- template mode --------------------------------------------------------------------------

def rewrite_template(src: Path, fn) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = fn(data.decode()).encode()
            zout.writestr(info, data)
    return out.getvalue()


def test_template_mode(client):
    good = (ROOT / "templates" / "cong_van.docx").read_bytes()
    page = upload(client, ("cong_van.docx", good), template=True).get_data(as_text=True)
    assert "Mẫu docxtpl dùng được: 0 lỗi" in section(page, "cong_van.docx")
    # a misspelt variable is found only when the kind is known from the name, as on the command line
    typo = rewrite_template(ROOT / "templates" / "to_trinh.docx",
                            lambda x: x.replace("{{ number_line }}", "{{ number_lien }}"))
    page = upload(client, ("to_trinh.docx", typo), template=True).get_data(as_text=True)
    assert "TPL-UNKNOWN-VAR" in section(page, "to_trinh.docx") and "Mẫu docxtpl có" in page


def test_template_mode_takes_only_docx(client):
    r = upload(client, ("mau.txt", b"{{ x }}"), template=True)
    assert r.status_code == 422 and ".docx khi kiểm tra mẫu docxtpl" in r.get_data(as_text=True)


# --- rule table -----------------------------------------------------------------------------

def test_rules_page_lists_every_rule(client):
    page = client.get("/check/rules").get_data(as_text=True)
    assert checker.VERSION in page
    for rule in checker.rules_table():
        assert f"<code>{rule['rule']}</code>" in page


# --- JSON API -------------------------------------------------------------------------------

def api_check(client, name: str, body: bytes, **form):
    return client.post("/api/check", data={"file": (io.BytesIO(body), name), **form},
                       content_type="multipart/form-data")


def test_api_check_is_one_item_of_the_cli_json(client, good_docx, tmp_path):
    bad = mutated(good_docx, "ngày 05 tháng 02", "ngày 5 tháng 02")
    r = api_check(client, "cv.docx", bad)  # no CSRF token: the API is exempt
    assert r.status_code == 200 and r.headers["X-Vanthu-Rules-Version"] == checker.VERSION
    body = r.get_json()
    assert set(body) == {"path", "rule_set", "findings"}
    (tmp_path / "cv.docx").write_bytes(bad)
    expected = checker.check_path(tmp_path / "cv.docx").as_json()  # what `vanthu check --json` prints
    assert body == {**expected, "path": "cv.docx"}
    assert [f["rule"] for f in body["findings"] if f["severity"] == "error"] == ["ND30-DATE"]
    assert all(set(f) == {"rule", "severity", "where", "message"} for f in body["findings"])


def test_api_check_status_codes(client, good_docx):
    ok = api_check(client, "cv.docx", good_docx).get_json()
    assert ok["rule_set"] == "nd30" and not [f for f in ok["findings"] if f["severity"] == "error"]
    assert api_check(client, "dang.txt", PARTY_LETTER).get_json()["rule_set"] == "dang"

    none = client.post("/api/check", data={}, content_type="multipart/form-data")
    assert none.status_code == 400 and none.get_json()["errors"][0]["field"] == "file"
    assert client.post("/api/check", json={"file": "x"}).status_code == 400
    wrong = api_check(client, "anh.png", b"\x89PNG")
    assert wrong.status_code == 400 and "chỉ kiểm tra được" in wrong.get_json()["errors"][0]["message"]
    assert api_check(client, "x.pdf", b"%PDF", template="1").status_code == 400

    broken = api_check(client, "hong.docx", b"not a zip")
    assert broken.status_code == 422
    body = broken.get_json()
    assert body["findings"] == [] and body["error"].startswith("Không đọc được hong.docx:")

    tpl = api_check(client, "cong_van.docx", (ROOT / "templates" / "cong_van.docx").read_bytes(), template="1")
    assert tpl.status_code == 200 and tpl.get_json() == {"path": "cong_van.docx", "rule_set": "template",
                                                         "findings": []}


def test_api_check_rules(client):
    body = client.get("/api/check/rules").get_json()
    assert body == {"version": checker.VERSION, "rules": checker.rules_table()}
    assert any(x["rule"] == "ND30-DATE" for x in body["rules"])


def test_openapi_describes_check(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    post = paths["/api/check"]["post"]
    assert {"200", "400", "413", "422"} <= set(post["responses"])
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "200" in paths["/api/check/rules"]["get"]["responses"]


# --- compose result -------------------------------------------------------------------------

TO_TRINH = {"trich_yeu": "đề nghị phê duyệt kế hoạch", "kinh_gui": "Ủy ban nhân dân tỉnh Lâm Đồng",
            "noi_dung": "Sở Tư pháp kính trình.", "signer_name": "Trần Minh Khang", "signer_title": "GIÁM ĐỐC",
            "unit_code": "VP"}


def compose(client, fields: dict) -> tuple[str, str]:
    page = client.get("/soan/to_trinh").get_data(as_text=True)
    r = client.post("/soan/to_trinh", data={**fields, "csrf_token": CSRF.search(page).group(1)})
    assert r.status_code == 303, r.get_data(as_text=True)[:2000]
    tok = r.headers["Location"].rsplit("/", 1)[1]
    return tok, client.get(r.headers["Location"]).get_data(as_text=True)


def meta_of(app, tok: str) -> dict:
    return json.loads((Path(app.config["DATA_DIR"]) / "soan" / tok / "meta.json").read_text(encoding="utf-8"))


def test_compose_result_shows_the_check_before_the_downloads(client, app):
    tok, page = compose(client, {**TO_TRINH, "so": "40", "date": "2026-02-05"})
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page
    assert page.index('id="kiem-tra-the-thuc"') < page.index('id="tai-docx"')
    check = meta_of(app, tok)["check"]
    assert check["rule_set"] == "nd30" and check["findings"] == [] and check["version"] == checker.VERSION


def test_draft_shows_blank_number_and_date_as_notices(client, app, monkeypatch):
    tok, page = compose(client, TO_TRINH)
    assert "Bản dự thảo" in page and "Đạt thể thức Nghị định 30: 0 lỗi" in page
    rows = re.findall(r'<tr class="sev-(\w+)">.*?<code>([\w-]+)</code>', page, re.S)
    assert rows and all(sev == "notice" for sev, _ in rows)
    assert {"ND30-DRAFT-NUMBER", "ND30-DRAFT-DATE"} <= {rule for _, rule in rows}

    # the report is read from meta.json: showing the page again does not check again
    def boom(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(checker, "check_path", boom)
    assert client.get(f"/soan/xong/{tok}").get_data(as_text=True) == page


def test_checker_crash_never_loses_the_composed_document(client, app, monkeypatch):
    def boom(*a, **k):
        raise AttributeError("'_Styles' object has no attribute '_chains'")

    monkeypatch.setattr(checker, "check_path", boom)
    tok, page = compose(client, TO_TRINH)
    assert "bộ kiểm tra gặp lỗi bất ngờ (AttributeError)" in page and 'id="tai-docx"' in page
    assert "Đạt thể thức" not in page


def test_result_saved_before_the_checker_existed_still_shows(client, app):
    tok, _ = compose(client, TO_TRINH)
    path = Path(app.config["DATA_DIR"]) / "soan" / tok / "meta.json"
    meta = meta_of(app, tok)
    meta["check"] = {"errors": 0, "findings": []}  # the first format of this key
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in client.get(f"/soan/xong/{tok}").get_data(as_text=True)
    del meta["check"]
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    page = client.get(f"/soan/xong/{tok}")
    assert page.status_code == 200 and 'id="kiem-tra-the-thuc"' not in page.get_data(as_text=True)
