"""A date as people type it in a form or on the command line: 15/07/2021 (or 15-07-2021, 15.07.2021)
or 2021-07-15.  One reading for search filters, round deadlines and received dates."""
from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def typed_date(text) -> dt.date:
    """The date, or ValueError with a Vietnamese message (the caller adds which field)."""
    text = str(text or "").strip()
    m = _ISO.fullmatch(text)
    if m:
        y, mo, d = map(int, m.groups())
    elif m := _DMY.fullmatch(text):
        d, mo, y = map(int, m.groups())
    else:
        raise ValueError(f"'{text}' không phải là ngày; viết dd/mm/yyyy, ví dụ 15/07/2021")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"'{text}' không phải là ngày: ngày {d}/{mo}/{y} không có trong lịch") from None


def written(iso) -> str:
    """'2021-05-19' (or a date) → '19/05/2021', as Vietnamese documents write dates; nothing → ''."""
    text = "" if iso is None else str(iso)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text


def far_warning(date: dt.date | None, label: str, today: dt.date | None = None, past_days: int = 180,
                future_days: int = 30) -> str | None:
    """A warning, not a refusal, for a date a clerk probably mistyped (a year off, day and month swapped)."""
    if date is None:
        return None
    today = today or dt.date.today()
    ago, ahead = (today - date).days, (date - today).days
    if ago > past_days:
        limit = f" (hơn {past_days} ngày)" if past_days else ""
        return f"{label} {date:%d/%m/%Y} đã qua {ago} ngày{limit}; xin soát lại nếu gõ nhầm."
    if ahead > future_days:
        limit = f" (hơn {future_days} ngày)" if future_days else ""
        return f"{label} {date:%d/%m/%Y} là {ahead} ngày sau hôm nay{limit}; xin soát lại nếu gõ nhầm."
    return None
