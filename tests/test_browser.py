"""A real Chromium fills the Tờ trình form like a clerk, downloads the Word file and reads it back."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def serve(config: dict):
    """The real app on 127.0.0.1 and a free port, in a thread: yields its address, then stops it."""
    from werkzeug.serving import make_server

    from webui import create_app

    server = make_server("127.0.0.1", 0, create_app(config), threaded=True)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def live_server(data_dir):
    """For one test; sign-in switched off (sign-in itself: tests/test_auth.py)."""
    yield from serve({"LOGIN_DISABLED": True})


@pytest.fixture
def page():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Không có {CHROMIUM}: cài gói Debian 'chromium' (make test-deps) để chạy kiểm thử trình duyệt")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Thiếu gói playwright (pip install playwright)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(accept_downloads=True, locale="vi-VN")
            yield context.new_page()
        finally:
            browser.close()


def sign_in_as(page, base: str, login: str, password: str) -> None:
    """A fresh session, signed in through the sign-in page as a person would."""
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap")
    page.fill("#login", login)
    page.fill("#password", password)
    page.click("#dang-nhap")
    page.wait_for_selector("#nguoi-dung")


from tests.docx_inspect import para_text  # noqa: E402


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    return "\n".join(para_text(p) for p in d.element.body.iter(qn("w:p")))


SUBJECT = "đề nghị phê duyệt Kế hoạch số hóa hồ sơ lý lịch tư pháp năm 2027"
SIGNER = "Trần Minh Khang"


def label(page, text: str):
    """The form control named exactly by its label, as a screen reader (and a clerk) reads it."""
    return page.get_by_label(text, exact=True)


def fill_to_trinh(page, subject: str) -> None:
    label(page, "Trích yếu nội dung").fill(subject)
    label(page, "Kính gửi").fill("Ủy ban nhân dân tỉnh Lâm Đồng")
    label(page, "Căn cứ").fill("Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024\n"
                                     "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ")
    label(page, "Nội dung").fill(
        "I. Sự cần thiết\nKho lưu trữ giữ khoảng 1.200 mét giá hồ sơ giấy.\n"
        "II. Nội dung đề nghị\n1. Phạm vi: hồ sơ từ năm 2015 đến năm 2025.\n"
        "2. Kinh phí dự kiến: 1.850.000.000 đồng.")
    label(page, "Thẩm quyền ký").select_option("KT")
    label(page, "Chức vụ người đứng đầu (sau KT., Q., TL., TUQ.)").fill("GIÁM ĐỐC")
    label(page, "Chức vụ người ký").fill("PHÓ GIÁM ĐỐC")
    label(page, "Họ và tên người ký").fill(SIGNER)
    label(page, "Nơi nhận").fill("Giám đốc, các Phó Giám đốc Sở")
    label(page, "Đơn vị lưu").fill("VP")


def test_clerk_composes_a_to_trinh(live_server, page, tmp_path, data_dir):
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Tờ trình").first.click()
    page.wait_for_url(f"{live_server}/soan/to_trinh")
    assert page.locator("html").get_attribute("lang") == "vi"
    fill_to_trinh(page, SUBJECT)
    page.get_by_role("button", name="Soạn văn bản").click()

    page.wait_for_url(f"{live_server}/soan/xong/*", timeout=60_000)
    assert page.get_by_role("heading", name="Đã soạn xong tờ trình").is_visible()
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page.inner_text("#kiem-tra-the-thuc")
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page.inner_text("#kiem-tra-pdf")  # the PDF as it prints, too
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản Word (.docx)").click()
    download = info.value
    assert download.suggested_filename.startswith("to_trinh-du-thao-")
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = docx_text(saved)
    assert f"Về việc {SUBJECT}" in text
    assert SIGNER in text and "KT. GIÁM ĐỐC" in text
    assert "Kho lưu trữ giữ khoảng 1.200 mét giá hồ sơ giấy." in text


def test_empty_subject_shows_the_error_beside_it(live_server, page, data_dir):
    page.goto(f"{live_server}/soan/to_trinh")
    fill_to_trinh(page, "")
    page.get_by_role("button", name="Soạn văn bản").click()
    page.wait_for_load_state()

    field = page.locator("#field-trich_yeu")
    error = field.locator(".error")
    assert error.is_visible()
    assert "Bắt buộc, chưa được điền" in error.inner_text()
    assert label(page, "Trích yếu nội dung").get_attribute("aria-invalid") == "true"
    # What the clerk typed elsewhere is still in the form, and nothing was written.
    assert label(page, "Họ và tên người ký").input_value() == SIGNER
    assert "1.200 mét giá" in label(page, "Nội dung").input_value()
    assert not (data_dir / "soan").exists() or not any((data_dir / "soan").iterdir())


def test_reviewer_checks_files(live_server, page, tmp_path, data_dir):
    """/check in a real browser: from the menu, pick two files, press Kiểm tra, read both reports."""
    import generator
    from tests.conftest import example_inputs
    from tests.test_web_check import mutated

    data = example_inputs()["cong_van"]
    good = generator.render_docx(generator.load_document(data), tmp_path / "cong_van.docx")
    bad = tmp_path / "sai_ngay.docx"
    bad.write_bytes(mutated(good.read_bytes(), "ngày 05 tháng 02", "ngày 5 tháng 02"))

    page.goto(f"{live_server}/")
    page.get_by_role("navigation").get_by_role("link", name="Kiểm tra thể thức").click()
    page.wait_for_url(f"{live_server}/check")
    page.set_input_files("#files", [str(good), str(bad)])
    page.click("#kiem-tra")
    page.wait_for_selector("section.report")

    assert page.locator("section.report").count() == 2
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page.inner_text('section[data-path="cong_van.docx"]')
    wrong = page.locator('section[data-path="sai_ngay.docx"]')
    assert "Chưa đạt thể thức Nghị định 30: 1 lỗi" in wrong.inner_text()
    row = wrong.locator("tr.sev-error")
    assert row.is_visible() and "ND30-DATE" in row.inner_text()
    # errors stand out: not the colour of ordinary text
    assert row.locator("td.sev").evaluate("e => getComputedStyle(e).color") != \
        page.locator("h1").evaluate("e => getComputedStyle(e).color")
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    assert not any((data_dir / "tmp").rglob("*"))  # nothing uploaded is kept
