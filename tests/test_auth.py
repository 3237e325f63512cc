"""Sign-in: every route but the sign-in page, the static files and the OpenAPI description asks an
anonymous visitor to sign in; passwords are argon2 hashes; guessing is throttled; a new password or
a locked account ends the old sessions; the audit names the person; `vanthu user …` and `vanthu init`."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

import archive
from archive import users
from archive.schema import app_user, audit
from tests.conftest import example_inputs
from tests.test_browser import page, sign_in_as  # noqa: F401  (the Chromium fixture)
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
VANTHU = [sys.executable, "-m", "webui.cli"]
PASSWORD = "mat-khau-rat-dai-1"
PUBLIC = {"auth.login", "static", "api.openapi"}


@pytest.fixture()
def app(data_dir):
    archive.upgrade()
    with archive.writing() as conn:
        users.add(conn, login="vt.lan", full_name="Nguyễn Thị Lan", role="van_thu", password=PASSWORD, actor="test")
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})


def sign_in(client, login="vt.lan", password=PASSWORD, next_=""):
    return client.post("/dang-nhap", data={"login": login, "password": password, "next": next_})


def test_every_route_asks_an_anonymous_visitor_to_sign_in(app):
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        url = re.sub(r"<(?:int:)?(\w+)>", lambda m: "1" if "int:" in m.group(0) else "x", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            resp = client.open(url, method=method, json={} if method == "POST" else None)
            if rule.endpoint in PUBLIC:  # answered by the route itself, not sent to sign in
                assert "/dang-nhap?next=" not in resp.headers.get("Location", ""), (method, url)
                continue
            checked += 1
            if url.startswith("/api/"):
                assert resp.status_code == 401, (method, url, resp.status_code)
                assert "đăng nhập" in resp.get_json()["errors"][0]["message"]
            else:
                assert resp.status_code == 302 and "/dang-nhap?next=" in resp.headers["Location"], (method, url)
    assert checked > 60  # every html, form and JSON route
    assert client.get("/api/openapi.json").status_code == 200


def test_signing_in_and_out(app):
    client = app.test_client()
    wrong = sign_in(client, password="sai-mat-khau-1")
    assert wrong.status_code == 401 and "không đúng" in wrong.get_data(as_text=True)
    ok = sign_in(client, next_="/archive")
    assert ok.status_code == 303 and ok.headers["Location"].endswith("/archive")
    cookie = ok.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    html = client.get("/archive").get_data(as_text=True)
    assert 'id="nguoi-dung">Nguyễn Thị Lan<' in html
    # the audit names the person who acted
    doc_id = client.post("/api/documents", json=example_inputs()["to_trinh"]).get_json()["id"]
    with archive.reading() as conn:
        assert {a.actor for a in conn.execute(select(audit).where(audit.c.document_id == doc_id))} == {"vt.lan"}
    client.post(f"/api/documents/{doc_id}/issue", json={})
    journal = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "Nguyễn Thị Lan đã cấp số 01/TTr-STP" in journal  # a sentence naming the person, in Vietnamese
    client.post("/dang-xuat")
    assert client.get("/archive").status_code == 302


def test_next_never_leaves_the_site(app):
    client = app.test_client()
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        r = sign_in(app.test_client(), next_=target)
        assert r.status_code == 303 and r.headers["Location"] in ("/", "http://localhost/"), target
    assert client.get("/dang-nhap").status_code == 200


def test_guessing_is_throttled(app):
    client = app.test_client()
    for _ in range(users.THROTTLE["per_login"]):
        assert sign_in(client, password="doan-thu-mat-khau").status_code == 401
    blocked = sign_in(client)  # even the right password, for a while
    assert blocked.status_code == 401 and "quá nhiều lần" in blocked.get_data(as_text=True)
    assert sign_in(app.test_client(), login="nguoi.khac", password="x" * 12).status_code == 401


def test_a_new_password_or_a_lock_ends_the_old_sessions(app):
    client = app.test_client()
    sign_in(client)
    assert client.get("/archive").status_code == 200
    with archive.writing() as conn:
        users.set_password(conn, "vt.lan", "mat-khau-moi-2026", actor="admin")
    assert client.get("/archive").status_code == 302
    sign_in(client, password="mat-khau-moi-2026")
    assert client.get("/archive").status_code == 200
    with archive.writing() as conn:
        users.add(conn, login="admin", full_name="Quản trị", role="admin", password=PASSWORD, actor="t")
        users.set_active(conn, "vt.lan", False, actor="admin")
    assert client.get("/archive").status_code == 302
    assert sign_in(client, password="mat-khau-moi-2026").status_code == 401


def test_password_hashes_and_rules(data_dir):
    archive.upgrade()
    with archive.writing() as conn:
        users.add(conn, login="ld.an", full_name="Trần An", role="lanh_dao", password=PASSWORD, actor="t")
        stored = conn.execute(select(app_user.c.password_hash)).scalar()
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        for kw, words in ((dict(login="Có Dấu"), "tên đăng nhập"), (dict(role="sep"), "vai trò"),
                          (dict(password="ngan"), "ít nhất"), (dict(login="ld.an"), "đã có")):
            with pytest.raises(users.UserError, match=words):
                users.add(conn, **{"login": "cv.binh", "full_name": "B", "role": "chuyen_vien",
                                   "password": PASSWORD, "actor": "t", **kw})
        with pytest.raises(users.UserError, match="quản trị viên cuối cùng"):
            users.add(conn, login="qt", full_name="Q", role="admin", password=PASSWORD, actor="t")
            users.set_active(conn, "qt", False, actor="t")


def run(*args, stdin: str | None = None):
    return subprocess.run([*VANTHU, *args], capture_output=True, text=True, cwd=ROOT, input=stdin)


def test_init_makes_the_first_administrator_and_the_user_commands(data_dir):
    first = run("init")
    assert first.returncode == 0 and "Đã tạo tài khoản quản trị" in first.stdout
    secret = data_dir / "mat-khau-admin.txt"
    assert oct(secret.stat().st_mode & 0o777) == "0o600"
    login, password = secret.read_text(encoding="utf-8").split()
    with archive.writing() as conn:
        user, problem = users.authenticate(conn, login, password)
    assert user and user["role"] == "admin" and problem is None
    again = run("init")
    assert "Đã tạo" not in again.stdout  # once only
    added = run("user", "add", "cv.binh", "--name", "Lê Văn Bình", "--role", "chuyen_vien", "--unit", "VP",
                "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    short = run("user", "add", "cv.ha", "--name", "Hà", "--role", "chuyen_vien", "--password-stdin", stdin="ngan\n")
    assert short.returncode == 1 and "ít nhất 10 ký tự" in short.stderr
    assert run("user", "disable", "cv.binh").returncode == 0
    listing = run("user", "list").stdout
    assert re.search(r"cv\.binh\s+Chuyên viên\s+VP\s+\(đã khóa\) Lê Văn Bình", listing)
    assert run("user", "disable", "admin").returncode == 1  # the last administrator stays
    assert run("user", "passwd", "cv.binh", "--password-stdin", stdin="mat-khau-moi-2026\n").returncode == 0


@pytest.fixture
def signed_server(app):
    from tests.test_browser import serve

    yield from serve({"PDF_EXPORT": False})


@pytest.mark.browser
def test_a_clerk_signs_in_in_the_browser(signed_server, page):  # noqa: F811
    page.goto(f"{signed_server}/soan/to_trinh")
    assert "/dang-nhap" in page.url and page.locator("nav").count() == 0  # nothing shown before signing in
    page.fill("#login", "vt.lan")
    page.fill("#password", "sai-mat-khau-1")
    page.click("#dang-nhap")
    assert "không đúng" in page.inner_text("#dang-nhap-loi")
    page.fill("#password", PASSWORD)
    page.click("#dang-nhap")
    page.wait_for_url(f"{signed_server}/soan/to_trinh")
    assert page.inner_text("#nguoi-dung") == "Nguyễn Thị Lan"
    page.click("#dang-xuat")
    page.wait_for_url(re.compile(r".*/dang-nhap"))
    page.goto(f"{signed_server}/archive")
    assert "/dang-nhap" in page.url




# --- rights per role: every route asked as every role, against the table of archive.rights ---------

def test_every_write_route_names_the_right_it_needs(app):
    from webui.auth import ENDPOINT_ACTIONS

    writes = {r.endpoint for r in app.url_map.iter_rules() if r.methods & {"POST", "PUT", "DELETE"}}
    assert writes - set(ENDPOINT_ACTIONS) - PUBLIC == set()  # none falls through to a default


def test_every_route_as_every_role(app):
    from archive.rights import RIGHTS
    from webui.auth import action_of

    for role in users.ROLES:
        with archive.writing() as conn:
            users.add(conn, login=f"u.{role.replace('_', '')}", full_name=f"Người {role}", role=role,
                      password=PASSWORD, actor="t")
        client = app.test_client()
        assert sign_in(client, login=f"u.{role.replace('_', '')}").status_code == 303
        for rule in app.url_map.iter_rules():
            if rule.endpoint in PUBLIC or rule.endpoint == "auth.logout":
                continue
            url = re.sub(r"<(?:int:)?(\w+)>", lambda m: "1" if "int:" in m.group(0) else "x", rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                resp = client.open(url, method=method, json={} if method == "POST" else None)
                allowed = action_of(rule.endpoint, method) in RIGHTS[role]
                assert (resp.status_code == 403) == (not allowed), (role, method, url, resp.status_code)
                if not allowed and url.startswith("/api/"):
                    assert "không được" in resp.get_json()["errors"][0]["message"]


def test_a_legal_reviewer_sees_no_button_it_may_not_press(app):
    with archive.writing() as conn:
        users.add(conn, login="pc.minh", full_name="Đỗ Minh", role="phap_che", password=PASSWORD, actor="t")
    writer = app.test_client()
    sign_in(writer)
    doc_id = writer.post("/api/documents", json=example_inputs()["to_trinh"]).get_json()["id"]
    reader = app.test_client()
    sign_in(reader, login="pc.minh")
    html = reader.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert 'id="cap-so"' not in html and "/soan/to_trinh" not in html
    assert 'id="cap-so"' in writer.get(f"/documents/{doc_id}").get_data(as_text=True)  # the clerk's html has it
    refused = reader.post(f"/api/documents/{doc_id}/issue", json={})
    assert refused.status_code == 403 and "Pháp chế không được cấp số" in refused.get_json()["errors"][0]["message"]


def test_security_headers_on_every_answer(app):
    client = app.test_client()
    for url in ("/dang-nhap", "/archive", "/api/openapi.json", "/static/style.css"):
        h = client.get(url).headers
        assert "script-src 'self'" in h["Content-Security-Policy"] and "frame-ancestors 'none'" in h[
            "Content-Security-Policy"], url
        assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY", url
        assert h["Referrer-Policy"] == "same-origin", url
    import pathlib

    for html in pathlib.Path(ROOT / "webui" / "templates").glob("*.html"):  # nothing the policy would block
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)|\bon[a-z]+=\"|style=\"", text), html.name


def test_the_administrator_reads_the_audit_log(app):
    with archive.writing() as conn:
        users.add(conn, login="qt.an", full_name="Phan An", role="admin", password=PASSWORD, actor="vanthu user")
    clerk = app.test_client()
    sign_in(clerk)
    doc_id = clerk.post("/api/documents", json=example_inputs()["to_trinh"]).get_json()["id"]
    clerk.post(f"/api/documents/{doc_id}/issue", json={})
    assert clerk.get("/admin/nhat-ky").status_code == 403  # a clerk does not read the whole log
    admin = app.test_client()
    sign_in(admin, login="qt.an")
    html = admin.get("/admin/nhat-ky", query_string={"ai": "vt.lan"}).get_data(as_text=True)
    rows = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)", html)
    assert rows and set(rows) == {"Nguyễn Thị Lan "}  # only her lines, with her name
    assert "cấp số" in html and "tạo văn bản" in html and "01/TTr-STP" in html
    issued = admin.get("/admin/nhat-ky", query_string={"viec": "document.issue"}).get_data(as_text=True)
    assert len(re.findall(r"<tr><td>", issued)) == 1
    people = admin.get("/admin/nhat-ky", query_string={"viec": "user.add"}).get_data(as_text=True)
    assert "thêm người dùng" in people and "qt.an" in people  # changes of rights are in the log too
    bad = admin.get("/admin/nhat-ky", query_string={"tu": "31/02/2026"})
    assert bad.status_code == 422 and '<a href="#nk-tu">Từ ngày:' in bad.get_data(as_text=True)


def test_a_draft_is_seen_by_its_unit_an_issued_document_by_all(app):
    import index

    with archive.writing() as conn:
        users.add(conn, login="cv.vp", full_name="Cán bộ VP", role="chuyen_vien", unit="VP", password=PASSWORD,
                  actor="t")
        users.add(conn, login="cv.xd", full_name="Cán bộ XD", role="chuyen_vien", unit="XDKTVB",
                  password=PASSWORD, actor="t")
    author, other, clerk = app.test_client(), app.test_client(), app.test_client()
    sign_in(author, login="cv.vp")
    sign_in(other, login="cv.xd")
    sign_in(clerk)
    data = {**example_inputs()["to_trinh"], "trich_yeu": "đề nghị phê duyệt phương án chỉnh lý tài liệu"}
    doc_id = author.post("/api/documents", json=data).get_json()["id"]
    index.drain()
    with archive.reading() as conn:
        assert archive.get_document(conn, doc_id)["unit"] == "VP"
    query = {"q": "phương án chỉnh lý tài liệu"}
    for who, visible in ((author, True), (clerk, True), (other, False)):
        assert (who.get(f"/documents/{doc_id}").status_code == 200) == visible
        assert (who.get(f"/api/documents/{doc_id}").status_code == 200) == visible
        hits = who.get("/api/search", query_string=query).get_json()
        assert (doc_id in [h["id"] for h in hits["hits"]]) == visible and (hits["total"] == 1) == visible
        assert (f'/documents/{doc_id}"' in who.get("/archive").get_data(as_text=True)) == visible
        assert (f"/documents/{doc_id}\"" in who.get("/").get_data(as_text=True)) == visible  # drafts to issue
    clerk.post(f"/api/documents/{doc_id}/issue", json={})
    index.drain()
    assert other.get(f"/documents/{doc_id}").status_code == 200  # issued: seen by all
    assert other.get("/api/search", query_string=query).get_json()["total"] == 1


@pytest.mark.browser
def test_each_role_sees_what_it_may_do_in_the_browser(signed_server, page):  # noqa: F811
    """As each role in Chromium: a draft's page, the menu, and a route it may not use."""
    import copy

    data = copy.deepcopy(example_inputs()["to_trinh"])
    doc_id = archive.file_draft(data, actor="test", unit="VP")
    with archive.writing() as conn:
        for login, role, unit in (("cv.vp", "chuyen_vien", "VP"), ("cv.xd", "chuyen_vien", "XDKTVB"),
                                  ("ld.ha", "lanh_dao", None), ("pc.minh", "phap_che", None)):
            users.add(conn, login=login, full_name=f"Người {login}", role=role, unit=unit, password=PASSWORD,
                      actor="test")
    expect = {  # login: (sees the draft, may compose, may issue)
        "vt.lan": (True, True, True), "cv.vp": (True, True, False), "cv.xd": (False, True, False),
        "ld.ha": (True, False, False), "pc.minh": (True, False, False)}
    for login, (sees, composes, issues) in expect.items():
        sign_in_as(page, signed_server, login, PASSWORD)
        nav = page.inner_text("nav")
        assert ("Soạn:" in nav) == composes, login
        resp = page.goto(f"{signed_server}/documents/{doc_id}")
        assert (resp.status == 200) == sees, login
        if sees:
            assert (page.locator("#cap-so").count() == 1) == issues, login
        resp = page.goto(f"{signed_server}/documents/{doc_id}/issue")
        if issues:
            assert page.locator("#so-moi").inner_text() == "01/TTr-STP"
        else:
            assert resp.status == 403 and "không được cấp số" in page.inner_text("main"), login


def test_where_secrets_are_held_only_cleared_users_see_them(app, data_dir):
    import index
    from generator.settings import DEFAULT_TOML

    (data_dir / "vanthu.toml").write_text(DEFAULT_TOML.replace("may_hold_secrets = false", "may_hold_secrets = true"),
                                          encoding="utf-8")
    with archive.writing() as conn:
        users.add(conn, login="ld.mat", full_name="Lãnh đạo có quyền", role="lanh_dao", password=PASSWORD, actor="t")
        users.set_clearance(conn, "ld.mat", True, actor="admin")
    clerk, cleared = app.test_client(), app.test_client()
    sign_in(clerk)
    sign_in(cleared, login="ld.mat")
    data = {**example_inputs()["bao_cao"], "do_mat": "MẬT", "so": 3,
            "trich_yeu": "tình hình bảo vệ bí mật nhà nước quý III"}
    secret_id = clerk.post("/api/documents", json=data).get_json()["id"]  # the clerk files it, then cannot see it
    index.drain()
    query = {"q": "bảo vệ bí mật nhà nước"}
    for who, visible in ((clerk, False), (cleared, True)):
        assert (who.get(f"/documents/{secret_id}").status_code == 200) == visible
        assert (who.get(f"/api/documents/{secret_id}").status_code == 200) == visible
        listing = who.get("/archive").get_data(as_text=True)
        assert (f'/documents/{secret_id}"' in listing) == visible
        assert (">Báo cáo</a> (1)" in listing or "Báo cáo (1)" in listing) == visible  # not even counted
        hits = who.get("/api/search", query_string=query).get_json()
        assert (hits["total"] >= 1) == visible and (secret_id in [h["id"] for h in hits["hits"]]) == visible
    draft = {**data, "trich_yeu": "dự thảo kế hoạch bảo vệ bí mật", "date": "2026"}
    draft.pop("so")
    draft_id = clerk.post("/api/documents", json=draft).get_json()["id"]
    assert f"/documents/{draft_id}\"" not in clerk.get("/").get_data(as_text=True)  # not in "drafts to issue"
    assert f"/documents/{draft_id}\"" in cleared.get("/").get_data(as_text=True)
    with archive.reading() as conn:
        assert any(a.action == "user.clearance" for a in conn.execute(select(audit)))  # the grant is audited
