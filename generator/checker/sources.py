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
from .text import clean, is_upper

_TERMINAL = (".", ";", ":", "!", "?")
_STARTS_BLOCK = re.compile(r"^(?:[-+–•]|\d{1,2}\.\s|[a-zđ]\)\s|[IVXLC]+\.\s|Điều\s+\d|Chương\s|Căn cứ|Nơi nhận|"
                           r"Kính gửi|Số\b|V/v|TM\.|KT\.|TL\.|TUQ\.|Q\.)")
_MERGED_NUMBER_DATE = re.compile(r"^(Số:?\s*\d*\s*/\s*\S+)\s+(\S[^,]{1,60}, ngày\b.*)$")

A4_W, A4_H = 595.28, 841.89  # points
PT_MM = 25.4 / 72


def _continues(prev_para: Para, para: Para, full) -> bool:
    prev, line = prev_para.text, para.text
    if prev.endswith(_TERMINAL) or _STARTS_BLOCK.match(line) or is_upper(line) or is_upper(prev):
        return False
    if line[:1].islower() or line[:1] in "“\"":  # a quoted name carried to the next line
        return True
    if re.search(r"\b(số|ngày|tháng|năm|của|và|về|tại|theo|các)$", prev):  # a line broken inside a phrase
        return True
    return full(prev_para, para)  # a full line: the sentence runs on


def _join(into: Para, p: Para) -> None:
    glue = " "
    into.text += glue + p.text
    if into.runs or p.runs:
        into.runs += ([Run(glue, {}, None, False, False, None)] if glue else []) + p.runs
    into.boxes += p.boxes


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
    """Two header cells read as one line: the number and the date."""
    m = _MERGED_NUMBER_DATE.match(p.text)
    if m:
        return _split(p, m.start(2))
    return [p]


def _lines(text: str) -> list[tuple[int, str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\*{4,}", "\n", text)  # "…CHUNG****Điều 1." — two bold runs glued by extraction
    return [(n, c) for n, line in enumerate(text.split("\n"), start=1) if (c := clean(line))]


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
    return Para(0, clean(line["text"]), f"trang {page['n']}, dòng {n}", runs, boxes=boxes, measured=measured)


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
