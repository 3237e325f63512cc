"""Paragraphs from plain text and from PDF lines; DOCX has its own reader (docx_reader.py).

Extracted text breaks paragraphs into lines; the rules judge paragraphs (a căn cứ ends with ';',
not each of its lines), so a line that plainly continues the one before is joined back to it.
"""
from __future__ import annotations

import re

from .model import Para
from .text import clean, is_upper

_TERMINAL = (".", ";", ":", "!", "?")
_STARTS_BLOCK = re.compile(r"^(?:[-+–•]|\d{1,2}\.\s|[a-zđ]\)\s|[IVXLC]+\.\s|Điều\s+\d|Chương\s|Căn cứ|Nơi nhận|"
                           r"Kính gửi|Số\b|V/v|TM\.|KT\.|TL\.|TUQ\.|Q\.)")
_MERGED_NUMBER_DATE = re.compile(r"^(Số:?\s*\d*\s*/\s*\S+)\s+(\S[^,]{1,60}, ngày\b.*)$")


def _continues(prev: str, line: str, long_line: int | None) -> bool:
    if prev.endswith(_TERMINAL) or _STARTS_BLOCK.match(line) or is_upper(line) or is_upper(prev):
        return False
    if line[:1].islower() or line[:1] in "“\"":  # a quoted name carried to the next line
        return True
    if re.search(r"\b(số|ngày|tháng|năm|của|và|về|tại|theo|các)$", prev):  # a line broken inside a phrase
        return True
    return long_line is not None and len(prev) >= long_line  # a full line: the sentence runs on


def _paras(lines: list[tuple[int, str]], page: int | None, long_line: int | None) -> list[Para]:
    out: list[Para] = []
    for n, line in lines:
        if out and _continues(out[-1].text, line, long_line):
            out[-1].text += " " + line
            continue
        where = f"trang {page}, dòng {n}" if page else f"dòng {n}"
        out.append(Para(len(out), line, where))
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\*{4,}", "\n", text)  # "…CHUNG****Điều 1." — two bold runs glued by extraction
    return [(n, c) for n, line in enumerate(text.split("\n"), start=1) if (c := clean(line))]


def paras_from_text(text: str) -> list[Para]:
    """One paragraph per line, a line starting in lower case after an unfinished one joined back."""
    return _paras(_lines(text), None, None)


def paras_from_pdf_text(text: str, page: int) -> list[Para]:
    """PDF lines are visual lines: a full-width line without closing punctuation runs on."""
    lines = []
    for n, line in _lines(text):
        m = _MERGED_NUMBER_DATE.match(line)  # the two cells of the header table on one line
        lines += [(n, m.group(1)), (n, m.group(2))] if m else [(n, line)]
    longest = max((len(x) for _, x in lines), default=0)
    return _paras(lines, page, int(longest * 0.75) if longest > 40 else None)
