"""The layout check in the web: /check uploads, /api/check, and the report on every compose result."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import generator
from tests.conftest import example_inputs
from webui import create_app


@pytest.fixture()
def app(data_dir):
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def good_docx(tmp_path) -> bytes:
    path = generator.render_docx(generator.load_document(example_inputs()["cong_van"]), tmp_path / "cv.docx")
    return path.read_bytes()


def mutated(data: bytes, old: str, new: str) -> bytes:
    d = docx.Document(io.BytesIO(data))
    for p in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        if p.text and old in p.text:
            p.text = p.text.replace(old, new)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def upload(client, name: str, data: bytes, **extra):
    return client.post("/check", data={"files": (io.BytesIO(data), name), **extra},
                       content_type="multipart/form-data")


def tmp_empty(app) -> bool:
    tmp = Path(app.config["DATA_DIR"]) / "tmp"
    return not tmp.exists() or not any(tmp.rglob("*"))


def test_page_loads(client):
    r = client.get("/check")
    assert r.status_code == 200 and "Kiểm tra thể thức" in r.get_data(as_text=True)


def test_generated_file_passes(client, app, good_docx):
    page = upload(client, "cv.docx", good_docx).get_data(as_text=True)
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page
    assert tmp_empty(app)


def test_mutated_file_shows_its_rule(client, app, good_docx):
    page = upload(client, "cv.docx", mutated(good_docx, "ngày 05 tháng 02", "ngày 5 tháng 02")).get_data(as_text=True)
    assert "ND30-DATE" in page and "1 lỗi" in page and "ngày 05" in page
    assert tmp_empty(app)


def test_party_letter_is_out_of_scope(client):
    text = "TỈNH ỦY X\nBAN TUYÊN GIÁO\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 311 - CV/BTGTU\n".encode()
    page = upload(client, "dang.txt", text).get_data(as_text=True)
    assert "Văn bản của Đảng" in page and "lỗi" not in page.split("Văn bản của Đảng")[1].split("</section>")[0]


def test_broken_and_refused_files(client, app):
    page = upload(client, "hong.docx", b"not a zip").get_data(as_text=True)
    assert "Không đọc được hong.docx" in page
    r = upload(client, "anh.png", b"\x89PNG")
    assert r.status_code == 422 and "chỉ kiểm tra được" in r.get_data(as_text=True)
    assert tmp_empty(app)


def test_csrf_is_enforced(data_dir, good_docx):
    app = create_app({"TESTING": True, "PDF_EXPORT": False})
    r = app.test_client().post("/check", data={"files": (io.BytesIO(good_docx), "cv.docx")},
                               content_type="multipart/form-data")
    assert r.status_code == 400


def test_api_check(client, good_docx):
    r = client.post("/api/check", data={"file": (io.BytesIO(good_docx), "cv.docx")},
                    content_type="multipart/form-data")
    body = r.get_json()
    assert r.status_code == 200 and body["rule_set"] == "nd30"
    assert not [f for f in body["findings"] if f["severity"] == "error"]
    assert client.post("/api/check").status_code == 400
    rules = client.get("/api/check/rules").get_json()
    assert rules["version"] and any(x["rule"] == "ND30-DATE" for x in rules["rules"])
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "/api/check" in paths and "/api/check/rules" in paths


def test_compose_result_shows_the_check(client):
    form = {"trich_yeu": "đề nghị phê duyệt kế hoạch", "kinh_gui": "Ủy ban nhân dân tỉnh Lâm Đồng",
            "noi_dung": "Sở Tư pháp kính trình.", "signer_name": "Trần Minh Khang", "signer_title": "GIÁM ĐỐC",
            "unit_code": "VP"}
    r = client.post("/soan/to_trinh", data=form)
    assert r.status_code == 303, r.get_data(as_text=True)[:2000]
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Đạt thể thức Nghị định 30: 0 lỗi" in page
    assert "Bản dự thảo" in page
