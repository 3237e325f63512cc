"""Every example rendered to Word and read back with python-docx: page, fonts, sizes, emphasis.

The expected values are written here from the component table of nd30.md §2.2, independently of
generator/layout.py, so a wrong number there fails here."""
from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.conftest import example_inputs
from tests.docx_inspect import all_text, runs

# style → (allowed sizes, bold, italic) from nd30.md §2.2 (None: either)
ND30 = {
    "vtquochieu": ({12, 13}, True, False),
    "vttieungu": ({13, 14}, True, False),
    "vtparentbody": ({12, 13}, False, False),
    "vtissuingbody": ({12, 13}, True, False),
    "vtso": ({13}, False, False),
    "vtdate": ({13, 14}, False, True),
    "vtloai": ({13, 14}, True, False),
    "vttrichyeu": ({13, 14}, True, False),
    "vttrichyeucv": ({12, 13}, False, False),
    "vtcancu": ({13, 14}, False, True),
    "vtbody": ({13, 14}, False, False),
    "vtkinhgui": ({13, 14}, False, False),
    "vtnoinhanlabel": ({12}, True, True),
    "vtnoinhan": ({11}, False, False),
    "vtsigner": ({13, 14}, True, False),
    "vtsignername": ({13, 14}, True, False),
    "vtkemtheo": ({13, 14}, False, True),
    "vtstamp": ({13, 14}, True, False),
    "vtpagenumber": ({13, 14}, False, False),
    "vtkhoan": ({13, 14}, False, False),
    "vtdiem": ({13, 14}, False, False),
    "vtchuong": ({13, 14}, True, False),
    "vtchuongten": ({13, 14}, True, False),
}
BODY_SIZES = {13, 14}
NAMES = sorted(example_inputs())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    import generator

    out = tmp_path_factory.mktemp("docx")
    settings = generator.load_settings()
    return {name: generator.render_docx(generator.load_document(data, settings=settings), out / f"{name}.docx")
            for name, data in example_inputs().items()}


@pytest.mark.parametrize("name", NAMES)
def test_page_and_margins(rendered, name):
    d = docx.Document(str(rendered[name]))
    for section in d.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
        assert section.page_width < section.page_height  # portrait
        assert Mm(20) - Mm(0.2) <= section.top_margin <= Mm(25) + Mm(0.2)
        assert Mm(20) - Mm(0.2) <= section.bottom_margin <= Mm(25) + Mm(0.2)
        assert Mm(30) - Mm(0.2) <= section.left_margin <= Mm(35) + Mm(0.2)
        assert Mm(15) - Mm(0.2) <= section.right_margin <= Mm(20) + Mm(0.2)


@pytest.mark.parametrize("name", NAMES)
def test_every_run_is_times_new_roman_in_every_script(rendered, name):
    all_runs = runs(rendered[name])
    assert len([r for r in all_runs if r.text.strip()]) > 20
    for r in all_runs:
        assert r.fonts == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "cs": "Times New Roman",
                           "eastAsia": "Times New Roman"}, (r.style, r.text)


@pytest.mark.parametrize("name", NAMES)
def test_sizes_and_emphasis_per_component(rendered, name):
    seen = set()
    for r in runs(rendered[name]):
        if not r.text.strip() and r.part == "body":
            continue
        assert r.style and r.style.startswith("vt"), f"run without a vanthu style: {r.text!r}"
        if r.style in ND30:
            sizes, bold, italic = ND30[r.style]
            assert r.size in sizes, (r.style, r.text, r.size)
            if r.style == "vtdieu":
                continue
            assert r.bold is bold and r.italic is italic, (r.style, r.text, r.bold, r.italic)
            seen.add(r.style)
        else:
            assert r.size in BODY_SIZES, (r.style, r.text, r.size)
    # the header, the title and the signature are there in every kind
    expected = {"vtquochieu", "vttieungu", "vtissuingbody", "vtso", "vtdate", "vtsigner", "vtsignername",
                "vtnoinhanlabel", "vtnoinhan", "vtpagenumber"}
    assert expected <= seen


def test_article_label_bold_text_regular(rendered):
    dieu = [r for r in runs(rendered["quyet_dinh"]) if r.style == "vtdieu" and r.text.strip()]
    labels = [r for r in dieu if r.text.startswith("Điều ")]
    assert labels and all(r.bold for r in labels)
    assert any(not r.bold for r in dieu)  # the text of an article in the Quyết định is regular


def test_cong_van_subject_is_v_v_regular_12_or_13(rendered):
    cv = [r for r in runs(rendered["cong_van"]) if r.text.startswith("V/v ")]
    assert cv and cv[0].size in (12, 13) and not cv[0].bold


def test_page_numbers_from_page_two(rendered):
    d = docx.Document(str(rendered["to_trinh"]))
    sect = d.sections[0]
    assert sect.different_first_page_header_footer
    first = "".join(t.text or "" for t in sect.first_page_header._element.iter(qn("w:t")))
    assert first.strip() == ""
    fields = [f.text or "" for f in sect.header._element.iter(qn("w:instrText"))]
    fields += [f.get(qn("w:instr")) for f in sect.header._element.iter(qn("w:fldSimple"))]
    assert any(f.split()[:1] == ["PAGE"] for f in fields)


def test_attachment_numbered_on_its_own(rendered):
    d = docx.Document(str(rendered["quyet_dinh_quy_che"]))
    assert len(d.sections) == 2
    start = d.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert start is not None and start.get(qn("w:start")) == "1"


def test_header_is_a_borderless_two_column_table(rendered):
    d = docx.Document(str(rendered["quyet_dinh"]))
    table = d.tables[0]
    assert len(table.columns) == 2
    left = table.cell(0, 0).text
    right = table.cell(0, 1).text
    assert "SỞ TƯ PHÁP" in left or "ỦY BAN NHÂN DÂN" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is not None:
        for b in borders:
            assert b.get(qn("w:val")) in ("nil", "none")


def test_rules_under_body_name_motto_and_subject(rendered):
    """Three short rules: under the issuing body, under the motto, under the subject (a bottom border)."""
    d = docx.Document(str(rendered["to_trinh"]))
    ruled = [p for p in d.element.body.iter(qn("w:p"))
             if (pbdr := p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:pBdr"))) is not None
             and pbdr is not False and pbdr.find(qn("w:bottom")) is not None]
    assert len(ruled) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_draft_and_issued_number_lines(rendered, name):
    import generator

    text = all_text(rendered[name])
    data = example_inputs()[name]
    if data.get("so") is None:
        assert "Số:      /" in text and "ngày … tháng" in text
    else:
        doc = generator.load_document(data)
        assert f"Số: {doc.so:02d}/{doc.ky_hieu}" in text


def test_issued_quyet_dinh_has_number_and_date(tmp_path):
    import generator

    data = example_inputs()["quyet_dinh"] | {"so": 5, "date": "2026-02-05"}
    path = generator.render_docx(generator.load_document(data), tmp_path / "qd.docx")
    text = all_text(path)
    assert "Số: 05/QĐ-" in text
    assert "ngày 05 tháng 02 năm 2026" in text
    assert "…" not in text.split("QUYẾT ĐỊNH")[0]


def test_written_file_mode_follows_the_umask(tmp_path):
    import os

    import generator

    old = os.umask(0o022)
    try:
        path = generator.render_docx(generator.load_document(example_inputs()["to_trinh"]), tmp_path / "a.docx")
    finally:
        os.umask(old)
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_noi_nhan_flush_with_margin_and_hanging(rendered):
    d = docx.Document(str(rendered["to_trinh"]))
    sig = d.tables[-1]
    mar = sig.cell(0, 0)._tc.tcPr.find(qn("w:tcMar"))
    assert mar is not None and mar.find(qn("w:left")).get(qn("w:w")) == "0"
    line = next(p for p in sig.cell(0, 0).paragraphs if p.text.startswith("- "))
    ind = line._p.pPr.find(qn("w:ind"))
    assert int(ind.get(qn("w:hanging"))) > 0 and ind.get(qn("w:hanging")) == ind.get(qn("w:left"))


def test_kinh_gui_stands_alone_above_several_recipients():
    """Phụ lục I: one recipient on the line of "Kính gửi:"; several, each on its own line below it,
    the dashes lined up after the colon."""
    import io

    import docx as python_docx

    from generator import load_document, render_bytes
    from tests.conftest import example_inputs

    def lines(recipients):
        d = python_docx.Document(io.BytesIO(render_bytes(load_document(
            {**example_inputs()["cong_van"], "kinh_gui": recipients}))))
        ps = [p for p in d.paragraphs if p.text.startswith(("Kính gửi", "- Sở", "- Ủy"))]
        return [(p.text, p.paragraph_format.left_indent, p.paragraph_format.first_line_indent) for p in ps]

    assert [t for t, _, _ in lines(["Sở Nội vụ"])] == ["Kính gửi: Sở Nội vụ"]
    several = lines(["Sở Nội vụ", "Sở Tài chính", "Ủy ban nhân dân các huyện"])
    assert [t for t, _, _ in several] == ["Kính gửi:", "- Sở Nội vụ;", "- Sở Tài chính;", "- Ủy ban nhân dân các huyện."]
    head_left, head_first = several[0][1], several[0][2]
    dash_starts = {left + (first or 0) for _, left, first in several[1:]}
    assert len(dash_starts) == 1 and dash_starts.pop() == head_left  # every dash where the colon ends
    assert head_left + head_first < head_left  # the label hangs to the left of them


def test_a_generated_file_says_who_made_it_and_when():
    import datetime as dt
    import io
    import zipfile

    import docx as python_docx

    from generator import load_document, render_bytes
    from tests.conftest import example_inputs

    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    data = render_bytes(load_document(example_inputs()["to_trinh"]))
    z = zipfile.ZipFile(io.BytesIO(data))
    assert b"<Application>vanthu</Application>" in z.read("docProps/app.xml")
    assert b'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in z.read(
        "word/settings.xml")  # not Word 2010's compatibility mode
    props = python_docx.Document(io.BytesIO(data)).core_properties
    created = props.created.replace(tzinfo=None)
    assert before <= created <= before + dt.timedelta(minutes=5) and props.modified == props.created
    assert props.last_modified_by == "vanthu"


def test_body_names_break_by_meaning_and_a_deputy_signs_for_the_head():
    from generator import layout
    from generator.context import CELL_PADDING, name_lines, parent_lines
    from generator.model import load_document
    from tests.conftest import example_inputs

    width = layout.HEADER_LEFT - CELL_PADDING
    assert name_lines("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "issuing_body", width) == ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"]
    assert name_lines("ỦY BAN NHÂN DÂN XÃ ĐẠ HUOAI", "issuing_body", width) == ["ỦY BAN NHÂN DÂN", "XÃ ĐẠ HUOAI"]
    three = name_lines("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH LÂM ĐỒNG", "issuing_body", width)
    assert len(three) == 3 and all(" " in line for line in three)  # never one word alone on a line
    assert name_lines("SỞ TƯ PHÁP\nTỈNH LÂM ĐỒNG", "issuing_body", width) == ["SỞ TƯ PHÁP", "TỈNH LÂM ĐỒNG"]  # as typed
    assert parent_lines("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", width) == ["UBND TỈNH LÂM ĐỒNG"]  # one line, shortened
    assert parent_lines("BỘ TƯ PHÁP", width) == ["BỘ TƯ PHÁP"]
    signer = {"title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn Hùng"}
    doc = load_document({**example_inputs()["to_trinh"], "signer": signer})
    assert doc.signer.lines()[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
