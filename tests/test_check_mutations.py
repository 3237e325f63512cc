"""The checker against vanthu's own files: every generated document passes with zero errors, and
each mutation of a generated file (made here, by code) is caught by the rule meant for it and by
no unrelated error."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import generator
from generator.checker import check_docx, check_path
from tests.conftest import example_inputs

EXAMPLES = example_inputs()


def issued(name: str) -> dict:
    data = copy.deepcopy(EXAMPLES[name])
    data["so"], data["date"] = 7, "2026-06-15"
    return data


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, Path]:
    """Issued and draft versions of every example."""
    out = tmp_path_factory.mktemp("base")
    files = {}
    for name, data in EXAMPLES.items():
        files[name] = generator.render_docx(generator.load_document(data), out / f"{name}.docx")
        files[f"{name}-issued"] = generator.render_docx(generator.load_document(issued(name)),
                                                        out / f"{name}-issued.docx")
    return files


@pytest.mark.parametrize("name", sorted(EXAMPLES) + [f"{n}-issued" for n in sorted(EXAMPLES)])
def test_generated_documents_pass_with_zero_errors(base, name):
    report = check_docx(base[name])
    assert report.rule_set == "nd30"
    assert not report.errors, [(f.rule, f.where, f.message) for f in report.errors]
    assert not [f for f in report.findings if f.severity == "warning"], report.findings
    notices = report.rules_fired("notice")
    if name.endswith("-issued"):
        assert not notices
    elif EXAMPLES[name].get("so") is None:
        assert "ND30-DRAFT-NUMBER" in notices


def test_generated_pdfs_pass(rendered_examples):
    for name, paths in rendered_examples.items():
        report = check_path(paths["pdf"])
        assert report.rule_set == "nd30", name
        assert not report.errors, (name, [(f.rule, f.where, f.message) for f in report.errors])


# --- helpers that change one thing in a .docx --------------------------------------------------

def paragraphs(d):
    return list(d.element.body.iter(qn("w:p")))


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def find(d, pattern: str):
    for p in paragraphs(d):
        if re.search(pattern, text_of(p)):
            return p
    raise AssertionError(f"no paragraph matches {pattern!r}")


def set_text(p, text: str) -> None:
    ts = list(p.iter(qn("w:t")))
    ts[0].text = text
    ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in ts[1:]:
        t.text = ""


def sub_text(p, old: str, new: str) -> None:
    set_text(p, text_of(p).replace(old, new))


def runs_of(p):
    return [r for r in p.iter(qn("w:r"))]


def set_rpr(p, tag: str, value=None, remove=False) -> None:
    for r in runs_of(p):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            r.insert(0, rpr)
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
        if not remove:
            el = OxmlElement(tag)
            if value is not None:
                for k, v in value.items():
                    el.set(qn(k), v)
            rpr.append(el)


def set_size(p, pt: float) -> None:
    set_rpr(p, "w:sz", {"w:val": str(int(pt * 2))})
    set_rpr(p, "w:szCs", {"w:val": str(int(pt * 2))})


def set_flag(p, tag: str, on: bool) -> None:
    set_rpr(p, tag, {"w:val": "1" if on else "0"})


def set_ppr(p, tag: str, attrs: dict) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    el = ppr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        ppr.append(el)
    for k, v in attrs.items():
        el.set(qn(k), v)


def body_paragraphs(d, style="vtbody"):
    return [p for p in paragraphs(d) if (s := p.find(qn("w:pPr"))) is not None
            and s.find(qn("w:pStyle")) is not None and s.find(qn("w:pStyle")).get(qn("w:val")) == style]


def all_body_runs(d, fn):
    for p in body_paragraphs(d) + body_paragraphs(d, "vtkhoan"):
        fn(p)


# name → (source file, mutation, rule that must fire)
MUTATIONS = {
    "font_arial": ("to_trinh", lambda d: all_body_runs(
        d, lambda p: set_rpr(p, "w:rFonts", {"w:ascii": "Arial", "w:hAnsi": "Arial", "w:cs": "Arial",
                                             "w:eastAsia": "Arial"})), "ND30-FONT"),
    "font_cs_only": ("to_trinh", lambda d: all_body_runs(
        d, lambda p: set_rpr(p, "w:rFonts", {"w:ascii": "Times New Roman", "w:hAnsi": "Times New Roman",
                                             "w:cs": "Arial", "w:eastAsia": "Arial"})), "ND30-FONT-SCRIPT"),
    "body_size_12": ("to_trinh", lambda d: all_body_runs(d, lambda p: set_size(p, 12)), "ND30-BODY-FONT-SIZE"),
    "margin_left_20": ("to_trinh", lambda d: setattr(d.sections[0], "left_margin", Mm(20)), "ND30-MARGIN"),
    "margin_top_30": ("cong_van", lambda d: setattr(d.sections[0], "top_margin", Mm(30)), "ND30-MARGIN"),
    "paper_letter": ("to_trinh", lambda d: (setattr(d.sections[0], "page_width", Mm(215.9)),
                                            setattr(d.sections[0], "page_height", Mm(279.4))), "ND30-PAGE-SIZE"),
    "landscape": ("bao_cao", lambda d: (setattr(d.sections[0], "page_width", Mm(297)),
                                        setattr(d.sections[0], "page_height", Mm(210))), "ND30-PAGE-ORIENTATION"),
    "no_noi_nhan": ("to_trinh", lambda d: set_text(find(d, "^Nơi nhận:$"), ""), "ND30-NOI-NHAN-LABEL"),
    "noi_nhan_no_colon": ("to_trinh", lambda d: set_text(find(d, "^Nơi nhận:$"), "Nơi nhận"), "ND30-NOI-NHAN-LABEL"),
    "noi_nhan_not_italic": ("to_trinh", lambda d: set_flag(find(d, "^Nơi nhận:$"), "w:i", False),
                            "ND30-NOI-NHAN-LABEL"),
    "noi_nhan_list_13": ("to_trinh", lambda d: set_size(find(d, "^- Như trên;"), 13), "ND30-NOI-NHAN"),
    "noi_nhan_no_semicolon": ("to_trinh", lambda d: sub_text(find(d, "^- Như trên;"), ";", ""), "ND30-NOI-NHAN"),
    "luu_no_colon": ("to_trinh", lambda d: sub_text(find(d, "^- Lưu: VT"), "Lưu:", "Lưu"), "ND30-LUU"),
    "luu_not_last": ("cong_van", lambda d: find(d, "^- Lưu: VT").addnext(copy.deepcopy(find(d, "^- Như trên;"))),
                     "ND30-LUU"),
    "date_no_zero": ("to_trinh-issued", lambda d: sub_text(find(d, ", ngày 15 tháng"), "tháng 6", "tháng 06"),
                     "ND30-DATE"),
    "day_no_zero": ("cong_van", lambda d: sub_text(find(d, ", ngày 05 tháng 02"), "ngày 05", "ngày 5"), "ND30-DATE"),
    "date_slashes": ("to_trinh-issued", lambda d: set_text(find(d, ", ngày 15 tháng"), "Lâm Đồng, 15/6/2026"),
                     "ND30-DATE"),
    "date_upright": ("to_trinh", lambda d: set_flag(find(d, ", ngày … tháng"), "w:i", False), "ND30-DATE-STYLE"),
    "number_no_zero": ("quyet_dinh-issued", lambda d: sub_text(find(d, "^Số: 07/"), "07/", "7/"), "ND30-NUMBER"),
    "number_space_slash": ("to_trinh-issued", lambda d: sub_text(find(d, "^Số: 07/"), "07/", "07 /"), "ND30-NUMBER"),
    "number_no_colon": ("bao_cao", lambda d: sub_text(find(d, "^Số:"), "Số:", "Số"), "ND30-NUMBER"),
    "number_no_slash": ("to_trinh-issued", lambda d: sub_text(find(d, "^Số: 07/"), "07/", "07"), "ND30-NUMBER"),
    "ky_hieu_space": ("to_trinh-issued", lambda d: sub_text(find(d, "^Số: 07/"), "TTr-", "TTr- "), "ND30-NUMBER"),
    "ky_hieu_wrong_type": ("to_trinh-issued", lambda d: sub_text(find(d, "^Số: 07/"), "TTr-", "QĐ-"), "ND30-KY-HIEU"),
    "cong_van_type_code": ("cong_van", lambda d: sub_text(find(d, "^Số: "), "/STP-", "/CV-"), "ND30-KY-HIEU"),
    "number_size_14": ("to_trinh", lambda d: set_size(find(d, "^Số:"), 14), "ND30-NUMBER-STYLE"),
    "page_number_on_first": ("to_trinh", lambda d: setattr(d.sections[0], "different_first_page_header_footer",
                                                           False), "ND30-PAGE-NUMBER-FIRST"),
    "page_number_italic": ("to_trinh", lambda d: [set_flag(p, "w:i", True) for p in
                                                  d.sections[0].header._element.iter(qn("w:p"))],
                           "ND30-PAGE-NUMBER-STYLE"),
    "quoc_hieu_14": ("to_trinh", lambda d: set_size(find(d, "^CỘNG HÒA"), 14), "ND30-QUOC-HIEU"),
    "quoc_hieu_lower": ("to_trinh", lambda d: set_text(find(d, "^CỘNG HÒA"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
                        "ND30-QUOC-HIEU"),
    "tieu_ngu_dash": ("cong_van", lambda d: set_text(find(d, "^Độc lập"), "Độc lập – Tự do – Hạnh phúc"),
                      "ND30-TIEU-NGU"),
    "tieu_ngu_not_bold": ("cong_van", lambda d: set_flag(find(d, "^Độc lập"), "w:b", False), "ND30-TIEU-NGU"),
    "issuing_body_regular": ("to_trinh", lambda d: set_flag(find(d, "^SỞ TƯ PHÁP$"), "w:b", False),
                             "ND30-ISSUING-BODY"),
    "type_name_left": ("to_trinh", lambda d: set_ppr(find(d, "^TỜ TRÌNH$"), "w:jc", {"w:val": "left"}),
                       "ND30-TYPE-NAME"),
    "subject_not_bold": ("to_trinh", lambda d: set_flag(find(d, "^Về việc"), "w:b", False), "ND30-TRICH-YEU"),
    "subject_caps": ("bao_cao", lambda d: set_text(find(d, "^Kết quả"), text_of(find(d, "^Kết quả")).upper()),
                     "ND30-TRICH-YEU"),
    "to_trinh_vv": ("to_trinh", lambda d: sub_text(find(d, "^Về việc"), "Về việc", "V/v"), "ND30-VV"),
    "cong_van_ve_viec": ("cong_van", lambda d: sub_text(find(d, "^V/v"), "V/v", "Về việc"), "ND30-VV"),
    "cong_van_subject_bold": ("cong_van", lambda d: set_flag(find(d, "^V/v"), "w:b", True), "ND30-TRICH-YEU-CV"),
    "kinh_gui_no_colon": ("to_trinh", lambda d: sub_text(find(d, "^Kính gửi:"), "Kính gửi:", "Kính gửi"),
                          "ND30-KINH-GUI"),
    "can_cu_upright": ("to_trinh", lambda d: set_flag(find(d, "^Căn cứ Luật"), "w:i", False), "ND30-CAN-CU"),
    "can_cu_period": ("to_trinh", lambda d: sub_text(find(d, "^Căn cứ Luật"), ";", "."), "ND30-CAN-CU"),
    "closing_mark": ("to_trinh", lambda d: sub_text(find(d, r"\./\.$"), "./.", "."), "ND30-CLOSING-MARK"),
    "body_left": ("to_trinh", lambda d: [set_ppr(p, "w:jc", {"w:val": "left"}) for p in body_paragraphs(d)],
                  "ND30-BODY-JUSTIFY"),
    "body_no_indent": ("bao_cao", lambda d: [set_ppr(p, "w:ind", {"w:firstLine": "0"}) for p in body_paragraphs(d)],
                       "ND30-BODY-INDENT"),
    "body_double_spaced": ("bao_cao", lambda d: [set_ppr(p, "w:spacing", {"w:line": "480", "w:lineRule": "auto"})
                                                 for p in body_paragraphs(d)], "ND30-BODY-SPACING"),
    "body_red": ("to_trinh", lambda d: [set_rpr(p, "w:color", {"w:val": "FF0000"}) for p in body_paragraphs(d)],
                 "ND30-COLOR"),
    "signer_regular": ("to_trinh", lambda d: set_flag(find(d, "^KT. GIÁM ĐỐC$"), "w:b", False), "ND30-SIGNER-STYLE"),
    "signer_kt_slash": ("to_trinh", lambda d: sub_text(find(d, "^KT. GIÁM ĐỐC$"), "KT.", "KT/"), "ND30-AUTHORITY"),
    "signer_kt_no_head": ("to_trinh", lambda d: set_text(find(d, "^KT. GIÁM ĐỐC$"), "KT."), "ND30-AUTHORITY"),
    "signer_deputy_without_kt": ("cong_van", lambda d: find(d, "^KT. GIÁM ĐỐC$").getparent().remove(
        find(d, "^KT. GIÁM ĐỐC$")), "ND30-AUTHORITY"),
    "signer_tm_person": ("to_trinh", lambda d: sub_text(find(d, "^KT. GIÁM ĐỐC$"), "KT.", "TM."), "ND30-AUTHORITY"),
    "signer_name_caps": ("to_trinh", lambda d: set_text(find(d, "^Trần Minh Khang$"), "TRẦN MINH KHANG"),
                         "ND30-SIGNER-NAME"),
    "signer_name_title": ("to_trinh", lambda d: set_text(find(d, "^Trần Minh Khang$"), "TS. Trần Minh Khang"),
                          "ND30-SIGNER-NAME"),
    "chuong_one_line": ("quyet_dinh_quy_che", lambda d: (set_text(find(d, "^Chương I$"), "Chương I QUY ĐỊNH CHUNG"),
                                                         find(d, "^QUY ĐỊNH CHUNG$").getparent().remove(
                                                             find(d, "^QUY ĐỊNH CHUNG$"))), "ND30-CHUONG"),
    "diem_dot": ("quyet_dinh_quy_che", lambda d: sub_text(find(d, "^b\\) "), "b)", "b."), "ND30-DIEM"),
    "diem_letter_f": ("quyet_dinh_quy_che", lambda d: sub_text(find(d, "^b\\) "), "b)", "c)"), "ND30-DIEM"),
    "nhu_dieu_missing": ("quyet_dinh_quy_che", lambda d: sub_text(find(d, "^- Như Điều 3;"), "Điều 3", "Điều 4"),
                         "ND30-DIEU"),
    "kem_theo_colon": ("quyet_dinh_quy_che", lambda d: sub_text(find(d, r"^\(Ban hành kèm theo"), "số …", "số: …"),
                       "ND30-ATTACHMENT-LINE"),
    # the rules under the body name, the Tiêu ngữ and the trích yếu: one gone each time
    "no_rule_under_body": ("to_trinh", lambda d: drop_rule(d, 0), "ND30-RULE-LINE"),
    "no_rule_under_tieu_ngu": ("cong_van", lambda d: drop_rule(d, 1), "ND30-RULE-LINE"),
    "no_rule_under_trich_yeu": ("quyet_dinh", lambda d: drop_rule(d, 2), "ND30-RULE-LINE"),
}


def drop_rule(d, n: int) -> None:
    """Remove the n-th bottom-bordered paragraph (the rules: body name, Tiêu ngữ, trích yếu)."""
    borders = [b for b in d.element.body.iter(qn("w:pBdr"))]
    borders[n].getparent().remove(borders[n])


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutation_is_caught_by_its_rule_only(base, tmp_path, name):
    source, mutate, rule = MUTATIONS[name]
    d = docx.Document(str(base[source]))
    mutate(d)
    path = tmp_path / f"{name}.docx"
    d.save(str(path))
    report = check_docx(path)
    fired = report.rules_fired()
    assert rule in fired, (name, [(f.rule, f.where, f.message) for f in report.findings])
    unrelated = {f.rule for f in report.errors} - {rule}
    assert not unrelated, (name, [(f.rule, f.where, f.message) for f in report.errors if f.rule != rule])


def test_catalogue_has_at_least_30_mutations_and_every_message_is_vietnamese(base, tmp_path):
    assert len(MUTATIONS) >= 30
    source, mutate, _ = MUTATIONS["date_no_zero"]
    d = docx.Document(str(base[source]))
    mutate(d)
    d.save(str(tmp_path / "m.docx"))
    (finding,) = [f for f in check_docx(tmp_path / "m.docx").findings if f.rule == "ND30-DATE"]
    assert "tháng 6" in finding.message and "số 0" in finding.message


def test_unreadable_files_are_reported_not_raised(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    report = check_path(bad)
    assert report.unreadable and "Không đọc được" in report.unreadable
    other = tmp_path / "anh.png"
    other.write_bytes(b"\x89PNG")
    assert "chỉ nhận" in check_path(other).unreadable


def test_zip_bomb_is_refused(tmp_path):
    import zipfile

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * 60_000_000 + b"</a>")
    report = check_path(bomb)
    assert report.unreadable and "quá lớn" in report.unreadable


def test_size_units_sanity():
    assert Pt(14).pt == 14  # the helpers above write half-points
