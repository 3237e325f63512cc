"""Layout rules for DOCX: page, margins, fonts, sizes, emphasis and alignment of each component.

The components are the ones `text.analyse` found by their wording; the ranges are nd30.md §1–2.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .docx_reader import DocxFile
from .model import Para, Report
from .ruleset import WARNING
from .text import Analysis, _CHUONG, is_upper

FONT = "Times New Roman"
MM = 1440 / 25.4
TOL = 6  # twips: what Word's mm ↔ twips rounding leaves

A4 = (11906, 16838)
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
INDENT = (round(1.0 * 567) - 30, 720 + 30)  # first-line indent 1 cm or 1.27 cm

# component → (rule, label, sizes, bold, italic); None = either
SPECS = {
    "quoc_hieu": ("ND30-QUOC-HIEU", "Quốc hiệu", (12, 13), True, False),
    "tieu_ngu": ("ND30-TIEU-NGU", "Tiêu ngữ", (13, 14), True, False),
    "issuing_body": ("ND30-ISSUING-BODY", "Tên cơ quan ban hành", (12, 13), True, False),
    "parent_body": ("ND30-ISSUING-BODY", "Tên cơ quan chủ quản", (12, 13), False, False),
    "number": ("ND30-NUMBER-STYLE", "Số, ký hiệu", (13, 13), None, False),
    "date": ("ND30-DATE-STYLE", "Địa danh và thời gian", (13, 14), None, True),
    "type_line": ("ND30-TYPE-NAME", "Tên loại văn bản", (13, 14), True, False),
    "subject": ("ND30-TRICH-YEU", "Trích yếu", (13, 14), True, False),
    "subject_cv": ("ND30-TRICH-YEU-CV", "Trích yếu công văn", (12, 13), False, False),
    "can_cu": ("ND30-CAN-CU", "Căn cứ", (13, 14), None, True),
    "kinh_gui": ("ND30-KINH-GUI", "Kính gửi", (13, 14), None, None),
    "noi_nhan": ("ND30-NOI-NHAN-LABEL", "'Nơi nhận:'", (12, 12), True, True),
    "noi_nhan_lines": ("ND30-NOI-NHAN", "Danh sách nơi nhận", (11, 11), False, False),
    "signer": ("ND30-SIGNER-STYLE", "Quyền hạn, chức vụ người ký", (13, 14), True, False),
    "signer_name": ("ND30-SIGNER-NAME", "Họ tên người ký", (13, 14), True, False),
    "kem_theo": ("ND30-ATTACHMENT-LINE", "Dòng '(Ban hành kèm theo …)'", (13, 14), None, True),
}


def _sizes(sizes: tuple) -> str:
    return f"{sizes[0]:g}" if sizes[0] == sizes[1] else f"{sizes[0]:g}–{sizes[1]:g}"


SIZE_TOL = 0.01  # points: a Word file says its sizes
MEASURED_SIZE_TOL = 0.3  # points: sizes read off a PDF (a size of 12.96 prints as 13)


def _text_runs(p: Para):
    """The runs that carry text; in a PDF, a rule drawn with underscores carries none."""
    if p.measured:
        return [r for r in p.runs if any(c.isalnum() for c in r.text)]
    return [r for r in p.runs if r.text.strip()]


def _letters(runs) -> int:
    return sum(sum(c.isalnum() for c in r.text) for r in runs)


def _words(runs, attr: str) -> list[tuple[int, bool]]:
    """(letters, has the attribute) per word, a word having it when any piece of it has: a PDF may
    print a Vietnamese letter from a second font of the family that carries no flags of its own
    (its runs say None: unknown)."""
    out, letters, flag = [], 0, False
    for r in runs:
        for c in r.text:
            if c.isspace():
                if letters and flag is not None:
                    out.append((letters, flag))
                letters, flag = 0, None
            elif c.isalnum():
                letters += 1
                value = getattr(r, attr)
                flag = None if value is None and flag is None else bool(flag) or bool(value)
    if letters and flag is not None:
        out.append((letters, flag))
    return out


def _emphasis_wrong(p: Para, runs, attr: str, want: bool) -> bool:
    """Word: any run set otherwise is wrong.  PDF: judged by most of the letters, word by word."""
    if not p.measured:
        return any(getattr(r, attr) != want for r in runs)
    words = _words(runs, attr)  # a word printed only in a font that cannot tell has no vote
    total = sum(n for n, _ in words)
    return bool(total) and sum(n for n, flag in words if flag == want) * 2 < total


def _bad_sizes(p: Para, runs, sizes: tuple) -> list[float]:
    tol = MEASURED_SIZE_TOL if p.measured else SIZE_TOL
    return sorted({round(r.size, 1) if p.measured else r.size for r in runs
                   if r.size is not None and not sizes[0] - tol <= r.size <= sizes[1] + tol})


def _check_component(report: Report, p: Para, spec) -> None:
    rule, label, sizes, bold, italic = spec
    runs = _text_runs(p)
    if not runs:
        return
    bad_size = _bad_sizes(p, runs, sizes)
    if bad_size:
        report.add(rule, p.where, f"{label} cỡ {', '.join(f'{s:g}' for s in bad_size)}; phải cỡ {_sizes(sizes)}.")
    if bold is not None and _emphasis_wrong(p, runs, "bold", bold):
        report.add(rule, p.where, f"{label} {'phải in đậm' if bold else 'không in đậm'}.")
    if italic is not None and _emphasis_wrong(p, runs, "italic", italic):
        report.add(rule, p.where, f"{label} {'phải in nghiêng' if italic else 'viết chữ đứng, không nghiêng'}.")


def check_components(a: Analysis, report: Report) -> None:
    """Size, bold and italic of each component and of the body: for a Word file as declared, for
    a PDF as printed (the paragraphs carry runs either way)."""
    if a.rule_set not in ("nd30", "vbqppl"):
        return
    P = a.paras
    singles = {"quoc_hieu": a.quoc_hieu, "tieu_ngu": a.tieu_ngu, "number": a.number, "date": a.date,
               "type_line": a.type_line, "kinh_gui": a.kinh_gui, "noi_nhan": a.noi_nhan,
               "signer_name": a.signer_name, "kem_theo": a.kem_theo}
    for comp, i in singles.items():
        if i is not None:
            _check_component(report, P[i], SPECS[comp])
    subject_spec = SPECS["subject_cv" if a.kind == "cong_van" else "subject"]
    for comp, idxs in (("issuing_body", a.issuing_body), ("parent_body", a.parent_body), ("can_cu", a.can_cu),
                       ("noi_nhan_lines", a.noi_nhan_lines), ("signer", a.signer)):
        for i in idxs:
            _check_component(report, P[i], SPECS[comp])
    for i in a.subject:
        _check_component(report, P[i], subject_spec)
    _check_body_sizes(P, a, report)
    check_rule_lines(a, report)


_UNDERSCORES = re.compile(r"^[_\u2014\u2500-]{5,}$")


def _rule_after(P: list[Para], last: int, same_cell: bool, reach: int = 3) -> bool | None:
    """Whether a rule is drawn under paragraph `last`: with it, or with one of the next few (an empty
    paragraph carrying a border, a line shape); a header's rule stays in its own table cell.  None
    when the file cannot tell (a text file, a scan)."""
    if P[last].rule_below is None:
        return None
    cell = P[last].in_table[:3] if P[last].in_table else None
    for p in P[last:last + 1 + reach]:
        if same_cell and (p.in_table[:3] if p.in_table else None) != cell:
            break
        if p.rule_below or (p is not P[last] and _UNDERSCORES.match(p.text.strip())):
            return True  # drawn, or typed as a line of underscores
        if p is not P[last] and p.text.strip():
            break  # the next component's text: the rule would have come before it
    return False


def check_rule_lines(a: Analysis, report: Report) -> None:
    """The solid rules of Phụ lục I under the issuing body, the Tiêu ngữ and a typed document's
    trích yếu (a công văn's V/v has none)."""
    if a.rule_set != "nd30":
        return
    P = a.paras
    wanted = []
    if a.issuing_body:
        wanted.append((max(a.issuing_body), True, "tên cơ quan ban hành"))
    if a.tieu_ngu is not None:
        wanted.append((a.tieu_ngu, True, "Tiêu ngữ"))
    if a.subject and a.kind not in ("cong_van", None) and a.kind != "tong_hop_y_kien":
        last = max([*a.subject, *([a.kem_theo] if a.kem_theo is not None else [])])
        wanted.append((last, False, "trích yếu"))
    for i, same_cell, label in wanted:
        if _rule_after(P, i, same_cell and P[i].in_table is not None) is False:
            report.add("ND30-RULE-LINE", P[i].where, f"Thiếu đường kẻ ngang, nét liền dưới {label}.")


def check_layout(doc: DocxFile, a: Analysis, report: Report, document_rules: bool = True) -> None:
    """`document_rules`: page, fonts and numbering concern the whole file; check them once."""
    if document_rules:
        _check_sections(doc, report, _landscape_ok(doc, a))
        _check_fonts(doc, report)
        _check_page_numbers(doc, report)
    if a.rule_set not in ("nd30", "vbqppl"):
        return
    check_components(a, report)
    P = a.paras
    if a.type_line is not None and P[a.type_line].align != "center":
        report.add("ND30-TYPE-NAME", P[a.type_line].where, "Tên loại văn bản căn giữa.")
    if a.quoc_hieu is not None and a.issuing_body:
        qh, ib = P[a.quoc_hieu].in_table, P[a.issuing_body[0]].in_table
        if not (qh and ib and qh[0] == ib[0] and qh[2] != ib[2]):
            report.add("ND30-HEADER-TABLE", P[a.quoc_hieu].where,
                       "Đặt tên cơ quan (cột trái) và Quốc hiệu, Tiêu ngữ (cột phải) trong một bảng không viền.")
    if a.quoc_hieu is not None and not a.issuing_body:
        report.add("ND30-ISSUING-BODY", P[a.quoc_hieu].where, "Thiếu tên cơ quan ban hành (in hoa, đậm) ở đầu trang.")
    _check_body(P, a, report)


def _is_heading(p: Para) -> bool:
    t = p.text
    return is_upper(t) or bool(_CHUONG.match(t)) or (p.align == "center" and len(t) < 100)


def _body_paras(P: list[Para], a: Analysis):
    """The body's own paragraphs: not in a table, not a page number alone on its line."""
    for i in a.body:
        p = P[i]
        if p.in_table or not _text_runs(p) or (p.measured and re.fullmatch(r"[-–\d\s/.]+", p.text)):
            yield None
        else:
            yield p


MEASURED_BODY_SHARE = 0.25


def _check_body_sizes(P: list[Para], a: Analysis, report: Report) -> None:
    """A PDF does not say which lines are a table's (often set smaller) or a form's in a phụ lục:
    there the body's size is judged on the body as a whole, reported when over a quarter of its
    letters are out of range."""
    found, letters, bad_letters = [], 0, 0
    # a summary's body is its table, set at 12 pt as such tables are (nd30.md §6); a PDF does not
    # tell the table's lines from the paragraphs around it
    sizes = (12, 14) if a.kind == "tong_hop_y_kien" and P and P[0].measured else (13, 14)
    for p in _body_paras(P, a):
        if p is None:
            continue
        runs = _text_runs(p)
        letters += _letters(runs)
        if bad := _bad_sizes(p, runs, sizes):
            found.append((p, bad))
            bad_letters += _letters(runs)
    if found and found[0][0].measured and bad_letters < MEASURED_BODY_SHARE * letters:
        return
    _summarise(report, "ND30-BODY-FONT-SIZE", found,
               lambda x: f"Nội dung cỡ {', '.join(f'{s:g}' for s in x[1])}; phải cỡ 13–14")


def _check_body(P: list[Para], a: Analysis, report: Report) -> None:
    """Justification, indent and spacing: what a Word paragraph declares (a PDF cannot tell them)."""
    found = defaultdict(list)
    prev = None
    for p in _body_paras(P, a):
        if p is None:
            prev = None
            continue
        if _is_heading(p):
            prev = p
            continue
        if p.align != "both":
            found["justify"].append((p, p.align))
        if not INDENT[0] <= (p.first_line or 0) <= INDENT[1]:
            found["indent"].append((p, p.first_line or 0))
        if prev is not None and max(prev.after, p.before) < 120:
            found["spacing"].append((p, max(prev.after, p.before) / 20))
        if p.line_rule == "auto" and p.line and not 240 <= p.line <= 360:
            found["line"].append((p, p.line / 240))
        prev = p
    _summarise(report, "ND30-BODY-JUSTIFY", found["justify"],
               lambda x: f"Nội dung căn đều hai lề (đang căn '{x[1] or 'left'}')")
    _summarise(report, "ND30-BODY-INDENT", found["indent"],
               lambda x: f"Lùi đầu dòng 1 cm hoặc 1,27 cm (đang {x[1] / 567:.2f} cm)")
    _summarise(report, "ND30-BODY-SPACING", found["spacing"],
               lambda x: f"Cách đoạn tối thiểu 6 pt (đang {x[1]:g} pt)")
    _summarise(report, "ND30-BODY-SPACING", found["line"],
               lambda x: f"Cách dòng từ đơn đến 1,5 dòng (đang {x[1]:.2f} dòng)")


def _summarise(report: Report, rule: str, items: list, message) -> None:
    """One finding per rule: the first place, and how many more — a file set in Arial is one
    problem, not four hundred."""
    if not items:
        return
    more = f" (và {len(items) - 1} chỗ khác)" if len(items) > 1 else ""
    report.add(rule, items[0][0].where, message(items[0]) + more + ".")


def _landscape_ok(doc: DocxFile, a: Analysis) -> set[int]:
    """Sections that may be landscape: PL I allows it for pages with tables.  Applied, for now, to the
    comment summary only, whose five-column table is the reason for the wide page: a section of it
    holding a table of three or more columns (the header and signature tables have two)."""
    if a.kind != "tong_hop_y_kien":
        return set()
    return {p.section for p in doc.paras if p.in_table and p.in_table[2] >= 2}


def _check_sections(doc: DocxFile, report: Report, landscape_ok: set[int] = frozenset()) -> None:
    for n, s in enumerate(doc.sections, start=1):
        where = f"phần {n} (section)" if len(doc.sections) > 1 else "trang"
        if s.width and s.height:
            short, long_ = sorted((s.width, s.height))
            if abs(short - A4[0]) > 60 or abs(long_ - A4[1]) > 60:
                report.add("ND30-PAGE-SIZE", where, f"Khổ giấy {short / MM:.0f} × {long_ / MM:.0f} mm; phải là A4 "
                                                    f"(210 × 297 mm).")
            if (s.width > s.height or s.orient == "landscape") and n - 1 not in landscape_ok:
                report.add("ND30-PAGE-ORIENTATION", where,
                           "Trình bày theo chiều dài khổ A4 (trang đứng); trang ngang chỉ dùng cho trang có bảng.")
        for side, (lo, hi) in MARGINS.items():
            v = s.margins.get(side)
            if v is None:
                continue
            if not lo * MM - TOL <= v <= hi * MM + TOL:
                report.add("ND30-MARGIN", where,
                           f"Lề {MARGIN_NAMES[side]} {v / MM:.0f} mm; phải {lo}–{hi} mm.")


def _check_fonts(doc: DocxFile, report: Report) -> None:
    wrong, unnamed, script, color = [], [], [], []
    paras = list(doc.paras) + [p for part in doc.parts.values() for p in part.paras]
    for p in paras:
        runs = _text_runs(p)
        names = {r.fonts.get("ascii") for r in runs} | {r.fonts.get("hAnsi") for r in runs}
        bad = sorted(x for x in names if x and x != FONT)
        if bad:
            wrong.append((p, bad))
        elif None in names and runs:
            unnamed.append((p, None))
        others = {r.fonts.get("cs") for r in runs} | {r.fonts.get("eastAsia") for r in runs}
        if runs and others - {FONT}:
            script.append((p, sorted(str(x) for x in others - {FONT})))
        colors = {(r.color or "auto").lower() for r in runs} - {"auto", "000000"}
        if colors:
            color.append((p, sorted(colors)))
    _summarise(report, "ND30-FONT", wrong, lambda x: f"Phông {', '.join(x[1])}; phải dùng phông {FONT}")
    _summarise(report, "ND30-FONT-SCRIPT", unnamed,
               lambda x: f"Chưa đặt phông cho chữ (Word sẽ dùng phông mặc định); đặt {FONT}")
    _summarise(report, "ND30-FONT-SCRIPT", script,
               lambda x: f"Phông cho bảng mã cs/eastAsia là {', '.join(x[1])}; đặt {FONT} cho mọi bảng mã")
    _summarise(report, "ND30-COLOR", color, lambda x: f"Chữ màu #{x[1][0]}; dùng màu đen")


def _check_page_numbers(doc: DocxFile, report: Report) -> None:
    headers: dict[str, str] = {}
    footers: dict[str, str] = {}
    for n, s in enumerate(doc.sections, start=1):
        headers = {**headers, **s.headers}  # a section without its own headers inherits the previous ones
        footers = {**footers, **s.footers}
        where = f"đầu trang phần {n}" if len(doc.sections) > 1 else "đầu trang"
        starts_numbering = n == 1 or s.page_start == 1
        if not starts_numbering:
            continue
        first_parts = [headers.get("first"), footers.get("first")] if s.title_page else \
            [headers.get("default"), footers.get("default")]
        if any(name and doc.parts.get(name) and doc.parts[name].has_page_field for name in first_parts):
            report.add("ND30-PAGE-NUMBER-FIRST", where,
                       "Trang đầu không đánh số: bật 'Trang đầu khác' (Different First Page) và để trống đầu trang "
                       "của trang đầu.")
    last = headers.get("default")
    if doc.sections and not (last and doc.parts.get(last) and doc.parts[last].has_page_field):
        # a Word file does not know its page count: said as a warning, the PDF check makes it an error
        report.add("ND30-PAGE-NUMBER-MISSING", "đầu trang", "Không có số trang ở đầu trang từ trang 2: nếu văn "
                   "bản dài hơn một trang, chèn số trang (Insert > Page Number, đầu trang, căn giữa).",
                   severity=WARNING)
    for name, part in doc.parts.items():
        if not part.has_page_field:
            continue
        if name in footers.values() and name not in headers.values():
            report.add("ND30-PAGE-NUMBER-STYLE", "chân trang", "Số trang đặt ở đầu trang (trong lề trên), "
                                                               "không ở chân trang.")
        for p in part.paras:
            runs = _text_runs(p)
            if not runs:
                continue
            if p.align != "center":
                report.add("ND30-PAGE-NUMBER-STYLE", p.where, "Số trang căn giữa.")
            if any(not 13 - 0.01 <= r.size <= 14 + 0.01 for r in runs):
                report.add("ND30-PAGE-NUMBER-STYLE", p.where, "Số trang cỡ 13–14.")
            if any(r.italic for r in runs):
                report.add("ND30-PAGE-NUMBER-STYLE", p.where, "Số trang viết chữ đứng.")
            break
