"""Paragraphs from plain text and from PDF lines; DOCX has its own reader (docx_reader.py).

Extracted text breaks paragraphs into lines; the rules judge paragraphs (a căn cứ ends with ';',
not each of its lines), so a line that plainly continues the one before is joined back to it.
A PDF line keeps its spans as runs (font, size, bold, italic) and its box, so that the layout
rules judge it as they judge a Word paragraph.
"""
from __future__ import annotations

import dataclasses
import re

from .model import Para, Run
from .text import TYPE_NAMES, clean, is_upper

_TERMINAL = (".", ";", ":", "!", "?")
_STARTS_BLOCK = re.compile(r"^(?:[-+–•]|\d{1,2}\.\s|[a-zđ]\)\s|[IVXLC]+\.\s|Điều\s+\d|Chương\s|Căn cứ|Nơi nhận|"
                           r"Kính gửi|Số\b|V/v|TM\.|KT\.|TL\.|TUQ\.|Q\.)")
_MERGED_NUMBER_DATE = re.compile(r"^(Số:?\s*\d*\s*/\s*\S+)\s+(\S[^,]{1,60}, ngày\b.*)$")
# the body's name and the Quốc hiệu, the two header cells, extracted as one line:
# "BỘ THÔNG TIN VÀ TRUYỀN THÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# (only a line that ends with them: a whole letter flattened into one line is left alone)
_TIEU_NGU_TEXT = r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc"
_GLUED_QUOC_HIEU = re.compile(r"^(?P<body>\S.{0,80}?\S)[\s|]+(?=C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM"
                              r"(?:[\s|]+" + _TIEU_NGU_TEXT + r")?[\s|]*$)")
# the Quốc hiệu and the Tiêu ngữ, or a body's second line and the Tiêu ngữ, on one line
_GLUED_TIEU_NGU = re.compile(r"^(?P<head>\S.{0,80}?\S)[\s|]+(?=" + _TIEU_NGU_TEXT + r"[\s|]*$)")
# a header cell, which a '|'-flattened line is cut at
_HEADER_CELL = re.compile(r"C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I|" + _TIEU_NGU_TEXT + r"|^Số\s*:?\s*\d*\s*/|, ngày\b")
# 'Nơi nhận:' beside the signer's authority: "Nơi nhận: KT. BỘ TRƯỞNG"
_GLUED_NOI_NHAN = re.compile(r"^(N[ơo]i nhận\s*:?)\s+(?=(?:TM|KT|TL|TUQ|Q|K/T|T/M|T/L)[./]?\s)")
# a type name glued to its trích yếu: "QUY CHẾ Tiếp nhận, xử lý phản ánh …", "KẾ HOẠCH Thực hiện …"
_GLUED_TYPE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in sorted(TYPE_NAMES, key=len, reverse=True)) +
                         r")\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
# a table flattened by a web page: "BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"
_CELL = re.compile(r"\s+\|\s+|\s*\|$|^\|\s*")
# a symbol broken at its hyphen: "30/2020/NĐ-" + "CP …", or "30/2020/NĐ" + "-CP …"
_BROKEN_SYMBOL = re.compile(r"(?:\d+/|/)[\dA-ZĐ/&]*[A-ZĐ]-$")
_SYMBOL_END = re.compile(r"\d+/[\dA-ZĐ/&.-]*[A-ZĐ]$")
_SYMBOL_REST = re.compile(r"^-[A-ZĐ][\dA-ZĐ&.]*(?:[-/][\dA-ZĐ&.]+)*(?=[\s,;.)]|$)")

A4_W, A4_H = 595.28, 841.89  # points
PT_MM = 25.4 / 72


def _continues(prev_para: Para, para: Para, full) -> bool:
    prev, line = prev_para.text, para.text
    if _BROKEN_SYMBOL.search(prev) and re.match(r"[A-ZĐ]", line):
        return True  # "Nghị định số 30/2020/NĐ-" + "CP ngày …": one symbol, no space in it
    if _SYMBOL_END.search(prev) and _SYMBOL_REST.match(line):
        return True  # "… số 30/2020/NĐ" + "-CP ngày …"
    if prev.startswith("- ") and prev.endswith(",") and not _STARTS_BLOCK.match(line):
        return True  # a recipient broken after a comma: "- Các Bộ: XD, TP," + "NN&MT, NV;"
    if prev.endswith(_TERMINAL) or _STARTS_BLOCK.match(line) or is_upper(line) or is_upper(prev):
        return False
    if line[:1].islower() or line[:1] in "“\"":  # a quoted name carried to the next line
        return True
    if re.search(r"\b(số|ngày|tháng|năm|của|và|về|tại|theo|các)$", prev):  # a line broken inside a phrase
        return True
    return full(prev_para, para)  # a full line: the sentence runs on


def _join(into: Para, p: Para) -> None:
    glue = "" if _BROKEN_SYMBOL.search(into.text) or (_SYMBOL_END.search(into.text) and _SYMBOL_REST.match(p.text)) \
        else " "
    into.text += glue + p.text
    if into.runs or p.runs:
        into.runs += ([Run(glue, {}, None, False, False, None)] if glue else []) + p.runs
    into.boxes += p.boxes
    into.rule_below = p.rule_below  # what is under a paragraph is under its last line


def _by_length(long_line: int | None):
    return lambda prev, para: long_line is not None and len(prev.text) >= long_line


def _by_position(lines: list[Para]):
    """A PDF line that reaches the right edge of the text, followed by one starting at the left edge
    (not indented as a new paragraph's first line), runs on."""
    boxes = [p.boxes[-1] for p in lines if p.boxes]
    if not boxes:
        return _by_length(_long_line(lines))
    left, right = min(b[1] for b in boxes), max(b[3] for b in boxes)

    def full(prev: Para, para: Para) -> bool:
        if not prev.boxes or not para.boxes:
            return False
        return prev.boxes[-1][3] >= right - 3 and para.boxes[0][1] <= left + 3
    return full


def _paras(lines: list[Para], full) -> list[Para]:
    out: list[Para] = []
    for p in lines:
        if out and _continues(out[-1], p, full):
            _join(out[-1], p)
            continue
        p.index = len(out)
        out.append(p)
    return out


def _split(p: Para, at: int) -> list[Para]:
    """A line cut at a character of its text, its runs cut with it (the text is clean: runs may
    carry spaces the text lost, so the cut is found by counting the text's letters in the runs)."""
    head, tail = p.text[:at].strip(), p.text[at:].strip()
    if not p.runs:
        return [dataclasses.replace(p, text=head), dataclasses.replace(p, text=tail, boxes=list(p.boxes))]
    want = len(re.sub(r"\s", "", head))
    first, second, seen = [], [], 0
    for r in p.runs:
        letters = len(re.sub(r"\s", "", r.text))
        if seen >= want:
            second.append(r)
        elif seen + letters <= want:
            first.append(r)
        else:  # the cut falls inside this run
            k, count = 0, seen
            while k < len(r.text) and count < want:
                count += not r.text[k].isspace()
                k += 1
            first.append(dataclasses.replace(r, text=r.text[:k]))
            second.append(dataclasses.replace(r, text=r.text[k:]))
        seen += letters
    return [dataclasses.replace(p, text=head, runs=first), dataclasses.replace(p, text=tail, runs=second,
                                                                                 boxes=list(p.boxes))]


def _unglue(p: Para) -> list[Para]:
    """Header cells read as one line, each given its own: a web page's '|'-flattened cells; the
    body's name and the Quốc hiệu; the Quốc hiệu and the Tiêu ngữ; the number and the date;
    'Nơi nhận:' and the signer's authority; the type name and its trích yếu."""
    cells = [m.end() for m in _CELL.finditer(p.text) if 0 < m.start() and m.end() < len(p.text)]
    if cells and any(_HEADER_CELL.search(c.strip()) for c in p.text.split("|")):
        return [x for q in _split(p, cells[0]) if q.text.strip(" |") for x in _unglue(_strip_bars(q))]
    for pattern, group in ((_GLUED_QUOC_HIEU, "body"), (_GLUED_TIEU_NGU, "head")):
        m = pattern.match(p.text)
        if m and (group == "head" or is_upper(m.group(group))):
            head, tail = _split(p, m.end())
            return [head] + _unglue(tail)
    m = _MERGED_NUMBER_DATE.match(p.text)
    if m:
        return _split(p, m.start(2))
    m = _GLUED_NOI_NHAN.match(p.text) or _GLUED_TYPE.match(p.text)
    if m:
        return _split(p, m.end())
    if p.text.endswith(" |") and _HEADER_CELL.search(p.text):
        return [_strip_bars(p)]
    return [p]


def _strip_bars(p: Para) -> Para:
    return dataclasses.replace(p, text=p.text.strip(" |"))


# two columns exported side by side with spaces ("Nơi nhận:      KT. CHỦ TỊCH", "- Như Điều 3;    PHÓ
# CHỦ TỊCH"): cut at the gap, the left column's line first; not the blanks a draft leaves in its
# number or date ("Số:        /QĐ-UBND", "ngày      tháng     năm 2025")
_COLUMN_GAP = re.compile(r"(?<=\S) {6,}(?=[-A-ZĐÀ-Ỹ])(?!tháng|năm)")
_BLANK_BEFORE = re.compile(r"(?:Số\s*:?|ngày|tháng|năm)$")


def _columns(line: str) -> list[str]:
    out, start = [], 0
    for m in _COLUMN_GAP.finditer(line):
        if _BLANK_BEFORE.search(line[start:m.start()].strip()):
            continue
        out.append(line[start:m.start()])
        start = m.end()
    return out + [line[start:]]


def _lines(text: str) -> list[tuple[int, str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\*{4,}", "\n", text)  # "…CHUNG****Điều 1." — two bold runs glued by extraction
    return [(n, c) for n, line in enumerate(text.split("\n"), start=1) for part in _columns(line)
            if (c := clean(part))]


def paras_from_text(text: str) -> list[Para]:
    """One paragraph per line, a line starting in lower case after an unfinished one joined back."""
    lines = [q for n, line in _lines(text) for q in _unglue(Para(0, line, f"dòng {n}"))]
    return _paras(lines, _by_length(None))


def _long_line(lines: list[Para]) -> int | None:
    longest = max((len(p.text) for p in lines), default=0)
    return int(longest * 0.75) if longest > 40 else None


def paras_from_pdf_text(text: str, page: int) -> list[Para]:
    """PDF lines are visual lines: a full-width line without closing punctuation runs on."""
    lines = [q for n, line in _lines(text) for q in _unglue(Para(0, line, f"trang {page}, dòng {n}"))]
    return _paras(lines, _by_length(_long_line(lines)))


def page_scale(page: dict) -> float:
    """How much an A4 page was shrunk or grown to print on this page (1 on A4)."""
    s = min(page["width"] / A4_W, page["height"] / A4_H) if page["width"] < page["height"] else \
        min(page["width"] / A4_H, page["height"] / A4_W)
    return 1.0 if abs(s - 1) < 0.01 else s


def flagless_fonts(pages: list[dict], glued_min: int = 3) -> set[str]:
    """Fonts whose bold and italic flags tell nothing: never set anywhere in the file, yet printing
    pieces of words whose other pieces are bold or italic (a PDF that takes the Vietnamese letters
    from a second font: "Nơi nhậ" + "n:")."""
    flagged, glued = set(), {}
    for page in pages:
        for line in page.get("lines", []):
            spans = line["spans"]
            flagged |= {s["font"] for s in spans if s["bold"] or s["italic"]}
            for x, y in zip(spans, spans[1:]):
                if x["font"] != y["font"] and x["text"][-1:].isalnum() and y["text"][:1].isalnum():
                    for plain, other in ((x, y), (y, x)):
                        if other["bold"] or other["italic"]:
                            glued[plain["font"]] = glued.get(plain["font"], 0) + 1
    return {f for f, n in glued.items() if n >= glued_min and f not in flagged}


def _line_para(page: dict, n: int, line: dict, scale: float, flagless: set[str] = frozenset()) -> Para:
    measured = not page.get("scanned")
    runs = [Run(s["text"], {"ascii": s["font"], "hAnsi": s["font"]}, round(s["size"] / scale, 2),
                None if s["font"] in flagless else s["bold"], None if s["font"] in flagless else s["italic"],
                s["color"]) for s in line["spans"]] if measured else []
    x0, y0, x1, y1 = line["box"]
    boxes = [(page["n"], x0 * PT_MM, y0 * PT_MM, x1 * PT_MM, y1 * PT_MM)] if measured and scale == 1.0 else []
    return Para(0, clean(line["text"]), f"trang {page['n']}, dòng {n}", runs, boxes=boxes, measured=measured,
                rule_below=_rule_under(page, line["box"]) if measured and "rules" in page else None)


RULE_GAP_PT = 17  # a rule sits within 6 mm under its line


def _rule_under(page: dict, box) -> bool:
    """A stroke drawn just under this line and across its middle (page["rules"], pdf_reader._rules)."""
    x0, _, x1, y1 = box
    middle = (x0 + x1) / 2
    return any(y1 - 2 <= y <= y1 + RULE_GAP_PT and rx0 - 2 <= middle <= rx1 + 2 for rx0, y, rx1 in page["rules"])


def paras_from_pdf_page(page: dict, flagless: set[str] = frozenset()) -> list[Para]:
    """A page's lines as paragraphs with their runs and boxes; on a page that is a picture (a scan,
    its text an OCR layer or a stamp) only the words count."""
    if "lines" not in page:
        return paras_from_pdf_text(page["text"], page["n"])
    scale = page_scale(page)
    lines = [q for n, line in enumerate(page["lines"], start=1) if clean(line["text"])
             for q in _unglue(_line_para(page, n, line, scale, flagless))]
    return _paras(lines, _by_position(lines) if scale == 1.0 and not page.get("scanned") else
                  _by_length(_long_line(lines)))


def paras_from_pdf(pages: list[dict]) -> list[Para]:
    out: list[Para] = []
    flagless = flagless_fonts(pages)
    for page in pages:
        for p in paras_from_pdf_page(page, flagless):
            p.index = len(out)
            out.append(p)
    return out
