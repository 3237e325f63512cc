"""Write the number and date into a draft's Word file that vanthu did not compose (an uploaded
draft, a letter of a comment round): "Số:      /QĐ-STP" → "Số: 06/QĐ-STP" and
"Hà Nội, ngày … tháng … năm 2026" → "Hà Nội, ngày 05 tháng 02 năm 2026".

Only those two lines change; each keeps the formatting of its first run (the Số line is upright,
the date line italic, each one run in the layout of Nghị định 30), everything else stays byte for
byte as the drafter left it.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from . import rules

_SO = re.compile(r"^\s*Số\s*:?\s*(?:[.…_]+\s*)?/\s*(?P<code>\S+(?:\s*-\s*\S+)*)\s*$")
_SO_FILLED = re.compile(r"^\s*Số\s*:?\s*\d+\s*/")
_DATE = re.compile(r"^\s*(?P<place>[^,]{2,60}),\s*ngày\s*[\d.…_\s]*tháng\s*(?P<month>\d{1,2})?[.…_\s]*năm\s*"
                   r"[\d.…_\s]*$")


class FillError(ValueError):
    pass


def _paragraphs(container):
    for p in container.paragraphs:
        yield p
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def _set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def fill_number(docx: bytes, so: int, on: dt.date) -> tuple[bytes, str]:
    """The issued file and the ký hiệu printed on it; FillError where no blank number line is found."""
    from docx import Document as Docx

    try:
        d = Docx(io.BytesIO(docx))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise FillError(f"không mở được bản Word của dự thảo ({type(exc).__name__})") from exc
    number, date, code = None, None, None
    seen, alive = set(), []  # a merged cell repeats its paragraphs; keep the elements so ids stay unique
    for p in _paragraphs(d):
        if id(p._p) in seen or not p.runs:
            continue
        seen.add(id(p._p))
        alive.append(p._p)
        text = unicodedata.normalize("NFC", p.text)  # Word may keep "ố" as "ô" + a combining accent
        if number is None and (m := _SO.match(text)):
            number, code = p, "".join(m["code"].split())  # a ký hiệu has no spaces (Phụ lục I, II.3)
        elif number is None and _SO_FILLED.match(text):
            raise FillError("bản Word đã có số; văn bản đã cấp số thì không cấp lại")
        elif date is None and (m := _DATE.match(text)):
            date = (p, m["place"].strip())
    if number is None:
        raise FillError("không thấy dòng “Số:      /…” để trống trong bản Word của dự thảo")
    if date is None:
        raise FillError("không thấy dòng địa danh và ngày tháng (“…, ngày … tháng … năm …”) trong bản Word của dự thảo")
    _set_text(number, rules.number_line(so, code))
    _set_text(date[0], rules.date_line(date[1], on))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue(), code
