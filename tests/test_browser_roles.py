"""The main journeys in a real Chromium, signed in as each role, on an installation that may hold
secrets: a chuyên viên composes, downloads and saves a draft and opens a comment round on it; the văn
thư issues it and finds it; another unit's chuyên viên never sees the draft or its round; the pháp
chế searches everything not secret; a secret document appears to none of them, not even as a count,
until the administrator clears the lãnh đạo's role on the people page."""
from __future__ import annotations

import copy
import re

import pytest

import archive
import index
from archive import users
from generator.settings import DEFAULT_TOML
from tests.conftest import example_inputs
from tests.test_browser import docx_text, fill_to_trinh, page, serve, sign_in_as  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-rat-dai-1"
PEOPLE = (("cv.vp", "Lê Văn Phòng", "chuyen_vien", "VP"), ("cv.xd", "Đỗ Xây Dựng", "chuyen_vien", "XDKTVB"),
          ("vt.lan", "Nguyễn Thị Lan", "van_thu", None), ("ld.ha", "Trần Thu Hà", "lanh_dao", None),
          ("pc.minh", "Phạm Minh", "phap_che", None), ("qt.an", "Phan An", "admin", None))
SECRET = "tình hình bảo vệ bí mật nhà nước quý III"
OPEN = "tình hình bảo vệ bí mật nhà nước trong công tác văn thư"  # a public document on the same words
DRAFT = "đề nghị phê duyệt Kế hoạch chỉnh lý tài liệu tồn đọng năm 2027"


@pytest.fixture
def office(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "vanthu.toml").write_text(DEFAULT_TOML.replace("may_hold_secrets = false", "may_hold_secrets = true"),
                                          encoding="utf-8")
    archive.upgrade()
    with archive.writing() as conn:
        for login, name, role, unit in PEOPLE:
            users.add(conn, login=login, full_name=name, role=role, unit=unit, password=PASSWORD, actor="test")
    report = example_inputs()["bao_cao"]
    archive.file_draft({**copy.deepcopy(report), "do_mat": "MẬT", "so": 7, "trich_yeu": SECRET}, actor="vt.lan")
    archive.file_draft({**copy.deepcopy(report), "so": 8, "trich_yeu": OPEN}, actor="vt.lan")
    index.drain()
    yield from serve({"PDF_EXPORT": False})


def sign_in(page, base, login):
    sign_in_as(page, base, login, PASSWORD)


def search(page, base, words) -> str:
    page.goto(f"{base}/search")
    page.fill("#q", words)
    page.click("#tim")
    page.wait_for_selector("#tong")
    return page.inner_text("main")


def test_each_role_walks_its_journeys(office, page, tmp_path):  # noqa: F811
    base = office
    # --- chuyên viên of VP: compose, download the Word file, save it; open a round on a Quy chế draft
    sign_in(page, base, "cv.vp")
    page.goto(f"{base}/soan/to_trinh")
    fill_to_trinh(page, DRAFT)
    page.get_by_role("button", name="Soạn văn bản").click()
    page.wait_for_url(f"{base}/soan/xong/*", timeout=60_000)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản Word (.docx)").click()
    saved = tmp_path / "du-thao.docx"
    info.value.save_as(saved)
    assert f"Về việc {DRAFT}" in docx_text(saved)
    page.click("#luu-vao-kho")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    draft_url = page.url
    index.drain()
    assert DRAFT in search(page, base, '"chỉnh lý tài liệu tồn đọng"')  # its own unit finds it
    assert page.locator("#cap-so").count() == 0  # a chuyên viên does not issue
    quy_che = archive.file_draft(copy.deepcopy(example_inputs()["quyet_dinh_quy_che"]), actor="cv.vp", unit="VP")
    page.goto(f"{base}/rounds")
    page.select_option("#f-draft_id", str(quy_che))
    page.fill("#f-agencies", "Sở Nội vụ\nCông an tỉnh")
    page.fill("#f-deadline", "31/12/2026")
    page.click("#mo-vong-btn")
    page.wait_for_url(re.compile(r".*/rounds/\d+$"))
    round_url = page.url
    assert "Sở Nội vụ" in page.inner_text("main")
    assert SECRET not in search(page, base, "bảo vệ bí mật nhà nước")

    # --- another unit's chuyên viên: neither the draft, nor its round, nor the secret
    sign_in(page, base, "cv.xd")
    assert page.goto(draft_url).status == 404
    assert page.goto(round_url).status == 404
    page.goto(f"{base}/rounds")
    assert round_url.split(base)[1] not in page.content()
    shown = search(page, base, '"chỉnh lý tài liệu tồn đọng"')
    assert DRAFT not in shown and "0 văn bản" in shown

    # --- văn thư: issues the draft, finds it by its number; the secret it filed is hidden from it too
    sign_in(page, base, "vt.lan")
    page.goto(draft_url)
    page.click("#cap-so")
    page.wait_for_selector("#so-moi")
    number = page.inner_text("#so-moi")
    page.click("#xac-nhan-cap-so")
    page.wait_for_selector(".flash.ok", timeout=60_000)
    index.drain()
    found = search(page, base, number)
    assert DRAFT in found and "1 văn bản" in found
    shown = search(page, base, "bảo vệ bí mật nhà nước")
    assert SECRET not in shown and OPEN in shown and "1 văn bản" in shown and "Báo cáo (1)" in shown

    # --- pháp chế: reads and searches all that is not secret, composes nothing
    sign_in(page, base, "pc.minh")
    assert "Soạn:" not in page.inner_text("nav")
    shown = search(page, base, "bao ve bi mat nha nuoc")  # without diacritics
    assert OPEN in shown and SECRET not in shown and "1 văn bản" in shown
    assert DRAFT in search(page, base, "chinh ly tai lieu ton dong")  # issued: seen by all
    page.goto(f"{base}/archive")
    assert SECRET not in page.inner_text("main")

    # --- lãnh đạo: not cleared, then the administrator clears the role in the browser
    sign_in(page, base, "ld.ha")
    assert SECRET not in search(page, base, "bảo vệ bí mật nhà nước")
    sign_in(page, base, "qt.an")
    page.click("nav >> text=Quản trị")
    page.wait_for_selector("#bang-nguoi-dung")
    page.check("#mat-lanh_dao")
    page.click("#luu-vai-tro-mat")
    page.wait_for_selector(".flash.ok")
    assert "Có (theo vai trò)" in page.inner_text("#dong-ld\\.ha")
    sign_in(page, base, "ld.ha")
    shown = search(page, base, "bảo vệ bí mật nhà nước")
    assert SECRET in shown and "2 văn bản" in shown and "Báo cáo (2)" in shown
    page.locator(".hit", has_text=SECRET).get_by_role("link").first.click()
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    sign_in(page, base, "qt.an")
    page.goto(f"{base}/admin/nhat-ky?viec=secret.view")
    log = page.inner_text("#bang-nhat-ky")
    assert "Trần Thu Hà" in log and "xem văn bản mật" in log
