"""Page rules a PDF can be judged by: paper, orientation, fonts, page numbers and margins.

The size and emphasis of each component are layout_rules.check_components, the same for DOCX and
PDF; this module holds what only a printed page shows.  A page that is a picture (a scan) has no
text of its own to measure: nothing is said about its margins.
"""
from __future__ import annotations

import re

from .layout_rules import MARGIN_NAMES, MARGINS
from .model import Report
from .pdf_reader import is_serif
from .sources import PT_MM, page_scale
from .text import Analysis

MARGIN_TOL_MM = 2.0
_PHU_LUC = re.compile(r"^(?:Phụ lục|PHỤ LỤC)(?:\s+[IVXLC\d]+)?\s*$")
# a font the PDF names by a number only ("CIDFont+F1", "F3", "FEF8DCCDFFE"): the file does not say
# which font it is, so it is not reported as the wrong one
_ANONYMOUS_FONT = re.compile(r"^(?:CIDFont\+)?F\d+$|^[A-F0-9]{8,}$|^T\d+(?:_\d+)?$|^C\d+_\d+$")  # a printed or scanned page is not placed to the tenth of a millimetre


def check_pages(pages: list[dict], report: Report) -> None:
    for page in pages:
        short, long_ = sorted((page["width"], page["height"]))
        if abs(short - 595.3) > 3 or abs(long_ - 841.9) > 3:
            report.add("ND30-PAGE-SIZE", f"trang {page['n']}",
                       f"Khổ giấy {short * PT_MM:.0f} × {long_ * PT_MM:.0f} mm; phải là A4 (210 × 297 mm).")
        elif page["width"] > page["height"] and report.kind != "tong_hop_y_kien":  # its table may need the width
            report.add("ND30-PAGE-ORIENTATION", f"trang {page['n']}", "Trình bày theo chiều dài khổ A4 (trang đứng).")
        if page.get("scanned"):
            continue  # the font of an OCR layer or a stamp is not the document's
        bad = sorted(f for f in page["fonts"] if not is_serif(f) and "Symbol" not in f and not _ANONYMOUS_FONT.match(f))
        if bad:
            report.add("ND30-FONT", f"trang {page['n']}",
                       f"Phông {', '.join(bad)}; phải dùng Times New Roman (trong PDF: Times New Roman hoặc "
                       f"Liberation Serif).")


def check_page_numbers(pages: list[dict], paras, report: Report) -> None:
    first = [p for p in paras if p.where.startswith("trang 1,")]
    if first and first[0].text.strip().isdigit() and len(pages) > 1:
        report.add("ND30-PAGE-NUMBER-FIRST", first[0].where, "Trang đầu không đánh số.")
    for page in pages[1:]:
        lines = [x.strip() for x in page["text"].splitlines() if x.strip()]
        head = " ".join(lines[:4]).upper()
        top = [x["text"].strip() for x in page.get("lines", []) if x["box"][1] < 0.1 * page["height"]]
        if not lines or lines[0].isdigit() or any(t.isdigit() for t in top) or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in head \
                or any(_PHU_LUC.match(x) for x in lines[:3]):
            continue  # numbered, or the first page of a document attached or of a phụ lục (numbered on its own)
        report.add("ND30-PAGE-NUMBER-MISSING", f"trang {page['n']}",
                   f"Trang {page['n']} không có số trang ở đầu trang (đánh số từ trang 2).")


def _document_lines(a: Analysis) -> list[int]:
    singles = [a.quoc_hieu, a.tieu_ngu, a.number, a.date, a.type_line, a.kinh_gui, a.noi_nhan, a.signer_name,
               a.kem_theo]
    lists = a.subject + a.can_cu + a.body + a.noi_nhan_lines + a.signer + a.issuing_body + a.parent_body
    return sorted({i for i in singles + lists if i is not None})


def check_margins(a: Analysis, pages: list[dict], report: Report) -> None:
    """Where the document's own lines (its components and body, not a signature banner or the page
    number in the header) reach on each portrait A4 page: none may come nearer the edge than the
    smallest margin, less MARGIN_TOL_MM."""
    by_page = {p["n"]: p for p in pages}
    reach: dict[int, dict[str, tuple[float, str]]] = {}
    for i in _document_lines(a):
        p = a.paras[i]
        if p.text.strip(" -–").isdigit():
            continue
        for n, x0, y0, x1, y1 in p.boxes:
            page = by_page.get(n)
            if page is None or page.get("scanned") or page_scale(page) != 1.0 or page["width"] > page["height"]:
                continue
            w, h = page["width"] * PT_MM, page["height"] * PT_MM
            got = reach.setdefault(n, {})
            for side, value in (("left", x0), ("right", w - x1), ("top", y0), ("bottom", h - y1)):
                if side not in got or value < got[side][0]:
                    got[side] = (value, p.where)
    worst: dict[str, tuple[float, str]] = {}
    for n in sorted(reach):
        for side, (value, where) in reach[n].items():
            if side not in worst or value < worst[side][0]:
                worst[side] = (value, where)
    for side, (lo, hi) in MARGINS.items():
        if side in worst and worst[side][0] < lo - MARGIN_TOL_MM:
            value, where = worst[side]
            report.add("ND30-MARGIN", where,
                       f"Chữ cách mép {MARGIN_NAMES[side]} {value:.0f} mm: lề {MARGIN_NAMES[side]} phải {lo}–{hi} mm.")
