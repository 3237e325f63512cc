"""Build templates/<kind>.docx: the Nghị định 30 layout of every kind, as code.

Run `make templates` (python -m templates.build).  The output is the same byte
for byte on every run: fixed core properties and fixed zip timestamps, so a
change of layout shows up as a change of this file, not of a binary.

Each template is a real Word file with docxtpl tags.  Sizes, fonts and lengths
come from `generator.layout`; the only XML written by hand is here.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator import layout, metrics, rules
from generator.layout import COMPONENTS, FONT

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
JC = {"center": "center", "left": "left", "justify": "both", "right": "right"}
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
CELL_PADDING = 2 * 108

# Templates of Phụ lục III: kind -> (Mẫu, whether it has a type name heading).
KINDS = {
    "quyet_dinh": "1.2/1.3", "to_trinh": "1.4", "bao_cao": "1.4", "ke_hoach": "1.4",
    "thong_bao": "1.4", "chi_thi": "1.4", "cong_van": "1.5",
    "tong_hop_y_kien": "—",  # no Mẫu in Phụ lục III: the practice of nd30.md §6, columns of interfaces.md
}


# --- low-level XML: properties written in the order the schema asks for ----------------------

def el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def rpr(comp, bold=None, italic=None, size=None) -> OxmlElement:
    """Run properties: Times New Roman on every script, size, bold/italic, black, Vietnamese."""
    bold = comp.bold if bold is None else bold
    italic = comp.italic if italic is None else italic
    half_points = round(2 * (size or comp.size))
    r = el("w:rPr")
    r.append(el("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT))
    r.append(el("w:b", val=1 if bold else 0))
    r.append(el("w:bCs", val=1 if bold else 0))
    r.append(el("w:i", val=1 if italic else 0))
    r.append(el("w:iCs", val=1 if italic else 0))
    r.append(el("w:color", val="000000"))
    r.append(el("w:sz", val=half_points))
    r.append(el("w:szCs", val=half_points))
    r.append(el("w:lang", val="vi-VN"))
    return r


def ppr(comp=None, *, style=None, keep_next=False, border=None, before=0, after=0, line=None,
        exact=False, left=None, right=None, first=None, hanging=None, jc=None, page_break=False,
        box=False) -> OxmlElement:
    p = el("w:pPr")
    if style:
        p.append(el("w:pStyle", val=style))
    if keep_next is True:
        p.append(el("w:keepNext"))
    elif keep_next:  # a value the template fills: the body's last paragraph keeps with the signature
        p.append(el("w:keepNext", val=keep_next))
    if page_break:
        p.append(el("w:pageBreakBefore"))
    if border or box:
        bdr = el("w:pBdr")
        sides = ("top", "left", "bottom", "right") if box else (border,)
        for side in sides:
            bdr.append(el(f"w:{side}", val="single", sz=round(layout.RULE_PT * 8), space=1, color="000000"))
        p.append(bdr)
    spacing = el("w:spacing", before=round(before * 20), after=round(after * 20))
    if line is not None:
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), "exact" if exact else "auto")
    p.append(spacing)
    ind = el("w:ind")
    for key, value in (("left", left), ("right", right), ("firstLine", first), ("hanging", hanging)):
        if value is not None:
            ind.set(qn(f"w:{key}"), str(value))
    if len(ind.attrib):
        p.append(ind)
    align = jc or (comp.align if comp else None)
    if align:
        p.append(el("w:jc", val=JC[align]))
    p.append(rpr(comp) if comp else el("w:rPr"))  # the paragraph mark
    return p


# Style id -> the component whose formatting the style carries (filled by `setup`).
STYLE_COMPONENT: dict[str, object] = {}


def _same(a: OxmlElement, b: OxmlElement) -> bool:
    return a.tag == b.tag and dict(a.attrib) == dict(b.attrib)


def only_differences(props: OxmlElement | None, base: OxmlElement) -> OxmlElement | None:
    """`props` less what `base` already says: a run (or paragraph mark) states only where it differs
    from its paragraph's style, so restyling in Word (the Normal style's font, say) reaches the text."""
    if props is None:
        return None
    out = el("w:rPr")
    for child in props:
        if not any(_same(child, b) for b in base):
            out.append(child)
    return out if len(out) else None


def style_props(pPr: OxmlElement) -> OxmlElement:
    """The run properties a paragraph's text inherits: its style's component, or Normal's."""
    ps = pPr.find(qn("w:pStyle"))
    comp = STYLE_COMPONENT.get(ps.get(qn("w:val"))) if ps is not None else None
    return rpr(comp or COMPONENTS["body"])


def strip_direct(p: OxmlElement, pPr: OxmlElement) -> None:
    """Drop the direct run formatting of a paragraph that its style already carries."""
    base = style_props(pPr)
    mark = pPr.find(qn("w:rPr"))
    if mark is not None:
        pPr.remove(mark)
        if (kept := only_differences(mark, base)) is not None:
            pPr.append(kept)
    for r in p.findall(qn("w:r")) + [r for f in p.findall(qn("w:fldSimple")) for r in f.findall(qn("w:r"))]:
        props = r.find(qn("w:rPr"))
        if props is not None:
            r.remove(props)
            if (kept := only_differences(props, base)) is not None:
                r.insert(0, kept)


def add_p(container, pPr: OxmlElement, runs: list[tuple[str, OxmlElement]] = ()) -> OxmlElement:
    """Append a paragraph with these properties and (text, run properties) runs."""
    p = container.add_paragraph()._p
    for child in list(p):
        p.remove(child)
    p.append(pPr)
    for text, props in runs:
        p.append(run_el(text, props))
    strip_direct(p, pPr)
    return p


def run_el(text: str, props: OxmlElement) -> OxmlElement:
    r = el("w:r")
    r.append(props)
    t = el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def tag(container, text: str) -> None:
    """A docxtpl paragraph tag ({%p … %}): the paragraph itself disappears on rendering."""
    add_p(container, ppr(COMPONENTS["body"]), [(text, rpr(COMPONENTS["body"]))])


def text_p(container, comp_name: str, text: str, **kw) -> OxmlElement:
    comp = COMPONENTS[comp_name]
    return add_p(container, ppr(comp, style=style_id(comp_name), **kw), [(text, rpr(comp))])


def lines_p(container, comp_name: str, var: str, **kw) -> OxmlElement:
    """One paragraph printing the list `var` a line each, with line breaks between (a title broken by
    meaning: generator/linebreak.py), so it stays one paragraph for Word and for the checker."""
    comp = COMPONENTS[comp_name]
    p = add_p(container, ppr(comp, style=style_id(comp_name), **kw),
              [(f"{{%r for line in {var} %}}", rpr(comp)), ("{{ line }}", rpr(comp)),
               ("{%r if not loop.last %}", rpr(comp))])
    br = el("w:r")
    br.append(el("w:br"))
    p.append(br)
    for text in ("{%r endif %}", "{%r endfor %}"):
        p.append(run_el(text, rpr(comp)))
    strip_direct(p, p.find(qn("w:pPr")))
    return p


def rule_p(container, left: str | int, right: str | int, before: float = 0) -> None:
    """A short centred rule: an empty paragraph 3 pt high with a bottom border."""
    add_p(container, ppr(None, border="bottom", before=before, line=60, exact=True, left=left, right=right,
                         jc="center"))


def style_id(comp_name: str) -> str:
    return f"vt{comp_name.replace('_', '')}"


BODY_LINE = round(240 * layout.LINE_SPACING)


def body_ppr(comp_name: str, **kw) -> OxmlElement:
    comp = COMPONENTS[comp_name]
    opts = dict(style=style_id(comp_name), before=layout.PARAGRAPH_SPACING, line=BODY_LINE)
    if comp.align == "justify":
        opts["first"] = layout.FIRST_LINE_INDENT
    opts.update(kw)
    return ppr(comp, **opts)


# --- document parts -------------------------------------------------------------------------

def setup(document) -> None:
    """Page, margins, default font, one paragraph style per component, page numbers from page 2."""
    section = document.sections[0]
    section.page_width, section.page_height = layout.PAGE_WIDTH * 635, layout.PAGE_HEIGHT * 635
    section.top_margin = layout.MARGIN_TOP * 635
    section.bottom_margin = layout.MARGIN_BOTTOM * 635
    section.left_margin = layout.MARGIN_LEFT * 635
    section.right_margin = layout.MARGIN_RIGHT * 635
    section.header_distance = layout.HEADER_DISTANCE * 635
    section.footer_distance = layout.FOOTER_DISTANCE * 635
    section.different_first_page_header_footer = True

    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr_default.append(rpr(COMPONENTS["body"]))
    normal = document.styles["Normal"].element
    for child in list(normal):
        if child.tag in (qn("w:rPr"), qn("w:pPr")):
            normal.remove(child)
    normal.append(rpr(COMPONENTS["body"]))
    for comp in COMPONENTS.values():
        # named as Phụ lục I names the component, so a clerk finds it in Word's style list
        style = document.styles.add_style(f"VT {comp.label}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id(comp.name))
        style.base_style = document.styles["Normal"]
        STYLE_COMPONENT[style_id(comp.name)] = comp
        if comp.name in OUTLINE:  # Word's navigation pane and a table of contents find the parts
            style_ppr = el("w:pPr")
            style_ppr.append(el("w:outlineLvl", val=OUTLINE[comp.name]))
            style.element.append(style_ppr)
        # the font itself comes from Normal: only size, bold and italic are the style's own
        own = only_differences(rpr(comp), rpr(COMPONENTS["body"]))
        style.element.append(own if own is not None else el("w:rPr"))
        for key in ("w:b", "w:i", "w:sz"):  # stated even where equal to Normal's, so each style reads whole
            style_rpr = style.element.find(qn("w:rPr"))
            if style_rpr.find(qn(key)) is None:
                style_rpr.append(rpr(comp).find(qn(key)))
        _order_rpr(style.element.find(qn("w:rPr")))
        style.hidden = False
        style.quick_style = False

    # Page number: centred in the top margin, from page 2 on (the first-page header stays empty).
    section.first_page_header.is_linked_to_previous = False
    page = section.header.paragraphs[0]._p
    for child in list(page):
        page.remove(child)
    page.append(ppr(COMPONENTS["page_number"], style=style_id("page_number")))
    fld = el("w:fldSimple", instr=" PAGE ")
    r = el("w:r")
    r.append(rpr(COMPONENTS["page_number"]))
    t = el("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    page.append(fld)
    strip_direct(page, page.find(qn("w:pPr")))


# Heading levels (0 = level 1): the document's title, then chapter or Mục, then Điều or a titled khoản.
OUTLINE = {"loai": 0, "chuong": 1, "muc": 1, "dieu": 2, "khoan_tieu_de": 2}
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:color", "w:sz", "w:szCs",
             "w:lang")


def _order_rpr(props: OxmlElement) -> None:
    """Children of w:rPr in the order the schema asks for (Word refuses a file otherwise)."""
    kids = sorted(props, key=lambda c: next((i for i, t in enumerate(RPR_ORDER) if c.tag == qn(t)), 99))
    for c in list(props):
        props.remove(c)
    for c in kids:
        props.append(c)


def table(document, widths: list[int], rows: int):
    """A borderless fixed-width table (the header and the signature area)."""
    t = document.add_table(rows=rows, cols=len(widths))
    tbl = t._tbl
    tblPr = tbl.tblPr
    for child in list(tblPr):
        tblPr.remove(child)
    tblPr.append(el("w:tblW", w=sum(widths), type="dxa"))
    tblPr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="nil"))
    tblPr.append(borders)
    tblPr.append(el("w:tblLayout", type="fixed"))
    tblPr.append(el("w:tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0,
                    noHBand=1, noVBand=1))
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))
    for row in t.rows:
        for cell, w in zip(row.cells, widths):
            tcPr = cell._tc.get_or_add_tcPr()
            for child in list(tcPr):
                tcPr.remove(child)
            tcPr.append(el("w:tcW", w=w, type="dxa"))
            # a new cell holds one empty paragraph; our content replaces it
            for p in list(cell._tc.findall(qn("w:p"))):
                cell._tc.remove(p)
    return t


def national_motto(cell) -> None:
    text_p(cell, "quoc_hieu", QUOC_HIEU)
    text_p(cell, "tieu_ngu", TIEU_NGU)
    width = layout.HEADER_RIGHT - CELL_PADDING
    left, right = rules.rule_indents([TIEU_NGU], COMPONENTS["tieu_ngu"].size, True, width, fraction=1.0)
    rule_p(cell, left, right)


def body_names(cell) -> None:
    tag(cell, "{%p for line in parent_body_lines %}")
    text_p(cell, "parent_body", "{{ line }}")
    tag(cell, "{%p endfor %}")
    tag(cell, "{%p for line in issuing_body_lines %}")
    text_p(cell, "issuing_body", "{{ line }}")
    tag(cell, "{%p endfor %}")
    rule_p(cell, "{{ body_rule.left }}", "{{ body_rule.right }}")


def header_table(document, cong_van: bool) -> None:
    t = table(document, [layout.HEADER_LEFT, layout.HEADER_RIGHT], rows=2)
    (left1, right1), (left2, right2) = (r.cells for r in t.rows)
    body_names(left1)
    national_motto(right1)
    text_p(left2, "so", "{{ number_line }}", before=6)
    if cong_van:
        lines_p(left2, "trich_yeu_cv", "subject_lines", before=6)
    tag(left2, "{%p for s in stamps %}")
    comp = COMPONENTS["stamp"]
    add_p(left2, ppr(comp, style=style_id("stamp"), box=True, before=6, left="{{ s.left }}",
                     right="{{ s.right }}"), [("{{ s.text }}", rpr(comp))])
    tag(left2, "{%p endfor %}")
    text_p(right2, "date", "{{ date_line }}", before=6)


def title_block(document, type_name: str, by_meaning: bool = True) -> None:
    text_p(document, "loai", type_name, before=18, keep_next=True)
    if by_meaning:
        lines_p(document, "trich_yeu", "subject_lines", keep_next=True)
    else:
        text_p(document, "trich_yeu", "{{ subject }}", keep_next=True)
    rule_p(document, "{{ subject_rule.left }}", "{{ subject_rule.right }}")


# Every style of body block and how it prints; one paragraph variant each.
BLOCKS = [
    ("body", "body", None),
    ("can_cu", "can_cu", None),
    ("tham_quyen", "tham_quyen", dict(before=12, keep_next=True, first=None)),
    ("heading", "heading", dict(before=12, keep_next=True, first=None)),
    ("chuong", "chuong", dict(before=12, keep_next=True, first=None)),
    ("chuong_ten", "chuong_ten", dict(before=0, keep_next=True, first=None)),
    ("muc", "muc", dict(keep_next=True)),
    ("khoan", "khoan", None),
    ("khoan_tieu_de", "khoan_tieu_de", dict(keep_next=True)),
    ("diem", "diem", None),
]


# The last paragraph of the body is kept on the page of the signature (context._close marks it), so
# "Nơi nhận" and the signer never stand alone on a page.
KEEP = "{{ b.keep|default(0) }}"


def body_loop(document, var: str = "blocks") -> None:
    body = COMPONENTS["body"]
    tag(document, f"{{%p for b in {var} %}}")
    first = True
    for style, comp_name, opts in BLOCKS:
        tag(document, f"{{%p {'if' if first else 'elif'} b.style == '{style}' %}}")
        first = False
        opts = {"keep_next": KEEP, **(opts or {})}
        add_p(document, body_ppr(comp_name, **opts), [("{{ b.text }}", rpr(COMPONENTS[comp_name]))])
    # "Điều 1." in bold; the article's title bold too, its text upright.
    dieu = COMPONENTS["dieu"]
    tag(document, "{%p elif b.style == 'dieu_title' %}")
    add_p(document, body_ppr("dieu", keep_next=True), [("{{ b.label }}", rpr(dieu)), ("{{ b.text }}", rpr(dieu))])
    tag(document, "{%p elif b.style == 'dieu_text' %}")
    add_p(document, body_ppr("dieu", keep_next=KEEP), [("{{ b.label }}", rpr(dieu)), ("{{ b.text }}", rpr(body))])
    # Kính gửi: label, then recipients whose dashes line up (indents computed from text widths).
    kg = COMPONENTS["kinh_gui"]
    tag(document, "{%p elif b.style == 'kinh_gui' %}")
    add_p(document, ppr(kg, style=style_id("kinh_gui"), before=6, left="{{ b.indent }}", hanging="{{ b.hanging }}"),
          [("{{ b.label }}", rpr(kg)), ("{{ b.text }}", rpr(kg))])
    # A periodic report's tables (a docxtpl Subdoc in place of the paragraph) and its chart (an image)
    tag(document, "{%p elif b.style == 'subdoc' %}")
    tag(document, "{{p b.subdoc }}")
    tag(document, "{%p elif b.style == 'image' %}")
    add_p(document, ppr(body, before=6, after=6, jc="center", keep_next=False), [("{{ b.image }}", rpr(body))])
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def signer_block(cell) -> None:
    """The signer's title lines, room for the signature and the seal, then the name."""
    tag(cell, "{%p for line in signer_lines %}")
    text_p(cell, "signer", "{{ line }}", keep_next=True)
    tag(cell, "{%p endfor %}")
    for _ in range(4):  # room for the signature and the seal
        add_p(cell, ppr(COMPONENTS["signer"], keep_next=True))
    text_p(cell, "signer_name", "{{ signer_name }}")


def signature_table(document) -> None:
    add_p(document, ppr(None, line=240, exact=True, keep_next=True))  # a gap above Nơi nhận and the signer
    t = table(document, [layout.FOOTER_LEFT, layout.FOOTER_RIGHT], rows=1)
    left, right = t.rows[0].cells
    t.rows[0]._tr.get_or_add_trPr().append(el("w:cantSplit"))  # Nơi nhận and the signer on one page
    # "Nơi nhận:" and its dashes sit flush with the left margin (nd30.md §2.8): no cell padding there
    mar = el("w:tcMar")
    mar.append(el("w:left", w=0, type="dxa"))
    left._tc.get_or_add_tcPr().append(mar)
    text_p(left, "noi_nhan_label", "Nơi nhận:", keep_next=True)
    tag(left, "{%p for line in noi_nhan %}")
    # a recipient too long for one line continues under its text, not under the dash
    dash = metrics.text_width_twips("- ", COMPONENTS["noi_nhan"].size)
    add_p(left, ppr(COMPONENTS["noi_nhan"], style=style_id("noi_nhan"), left=dash, hanging=dash),
          [("{{ line }}", rpr(COMPONENTS["noi_nhan"]))])
    tag(left, "{%p endfor %}")
    signer_block(right)


def attachment(document) -> None:
    """Mẫu 1.3: the Quy chế / Quy định issued with the decision, on a new page numbered from 1."""
    tag(document, "{%p if attachment %}")
    document.add_section(WD_SECTION.NEW_PAGE)
    sect = document.sections[-1]._sectPr
    # The first section's properties sit in the paragraph that {%p if attachment %} removes when there is
    # no attachment; the last section then stands for the whole document, so it must name the
    # page-number header itself rather than inherit it.
    import copy

    for ref in reversed(document.sections[0]._sectPr.findall(qn("w:headerReference"))):
        sect.insert(0, copy.deepcopy(ref))
    sect.insert_element_before(el("w:pgNumType", start=1), "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                               "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")
    t = table(document, [layout.HEADER_LEFT, layout.HEADER_RIGHT], rows=1)
    left, right = t.rows[0].cells
    body_names(left)
    national_motto(right)
    text_p(document, "loai", "{{ attachment.type_name }}", before=18, keep_next=True)
    lines_p(document, "trich_yeu", "attachment.subject_lines", keep_next=True)
    lines_p(document, "kem_theo", "attachment.kem_theo_lines", keep_next=True)
    rule_p(document, "{{ attachment.subject_rule.left }}", "{{ attachment.subject_rule.right }}")
    body_loop(document, "attachment.blocks")
    tag(document, "{%p endif %}")


# --- Bản tổng hợp ý kiến góp ý -----------------------------------------------------------------
#
# A docxtpl template fits the table: the rows come from one `{%tr for %}` loop whose `{%tr if %}`
# picks a group row (one cell across the five columns) or an item row; cells hold `{%p for %}` loops
# of paragraphs; the page size, orientation and every width are values, since the page turns
# landscape only when the table needs it.  So the summary goes through the same autoescaped,
# cached render as every other kind, and this file stays the one place its XML is written.

SUMMARY_HEAD = ("STT", "Điều, khoản dự thảo", "Nội dung góp ý", "Cơ quan góp ý", "Ý kiến tiếp thu, giải trình")
# with the draft's wording of each part beside the comment on it (cot_du_thao)
SUMMARY_HEAD_WORDING = SUMMARY_HEAD[:2] + ("Nội dung dự thảo",) + SUMMARY_HEAD[2:]


def set_widths(t, total: str, cols: list[str]) -> None:
    """Table, grid and cell widths as docxtpl values (they change with the orientation)."""
    tbl = t._tbl
    tbl.tblPr.find(qn("w:tblW")).set(qn("w:w"), total)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), cols):
        col.set(qn("w:w"), w)
    for tr in tbl.findall(qn("w:tr")):
        for tc, w in zip(tr.findall(qn("w:tc")), cols):
            tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), w)


def ruled_table(document, cols: int, rows: int):
    """The summary's table: single black borders all round and inside, fixed layout."""
    t = table(document, [1] * cols, rows)
    for side in t._tbl.tblPr.find(qn("w:tblBorders")):
        for key, value in (("val", "single"), ("sz", 4), ("space", 0), ("color", "000000")):
            side.set(qn(f"w:{key}"), str(value))
    return t


def new_row(t, cols: int, *, header: bool = False, keep_whole: bool = False, span: bool = False):
    """A row with empty cells; the header row repeats on every page; a spanned row is one cell
    across all columns (a group row, or a row that only carries a {%tr %} tag)."""
    tr = t.add_row()._tr if not header else t.rows[0]._tr
    if header or keep_whole:
        trPr = tr.get_or_add_trPr()
        trPr.append(el("w:cantSplit"))
        if header:
            trPr.append(el("w:tblHeader"))
    tcs = tr.findall(qn("w:tc"))
    for tc in tcs:
        for p in tc.findall(qn("w:p")):
            tc.remove(p)
    if span:
        for tc in tcs[1:]:
            tr.remove(tc)
        tcs[0].tcPr.append(el("w:gridSpan", val=cols))
        return tcs[:1]
    return tcs


def tc_p(tc, pPr: OxmlElement, runs: list[tuple[str, OxmlElement]]) -> None:
    """add_p for a bare w:tc (a merged cell python-docx has no object for)."""
    p = el("w:p")
    p.append(pPr)
    for text, props in runs:
        p.append(run_el(text, props))
    strip_direct(p, pPr)
    tc.append(p)


def cell_p(tc, comp_name: str, text: str, align: str, keep_next: bool = False, **kw) -> None:
    comp = COMPONENTS[comp_name]
    sp = layout.SUMMARY_CELL_SPACING
    tc_p(tc, ppr(comp, style=style_id(comp_name), before=sp, after=sp, line=240, jc=align, keep_next=keep_next),
         [(text, rpr(comp, **kw))])  # 12 pt: the style's (layout.SUMMARY_CELL_SIZE)


def cell_tag(tc, text: str) -> None:
    comp = COMPONENTS["table_cell"]
    tc_p(tc, ppr(comp), [(text, rpr(comp))])


def cell_loop(tc, var: str, align: str) -> None:
    """The paragraphs of one cell: a status in bold, proposed wording in italic, the rest upright."""
    cell_tag(tc, f"{{%p for x in {var} %}}")
    cell_tag(tc, "{%p if x.kind == 'status' %}")
    cell_p(tc, "table_cell", "{{ x.text }}", align, bold=True)
    cell_tag(tc, "{%p elif x.kind == 'proposed' %}")
    cell_p(tc, "table_cell", "{{ x.text }}", align, italic=True)
    cell_tag(tc, "{%p else %}")
    cell_p(tc, "table_cell", "{{ x.text }}", align)
    cell_tag(tc, "{%p endif %}")
    cell_tag(tc, "{%p endfor %}")


def summary_table(document, head: tuple[str, ...] = SUMMARY_HEAD) -> None:
    n = len(head)
    t = ruled_table(document, n, rows=1)
    for tc, text in zip(new_row(t, n, header=True), head):
        cell_p(tc, "table_head", text, "center")
    for text in ("{%tr for r in rows %}", "{%tr if r.group %}"):
        cell_tag(new_row(t, n, span=True)[0], text)
    (group,) = new_row(t, n, keep_whole=True, span=True)
    cell_p(group, "table_group", "{{ r.text }}", "left", keep_next=True)  # a group row stays with its first item
    cell_tag(new_row(t, n, span=True)[0], "{%tr else %}")
    stt, target, *cells = new_row(t, n)
    wording = cells.pop(0) if n == len(SUMMARY_HEAD_WORDING) else None
    text, agency, answer = cells
    # a short item row is not split across two pages (r.keep); a long one is, not to leave a page half empty
    stt.getparent().get_or_add_trPr().append(el("w:cantSplit", val="{{ r.keep }}"))
    cell_p(stt, "table_cell", "{{ r.stt }}", "center")
    cell_p(target, "table_cell", "{{ r.target }}", "left")
    if wording is not None:
        cell_loop(wording, "r.wording", "justify")
    cell_loop(text, "r.text", "justify")
    cell_loop(agency, "r.agency", "left")
    cell_loop(answer, "r.answer", "justify")
    for text in ("{%tr endif %}", "{%tr endfor %}"):
        cell_tag(new_row(t, n, span=True)[0], text)
    # widths are values: a spanned cell takes the whole table, the others their column
    cols = [f"{{{{ table.cols[{i}] }}}}" for i in range(n)]
    tbl = t._tbl
    tbl.tblPr.find(qn("w:tblW")).set(qn("w:w"), "{{ table.width }}")
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), cols):
        col.set(qn("w:w"), w)
    for tr in tbl.findall(qn("w:tr")):
        tcs = tr.findall(qn("w:tc"))
        for tc, w in zip(tcs, cols if len(tcs) == n else ["{{ table.width }}"]):
            tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), w)


def summary_signer(document) -> None:
    """The conclusion, then — when the summary is sent on its own (nd30.md §6) — Nơi nhận and the head's
    signature, laid out as every kind's; as an attachment of a Tờ trình it carries neither."""
    add_p(document, body_ppr("body", keep_next="{{ 1 if signed else 0 }}"), [("{{ ket_luan }}", rpr(COMPONENTS["body"]))])
    tag(document, "{%p if signed %}")
    signature_table(document)
    set_widths(document.tables[-1], "{{ sig.width }}", ["{{ sig.left }}", "{{ sig.right }}"])
    tag(document, "{%p endif %}")


def build_summary(document) -> None:
    t = table(document, [layout.HEADER_LEFT, layout.HEADER_RIGHT], rows=2)
    set_widths(t, "{{ hdr.width }}", ["{{ hdr.left }}", "{{ hdr.right }}"])
    (left1, right1), (left2, right2) = (r.cells for r in t.rows)
    body_names(left1)
    text_p(right1, "quoc_hieu", QUOC_HIEU)
    text_p(right1, "tieu_ngu", TIEU_NGU)
    rule_p(right1, "{{ hdr.motto_rule.left }}", "{{ hdr.motto_rule.right }}")
    add_p(left2, ppr(None))  # an unnumbered attachment: no "Số:" line
    text_p(right2, "date", "{{ date_line }}", before=6)
    title_block(document, "{{ title }}", by_meaning=False)
    tag(document, "{%p for b in paragraphs %}")
    add_p(document, body_ppr("body"), [("{{ b }}", rpr(COMPONENTS["body"]))])
    tag(document, "{%p endfor %}")
    tag(document, "{%p if cot_du_thao %}")
    summary_table(document, SUMMARY_HEAD_WORDING)
    tag(document, "{%p else %}")
    summary_table(document)
    tag(document, "{%p endif %}")
    summary_signer(document)
    # last: python-docx reads the page width while adding tables
    pg = document.sections[0]._sectPr.find(qn("w:pgSz"))
    for key, value in (("w", "{{ page.width }}"), ("h", "{{ page.height }}"), ("orient", "{{ page.orient }}")):
        pg.set(qn(f"w:{key}"), value)


def build(kind: str):
    document = docx.Document()
    setup(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    if kind == "tong_hop_y_kien":
        build_summary(document)
        return finish(document, kind)
    header_table(document, cong_van=kind == "cong_van")
    if kind == "cong_van":
        add_p(document, ppr(None, before=6))  # V/v and Kính gửi are apart (Mẫu 1.5)
    else:
        title_block(document, rules.TYPE_NAMES[kind])
    body_loop(document)
    signature_table(document)
    if kind == "quyet_dinh":
        attachment(document)
    return finish(document, kind)


def finish(document, kind: str):
    props = document.core_properties
    props.author = props.last_modified_by = "vanthu"
    props.title = (f"Mẫu {KINDS[kind]} Nghị định 30/2020/NĐ-CP: {rules.TYPE_NAMES.get(kind, 'CÔNG VĂN')}"
                   if kind != "tong_hop_y_kien" else f"{rules.TYPE_NAMES[kind]} (thể thức Nghị định 30/2020/NĐ-CP)")
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = "Tạo bởi templates/build.py; sửa bố cục ở đó, không sửa tệp này bằng tay."
    return document


# Parts of python-docx's default template that no vanthu document uses.  Dropping them (and the
# ~190 unused built-in styles) keeps each generated file small and makes rendering several times
# faster, since every render parses and re-compresses every part.
UNUSED_PARTS = ("stylesWithEffects", "webSettings", "customXml", "numbering", "thumbnail")


def slim(document) -> None:
    """Drop unused parts and every style that nothing refers to (directly or through basedOn/next/link)."""
    for rels in (document.part.rels, document.part.package.rels):
        for rId in [r for r, rel in rels.items() if rel.reltype.rsplit("/", 1)[-1] in UNUSED_PARTS]:
            del rels[rId]
    styles = document.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    roots = [document.element] + [rel.target_part.element for rel in document.part.rels.values()
                                  if rel.reltype.endswith("/header") or rel.reltype.endswith("/footer")]
    # vanthu's own styles stay, used or not: a report's tables take theirs when it is rendered
    wanted = {sid for sid, s in by_id.items() if s.get(qn("w:default")) == "1" or sid.startswith("vt")}
    for root in roots:
        for tag_name in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            wanted |= {e.get(qn("w:val")) for e in root.iter(qn(tag_name))}
    todo = list(wanted)
    while todo:
        s = by_id.get(todo.pop())
        for tag_name in ("w:basedOn", "w:next", "w:link"):
            ref = s.find(qn(tag_name)) if s is not None else None
            if ref is not None and ref.get(qn("w:val")) not in wanted:
                wanted.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, s in by_id.items():
        if sid not in wanted:
            styles.remove(s)


def _ours(name: str, data: bytes) -> bytes:
    """python-docx's default template says it was made by "Microsoft Macintosh Word" in Word 2010's
    compatibility mode; a vanthu file says vanthu, and opens in Word's current mode (15)."""
    if name == "docProps/app.xml":
        data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>vanthu</Application>", data)
    elif name == "word/settings.xml":
        data = re.sub(rb'(w:name="compatibilityMode"[^>]*w:val=")\d+(")', rb"\g<1>15\2", data)
    return data


def deterministic_bytes(document) -> bytes:
    """Save, then rewrite the zip with fixed timestamps and order so equal layouts give equal bytes."""
    slim(document)
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, _ours(name, src.read(name)))
    return out.getvalue()


def build_all(out_dir: Path = HERE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = out_dir / f"{kind}.docx"
        data = deterministic_bytes(build(kind))
        tmp = path.with_suffix(".docx.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in build_all(target):
        print(p)
