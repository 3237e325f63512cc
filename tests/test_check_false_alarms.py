"""False alarms of the checker, each reproduced from a real corpus file or a file built here:
(a) the Quốc hiệu on the body name's line, (b) a decision's Quy chế with its own header taken for
a công văn, (c) a line break at 'NĐ-CP' taken for a space in the symbol."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK

import generator
from generator.checker import check_path, check_text_content
from generator.checker.sources import paras_from_text
from generator.checker.text import QUOC_HIEU, TIEU_NGU, analyse
from tests.docx_inspect import paragraph_texts

REAL = "real/docs"
SERIF = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")


def rules(report, severity=None) -> list[str]:
    return [f.rule for f in report.findings if severity is None or f.severity == severity]


# --- (a) Quốc hiệu on the same line as the body's name ------------------------------------------

def test_real_letter_with_quoc_hieu_glued_to_the_ministry(corpus):
    """07: 'BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', and 'Nơi nhận: KT. BỘ
    TRƯỞNG' on one line, the list and the signer's lines in turn below it."""
    path = corpus / REAL / "07_cong_van.txt"
    a = analyse(paras_from_text(path.read_text(encoding="utf-8")))
    assert a.text(a.quoc_hieu) == QUOC_HIEU and a.text(a.issuing_body[0]) == "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    assert a.text(a.noi_nhan) == "Nơi nhận:" and a.text(a.noi_nhan_lines[0]) == "- Như trên;"
    report = check_path(path)
    assert "ND30-QUOC-HIEU" not in rules(report) and "ND30-NOI-NHAN-LABEL" not in rules(report)
    assert report.errors == [], [(f.rule, f.message) for f in report.errors]


def test_real_letter_with_a_flattened_header_table(corpus):
    """19: 'BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |' — the web page's table row."""
    report = check_path(corpus / REAL / "19_cong_van.txt")
    assert "ND30-QUOC-HIEU" not in rules(report)
    a = analyse(paras_from_text((corpus / REAL / "19_cong_van.txt").read_text(encoding="utf-8")))
    assert a.text(a.number) == "Số: 14447/BTC-ĐT" and a.text(a.date).startswith("Hà Nội, ngày 29")


def test_glued_header_built_from_a_generated_letter(rendered_examples):
    lines = paragraph_texts(rendered_examples["cong_van"]["docx"])
    assert lines[:4] == ["UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP", "", QUOC_HIEU]
    glued = ["UBND TỈNH LÂM ĐỒNG", f"SỞ TƯ PHÁP {QUOC_HIEU}"] + lines[4:]
    report = check_text_content("\n".join(glued))
    assert report.rule_set == "nd30" and "ND30-QUOC-HIEU" not in rules(report), report.findings
    assert report.errors == []


@pytest.mark.skipif(not SERIF_BOLD.is_file(), reason="fonts-liberation2 không có")
def test_glued_header_in_a_pdf_line_keeps_each_part_its_layout(tmp_path):
    """A PDF whose header cells were written as one line: cut, each part keeps its size and bold."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    page.insert_font(fontname="sb", fontfile=str(SERIF_BOLD))
    page.insert_font(fontname="sr", fontfile=str(SERIF))
    page.insert_text((90, 70), f"BỘ THÔNG TIN VÀ TRUYỀN THÔNG {QUOC_HIEU}", fontsize=12, fontname="sb")
    page.insert_text((330, 88), TIEU_NGU, fontsize=13, fontname="sb")
    page.insert_text((110, 110), "Số: 15/BTTTT-VP", fontsize=13, fontname="sr")
    path = tmp_path / "dinh.pdf"
    doc.save(str(path))
    report = check_path(path)
    assert "ND30-QUOC-HIEU" not in rules(report) and "ND30-ISSUING-BODY" not in rules(report), report.findings


# --- (b) a Quy chế with its own header ----------------------------------------------------------

@pytest.fixture()
def quy_che_lines(rendered_examples) -> list[str]:
    lines = paragraph_texts(rendered_examples["quyet_dinh_quy_che"]["docx"])
    k = lines.index("QUY CHẾ")
    assert QUOC_HIEU in lines[k - 6:k] and re.match(r"^\(Ban hành kèm theo", lines[k + 2])
    return lines[k - 6:]  # the Quy chế alone: its own header, then the type name


def test_quy_che_with_its_own_header_is_not_a_cong_van(quy_che_lines):
    report = check_text_content("\n".join(quy_che_lines))
    assert report.kind == "quy_che", report.kind
    assert not {"ND30-NUMBER", "ND30-DATE", "ND30-NOI-NHAN-LABEL", "ND30-VV"} & set(rules(report)), report.findings


def test_quy_che_with_its_title_glued_to_the_type_name(quy_che_lines):
    k = quy_che_lines.index("QUY CHẾ")
    glued = quy_che_lines[:k] + [f"QUY CHẾ {quy_che_lines[k + 1]}"] + quy_che_lines[k + 2:]
    report = check_text_content("\n".join(glued))
    assert report.kind == "quy_che" and not {"ND30-NUMBER", "ND30-NOI-NHAN-LABEL"} & set(rules(report))


def test_decision_and_quy_che_with_its_header_still_two_parts(rendered_examples):
    report = check_path(rendered_examples["quyet_dinh_quy_che"]["docx"])
    assert report.kind == "quyet_dinh" and report.errors == []


# --- (c) a line break at 'NĐ-CP' ----------------------------------------------------------------

HEAD = "Số: 15/UBND-VP\nKính gửi: Sở Nội vụ.\n"


@pytest.mark.parametrize("cut", ["30/2020/NĐ-\nCP", "30/2020/NĐ\n-CP"])
def test_symbol_broken_over_two_lines_is_one_symbol(cut):
    text = HEAD + f"Thực hiện Nghị định số {cut} ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, đề nghị " \
                  f"Sở báo cáo./.\n"
    paras = paras_from_text(text)
    assert any("Nghị định số 30/2020/NĐ-CP ngày 05" in p.text for p in paras), [p.text for p in paras]
    assert "ND30-CITATION" not in rules(check_text_content(text))


def test_real_letter_symbol_broken_at_its_hyphen(corpus):
    """07, line 13: '(Theo Quyết định số 3048/QĐ-' ⏎ 'BTNMT ngày 18 tháng 10 năm 2023 …'."""
    paras = paras_from_text((corpus / REAL / "07_cong_van.txt").read_text(encoding="utf-8"))
    assert any("3048/QĐ-BTNMT ngày 18" in p.text for p in paras)
    assert "ND30-CITATION" not in rules(check_path(corpus / REAL / "07_cong_van.txt"))


def test_word_line_break_inside_the_symbol(tmp_path):
    """A Word file with a manual line break (Shift+Enter) right after 'NĐ-': no space reported."""
    from tests.conftest import example_inputs

    path = generator.render_docx(generator.load_document(example_inputs()["quyet_dinh_quy_che"]), tmp_path / "qd.docx")
    doc = Document(str(path))
    target = next(p for p in doc.paragraphs if re.search(r"\d+/\d{4}/NĐ-CP", p.text))
    text = target.text
    m = re.search(r"\d+/\d{4}/NĐ-", text)
    for r in target.runs[1:]:
        r._r.getparent().remove(r._r)
    target.runs[0].text = text[:m.end()]
    target.runs[0].add_break(WD_BREAK.LINE)
    target.add_run(text[m.end():]).font.italic = True
    target.runs[-1].font.size = target.runs[0].font.size
    doc.save(str(path))
    assert any(p.runs and p.runs[0]._r.xpath("./w:br") for p in Document(str(path)).paragraphs)
    report = check_path(path)
    assert "ND30-CITATION" not in rules(report), [(f.rule, f.message) for f in report.findings]
    assert not [f for f in report.findings if "khoảng trắng" in f.message]
