"""The figures of a periodic report, counted from the archive itself for a period and a unit:
documents issued and received by kind, by month and by unit; comment rounds opened and closed, the
reply rate and the replies that came late; drafts not yet issued; and the two reports Phụ lục VI (V)
of Nghị định 30 asks a records system for — how the letters received were dealt with (answered on
time, late, still open) and what was issued.

Every figure is {"count": n, "ids": [document ids]}, so each can be followed to the documents behind
it. `visible`, where given, narrows every document query to what the viewer may see (the web's rule:
other units' drafts and, unless cleared, secret documents are neither listed nor counted).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select

from .periods import Period, month_of, months_of
from .schema import comment_round, consultee, document, receipt, reply

UNKNOWN_UNIT = "(không rõ đơn vị)"


def _fig(ids) -> dict:
    ids = sorted(set(ids))
    return {"count": len(ids), "ids": ids}


def _group(rows, key) -> dict:
    out: dict[str, list[int]] = {}
    for r in rows:
        out.setdefault(key(r), []).append(r.id)
    return {k: _fig(v) for k, v in sorted(out.items())}


def _month_key(day: dt.date) -> str:
    y, m = month_of(day)
    return f"{y}-{m:02d}"


def unit_of(row) -> str:
    """The unit a document of ours comes from: as recorded, else a công văn's ký hiệu ('STP-VP' → VP)."""
    if row.unit:
        return row.unit
    parts = (row.ky_hieu or "").rsplit("/", 1)[-1].split("-")
    if row.kind == "cong_van" and len(parts) == 2 and parts[1]:
        return parts[1]
    return UNKNOWN_UNIT


def _narrow(q, visible):
    return visible(q) if visible is not None else q


def figures(conn: Connection, p: Period, *, unit: str | None = None, visible=None,
            unit_names: dict[str, str] | None = None) -> dict:
    start, end = p.start, p.end
    months = [f"{y}-{m:02d}" for y, m in months_of(p)]
    empty_months = {m: _fig([]) for m in months}

    # --- issued: our documents given a number and a date in the period
    q = select(document.c.id, document.c.kind, document.c.unit, document.c.ky_hieu, document.c.issued_on,
               document.c.revoked).where(
        (document.c.direction == "outgoing") & document.c.status.in_(("issued", "archived"))
        & (document.c.issued_on >= start) & (document.c.issued_on <= end))
    issued = [r for r in conn.execute(_narrow(q, visible)) if unit is None or unit_of(r) == unit]
    by_month = {**empty_months, **_group(issued, lambda r: _month_key(r.issued_on))}
    # those that answer a letter received: within the letter's deadline, or after it
    issued_ids = {r.id for r in issued}
    answers = conn.execute(select(receipt.c.answer_document_id, receipt.c.deadline, receipt.c.answered_on,
                                  document.c.issued_on).join(
        document, document.c.id == receipt.c.answer_document_id).where(
        receipt.c.answer_document_id.is_not(None) & (document.c.issued_on >= start)
        & (document.c.issued_on <= end))).all()  # the period's answers only, not every answer ever
    answers = [a for a in answers if a.answer_document_id in issued_ids]  # the unit's and the visible ones
    answers_late = [a.answer_document_id for a in answers  # the day the answer was recorded, as the sổ says
                    if a.deadline and (a.answered_on or a.issued_on) > a.deadline]

    # --- received: letters entered in the sổ văn bản đến in the period
    q = select(document.c.id, document.c.kind, document.c.issuing_body, receipt.c.received_on, receipt.c.deadline,
               receipt.c.status, receipt.c.answered_on, receipt.c.recipient, receipt.c.chu_tri).join(
        receipt, receipt.c.document_id == document.c.id).where(
        (receipt.c.received_on >= start) & (receipt.c.received_on <= end))
    names = unit_names or {}
    wanted = {unit, names.get(unit)} - {None} if unit else set()
    received = [r for r in conn.execute(_narrow(q, visible))
                if not unit or (r.recipient or "").strip() in wanted or (r.chu_tri or "").strip() in wanted]
    handled = handling(received, end)

    # --- comment rounds on drafts of the unit: opened, closed, who replied, who replied late
    q = select(comment_round.c.id.label("round_id"), comment_round.c.opened_at, comment_round.c.closed_at,
               comment_round.c.deadline, document.c.id, document.c.unit).join(
        document, document.c.id == comment_round.c.draft_document_id)
    rounds = [r for r in conn.execute(_narrow(q, visible)) if unit is None or r.unit == unit]
    opened = [r for r in rounds if start <= r.opened_at.date() <= end]
    closed = [r for r in rounds if r.closed_at is not None and start <= r.closed_at.date() <= end]
    opened_ids = [r.round_id for r in opened]
    asked = conn.execute(select(consultee.c.id, consultee.c.round_id).where(
        consultee.c.round_id.in_(opened_ids))).all() if opened_ids else []
    letters = conn.execute(select(reply.c.document_id.label("id"), reply.c.round_id, reply.c.consultee_id,
                                  reply.c.received_on).where(reply.c.round_id.in_(opened_ids))).all() \
        if opened_ids else []
    deadline = {r.round_id: r.deadline for r in opened}
    answered = {x.consultee_id for x in letters if x.consultee_id is not None}
    late = [x for x in letters if x.received_on > deadline[x.round_id]]

    # --- drafts: ours (another body's draft sent to us is a letter), made by the end and not issued yet
    q = select(document.c.id, document.c.kind, document.c.unit, document.c.ky_hieu).where(
        (document.c.status == "draft") & (document.c.direction != "incoming") & (document.c.created_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())))
    drafts = [r for r in conn.execute(_narrow(q, visible)) if unit is None or r.unit == unit]

    return {
        "issued": {**_fig(r.id for r in issued), "by_kind": _group(issued, lambda r: r.kind),
                   "by_month": dict(sorted(by_month.items())), "by_unit": _group(issued, unit_of),
                   "revoked": _fig(r.id for r in issued if r.revoked),
                   "answers": _fig(a.answer_document_id for a in answers),
                   "answers_late": _fig(answers_late)},
        "received": {**_fig(r.id for r in received), "by_kind": _group(received, lambda r: r.kind),
                     "by_month": dict(sorted({**empty_months,
                                              **_group(received, lambda r: _month_key(r.received_on))}.items())),
                     **handled},
        "rounds": {"opened": {"count": len(opened), "ids": sorted({r.id for r in opened}),
                              "rounds": sorted(opened_ids)},
                   "closed": {"count": len(closed), "ids": sorted({r.id for r in closed}),
                              "rounds": sorted(r.round_id for r in closed)},
                   "consulted": len(asked), "replied": len(answered),
                   "reply_rate": round(len(answered) / len(asked), 4) if asked else None,
                   "replies": _fig(x.id for x in letters), "replies_late": _fig(x.id for x in late)},
        "drafts": {**_fig(r.id for r in drafts), "by_kind": _group(drafts, lambda r: r.kind)},
    }


def handling(received, end: dt.date) -> dict:
    """How letters received were dealt with by `end` (Phụ lục VI, V): answered (or filed without an
    answer) on time or late, and those still open, within their deadline or past it."""
    on_time, late, open_, overdue = [], [], [], []
    for r in received:
        done = r.status in ("da_tra_loi", "luu") and (r.answered_on is None or r.answered_on <= end)
        if done:
            (late if r.deadline and r.answered_on and r.answered_on > r.deadline else on_time).append(r.id)
        elif r.deadline and r.deadline < end:
            overdue.append(r.id)
        else:
            open_.append(r.id)
    return {"done_on_time": _fig(on_time), "done_late": _fig(late), "open": _fig(open_),
            "open_overdue": _fig(overdue)}
