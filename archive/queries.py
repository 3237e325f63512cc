"""The SQL of the /archive list page: one page of documents, the total behind it and the per-kind
counts, for one viewer.

Counts come from `document_count` (migration 0011), kept by SQLite triggers in the same transaction
as every document write, so a count is a sum over a few hundred rows however large the archive —
chosen over covering indexes plus a cache because a cache must be invalidated by every writer in
every process, and an index-only COUNT still walks one entry per document (50 ms at 50,000).  On an
engine without those triggers (PostgreSQL) the document table is counted itself.

The page itself is read newest first from a covering index (issued_on, id and the columns the
visibility rules test) with LIMIT/OFFSET: the order never needs a sort, and the rows an OFFSET skips
are walked in the index, never in the table.  (Keyset paging would not walk them at all, but the
page's links are page numbers, and a deep page at 50,000 documents takes about a millisecond.)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from .schema import document, document_count


@dataclass(frozen=True)
class Viewer:
    """What the viewer may not see: secrets (hide_secrets) and drafts of units other than draft_unit
    (None: every unit's drafts).  The rules themselves are archive.rights' and webui.auth's."""
    hide_secrets: bool = False
    draft_unit: str | None = None


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    status: str | None = None
    year: int | None = None


def visible_documents(q, viewer: Viewer):
    if viewer.hide_secrets:  # not even counted
        q = q.where(document.c.do_mat.is_(None))
    if viewer.draft_unit is not None:
        q = q.where((document.c.status != "draft") | document.c.unit.is_(None) | (document.c.unit == viewer.draft_unit))
    return q


def _visible_counts(q, viewer: Viewer):
    c = document_count.c
    if viewer.hide_secrets:
        q = q.where(c.secret.is_(False))
    if viewer.draft_unit is not None:
        q = q.where((c.status != "draft") | (c.unit == "") | (c.unit == viewer.draft_unit))
    return q


def _filtered_documents(q, f: Filters):
    if f.kind:
        q = q.where(document.c.kind == f.kind)
    if f.status:
        q = q.where(document.c.status == f.status)
    if f.year:  # a range of the date, not extract(year): the index on issued_on serves it
        q = q.where(document.c.issued_on.between(dt.date(f.year, 1, 1), dt.date(f.year, 12, 31)))
    return q


def _filtered_counts(q, f: Filters):
    c = document_count.c
    if f.kind:
        q = q.where(c.kind == f.kind)
    if f.status:
        q = q.where(c.status == f.status)
    if f.year:
        q = q.where(c.year == f.year)
    return q


def has_counts(conn) -> bool:
    """The counts table is kept (SQLite, at migration 0011 or later)."""
    return conn.dialect.name == "sqlite"


def total(conn, f: Filters, viewer: Viewer) -> int:
    if has_counts(conn):
        q = _visible_counts(_filtered_counts(select(func.coalesce(func.sum(document_count.c.n), 0)), f), viewer)
        return conn.execute(q).scalar()
    q = visible_documents(_filtered_documents(select(func.count()).select_from(document), f), viewer)
    return conn.execute(q).scalar()


def kind_counts(conn, viewer: Viewer) -> list[tuple[str, int]]:
    """(kind, how many) of every kind the viewer has documents of, by kind."""
    if has_counts(conn):
        c = document_count.c
        q = _visible_counts(select(c.kind, func.sum(c.n)), viewer).group_by(c.kind).having(func.sum(c.n) > 0) \
            .order_by(c.kind)
    else:
        q = visible_documents(select(document.c.kind, func.count()), viewer).group_by(document.c.kind) \
            .order_by(document.c.kind)
    return [(k, n) for k, n in conn.execute(q)]


def _newest_first(conn):
    # SQLite sorts NULL first, so plain DESC already puts undated drafts last, and an explicit
    # NULLS LAST would make it sort instead of reading the index backwards
    if conn.dialect.name == "sqlite":
        return document.c.issued_on.desc(), document.c.id.desc()
    return document.c.issued_on.desc().nulls_last(), document.c.id.desc()


def page_rows(conn, f: Filters, viewer: Viewer, page: int, per_page: int) -> list:
    """One page of documents, newest first."""
    ids = visible_documents(_filtered_documents(select(document.c.id), f), viewer) \
        .order_by(*_newest_first(conn)).limit(per_page).offset((page - 1) * per_page)
    # the ids first: the rows skipped by OFFSET are walked in the index, the wide rows read only for the page
    wanted = list(conn.execute(ids).scalars())
    if not wanted:
        return []
    rows = {r.id: r for r in conn.execute(select(document).where(document.c.id.in_(wanted)))}
    return [rows[i] for i in wanted]


# the counts as the table gives them (the same expression as migration 0011's triggers)
_RECOUNT = ("SELECT kind, status, COALESCE(CAST(strftime('%Y', issued_on) AS INTEGER), 0), do_mat IS NOT NULL, "
            "COALESCE(unit, ''), count(*) FROM document GROUP BY 1, 2, 3, 4, 5")


def count_drift(conn) -> list[tuple]:
    """(kind, status, year, secret, unit, kept, counted) wherever the kept counts differ from a recount
    (one pass over the table, a few hundred groups in memory)."""
    if not has_counts(conn):
        return []
    counted = {tuple(r[:5]): r[5] for r in conn.exec_driver_sql(_RECOUNT)}
    kept = {(r.kind, r.status, r.year, int(r.secret), r.unit): r.n for r in conn.execute(select(document_count)) if r.n}
    return [(*k, kept.get(k, 0), counted.get(k, 0)) for k in sorted(set(counted) | set(kept))
            if kept.get(k, 0) != counted.get(k, 0)]


def recount(conn) -> None:
    """Rebuild the kept counts from the table (verify --repair)."""
    if not has_counts(conn):
        return
    conn.execute(document_count.delete())
    conn.exec_driver_sql(f"INSERT INTO document_count (kind, status, year, secret, unit, n) {_RECOUNT}")


__all__ = ["Filters", "Viewer", "count_drift", "has_counts", "kind_counts", "page_rows", "recount", "total",
           "visible_documents"]
