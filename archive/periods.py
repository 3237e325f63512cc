"""Reporting periods (kỳ báo cáo) of Nghị định 09/2019/NĐ-CP and their due dates.

Figures are cut off (thời gian chốt số liệu) from the 15th of the month before a period's first month
to the 14th of its last month: the year's report runs from 15 December of the year before to
14 December, so the days from 15 December belong to the next year's periods. The 6-month and 9-month
windows start on 15 December too and end on 14 June / 14 September (the 9-month report is a
provincial addition, not in Nghị định 09). An ad hoc report (đột xuất) covers the dates asked.

A report is due a number of working days after its cut-off (Nghị định 09 Điều 8 khoản 5: at least
one; each regime sets its own — Khánh Hòa's two is the default here). Working days are Monday to
Friday less the public holidays: the solar ones below and those an office lists in vanthu.toml
(Tết and Giỗ Tổ follow the lunar calendar, and the days off in lieu are announced each year).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule, rruleset

# the names on the command line and in forms; the figures' JSON uses them too
KINDS = {"thang": "tháng", "quy": "quý", "6-thang": "6 tháng", "9-thang": "9 tháng", "nam": "năm",
         "dot-xuat": "đột xuất"}
CUTOFF_DAY = 15  # a period starts on the 15th of the month before its first month, ends on the 14th
DUE_WORKING_DAYS = 2
# Bộ luật Lao động 2019 Điều 112: Tết Dương lịch, 30/4, 1/5, Quốc khánh 2/9 (the day beside it varies).
SOLAR_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    n: int | None  # the month (1–12) or quarter (1–4); None otherwise
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        """As a báo cáo names its period: "6 tháng đầu năm 2026", "quý I năm 2026", …"""
        if self.kind == "thang":
            return f"tháng {self.n} năm {self.year}"
        if self.kind == "quy":
            return f"quý {ROMAN[self.n]} năm {self.year}"
        if self.kind == "6-thang":
            return f"6 tháng đầu năm {self.year}"
        if self.kind == "9-thang":
            return f"9 tháng năm {self.year}"
        if self.kind == "nam":
            return f"năm {self.year}"
        return f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def as_json(self) -> dict:
        return {"kind": self.kind, "year": self.year, "n": self.n, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "due": self.due.isoformat(), "label": self.label}


def _window(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, first_month, CUTOFF_DAY) - relativedelta(months=1)
    return start, dt.date(year, last_month, CUTOFF_DAY - 1)


def working_days_after(day: dt.date, count: int, holidays=()) -> dt.date:
    """The `count`-th working day after `day` (Monday to Friday, not a holiday)."""
    if count < 1:
        raise PeriodError("hạn gửi báo cáo phải sau ngày chốt số liệu ít nhất 1 ngày làm việc (Nghị định 09, Điều 8)")
    days = rruleset()
    days.rrule(rrule(DAILY, byweekday=(MO, TU, WE, TH, FR), dtstart=dt.datetime.combine(day, dt.time())
                     + dt.timedelta(days=1)))
    extra = set(holidays)
    for year in (day.year, day.year + 1):
        extra |= {dt.date(year, m, d) for m, d in SOLAR_HOLIDAYS}
    for h in extra:
        days.exdate(dt.datetime.combine(h, dt.time()))
    return days[count - 1].date()


def period(kind: str, year: int, n: int | None = None, *, start: dt.date | None = None, end: dt.date | None = None,
           due_days: int = DUE_WORKING_DAYS, holidays=()) -> Period:
    """The period `kind` of reporting year `year` (`n`: the month or the quarter)."""
    if kind not in KINDS:
        raise PeriodError(f"kỳ báo cáo '{kind}' không có; chọn một trong: {', '.join(KINDS)}")
    if not 1900 < int(year) < 3000:
        raise PeriodError(f"năm {year} không hợp lệ")
    if kind == "thang":
        if n is None or not 1 <= n <= 12:
            raise PeriodError("báo cáo tháng cần tháng từ 1 đến 12")
        s, e = _window(year, n, n)
    elif kind == "quy":
        if n is None or not 1 <= n <= 4:
            raise PeriodError("báo cáo quý cần quý từ 1 đến 4")
        s, e = _window(year, 3 * n - 2, 3 * n)
    elif kind == "dot-xuat":
        if start is None or end is None:
            raise PeriodError("báo cáo đột xuất cần từ ngày và đến ngày")
        if end < start:
            raise PeriodError("đến ngày trước từ ngày; hãy đổi lại khoảng ngày")
        s, e, n = start, end, None
    else:
        last = {"6-thang": 6, "9-thang": 9, "nam": 12}[kind]
        s, e, n = *_window(year, 1, last), None
    return Period(kind, int(year), n, s, e, working_days_after(e, due_days, holidays))


def period_of(kind: str, day: dt.date, **kw) -> Period | None:
    """The period of `kind` a day's figures belong to; None where the kind's windows leave it out
    (after 14 June there is no 6-month period until 15 December)."""
    shifted = day + relativedelta(months=1) if day.day >= CUTOFF_DAY else day  # 15 March → April's report
    year, month = shifted.year, shifted.month
    if kind == "thang":
        return period(kind, year, month, **kw)
    if kind == "quy":
        return period(kind, year, (month - 1) // 3 + 1, **kw)
    if kind in ("6-thang", "9-thang", "nam"):
        p = period(kind, year, **kw)
        return p if day in p else None
    raise PeriodError(f"kỳ '{kind}' không tính được từ một ngày")


def months_of(p: Period) -> list[tuple[int, int]]:
    """The reporting months a period spans, as (year, month): the figures "by month" are counted in
    them (a day from the 15th counts in the next month, as the cut-off says)."""
    out, day = [], p.start
    while day <= p.end:
        q = period_of("thang", day)
        if (q.year, q.n) not in out:
            out.append((q.year, q.n))
        day = q.end + dt.timedelta(days=1)
    return out


def month_of(day: dt.date) -> tuple[int, int]:
    q = period_of("thang", day)
    return q.year, q.n
