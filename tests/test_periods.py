"""Reporting periods (Nghị định 09/2019, nd30.md §5): every day in exactly one period of each type,
days from 15 December in the next year's periods, the 6- and 9-month windows, leap years, and due
dates a set number of working days after the cut-off."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.periods import PeriodError, months_of, period, period_of, working_days_after

days = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2098, 12, 31))


def _expected_month(day: dt.date) -> tuple[int, int]:
    """Independently: the 15th and later go to the next month's report (December to next January)."""
    if day.day < 15:
        return day.year, day.month
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


@settings(max_examples=300, deadline=None)
@given(days)
def test_every_day_is_in_exactly_one_period_of_each_type(day):
    year, month = _expected_month(day)
    assert [(p.year, p.n) for p in (period("thang", y, m) for y in (year - 1, year, year + 1) for m in range(1, 13))
            if day in p] == [(year, month)]
    quarters = [(p.year, p.n) for p in (period("quy", y, q) for y in (year - 1, year, year + 1) for q in range(1, 5))
                if day in p]
    assert quarters == [(year, (month - 1) // 3 + 1)]
    years = [p.year for p in (period("nam", y) for y in (year - 1, year, year + 1)) if day in p]
    assert years == [year]  # from 15 December: next year's
    for kind in ("thang", "quy", "nam"):
        found = period_of(kind, day)
        assert day in found and found.year == year


@settings(max_examples=200, deadline=None)
@given(days)
def test_six_and_nine_month_windows(day):
    for kind, last in (("6-thang", 6), ("9-thang", 9)):
        p = period(kind, day.year)
        assert p.start == dt.date(day.year - 1, 12, 15) and p.end == dt.date(day.year, last, 14)
        found = period_of(kind, day)
        inside = dt.date(day.year - 1, 12, 15) <= day <= dt.date(day.year, last, 14) or day >= dt.date(day.year, 12, 15)
        assert (found is not None) == inside
        if found is not None:
            assert day in found


@pytest.mark.parametrize("year", [2024, 2028, 2100, 2000])
def test_leap_years_and_the_month_spans(year):
    feb = period("thang", year, 3)  # 15 February to 14 March
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert (feb.end - feb.start).days + 1 == (29 if leap else 28)
    total = sum((period("thang", year, m).end - period("thang", year, m).start).days + 1 for m in range(1, 13))
    assert total == (366 if leap else 365) == (period("nam", year).end - period("nam", year).start).days + 1
    assert months_of(period("6-thang", year)) == [(year, m) for m in range(1, 7)]


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=1, max_value=10))
def test_due_dates_are_working_days_after_the_cut_off(day, n):
    holidays = {day + dt.timedelta(days=3)}
    due = working_days_after(day, n, holidays)
    assert due > day and due.weekday() < 5 and due not in holidays
    between = [day + dt.timedelta(days=i) for i in range(1, (due - day).days + 1)]
    fixed = {(1, 1), (4, 30), (5, 1), (9, 2)}
    working = [d for d in between if d.weekday() < 5 and d not in holidays and (d.month, d.day) not in fixed]
    assert len(working) == n and working[-1] == due


def test_due_dates_known_cases_and_refusals():
    assert period("6-thang", 2026).due == dt.date(2026, 6, 16)  # 14/6 is a Sunday: Tuesday is the 2nd working day
    assert period("nam", 2026, due_days=1).due == dt.date(2026, 12, 15)
    assert working_days_after(dt.date(2026, 4, 29), 1) == dt.date(2026, 5, 4)  # 30/4 and 1/5, then the weekend
    assert period("quy", 2026, 1).label == "quý I năm 2026" and period("thang", 2026, 1).start == dt.date(2025, 12, 15)
    ad_hoc = period("dot-xuat", 2026, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert ad_hoc.label == "từ ngày 01/03/2026 đến ngày 31/03/2026" and dt.date(2026, 3, 31) in ad_hoc
    for args, words in ((("thang", 2026, 13), "tháng từ 1 đến 12"), (("quy", 2026, 0), "quý từ 1 đến 4"),
                        (("tuan", 2026), "không có"), (("dot-xuat", 2026), "từ ngày và đến ngày")):
        with pytest.raises(PeriodError, match=words):
            period(*args)
    with pytest.raises(PeriodError, match="ít nhất 1 ngày làm việc"):
        period("nam", 2026, due_days=0)
