"""A register of Phụ lục IV printed as a Word file: A4 landscape, the body's name top left, the
register's name and the period centred, then the table with the annex's columns, numbered (1),
(2) … under their heads, the head repeated on every page and no row split across pages.

The rows come from the archive (archive.books); this module only lays them out.
"""
from __future__ import annotations

import io

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
# Column widths (cm) of each register on a landscape A4 (26.2 cm between the margins): the trích
# yếu gets the room, dates and numbers what they need.
WIDTHS = {
    "SỔ ĐĂNG KÝ VĂN BẢN ĐI": (3.0, 2.2, 6.0, 3.2, 3.6, 2.2, 1.4, 1.8, 1.4, 1.4),
    "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN": (2.0, 1.4, 3.4, 3.0, 2.0, 6.0, 3.0, 1.8, 1.6, 2.0),
    "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN": (1.6, 7.0, 4.2, 2.4, 4.0, 4.0, 3.0),
}


def _style(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)


def _line(doc, text: str, *, bold=False, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, italic=False):
    p = doc.add_paragraph()
    p.alignment = align
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return p


def _cell(cell, text: str, *, bold=False, center=False, size=11) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _row_flags(row, header: bool) -> None:
    pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    pr.append(cant)
    if header:
        pr.append(OxmlElement("w:tblHeader"))


def render_register(*, title: str, columns: tuple[str, ...], rows: list[list[str]], issuing_body: str,
                    parent_body: str | None, period: str, widths_cm: tuple[float, ...] | None = None) -> bytes:
    doc = Docx()
    _style(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    if parent_body:
        _line(doc, parent_body.upper(), size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, issuing_body.upper(), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.add_paragraph()
    _line(doc, title, bold=True, size=14)
    _line(doc, period, italic=True, size=13)
    doc.add_paragraph()
    table = doc.add_table(rows=2, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, name in enumerate(columns):
        _cell(table.rows[0].cells[i], name, bold=True, center=True)
        _cell(table.rows[1].cells[i], f"({i + 1})", center=True, size=10)
    _row_flags(table.rows[0], header=True)
    _row_flags(table.rows[1], header=True)
    for values in rows:
        row = table.add_row()
        _row_flags(row, header=False)
        for i, text in enumerate(values):
            _cell(row.cells[i], text or "")
    usable = 29.7 - 2.0 - 1.5
    widths = widths_cm or WIDTHS.get(title) or tuple(usable / len(columns) for _ in columns)
    table.autofit = False
    for column, w in zip(table.columns, widths):  # the grid, which LibreOffice lays out by
        column.width = Cm(w)
    for row in table.rows:  # and each cell, which Word lays out by
        for cell, w in zip(row.cells, widths):
            cell.width = Cm(w)
    if not rows:
        _line(doc, "Không có văn bản nào trong khoảng ngày này.", italic=True)
    props = doc.core_properties
    props.title, props.author = title, issuing_body
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
