"""A search request from loose text fields (web form, JSON route, command line) → `Query`.

One place for the rules, so the three surfaces accept and refuse the same things."""
from __future__ import annotations

from collections.abc import Mapping

from .model import Query

MAX_PAGE = 10_000
FILTER_KEYS = ("kind", "year", "status", "issuing_body", "signer", "cited", "from", "to")


class QueryError(ValueError):
    """A search field that cannot be understood; the message is for the user, in Vietnamese."""


def parse_day(text: str, label: str) -> int | None:
    """'2020-03-15' or '15/3/2020' → 20200315; empty → None."""
    from archive.dates import typed_date

    if not (text or "").strip():
        return None
    try:
        day = typed_date(text)
    except ValueError as exc:
        raise QueryError(f"{label}: {exc}.") from None
    return day.year * 10000 + day.month * 100 + day.day


def _number(text, label: str, lo: int, hi: int) -> int | None:
    text = str(text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not lo <= int(text) <= hi:
        raise QueryError(f"{label}: '{text}' phải là số từ {lo} đến {hi}.")
    return int(text)


def query_from_args(args: Mapping, per_page: int | None = None, facets: bool = True) -> Query:
    from generator import normalise_kind

    kind = (args.get("kind") or "").strip() or None
    if kind is not None:
        if normalise_kind(kind) is None:
            raise QueryError(f"Loại văn bản '{kind}' không có.")
        kind = normalise_kind(kind)
    from archive.store import STATUSES

    status = (args.get("status") or "").strip() or None
    if status is not None and status not in STATUSES:
        raise QueryError(f"Trạng thái '{status}' không có; chọn một trong: {', '.join(STATUSES)}.")
    date_from, date_to = parse_day(args.get("from"), "Từ ngày"), parse_day(args.get("to"), "Đến ngày")
    if date_from and date_to and date_from > date_to:
        raise QueryError("Từ ngày phải trước hoặc bằng Đến ngày.")
    sort = (args.get("sort") or "relevance").strip()
    if sort not in ("relevance", "date"):
        raise QueryError(f"Cách sắp xếp '{sort}' không có; chọn relevance hoặc date.")
    q = Query(text=(args.get("q") or "").strip(), kind=kind, status=status,
              year=_number(args.get("year"), "Năm", 1945, 2100),
              issuing_body=(args.get("issuing_body") or "").strip() or None,
              signer=(args.get("signer") or "").strip() or None,
              cited=(args.get("cited") or "").strip() or None,
              date_from=date_from, date_to=date_to, sort=sort,
              page=_number(args.get("page"), "Trang", 1, MAX_PAGE) or 1, facets=facets)
    if per_page is not None:
        q.per_page = per_page
    return q


def has_criteria(args: Mapping) -> bool:
    return bool((args.get("q") or "").strip() or any((args.get(k) or "").strip() for k in FILTER_KEYS))
