"""Reading the append-only audit log: who did what to which document, when, with filters (the admin
page). Nothing here writes; lines are only ever added by store.record_audit."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, select

from .schema import app_user, audit, document


def entries(conn: Connection, *, actor: str | None = None, action: str | None = None,
            start: dt.date | None = None, end: dt.date | None = None, document_id: int | None = None,
            limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
    """(how many lines match, the page of them, newest first, with the person's name and the document's number)."""
    where = []
    if actor:
        where.append(audit.c.actor == actor)
    if action:
        where.append(audit.c.action.startswith(action))
    if start:
        where.append(audit.c.at >= dt.datetime.combine(start, dt.time()))
    if end:
        where.append(audit.c.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    if document_id is not None:
        where.append(audit.c.document_id == document_id)
    q = select(audit.c.id, audit.c.at, audit.c.actor, audit.c.action, audit.c.document_id, audit.c.detail,
               app_user.c.full_name, document.c.so, document.c.ky_hieu, document.c.rule_set, document.c.kind) \
        .outerjoin(app_user, app_user.c.login == audit.c.actor) \
        .outerjoin(document, document.c.id == audit.c.document_id)
    count = select(func.count()).select_from(audit)
    for w in where:
        q, count = q.where(w), count.where(w)
    total = conn.execute(count).scalar()
    rows = conn.execute(q.order_by(audit.c.id.desc()).limit(limit).offset(offset)).all()
    return total, [dict(r._mapping) for r in rows]


def actions(conn: Connection) -> list[str]:
    return list(conn.execute(select(audit.c.action).distinct().order_by(audit.c.action)).scalars())
