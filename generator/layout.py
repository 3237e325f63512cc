"""Page and component layout of Nghị định 30/2020 (Phụ lục I), as numbers.

One table that the template builder writes into the .docx files and that the
tests (and later the checker) read back, so the two can never disagree.
Sizes are points; lengths are twips (1/1440 inch; 1 mm ≈ 56.7 twips).
"""
from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"

MM = 1440 / 25.4  # twips per millimetre


def mm(value: float) -> int:
    return round(value * MM)


# A4 portrait; margins inside the ranges of PL I: top/bottom 20–25, left 30–35, right 15–20 mm.
PAGE_WIDTH = mm(210)
PAGE_HEIGHT = mm(297)
MARGIN_TOP = mm(20)
MARGIN_BOTTOM = mm(20)
MARGIN_LEFT = mm(30)
MARGIN_RIGHT = mm(15)
HEADER_DISTANCE = mm(10)
FOOTER_DISTANCE = mm(10)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# Header table: body names on the left, Quốc hiệu on the right (PL III templates).
HEADER_LEFT = mm(62)
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT
# Footer table: Nơi nhận on the left, signature block on the right.
FOOTER_LEFT = mm(75)
FOOTER_RIGHT = TEXT_WIDTH - FOOTER_LEFT

FIRST_LINE_INDENT = 720  # 1.27 cm
PARAGRAPH_SPACING = 6  # pt between body paragraphs (≥ 6 pt)
LINE_SPACING = 1.15  # within "single to 1.5 lines"


@dataclass(frozen=True)
class Component:
    """How one component of the document looks (nd30.md §2.2)."""

    name: str
    label: str  # Vietnamese name shown in messages
    size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: str = "center"  # center | left | justify | right


# the table's text, headings and group rows: 12 pt as such tables usually are (nd30.md §6), so that 19
# long comments take fewer pages; the body around it stays 13–14
SUMMARY_CELL_SIZE = 12
# Sizes follow the one consistent combination of PL I Mục V (nd30.md "Sample sizes").
COMPONENTS: dict[str, Component] = {c.name: c for c in [
    Component("quoc_hieu", "Quốc hiệu", 12, bold=True, upper=True),
    Component("tieu_ngu", "Tiêu ngữ", 13, bold=True),
    Component("parent_body", "Tên cơ quan chủ quản", 12, upper=True),
    Component("issuing_body", "Tên cơ quan ban hành", 12, bold=True, upper=True),
    Component("so", "Số, ký hiệu", 13),
    Component("date", "Địa danh và thời gian", 13, italic=True),
    Component("trich_yeu_cv", "Trích yếu công văn", 12),
    Component("stamp", "Độ mật, độ khẩn", 13, bold=True, upper=True),
    Component("loai", "Tên loại văn bản", 14, bold=True, upper=True),
    Component("trich_yeu", "Trích yếu", 14, bold=True),
    Component("tham_quyen", "Thẩm quyền ban hành", 14, bold=True, upper=True),
    Component("kem_theo", "Dòng ban hành kèm theo", 14, italic=True),
    Component("kinh_gui", "Kính gửi", 14, align="left"),
    Component("can_cu", "Căn cứ", 14, italic=True, align="justify"),
    Component("body", "Nội dung", 14, align="justify"),
    Component("heading", "Tiêu đề căn giữa", 14, bold=True),
    Component("chuong", "Chương", 14, bold=True),
    Component("chuong_ten", "Tên chương", 14, bold=True, upper=True),
    Component("muc", "Mục", 14, bold=True, align="justify"),
    Component("dieu", "Điều", 14, bold=True, align="justify"),
    Component("khoan", "Khoản", 14, align="justify"),
    Component("khoan_tieu_de", "Khoản có tiêu đề", 14, bold=True, align="justify"),
    Component("diem", "Điểm", 14, align="justify"),
    Component("noi_nhan_label", "Nơi nhận:", 12, bold=True, italic=True, align="left"),
    Component("noi_nhan", "Danh sách nơi nhận", 11, align="left"),
    Component("signer", "Quyền hạn, chức vụ người ký", 14, bold=True, upper=True),
    Component("signer_name", "Họ tên người ký", 14, bold=True),
    Component("page_number", "Số trang", 14),
    # the table of the Bản tổng hợp ý kiến góp ý: 13 pt keeps five columns of long text readable
    Component("table_head", "Tiêu đề cột của bảng", SUMMARY_CELL_SIZE, bold=True),
    Component("table_group", "Dòng nhóm của bảng", SUMMARY_CELL_SIZE, bold=True, align="left"),
    Component("table_cell", "Ô của bảng", SUMMARY_CELL_SIZE, align="justify"),
    # a table of figures in a report's body (generator/tables.py): 13 pt, as the text around it
    Component("bang_head", "Tiêu đề cột của bảng số liệu", 13, bold=True),
    Component("bang_cell", "Ô của bảng số liệu", 13, align="justify"),
]}

# Rules under the issuing body and the trích yếu: 1/3 to 1/2 of the text line; we aim at 0.4.
RULE_FRACTION = 0.4
# Rule under the Tiêu ngữ: as long as the Tiêu ngữ line.
RULE_PT = 0.75  # thickness (w:sz is in eighths of a point: 6)

# --- Bản tổng hợp ý kiến góp ý (interfaces.md; nd30.md §1, §6) ---------------------------------
# Landscape is allowed for pages that hold a table (PL I, Phần I.I); the margins stay the same.
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT
LANDSCAPE_HEADER_LEFT = mm(100)  # body names over ~2/5 of the wide page, Quốc hiệu centred over the rest
# STT | Điều, khoản dự thảo | Nội dung góp ý | Cơ quan góp ý | Ý kiến tiếp thu, giải trình, as shares
# of the text width: the two columns of long text get most of it.
SUMMARY_COLUMNS = (0.05, 0.10, 0.37, 0.12, 0.36)
# with the draft's wording beside the comment (the optional "Nội dung dự thảo" column)
SUMMARY_COLUMNS_WORDING = (0.04, 0.10, 0.24, 0.25, 0.12, 0.25)
SUMMARY_CELL_SPACING = 1  # pt before and after a paragraph in a cell: compact, the grid parts the rows
# A cell that would print longer than this many lines in the portrait columns turns the page landscape.
SUMMARY_PORTRAIT_MAX_LINES = 6
# A row up to this many lines is kept on one page; a longer one splits, not to leave the page before it
# half empty (rows that could not split made 19 comments take 11 landscape pages).
SUMMARY_KEEP_ROW_LINES = 8
