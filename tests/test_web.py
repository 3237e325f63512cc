"""The web interface through Flask's test client: forms, CSRF, downloads, the JSON API.

CSRF protection stays on in these tests: every post carries the token read from the page,
as a browser's would."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.request

import docx
import pytest
from docx.oxml.ns import qn

import generator
from tests.conftest import EXAMPLES, ROOT, has_soffice
from webui import create_app

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(data_dir):
    return create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False})


@pytest.fixture
def client(app):
    return app.test_client()


def docx_text(data: bytes) -> str:
    """Every paragraph of the body (tables included), one a line."""
    d = docx.Document(io.BytesIO(data))
    from tests.docx_inspect import para_text

    paras = (para_text(p) for p in d.element.body.iter(qn("w:p")))
    return "\n".join(x for x in paras if x)


def csrf_token(client, kind: str) -> str:
    page = client.get(f"/soan/{kind}")
    assert page.status_code == 200
    return CSRF.search(page.get_data(as_text=True)).group(1)


def post_form(client, kind: str, fields: dict, token: bool = True):
    data = dict(fields)
    if token:
        data["csrf_token"] = csrf_token(client, kind)
    return client.post(f"/soan/{kind}", data=data)


def compose_ok(client, kind: str, fields: dict) -> tuple[str, str, bytes]:
    """Post a valid form; return the result page, its token and the downloaded DOCX."""
    resp = post_form(client, kind, fields)
    assert resp.status_code == 303, resp.get_data(as_text=True)[:3000]
    location = resp.headers["Location"]
    token = re.search(r"/soan/xong/([A-Za-z0-9_-]+)$", location).group(1)
    page = client.get(location)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    link = re.search(r'href="(/soan/tai/[^"]+\.docx)"', html).group(1)
    got = client.get(link)
    assert got.status_code == 200
    assert "attachment" in got.headers["Content-Disposition"]
    return html, token, got.data


def soan_files(data_dir) -> list:
    root = data_dir / "soan"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


TO_TRINH = {
    "trich_yeu": "đề nghị phê duyệt Kế hoạch số hóa hồ sơ năm 2027",
    "kinh_gui": "Ủy ban nhân dân tỉnh Lâm Đồng",
    "can_cu": "Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024",
    "noi_dung": "I. Sự cần thiết\nKho lưu trữ giữ khoảng 1.200 mét giá hồ sơ giấy.\n"
                "II. Nội dung đề nghị\n1. Phạm vi: hồ sơ từ năm 2015 đến năm 2025.\n2. Kinh phí dự kiến\n"
                "a) ngân sách tỉnh;\nb) nguồn hợp pháp khác.",
    "noi_nhan": "Giám đốc, các Phó Giám đốc Sở",
    "luu": "VP",
    "signer_mode": "KT", "signer_head_title": "GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Trần Minh Khang",
}

QUYET_DINH = {
    "trich_yeu": "Ban hành Quy chế tiếp nhận phản ánh, kiến nghị",
    "tham_quyen": "GIÁM ĐỐC SỞ TƯ PHÁP",
    "can_cu": "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
    "theo_de_nghi": "Theo đề nghị của Chánh Văn phòng Sở",
    "dieu": "Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận phản ánh, kiến nghị.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "vb_kind": "quy_che",
    "vb_trich_yeu": "Tiếp nhận phản ánh, kiến nghị",
    "vb_cua": "Giám đốc Sở Tư pháp",
    "vb_outline": "Chương I\nQuy định chung\nĐiều 1. Phạm vi điều chỉnh\n1. Quy chế này quy định việc tiếp nhận.\n"
                  "Chương II. Tổ chức thực hiện\nĐiều 2. Trách nhiệm thi hành của Văn phòng Sở.",
    "noi_nhan": "Như Điều 3",
    "luu": "VP",
    "signer_title": "GIÁM ĐỐC", "signer_name": "Phạm Quốc Bảo",
}

# The smallest form that each kind accepts.
MINIMAL = {
    "quyet_dinh": QUYET_DINH,
    "to_trinh": TO_TRINH,
    "cong_van": {"trich_yeu": "góp ý dự thảo Quy chế", "kinh_gui": "Ủy ban nhân dân các xã\nSở Nội vụ",
                 "unit_code": "HCTP", "noi_dung": "Sở Tư pháp đề nghị góp ý trước ngày 20.",
                 "signer_title": "GIÁM ĐỐC", "signer_name": "Lê Thị Thu Hà"},
    "bao_cao": {"trich_yeu": "Kết quả công tác văn thư năm 2026", "noi_dung": "I. Kết quả\nĐã lập 214 hồ sơ.",
                "signer_title": "GIÁM ĐỐC", "signer_name": "Phạm Quốc Bảo"},
    "ke_hoach": {"trich_yeu": "Triển khai ký số năm 2027", "noi_dung": "I. Mục đích\n1. Ký số mọi văn bản đi.",
                 "signer_title": "GIÁM ĐỐC", "signer_name": "Phạm Quốc Bảo"},
    "thong_bao": {"trich_yeu": "Kết luận cuộc họp giao ban", "noi_dung": "Các phòng hoàn thành đúng hạn.",
                  "signer_mode": "TL", "signer_head_title": "GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG",
                  "signer_name": "Nguyễn Thị Lan"},
    "chi_thi": {"trich_yeu": "Tăng cường phòng cháy rừng", "noi_dung": "1. Các xã kiểm tra rừng hằng ngày.",
                "signer_title": "CHỦ TỊCH", "signer_name": "Võ Văn Hùng"},
}


# --- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", generator.GENERATED_KINDS)
def test_every_compose_page_loads(client, kind):
    resp = client.get(f"/soan/{kind}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert CSRF.search(html)
    assert 'name="trich_yeu"' in html and 'name="signer_name"' in html
    # The body is typed as an outline: Điều for a Quyết định, Mục/khoản/điểm for the rest.
    assert ('name="dieu"' in html) == (kind == "quyet_dinh")
    assert ('name="vb_outline"' in html) == (kind == "quyet_dinh")
    assert ('name="noi_dung"' in html) == (kind != "quyet_dinh")
    # The office's own details come prefilled from vanthu.toml.
    assert "SỞ TƯ PHÁP" in html and 'value="STP"' in html
    assert "http://" not in html and "https://" not in html  # no CDN, nothing external


def test_dashboard_lists_kinds_and_links(client):
    html = client.get("/").get_data(as_text=True)
    for kind in generator.GENERATED_KINDS:
        assert f'href="/soan/{kind}"' in html
    for name in ("Quyết định", "Tờ trình", "Công văn", "Báo cáo", "Kế hoạch", "Thông báo", "Chỉ thị"):
        assert name in html
    assert "vanthu demo" in html  # no demo yet: says how to make one
    assert client.get("/static/style.css").status_code == 200


def test_dash_spelling_and_unknown_kind(client):
    resp = client.get("/soan/to-trinh")
    assert resp.status_code == 308 and resp.headers["Location"].endswith("/soan/to_trinh")
    for kind in ("quy_che", "tong_hop_y_kien", "abc"):
        resp = client.get(f"/soan/{kind}")
        assert resp.status_code == 404
        assert "Chưa soạn được loại văn bản" in resp.get_data(as_text=True)


def test_post_with_dash_spelling_composes(client):
    token = csrf_token(client, "to_trinh")
    resp = client.post("/soan/to-trinh", data={**TO_TRINH, "csrf_token": token})
    assert resp.status_code == 303


# --- composing --------------------------------------------------------------------------------

def test_valid_post_gives_a_docx_with_the_typed_text(client, data_dir):
    html, token, body = compose_ok(client, "to_trinh", TO_TRINH)
    assert "Đã soạn xong tờ trình" in html
    text = docx_text(body)
    assert "TỜ TRÌNH" in text
    assert "Về việc đề nghị phê duyệt Kế hoạch số hóa hồ sơ năm 2027" in text
    assert "Trần Minh Khang" in text and "KT. GIÁM ĐỐC" in text
    assert "Kho lưu trữ giữ khoảng 1.200 mét giá hồ sơ giấy." in text
    assert "I. SỰ CẦN THIẾT" in text and "a) ngân sách tỉnh;" in text
    assert "Số:      /TTr-STP" in text  # a draft: no number yet
    # The files on disk: whole, named in ASCII from kind and date, and the input kept as JSON.
    folder = data_dir / "soan" / token
    names = sorted(p.name for p in folder.iterdir())
    year = dt.date.today().year  # a draft without a date is dated this year
    assert names == sorted(["du_lieu.json", "meta.json", f"to_trinh-du-thao-{year}.docx"])
    assert all(n.isascii() for n in names)
    saved = json.loads((folder / "du_lieu.json").read_text("utf-8"))
    assert saved["kinh_gui"] == ["Ủy ban nhân dân tỉnh Lâm Đồng"] and saved["signer"]["mode"] == "KT"


@pytest.mark.parametrize("kind", generator.GENERATED_KINDS)
def test_every_kind_composes(client, kind):
    _, _, body = compose_ok(client, kind, MINIMAL[kind])
    text = docx_text(body)
    assert MINIMAL[kind]["signer_name"] in text
    trich_yeu = MINIMAL[kind]["trich_yeu"]
    assert trich_yeu[1:] in text


def test_quyet_dinh_with_quy_che_chapters(client):
    _, _, body = compose_ok(client, "quyet_dinh", QUYET_DINH)
    text = docx_text(body)
    assert "QUYẾT ĐỊNH" in text and "GIÁM ĐỐC SỞ TƯ PHÁP" in text
    assert "Điều 2." in text
    assert "QUY CHẾ" in text and "Chương I" in text and "QUY ĐỊNH CHUNG" in text
    assert "Chương II" in text and "TỔ CHỨC THỰC HIỆN" in text
    assert "Phạm vi điều chỉnh" in text


def test_issued_number_and_date(client):
    fields = {**MINIMAL["cong_van"], "so": "412", "date": "2026-02-05", "do_khan": "KHẨN"}
    _, token, body = compose_ok(client, "cong_van", fields)
    text = docx_text(body)
    assert "Số: 412/STP-HCTP" in text
    assert "ngày 05 tháng 02 năm 2026" in text and "KHẨN" in text
    assert client.get(f"/soan/xong/{token}").get_data(as_text=True).count("cong_van-412-2026-02-05.docx") >= 1


def test_invalid_post_shows_message_beside_field_and_writes_nothing(client, data_dir):
    fields = {**TO_TRINH, "trich_yeu": "   "}
    resp = post_form(client, "to_trinh", fields)
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    error = re.search(r'<div class="error" id="err-trich_yeu"[^>]*>(.*?)</div>', html, re.S)
    assert error and "Bắt buộc, chưa được điền" in error.group(1)
    assert 'id="field-trich_yeu"' in html and 'class="field has-error" id="field-trich_yeu"' in html
    # Everything else the clerk typed is still there.
    assert 'value="Trần Minh Khang"' in html
    assert "Kho lưu trữ giữ khoảng 1.200 mét giá hồ sơ giấy." in html
    assert soan_files(data_dir) == []


@pytest.mark.parametrize("fields, field, words", [
    ({"signer_mode": "KT", "signer_head_title": ""}, "signer_head_title", "cần chức vụ của người đứng đầu"),
    ({"signer_name": "TS. Trần Minh Khang"}, "signer_name", "không ghi học hàm"),
    ({"so": "12a"}, "so", "phải là số nguyên dương"),
    ({"date": "2026-02-30"}, "date", "không có trên lịch"),
    ({"signer_mode": "XX"}, "signer_mode", "chỉ được TM, KT"),
    ({"kinh_gui": "Sở Nội vụ\nSở \x01Tài chính"}, "kinh_gui", "Dòng 2: chứa ký tự điều khiển"),
    ({"body_code": "stp"}, "body_code", "phải là chữ in hoa"),
])
def test_model_messages_land_beside_their_field(client, data_dir, fields, field, words):
    resp = post_form(client, "to_trinh", {**TO_TRINH, **fields})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    error = re.search(rf'<div class="error" id="err-{field}"[^>]*>(.*?)</div>', html, re.S)
    assert error, f"no error beside {field}"
    assert words.lower() in error.group(1).lower()
    assert soan_files(data_dir) == []


def test_folded_group_opens_on_its_error(client):
    html = post_form(client, "to_trinh", {**TO_TRINH, "date": "31/02/2026"}).get_data(as_text=True)
    assert '<details class="group" id="group-so_ngay" open>' in html
    assert '<details class="group" id="group-co_quan">' in html


def test_outline_lines_outside_any_article_are_an_error_not_lost(client, data_dir):
    fields = {**QUYET_DINH, "dieu": "Ban hành quy chế này.\nĐiều 1. Quyết định có hiệu lực."}
    html = post_form(client, "quyet_dinh", fields).get_data(as_text=True)
    error = re.search(r'<div class="error" id="err-dieu"[^>]*>(.*?)</div>', html, re.S)
    assert error and "không thuộc điều nào" in error.group(1) and "Ban hành quy chế này." in error.group(1)
    fields = {**QUYET_DINH, "vb_outline": "Điều 1. Trước chương.\nChương I\nChung\nĐiều 2. Phạm vi."}
    html = post_form(client, "quyet_dinh", fields).get_data(as_text=True)
    error = re.search(r'<div class="error" id="err-vb_outline"[^>]*>(.*?)</div>', html, re.S)
    assert error and "trước “Chương I”" in error.group(1)
    assert soan_files(data_dir) == []


def test_attachment_errors_land_on_attachment_fields(client):
    fields = {**QUYET_DINH, "vb_trich_yeu": "", "vb_cua": ""}
    html = post_form(client, "quyet_dinh", fields).get_data(as_text=True)
    for field in ("vb_trich_yeu", "vb_cua"):
        assert re.search(rf'id="err-{field}"[^>]*>\s*<p>Bắt buộc', html), field
    html = post_form(client, "quyet_dinh", {**QUYET_DINH, "dieu": ""}).get_data(as_text=True)
    assert re.search(r'id="err-dieu"[^>]*>\s*<p>Quyết định cần ít nhất một điều', html)


def test_secret_documents_are_refused_on_a_networked_install(client, data_dir):
    resp = post_form(client, "cong_van", {**MINIMAL["cong_van"], "do_mat": "MẬT"})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert re.search(r'id="err-do_mat"[^>]*>\s*<p>Máy này nối mạng', html)
    assert soan_files(data_dir) == []


def test_user_text_comes_back_exactly(client):
    nasty = {
        "trich_yeu": "phối hợp với Sở VH&TT về <b>lễ hội</b> {{ x }} năm 2027",
        "kinh_gui": "Sở Văn hóa, Thể thao & Du lịch (853/UBND-VH&TT)",
        "noi_dung": "Theo Công văn số 853/UBND-VH&TT, đề nghị {{ x }} và {% if 1 %}có{% endif %} <b>đậm</b> & xong.",
    }
    fields = {**MINIMAL["cong_van"], **nasty}
    # On a form shown again the text is escaped HTML, never markup.
    html = post_form(client, "cong_van", {**fields, "signer_name": ""}).get_data(as_text=True)
    assert "&lt;b&gt;lễ hội&lt;/b&gt;" in html and "<b>lễ hội</b>" not in html
    assert "853/UBND-VH&amp;TT" in html
    _, _, body = compose_ok(client, "cong_van", fields)
    text = docx_text(body)
    assert "V/v phối hợp với Sở VH&TT về <b>lễ hội</b> {{ x }} năm 2027" in text
    assert "Sở Văn hóa, Thể thao & Du lịch (853/UBND-VH&TT)" in text
    assert "Theo Công văn số 853/UBND-VH&TT, đề nghị {{ x }} và {% if 1 %}có{% endif %} <b>đậm</b> & xong." in text


def test_edit_again_prefills_the_form(client):
    _, token, _ = compose_ok(client, "to_trinh", TO_TRINH)
    html = client.get(f"/soan/to_trinh?tu={token}").get_data(as_text=True)
    assert 'value="đề nghị phê duyệt Kế hoạch số hóa hồ sơ năm 2027"' in html
    assert "a) ngân sách tỉnh;" in html
    # Another kind's page ignores a result of a different kind.
    html = client.get(f"/soan/cong_van?tu={token}").get_data(as_text=True)
    assert "Trần Minh Khang" not in html


def test_dashboard_lists_recent_results(client):
    compose_ok(client, "bao_cao", MINIMAL["bao_cao"])
    html = client.get("/").get_data(as_text=True)
    assert "Văn bản vừa soạn" in html and "Kết quả công tác văn thư năm 2026" in html


@pytest.mark.pdf
def test_pdf_is_offered_beside_the_docx(data_dir):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True}).test_client()
    html, token, _ = compose_ok(client, "to_trinh", TO_TRINH)
    link = re.search(r'href="(/soan/tai/[^"]+\.pdf)"', html).group(1)
    got = client.get(link)
    assert got.status_code == 200 and got.data.startswith(b"%PDF")


def test_pdf_failure_keeps_the_docx(data_dir, monkeypatch):
    # A machine without LibreOffice: PATH without soffice (a real condition, not a mock of it).
    monkeypatch.setenv("PATH", str(data_dir))
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True}).test_client()
    html, _, body = compose_ok(client, "to_trinh", TO_TRINH)
    assert 'id="pdf-error"' in html and "Chưa xuất được bản PDF" in html
    assert 'id="tai-pdf"' not in html
    assert "Trần Minh Khang" in docx_text(body)


def test_vanthu_run_serves(data_dir):
    """`vanthu run` really serves (Flask ignores app.run() inside a CLI command)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "webui.cli", "run", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/soan/cong_van", timeout=5) as resp:
                    html, url = resp.read().decode("utf-8"), resp.url
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "vanthu run did not answer within 30 s"
                time.sleep(0.2)
        # it serves, and asks an anonymous visitor to sign in first, then comes back to the form
        assert "/dang-nhap?next=/soan/cong_van" in url and 'id="dang-nhap"' in html
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- CSRF and secrets ---------------------------------------------------------------------------

def test_csrf_is_enforced_and_keeps_the_typed_text(client, data_dir):
    resp = post_form(client, "to_trinh", TO_TRINH, token=False)
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Phiên làm việc đã hết hạn" in html
    assert 'value="Trần Minh Khang"' in html  # nothing the clerk typed is lost
    resp = client.post("/soan/to_trinh", data={**TO_TRINH, "csrf_token": "forged"})
    assert resp.status_code == 400
    assert soan_files(data_dir) == []


def test_secret_key_file(data_dir):
    app1 = create_app()
    path = data_dir / "secret_key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(app1.config["SECRET_KEY"]) >= 32
    assert create_app().config["SECRET_KEY"] == app1.config["SECRET_KEY"]  # survives a restart
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


# --- downloads and path tricks -------------------------------------------------------------------

def test_demo_files_are_listed_and_downloadable(client, data_dir):
    from webui.demo import build_demo

    made = build_demo(pdf=False)
    assert made
    html = client.get("/").get_data(as_text=True)
    assert "Văn bản mẫu" in html and 'href="/demo/to_trinh.docx"' in html
    assert "đề nghị phê duyệt Kế hoạch số hóa hồ sơ, tài liệu lưu trữ năm 2027" in html
    got = client.get("/demo/to_trinh.docx")
    assert got.status_code == 200 and got.data[:2] == b"PK"
    assert "TỜ TRÌNH" in docx_text(got.data)


@pytest.mark.parametrize("url", [
    "/demo/..%2Fsecret_key", "/demo/../secret_key", "/demo/%2e%2e%2fsecret_key.docx",
    "/demo/..%2F..%2Fetc%2Fpasswd", "/demo/vanthu.toml", "/demo/%2Fetc%2Fpasswd.pdf", "/demo/.x.docx",
    "/soan/tai/{token}/meta.json", "/soan/tai/{token}/..%2Fsecret_key", "/soan/tai/{token}/%2e%2e%2fmeta.json",
    "/soan/tai/{token}/../../secret_key", "/soan/tai/..%2F..%2F/secret_key", "/soan/tai/{token}x/du_lieu.json",
    "/soan/tai/{token}/..", "/soan/xong/..%2F..", "/soan/tai/%2e%2e/vanthu.toml",
])
def test_path_tricks_are_404(client, data_dir, url):
    from webui.demo import build_demo

    build_demo(pdf=False)
    _, token, _ = compose_ok(client, "bao_cao", MINIMAL["bao_cao"])
    secret = (data_dir / "secret_key").read_text()
    resp = client.get(url.format(token=token))
    assert resp.status_code == 404
    assert secret.encode() not in resp.data and b"[[units]]" not in resp.data


# --- JSON API -------------------------------------------------------------------------------

def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def test_api_generates_docx(client):
    resp = client.post("/api/generate/to-trinh", json=example("to_trinh"))
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="to_trinh-du-thao-2026-12.docx"' in resp.headers["Content-Disposition"]
    assert "Trần Minh Khang" in docx_text(resp.data)


def test_api_needs_no_csrf_token_but_json(client):
    resp = client.post("/api/generate/cong_van", data=json.dumps(example("cong_van")),
                       content_type="application/json")
    assert resp.status_code == 200
    resp = client.post("/api/generate/cong_van", data="trich_yeu=x", content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 400
    assert resp.get_json()["errors"][0]["message"].startswith("Nội dung gửi lên phải là JSON")
    resp = client.post("/api/generate/cong_van", data="{sai", content_type="application/json")
    assert resp.status_code == 400 and "JSON không hợp lệ" in resp.get_json()["errors"][0]["message"]


def test_api_422_shape(client):
    data = example("to_trinh")
    data["trich_yeu"] = ""
    data["signer"] = {**data["signer"], "name": "TS. Trần Minh Khang", "head_title": None}
    data["kinh_gui"] = ["Sở Nội vụ", "  "]
    resp = client.post("/api/generate/to_trinh", json=data)
    assert resp.status_code == 422
    body = resp.get_json()
    assert set(body) == {"errors"}
    assert all(set(e) == {"field", "message"} for e in body["errors"])
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert fields["trich_yeu"] == "bắt buộc, chưa được điền"
    assert "học hàm" in fields["signer.name"]
    assert "người đứng đầu" in fields["signer.head_title"]
    assert "kinh_gui[1]" in fields
    assert "\\u" not in resp.get_data(as_text=True)  # Vietnamese readable as is
    # Not an object at all: still the same shape.
    resp = client.post("/api/generate/to_trinh", json=[1, 2])
    assert resp.status_code == 422 and resp.get_json()["errors"][0]["field"] == "(gốc)"


def test_api_unknown_kind_and_method(client):
    resp = client.post("/api/generate/quy_che", json={})
    assert resp.status_code == 404 and resp.get_json()["errors"][0]["field"] == "kind"
    resp = client.get("/api/generate/to_trinh")
    assert resp.status_code == 405 and "errors" in resp.get_json()


@pytest.mark.pdf
def test_api_pdf(client):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    resp = client.post("/api/generate/bao_cao?pdf=1", json=example("bao_cao"))
    assert resp.status_code == 200 and resp.mimetype == "application/pdf" and resp.data.startswith(b"%PDF")


def test_api_outline(client):
    resp = client.post("/api/outline", json={"text": "Điều 1. Hiệu lực\n1. Kể từ ngày ký.", "legal": True})
    assert resp.get_json() == {"dieu": [{"tieu_de": "Hiệu lực", "noi_dung": [{"text": "Kể từ ngày ký."}]}]}
    assert client.post("/api/outline", json={"legal": True}).status_code == 422


def test_openapi_describes_every_api_route(app, client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule) for r in app.url_map.iter_rules()
              if r.rule.startswith("/api/")}
    assert routes == set(spec["paths"])
    gen = spec["paths"]["/api/generate/{kind}"]["post"]
    assert {"200", "400", "404", "422"} <= set(gen["responses"])
    assert set(spec["components"]["schemas"]["Document"]["properties"]) >= {"trich_yeu", "signer", "noi_dung", "dieu"}


def test_an_emptied_parent_body_stays_empty_and_an_emptied_issuing_body_is_refused(client):
    form = client.get("/soan/to_trinh").get_data(as_text=True)
    assert "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" in form  # the settings' parent body, shown to be changed
    _, _, docx = compose_ok(client, "to_trinh", {**TO_TRINH, "parent_body": "", "issuing_body": "SỞ TƯ PHÁP"})
    assert "ỦY BAN NHÂN DÂN TỈNH" not in docx_text(docx)  # emptied: none, not the default again
    refused = post_form(client, "to_trinh", {**TO_TRINH, "issuing_body": "  "})
    assert refused.status_code == 422 and "cơ quan ban hành" in refused.get_data(as_text=True).lower()
