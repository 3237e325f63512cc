"""Tables and charts in a narrative body (a periodic report's figures): when a document is rendered,
each table block becomes a docxtpl Subdoc holding a Word table, and each chart block a PNG drawn by
matplotlib put in as an InlineImage. Both follow the layout of the body: Times New Roman, the sizes
of the body (13 pt), single black borders, the header row repeated on every page."""
from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from . import layout
from .structure import Chart, Table

CHART_WIDTH_MM = 150
CHART_DPI = 200


def _style_ids(tpl) -> set[str]:
    return {st.get(qn("w:styleId")) for st in tpl.get_docx().styles.element.findall(qn("w:style"))}


def _text(p, text: str, comp, styles: set[str], bold: bool | None = None) -> None:
    """A paragraph in the component's style, so the table follows when the styles change in Word; an
    office's own template without vanthu's styles gets the formatting on the run instead."""
    sid = f"vt{comp.name.replace('_', '')}"  # templates/build.py style_id
    run = p.add_run(text)
    if sid in styles:
        p._p.get_or_add_pPr().style = sid
        if bold is not None and bold != comp.bold:
            run.font.bold = bold
        return
    run.font.name = layout.FONT
    run.font.size = Pt(comp.size)
    run.font.bold = comp.bold if bold is None else bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), layout.FONT)


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            b.set(qn(k), v)
        borders.append(b)
    tbl_pr.append(borders)


def _number_like(text: str) -> bool:
    t = text.replace(".", "").replace(",", "").replace("%", "").strip()
    return t.isdigit()


def table_subdoc(tpl, node: Table):
    head, cell = layout.COMPONENTS["bang_head"], layout.COMPONENTS["bang_cell"]
    sd = tpl.new_subdoc()
    styles = _style_ids(tpl)
    if node.title:
        p = sd.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(3)
        p.paragraph_format.keep_with_next = True
        _text(p, node.title, head, styles)
    table = sd.add_table(rows=1 + len(node.rows), cols=len(node.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    n = len(node.columns)
    # the first column names the row and takes half the line; the figures share the rest
    widths = [layout.TEXT_WIDTH] if n == 1 else [layout.TEXT_WIDTH // 2] + [layout.TEXT_WIDTH // 2 // (n - 1)] * (n - 1)
    for column, w in zip(table.columns, widths):
        column.width = Twips(w)
    for r, values in enumerate([node.columns, *node.rows]):
        row = table.rows[r]
        if r == 0:  # the header row repeats on each page, and stays with the next row
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(values):
            tc = row.cells[c]
            tc.width = Twips(widths[c])
            p = tc.paragraphs[0]
            first = c == 0 and r > 0 and not _number_like(value)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or not first else WD_ALIGN_PARAGRAPH.LEFT
            if r > 0 and _number_like(value):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(2)
            p.paragraph_format.space_after = Pt(2)
            total = r == len(node.rows) and values[0].lower().startswith("tổng")  # the sum row, in bold
            _text(p, value, head if r == 0 else cell, styles, bold=None if r == 0 else total)
    return sd


def chart_png(node: Chart) -> bytes:
    """A bar chart in the body's serif face (Liberation Serif, Times New Roman's metric twin)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the web server and the command line draw to a buffer
    from matplotlib import pyplot as plt

    plt.rcParams.update({"font.family": "serif", "font.serif": ["Liberation Serif", "Times New Roman", "DejaVu Serif"],
                         "font.size": 10})
    fig, ax = plt.subplots(figsize=(CHART_WIDTH_MM / 25.4, CHART_WIDTH_MM / 25.4 * 0.5))
    try:
        n = len(node.series)
        width = 0.8 / n
        xs = range(len(node.labels))
        shades = ("#444444", "#999999", "#222222", "#bbbbbb")  # prints well in black and white
        for i, (name, values) in enumerate(node.series):
            ax.bar([x - 0.4 + width * (i + 0.5) for x in xs], values, width, label=name, color=shades[i % 4])
        ax.set_xticks(list(xs), node.labels)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        if n > 1:  # under the axis, never over a bar
            ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=n)
        if node.title:
            ax.set_title(node.title, fontsize=11, fontweight="bold")
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=CHART_DPI, metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def place(tpl, context: dict) -> dict:
    """Replace table and chart blocks by Word objects bound to `tpl` (render_bytes calls this)."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    def convert(blocks):
        out = []
        for b in blocks:
            node = b.get("node")
            if b.get("style") == "table":
                out.append({"style": "subdoc", "label": "", "text": "", "subdoc": table_subdoc(tpl, node)})
            elif b.get("style") == "chart":
                image = InlineImage(tpl, io.BytesIO(chart_png(node)), width=Mm(CHART_WIDTH_MM))
                out.append({"style": "image", "label": "", "text": "", "image": image})
            else:
                out.append(b)
        return out

    if any(b.get("style") in ("table", "chart") for b in context.get("blocks", [])):
        context["blocks"] = convert(context["blocks"])
    return context
