"""The office's daily loop in a real Chromium, as a clerk walks it: compose a Tờ trình, save it,
issue it (the PDF shows its number and date); take in a letter, register it, assign it, answer it
with a công văn that cites it, see the register say it is answered; the same letter uploaded
again is flagged as a duplicate."""
from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from pypdf import PdfReader

import generator
from generator.rules import date_words
from tests.conftest import example_inputs
from tests.test_browser import fill_to_trinh, label, live_server, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def _letter(tmp_path, name: str, **extra):
    data = copy.deepcopy(example_inputs()["cong_van"])
    data.update(issuing_body="SỞ NỘI VỤ", body_code="SNV", unit_code="VP", so=487, date="2026-03-10",
                trich_yeu="đề nghị báo cáo tình hình tiếp nhận hồ sơ lý lịch tư pháp", **extra)
    path = tmp_path / name
    path.write_bytes(generator.render_bytes(generator.load_document(data)))
    return path


def _issue(page) -> str:
    """From a draft's page: confirm and issue; returns the number the confirmation showed."""
    page.click("#cap-so")
    page.wait_for_selector("#so-moi")
    number = page.inner_text("#so-moi")
    page.click("#xac-nhan-cap-so")
    page.wait_for_selector(".flash.ok", timeout=60_000)
    assert f"Đã cấp số {number}" in page.inner_text(".flash.ok")
    return number


def test_the_daily_loop(live_server, page, tmp_path, data_dir):  # noqa: F811
    base = live_server
    # --- outgoing: compose → save → issue → the PDF carries number and date
    page.goto(f"{base}/soan/to_trinh")
    fill_to_trinh(page, "đề nghị phê duyệt Kế hoạch số hóa hồ sơ năm 2027")
    page.get_by_role("button", name="Soạn văn bản").click()
    page.wait_for_url(f"{base}/soan/xong/*", timeout=60_000)
    page.click("#luu-vao-kho")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    number = _issue(page)
    assert number == "01/TTr-STP"
    first_url = page.url
    with page.expect_download() as info:
        page.locator("table tr").last.get_by_role("link", name="PDF").click()
    pdf = tmp_path / "ban-hanh.pdf"
    info.value.save_as(pdf)
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert "Số: 01/TTr-STP" in text and date_words(TODAY) in text

    # --- incoming: upload → register (bad date first: the summary links to the field) → assign
    page.goto(f"{base}/archive/upload")
    page.set_input_files("#file", str(_letter(tmp_path, "cv-487.docx")))
    page.click("#doc-tep")
    page.wait_for_selector("#luu")
    page.click("#luu")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    letter_url = page.url
    page.fill("#vao-so-ngay_den", "31/02/2026")
    page.click("#vao-so-den")
    link = page.locator("#vao-so-loi a").first
    assert "31/2/2026 không có trong lịch" in link.inner_text()
    assert link.get_attribute("href") == "#vao-so-ngay_den"
    # the one date picker: the calendar's choice is written back as dd/mm/yyyy
    page.locator("#vao-so-ngay_den ~ input.ngay-lich").first.evaluate(
        f"e => {{ e.value = '{TODAY.isoformat()}'; e.dispatchEvent(new Event('change')); }}")
    assert page.input_value("#vao-so-ngay_den") == TODAY.strftime("%d/%m/%Y")
    page.select_option("#vao-so-hinh_thuc", "giay")
    page.fill("#vao-so-nguoi_nhan", "Phòng Hành chính tư pháp")
    page.click("#vao-so-den")
    page.wait_for_selector("#dau-den")
    assert page.inner_text("#so-den") == "01"
    page.fill("#phan-cong-chu_tri", "Phòng Hành chính tư pháp")
    page.fill("#phan-cong-han", (TODAY + dt.timedelta(days=2)).strftime("%d/%m/%Y"))
    page.click("#ghi-phan-cong")
    page.wait_for_selector(".flash.ok")
    page.goto(f"{base}/")
    assert letter_url.rsplit("/", 1)[-1] in page.locator("#cho-sap-han a").first.get_attribute("href")

    # --- answer: the công văn prefilled from the letter, cited by number → issued → answered
    page.goto(letter_url)
    page.click("#soan-tra-loi")
    page.wait_for_url(re.compile(r".*/soan/cong_van\?tra_loi=\d+"))
    body = label(page, "Nội dung")
    assert "Phúc đáp Công văn số 487/SNV-VP" in body.input_value()
    body.fill(body.input_value() + "Sở Tư pháp báo cáo tình hình tiếp nhận hồ sơ như sau.")
    label(page, "Chức vụ người ký").fill("GIÁM ĐỐC")
    label(page, "Họ và tên người ký").fill("Lê Thị Thu Hà")
    # a công văn needs its unit's code: the folded group holding it is open, the field marked
    assert page.locator("#group-so_ngay").get_attribute("open") is not None
    assert page.locator("#field-unit_code .req").count() == 1
    label(page, "Chữ viết tắt đơn vị soạn thảo").fill("HCTP")
    page.get_by_role("button", name="Soạn văn bản").click()
    page.wait_for_url(f"{base}/soan/xong/*", timeout=60_000)
    page.click("#luu-vao-kho")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    reply_number = _issue(page)
    assert reply_number == "02/STP-HCTP"
    page.goto(letter_url)
    assert page.inner_text("#tinh-trang-den") == "Đã trả lời"
    assert reply_number in page.inner_text("#van-ban-tra-loi")
    page.goto(f"{base}/registers?so=theo_doi")
    row = page.locator("#bang-so tbody tr").first.inner_text()
    assert "Đã trả lời" in row and reply_number in row and "487/SNV-VP" in row

    # --- the same letter in another file: flagged before filing, with a link to the one filed
    page.goto(f"{base}/archive/upload")
    page.set_input_files("#file", str(_letter(tmp_path, "cv-487-ban-scan.docx", noi_nhan=["Lưu: VT"])))
    page.click("#doc-tep")
    page.wait_for_selector("#trung-so")
    assert "487/SNV-VP" in page.inner_text("#trung-so")
    page.locator("#trung-so a.xem-ban-trung").first.click()
    assert page.url == letter_url

    # --- recall asks first (data-confirm, no inline script): dismissed, nothing changes; accepted, marked
    page.goto(first_url)
    page.locator("summary", has_text="Thu hồi hoặc thay thế văn bản này").click()
    page.fill("#thu-hoi-ly_do", "gửi nhầm nơi nhận")
    page.once("dialog", lambda d: d.dismiss())
    page.click("#danh-dau-thu-hoi")
    page.wait_for_timeout(300)
    assert page.locator("#da-thu-hoi").count() == 0
    page.once("dialog", lambda d: d.accept())
    page.click("#danh-dau-thu-hoi")
    page.wait_for_selector("#da-thu-hoi")
    assert "gửi nhầm nơi nhận" in page.inner_text("#da-thu-hoi")
