"""The administrator's pages: people (add, role and unit, password, lock, the right to see secrets by
name or by role), units, the office's own templates (checked, sandboxed, tried before use), and the
rules they feed: a round on a draft another unit may not see, a secret seen only by those cleared, and
every view of a secret in the audit log."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

import archive
from archive import units, users
from archive.schema import audit
from tests.conftest import example_inputs, has_soffice
from webui import create_app

PASSWORD = "mat-khau-rat-dai-1"


@pytest.fixture()
def app(data_dir):
    archive.upgrade()
    with archive.writing() as conn:
        users.add(conn, login="qt.an", full_name="Phan An", role="admin", password=PASSWORD, actor="test")
        users.add(conn, login="vt.lan", full_name="Nguyễn Thị Lan", role="van_thu", password=PASSWORD, actor="test")
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})


def signed(app, login="qt.an", password=PASSWORD):
    client = app.test_client()
    r = client.post("/dang-nhap", data={"login": login, "password": password})
    assert r.status_code == 303, (login, r.status_code)
    return client


def actions():
    with archive.reading() as conn:
        return [(a.actor, a.action, a.detail) for a in conn.execute(select(audit).order_by(audit.c.id))]


def person(login):
    with archive.reading() as conn:
        return users.get(conn, login=login)


def text(resp) -> str:
    import html

    return html.unescape(resp.get_data(as_text=True))


# --- people ------------------------------------------------------------------------------------------

def test_the_administrator_adds_a_person_and_a_refusal_writes_nothing(app):
    admin = signed(app)
    form = {"login": "cv.binh", "full_name": "Lê Văn Bình", "role": "chuyen_vien", "unit": "VP",
            "password": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"}
    assert admin.post("/admin/nguoi-dung", data=form).status_code == 303
    assert person("cv.binh")["unit"] == "VP" and person("cv.binh")["role"] == "chuyen_vien"
    signed(app, "cv.binh", "mat-khau-moi-2026")
    before = actions()
    for change, words in (({"login": "cv.binh"}, "đã có"), ({"unit": "KHONGCO"}, "không có đơn vị"),
                          ({"password2": "khac-nhau-2026"}, "không giống nhau"), ({"password": "ngan", "password2": "ngan"}, "ít nhất"),
                          ({"login": "Có Dấu"}, "chữ thường không dấu")):
        r = admin.post("/admin/nguoi-dung", data={**form, "login": "cv.ha", **change})
        assert r.status_code == 422 and words in text(r).lower(), change
        assert 'role="alert"' in text(r)
    assert actions() == before and person("cv.ha") is None
    assert ("qt.an", "user.add", {"login": "cv.binh", "role": "chuyen_vien", "unit": "VP"}) in actions()


def test_a_new_role_holds_from_the_next_page_and_the_last_administrator_stays(app):
    admin, clerk = signed(app), signed(app, "vt.lan")
    assert clerk.get("/soan/to_trinh").status_code == 200
    assert admin.post("/admin/nguoi-dung/vt.lan/vai-tro", data={"role": "phap_che", "unit": ""}).status_code == 303
    assert clerk.get("/soan/to_trinh").status_code == 403  # the same session, the new rights
    assert clerk.get("/archive").status_code == 200
    r = admin.post("/admin/nguoi-dung/qt.an/vai-tro", data={"role": "van_thu", "unit": ""})
    assert r.status_code == 422 and "quản trị viên cuối cùng" in text(r) and person("qt.an")["role"] == "admin"
    r = admin.post("/admin/nguoi-dung/qt.an/khoa", data={"active": "0"})
    assert r.status_code == 422 and person("qt.an")["active"]
    assert admin.post("/admin/nguoi-dung/khong.co/vai-tro", data={"role": "van_thu"}).status_code == 422
    audited = [a for a in actions() if a[1] == "user.role"]
    assert audited == [("qt.an", "user.role", {"login": "vt.lan", "from": "van_thu", "role": "phap_che",
                                              "from_unit": None, "unit": None})]


def test_a_password_set_or_a_lock_by_the_administrator_ends_the_sessions(app):
    admin, clerk = signed(app), signed(app, "vt.lan")
    r = admin.post("/admin/nguoi-dung/vt.lan/mat-khau", data={"password": "mat-khau-khac-2026", "password2": "x"})
    assert r.status_code == 422 and clerk.get("/archive").status_code == 200  # not the same twice: nothing changed
    admin.post("/admin/nguoi-dung/vt.lan/mat-khau", data={"password": "mat-khau-khac-2026",
                                                         "password2": "mat-khau-khac-2026"})
    assert clerk.get("/archive").status_code == 302
    again = signed(app, "vt.lan", "mat-khau-khac-2026")
    admin.post("/admin/nguoi-dung/vt.lan/khoa", data={"active": "0"})
    assert again.get("/archive").status_code == 302
    assert app.test_client().post("/dang-nhap", data={"login": "vt.lan", "password": "mat-khau-khac-2026"}).status_code == 401
    admin.post("/admin/nguoi-dung/vt.lan/khoa", data={"active": "1"})
    signed(app, "vt.lan", "mat-khau-khac-2026")
    assert [a[1] for a in actions() if a[1].startswith("user.")][-3:] == ["user.passwd", "user.disable", "user.enable"]


def test_the_people_page_is_the_administrators_alone(app):
    clerk = signed(app, "vt.lan")
    for url in ("/admin/nguoi-dung", "/admin/don-vi", "/admin/mau", "/admin/mau/to_trinh.docx"):
        assert clerk.get(url).status_code == 403, url
    assert clerk.post("/admin/nguoi-dung/vt.lan/vai-tro", data={"role": "admin"}).status_code == 403
    assert person("vt.lan")["role"] == "van_thu"
    assert 'href="/admin/nguoi-dung"' not in text(clerk.get("/"))
    page = text(signed(app).get("/admin/nguoi-dung"))
    assert re.search(r'<tr id="dong-vt.lan"><td>vt.lan</td><td>Nguyễn Thị Lan</td><td>Văn thư</td>', page)


# --- units ---------------------------------------------------------------------------------------------

def test_units_come_from_the_settings_once_then_from_the_administrator(app):
    with archive.reading() as conn:
        assert [u["code"] for u in units.listing(conn)] == ["VP", "XDKTVB", "HCTP"]  # as vanthu.toml lists them
    admin = signed(app)
    assert admin.post("/admin/don-vi", data={"code": "khtc", "name": "Phòng Kế hoạch - Tài chính"}).status_code == 303
    for form, words in (({"code": "KHTC", "name": "Lại"}, "đã có"), ({"code": "có dấu", "name": "X"}, "chữ in hoa"),
                        ({"code": "TC", "name": "  "}, "cần tên đơn vị")):
        r = admin.post("/admin/don-vi", data=form)
        assert r.status_code == 422 and words in text(r).lower(), form
    admin.post("/admin/don-vi/KHTC", data={"name": "Phòng Kế hoạch và Tài chính"})
    admin.post("/admin/don-vi/HCTP", data={"active": "0"})
    archive.upgrade()  # seeding happens only on an archive with no units: nothing comes back
    with archive.reading() as conn:
        listed = {u["code"]: u for u in units.listing(conn)}
    assert listed["KHTC"]["name"] == "Phòng Kế hoạch và Tài chính" and not listed["HCTP"]["active"]
    form = text(signed(app, "vt.lan").get("/soan/cong_van"))
    assert '<option value="KHTC">' in form and '<option value="HCTP">' not in form  # closed: not offered
    r = admin.post("/admin/nguoi-dung", data={"login": "cv.ha", "full_name": "Hà", "role": "chuyen_vien",
                                              "unit": "HCTP", "password": PASSWORD, "password2": PASSWORD})
    assert r.status_code == 422 and "không có đơn vị 'hctp'" in text(r).lower()
    assert [a[1] for a in actions() if a[1].startswith("unit.")] == ["unit.add", "unit.rename", "unit.close"]


# --- secrets by role, and every view of one audited --------------------------------------------------

def test_a_role_cleared_for_secrets_sees_them_and_every_view_is_audited(app, data_dir):
    import index
    from generator.settings import DEFAULT_TOML

    (data_dir / "vanthu.toml").write_text(DEFAULT_TOML.replace("may_hold_secrets = false", "may_hold_secrets = true"),
                                          encoding="utf-8")
    with archive.writing() as conn:
        users.add(conn, login="ld.ha", full_name="Trần Hà", role="lanh_dao", password=PASSWORD, actor="t")
    clerk, leader, admin = signed(app, "vt.lan"), signed(app, "ld.ha"), signed(app)
    data = {**example_inputs()["bao_cao"], "do_mat": "MẬT", "so": 4, "trich_yeu": "công tác bảo vệ bí mật năm 2026"}
    secret_id = clerk.post("/api/documents", json=data).get_json()["id"]
    index.drain()
    query = {"q": "bảo vệ bí mật năm 2026"}
    assert leader.get(f"/documents/{secret_id}").status_code == 404
    assert leader.get("/api/search", query_string=query).get_json()["total"] == 0
    assert admin.post("/admin/vai-tro-xem-mat", data={"role": ["lanh_dao"]}).status_code == 303
    assert leader.get(f"/documents/{secret_id}").status_code == 200  # the role, not the name
    assert leader.get(f"/api/documents/{secret_id}").status_code == 200
    assert leader.get("/api/search", query_string=query).get_json()["total"] == 1
    assert clerk.get(f"/documents/{secret_id}").status_code == 404  # another role still not
    page = text(leader.get(f"/documents/{secret_id}"))
    sha = re.search(r"/files/([0-9a-f]{64})", page).group(1)
    assert leader.get(f"/documents/{secret_id}/files/{sha}").status_code == 200
    seen = [(a[0], a[1]) for a in actions() if a[1].startswith("secret.")]
    assert seen == [("ld.ha", "secret.view")] * 3 + [("ld.ha", "secret.download")]
    log = text(admin.get("/admin/nhat-ky", query_string={"viec": "secret.view"}))
    assert "Trần Hà" in log and "xem văn bản mật" in log
    admin.post("/admin/vai-tro-xem-mat", data={})
    assert leader.get(f"/documents/{secret_id}").status_code == 404
    assert [a[2] for a in actions() if a[1] == "role.clearance"] == [
        {"role": "lanh_dao", "secret_clearance": True}, {"role": "lanh_dao", "secret_clearance": False}]


# --- rounds follow the draft's visibility --------------------------------------------------------------

def test_a_round_on_another_units_draft_is_not_said_to_exist(app):
    with archive.writing() as conn:
        for login, unit in (("cv.vp", "VP"), ("cv.xd", "XDKTVB")):
            users.add(conn, login=login, full_name=f"Người {unit}", role="chuyen_vien", unit=unit,
                      password=PASSWORD, actor="t")
    author, other, clerk = signed(app, "cv.vp"), signed(app, "cv.xd"), signed(app, "vt.lan")
    draft_id = author.post("/api/documents", json=example_inputs()["quyet_dinh_quy_che"]).get_json()["id"]
    r = author.post("/rounds", data={"draft_id": str(draft_id), "agencies": "Sở Nội vụ\nCông an tỉnh",
                                     "deadline": "31/12/2026", "title": "Lấy ý kiến lần 1"})
    assert r.status_code == 303
    round_id = int(re.search(r"/rounds/(\d+)", r.headers["Location"]).group(1))
    for who, visible in ((author, True), (clerk, True), (other, False)):
        assert (who.get(f"/rounds/{round_id}").status_code == 200) == visible
        assert (who.get(f"/api/rounds/{round_id}").status_code == 200) == visible
        assert (round_id in [x["id"] for x in who.get("/api/rounds").get_json()]) == visible
        assert (f"/rounds/{round_id}\"" in text(who.get("/rounds"))) == visible
        assert (f'value="{draft_id}"' in text(who.get("/rounds"))) == visible  # the draft to open a round on
    r = other.post("/rounds", data={"draft_id": str(draft_id), "agencies": "Sở Nội vụ", "deadline": "31/12/2026"})
    assert r.status_code == 422 and f"không có văn bản số {draft_id} trong kho" in text(r)
    assert other.post(f"/rounds/{round_id}/deadline", data={"deadline": "01/01/2027"}).status_code == 404
    # nor can its text be read into a round of one's own, as a "reply letter"
    own = other.post("/api/documents", json={**example_inputs()["quyet_dinh_quy_che"], "trich_yeu": "quy chế khác"})
    r = other.post("/rounds", data={"draft_id": str(own.get_json()["id"]), "agencies": "Sở Nội vụ",
                                    "deadline": "31/12/2026"})
    mine = int(re.search(r"/rounds/(\d+)", r.headers["Location"]).group(1))
    r = other.post(f"/rounds/{mine}/replies", data={"document_ids": str(draft_id)})
    assert r.status_code == 422 and f"không có văn bản số {draft_id} trong kho" in text(r)
    assert other.get(f"/api/rounds/{mine}").get_json()["replies"] == []
    # the round's request letter is the draft's unit's, as the draft is
    r = author.post(f"/rounds/{round_id}/cong-van/xin-y-kien", data={"signer_title": "GIÁM ĐỐC",
                                                                     "signer_name": "Nguyễn Văn An"})
    letter = int(r.headers["Location"].rsplit("/", 1)[-1])
    assert other.get(f"/documents/{letter}").status_code == 404 and author.get(f"/documents/{letter}").status_code == 200


# --- the office's own templates ------------------------------------------------------------------------

def _changed(kind: str, edit, part: str = "word/document.xml") -> bytes:
    """Our template for `kind` with one part changed by `edit` (as an office would in Word)."""
    from templates import template_path

    src = zipfile.ZipFile(io.BytesIO(template_path(kind).read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            z.writestr(info, edit(data) if info.filename == part else data)
    return out.getvalue()


LETTERHEAD = "Địa chỉ: 36 Trần Phú, Đà Lạt"


def _with_letterhead(data: bytes) -> bytes:
    # a line after the date: a real office adds its address and telephone under the header
    return data.replace(b"{{ date_line }}", f"{{{{ date_line }}}} \u2014 {LETTERHEAD}".encode(), 1)


def words_of(docx: bytes) -> str:
    """Every paragraph's text, in the body and in its tables (the header block is a table)."""
    from docx import Document

    from tests.docx_inspect import para_text

    d = Document(io.BytesIO(docx))
    cells = [para_text(p._p) for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([para_text(p._p) for p in d.paragraphs] + cells)


def _upload(client, kind, data, name="mau.docx"):
    return client.post(f"/admin/mau/{kind}", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_an_office_template_is_tried_then_used_for_its_kind(app):
    from generator import custom_templates

    admin, clerk = signed(app), signed(app, "vt.lan")
    assert _upload(admin, "to_trinh", _changed("to_trinh", _with_letterhead)).status_code == 303
    assert "mẫu của cơ quan" in text(admin.get("/admin/mau"))
    made = clerk.post("/api/generate/to_trinh", json=example_inputs()["to_trinh"])
    assert made.status_code == 200
    assert LETTERHEAD in words_of(made.data)
    other = clerk.post("/api/generate/cong_van", json=example_inputs()["cong_van"])
    assert LETTERHEAD not in words_of(other.data)
    sample = admin.get("/admin/mau/to_trinh.docx")
    assert sample.status_code == 200 and sample.data == custom_templates.custom_path("to_trinh").read_bytes()
    assert admin.post("/admin/mau/to_trinh/mac-dinh").status_code == 303
    again = clerk.post("/api/generate/to_trinh", json=example_inputs()["to_trinh"])
    assert LETTERHEAD not in words_of(again.data)
    assert [a[1] for a in actions() if a[1].startswith("template.")] == ["template.upload", "template.reset"]
    assert len(list((custom_templates.folder() / "cu").glob("to_trinh-*.docx"))) == 1  # the office's is kept


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_a_document_from_an_office_template_reads_back_from_its_pdf(app):
    from pypdf import PdfReader

    from generator import load_document, pdf_bytes, render_bytes

    assert _upload(signed(app), "to_trinh", _changed("to_trinh", _with_letterhead)).status_code == 303
    pdf = pdf_bytes(render_bytes(load_document(example_inputs()["to_trinh"])))
    words = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "36 Trần Phú" in words and "TỜ TRÌNH" in words


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/big.bin", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def _climbing() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("../../etc/cron.d/x", "* * * * * root true")
    return out.getvalue()


@pytest.mark.parametrize("data, words", [
    (lambda: b"%PDF-1.7 not a template", "không phải Word .docx"),
    (lambda: b"", "tệp rỗng"),
    (_bomb, "nén bất thường"),
    (_climbing, "trỏ ra ngoài thư mục"),
    (lambda: _changed("to_trinh", lambda b: b.replace(b"{{ date_line }}", b"{{ date_line.__class__.__mro__ }}")),
     "không được phép"),
    (lambda: _changed("to_trinh", lambda b: b.replace(b"{{ date_line }}", b"{{ date_lien }}")), "gõ nhầm tên"),
    (lambda: _changed("to_trinh", lambda b: b.replace(b"{{ date_line }}", b"{{ date_line }")), "cú pháp"),
    # the trích yếu's lines loop over something empty: the render no longer holds it
    (lambda: _changed("to_trinh", lambda b: b.replace(b"for line in subject_lines", b"for line in stamps")),
     "thiếu trích yếu"),
    # the font lives in the styles (Normal), as Word keeps it when the office changes it there
    (lambda: _changed("to_trinh", lambda b: b.replace(b"Times New Roman", b"Arial"), "word/styles.xml"),
     "Times New Roman"),
], ids=["pdf", "empty", "zip-bomb", "path-traversal", "sandbox", "unknown-variable", "syntax", "drops-a-field",
        "wrong-font"])
def test_a_template_that_is_not_safe_or_not_right_is_refused_and_changes_nothing(app, data, words):
    from generator import custom_templates

    admin = signed(app)
    r = _upload(admin, "to_trinh", data())
    assert r.status_code == 422 and words in text(r), text(r)[-2000:]
    assert 'id="mau-to_trinh-loi"' in text(r)
    assert not custom_templates.custom_path("to_trinh").exists()
    folder = custom_templates.folder()  # no half-written file left behind
    assert not folder.exists() or list(folder.glob("*")) in ([], [folder / "cu"]), list(folder.glob("*"))
    assert not [a for a in actions() if a[1].startswith("template.")]


def test_a_template_that_could_loop_for_ever_is_refused_before_any_render(app):
    """Only the tags our templates use are taken: no range(), arithmetic or calls — so a loop hidden
    behind a condition the example does not meet (the trial would pass it) is refused all the same."""
    from generator import custom_templates

    hidden = ("{% if subject == 'Trần Văn Zeta' %}{% for i in range(99999) %}{% for j in range(99999) %}"
              "{% endfor %}{% endfor %}{% endif %}{{ subject }}")
    for tags, words in ((hidden, "range()"), ("{{ subject * 100000000 }}", "Mul"),
                        ("{{ subject.upper() }}", "Call"), ("{% set x = 1 %}{{ subject }}", "Assign")):
        r = _upload(signed(app), "to_trinh", _changed("to_trinh", lambda b: b.replace(b"{{ date_line }}", tags.encode())))
        assert r.status_code == 422 and words in text(r), (tags, text(r)[-1500:])
    assert not custom_templates.custom_path("to_trinh").exists()


def test_the_unit_and_role_commands(data_dir):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def run(*args, stdin=None):
        return subprocess.run([sys.executable, "-m", "webui.cli", *args], capture_output=True, text=True, cwd=root,
                              input=stdin)

    assert run("init").returncode == 0
    assert run("unit", "add", "khtc", "Phòng Kế hoạch - Tài chính").returncode == 0
    bad = run("unit", "add", "KHTC", "Lại")
    assert bad.returncode == 1 and "đã có" in bad.stderr
    assert run("unit", "close", "HCTP").returncode == 0
    assert re.search(r"HCTP\s+\(đã ngừng\) Phòng Hành chính tư pháp", run("unit", "list").stdout)
    assert run("user", "add", "cv.an", "--name", "Lê An", "--role", "chuyen_vien", "--unit", "KHTC",
               "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    closed = run("user", "role", "cv.an", "--role", "chuyen_vien", "--unit", "HCTP")
    assert closed.returncode == 1 and "không có đơn vị 'HCTP'" in closed.stderr
    assert run("user", "role", "cv.an", "--role", "lanh_dao").returncode == 0  # the unit stays
    assert run("user", "clearance", "--role", "lanh_dao", "--on").returncode == 0
    both = run("user", "clearance", "cv.an", "--role", "lanh_dao", "--on")
    assert both.returncode == 1
    listing = run("user", "list").stdout
    assert "Vai trò được xem văn bản mật: Lãnh đạo" in listing and re.search(r"cv\.an\s+Lãnh đạo\s+KHTC", listing)
    assert run("user", "role", "admin", "--role", "van_thu").returncode == 1  # the last administrator stays


def test_a_role_change_keeps_a_unit_missing_from_the_list(app):
    """A unit typed before units were kept (or since closed) stays selected on the people page, so
    saving a new role does not silently take the person out of their unit."""
    from sqlalchemy import update

    from archive.schema import app_user

    with archive.writing() as conn:
        conn.execute(update(app_user).where(app_user.c.login == "vt.lan").values(unit="KT"))
    admin = signed(app)
    page = text(admin.get("/admin/nguoi-dung"))
    assert '<option value="KT" selected>KT (chưa có trong danh sách đơn vị)</option>' in page
    assert admin.post("/admin/nguoi-dung/vt.lan/vai-tro", data={"role": "phap_che", "unit": "KT"}).status_code == 303
    assert person("vt.lan")["unit"] == "KT" and person("vt.lan")["role"] == "phap_che"
