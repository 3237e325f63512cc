"""The validated model: every problem named by field, in Vietnamese, and nothing rendered from it."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

import generator
from generator import ValidationError, load_document
from tests.conftest import example_inputs

EXAMPLES = example_inputs()


def errors_of(data, kind=None) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        load_document(data, kind, generator.load_settings())
    return exc.value.by_field()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_is_valid(name):
    doc = load_document(EXAMPLES[name], settings=generator.load_settings())
    assert doc.kind in generator.GENERATED_KINDS
    assert doc.trich_yeu and doc.signer.name


def test_missing_fields_are_each_named():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    del data["trich_yeu"]
    del data["signer"]["name"]
    data["noi_dung"] = []
    errs = errors_of(data)
    assert errs["trich_yeu"] == ["bắt buộc, chưa được điền"]
    assert "signer.name" in errs and "noi_dung" in errs


def test_message_reads_as_vietnamese_with_label():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data["trich_yeu"] = "  "
    with pytest.raises(ValidationError) as exc:
        load_document(data)
    assert "Trích yếu (trich_yeu): bắt buộc" in str(exc.value)


@pytest.mark.parametrize("field, value, needle", [
    ("date", "05/02/2021", "NĂM-THÁNG-NGÀY"),
    ("date", "2021-02-30", "không có trên lịch"),
    ("so", -3, "số nguyên dương"),
    ("so", "40", "số nguyên dương"),
    ("ky_hieu", "TTr - STTTT", "khoảng trắng"),
    ("do_mat", "Bí mật", "MẬT"),
    ("do_khan", "gấp", "KHẨN"),
    ("body_code", "Stp", "chữ in hoa"),
    ("trich_yeu", "dòng một\ndòng hai", "một dòng"),
    ("trich_yeu", "có ký tự \x07 lạ", "ký tự điều khiển"),
    ("bi_danh", "x", "không được hỗ trợ"),
])
def test_malformed_field(field, value, needle):
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data[field] = value
    errs = errors_of(data)
    assert any(needle in m for m in errs[field]), errs


def test_issued_needs_full_date():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data["so"], data["date"] = 40, "2026-12"
    assert "date" in errors_of(data)
    data["date"] = "2026-12-03"
    doc = load_document(data)
    assert doc.status == "issued" and doc.date == dt.date(2026, 12, 3)


def test_signer_modes():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data["signer"] = {"name": "Nguyễn Văn A", "mode": "KT", "title": "PHÓ GIÁM ĐỐC"}
    assert "signer.head_title" in errors_of(data)
    data["signer"] = {"name": "Nguyễn Văn A", "mode": "TM", "title": "CHỦ TỊCH"}
    assert "signer.collective" in errors_of(data)
    data["signer"] = {"name": "TS. Nguyễn Văn A", "title": "GIÁM ĐỐC"}
    assert "học hàm" in errors_of(data)["signer.name"][0]
    data["signer"] = {"name": "Nguyễn Văn A", "mode": "XT", "title": "GIÁM ĐỐC"}
    assert "signer.mode" in errors_of(data)


def test_quyet_dinh_needs_authority_and_articles():
    data = copy.deepcopy(EXAMPLES["quyet_dinh"])
    data.pop("tham_quyen")
    data["dieu"] = []
    errs = errors_of(data)
    assert "tham_quyen" in errs and "dieu" in errs


def test_fields_of_quyet_dinh_refused_elsewhere():
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data["dieu"] = [{"text": "x"}]
    assert errors_of(data)["dieu"] == ["chỉ dùng cho quyết định"]


def test_cong_van_needs_kinh_gui_and_unit():
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data["kinh_gui"] = []
    data.pop("unit_code", None)
    data.pop("ky_hieu", None)
    errs = errors_of(data)
    assert "kinh_gui" in errs and "unit_code" in errs


def test_kind_conflict_and_unknown_kind():
    assert "kind" in errors_of(copy.deepcopy(EXAMPLES["to_trinh"]), "bao_cao")
    assert "kind" in errors_of({"kind": "giay_moi"})
    assert "(gốc)" in errors_of(["not", "an", "object"])


def test_attachment_rules():
    data = copy.deepcopy(EXAMPLES["quyet_dinh_quy_che"])
    data["van_ban_kem_theo"]["kind"] = "huong_dan"
    data["van_ban_kem_theo"].pop("cua")
    errs = errors_of(data)
    assert "van_ban_kem_theo.kind" in errs and "van_ban_kem_theo.cua" in errs


def test_settings_fill_the_issuing_body():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    for key in ("issuing_body", "parent_body", "body_code", "place"):
        data.pop(key, None)
    doc = load_document(data, settings=generator.load_settings())
    assert doc.issuing_body == "SỞ TƯ PHÁP" and doc.ky_hieu == "TTr-STP" and doc.place == "Lâm Đồng"


def test_text_is_normalised_to_nfc():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data["trich_yeu"] = "ve\u0302\u0301 vie\u0323\u0302c"  # decomposed "về việc"-style marks
    doc = load_document(data)
    assert doc.trich_yeu == "vế việc"


def test_invalid_input_writes_nothing(tmp_path):
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data["date"] = "hôm nay"
    with pytest.raises(ValidationError):
        generator.render_docx(load_document(data), tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_parent_body_null_clears_the_settings_default():
    data = copy.deepcopy(EXAMPLES["to_trinh"])
    data.pop("parent_body")
    assert load_document(data, settings=generator.load_settings()).parent_body == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    data["parent_body"] = None
    assert load_document(data, settings=generator.load_settings()).parent_body is None


def test_unknown_field_name_is_printed_as_typed():
    data = copy.deepcopy(EXAMPLES["to_trinh"]) | {"tieu_de": "x"}
    with pytest.raises(ValidationError) as exc:
        load_document(data)
    assert "Trường 'tieu_de'" in str(exc.value)


def test_secret_document_refused_on_a_networked_machine(data_dir):
    data = copy.deepcopy(EXAMPLES["cong_van"]) | {"do_mat": "MẬT"}
    assert "nối mạng" in errors_of(data)["do_mat"][0]
    generator.ensure_data_dir()
    toml = data_dir / "vanthu.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("may_hold_secrets = false", "may_hold_secrets = true"),
                    encoding="utf-8")
    assert load_document(data, settings=generator.load_settings()).do_mat == "MẬT"
