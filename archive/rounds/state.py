"""Where a round stands: who was consulted, who replied (agreeing, or with comments), who has not and is
overdue, every comment with the part of the draft it names (its text now) and the response given; for a
round on a revised draft, the earlier answers it carried (`carried`) and those whose part is gone (`dropped`)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from .. import db
from ..schema import carried_comment, comment, comment_round, consultee, document, reply, response
from ..store import number_text
from .draft import parse_draft
from .references import resolve
from .rules import STATUS_WORDS, draft_text, get_round

# targets about a whole document: the part would be the whole draft, shown elsewhere
_WHOLE = ("chung", "the_thuc")


def _iso(value):
    return value.isoformat() if value is not None else None


def _part(draft, c) -> tuple[dict | None, bool]:
    """(the part the comment names, with its text now; whether the draft no longer has it)."""
    if c.target in _WHOLE or draft is None:
        return None, False
    part = resolve(draft, c.target, c.document)
    if part is None:
        return None, True
    return {"target": part.target or c.target, "text": part.full_text()}, False


def round_state(round_id: int, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    with db.reading() as conn:
        r = get_round(conn, round_id)
        draft_doc = conn.execute(select(document).where(document.c.id == r.draft_document_id)).first()
        text = draft_text(conn, r.draft_document_id, r.draft_version, r.opened_at)
        names = conn.execute(select(consultee).where(consultee.c.round_id == round_id)
                             .order_by(consultee.c.position)).all()
        replies = conn.execute(select(reply, document.c.rule_set).join(document, document.c.id == reply.c.document_id)
                               .where(reply.c.round_id == round_id).order_by(reply.c.received_on, reply.c.id)).all()
        comments = conn.execute(
            select(comment, response.c.status, response.c.giai_trinh, response.c.by, response.c.at)
            .join(reply, reply.c.id == comment.c.reply_id).outerjoin(response, response.c.comment_id == comment.c.id)
            .where(reply.c.round_id == round_id).order_by(reply.c.received_on, reply.c.id, comment.c.position)).all()
        carried = _carried_rows(conn, round_id)
    draft = parse_draft(text) if text.strip() else None
    draft = draft if draft is not None and draft.documents else None
    by_id = {n.id: n.name for n in names}
    count = {}
    for c in comments:
        count[c.reply_id] = count.get(c.reply_id, 0) + 1
    shown = {p.id: by_id.get(p.consultee_id) or p.agency or "(không rõ cơ quan)" for p in replies}

    replied = {p.consultee_id for p in replies if p.consultee_id is not None}
    commented = {p.consultee_id for p in replies if p.consultee_id is not None
                 and (count.get(p.id) or not p.agrees_without_comment)}
    passed = today > r.deadline
    not_replied = [n.name for n in names if n.id not in replied]
    state = {
        "id": r.id, "number": r.number, "previous_round_id": r.previous_round_id, "title": r.title,
        "status": r.status,
        "draft": {"document_id": r.draft_document_id, "version": r.draft_version,
                  "number": number_text(draft_doc.so, draft_doc.ky_hieu, draft_doc.rule_set) if draft_doc else None,
                  "kind": draft_doc.kind if draft_doc else None},
        "request_document_id": r.request_document_id,
        "deadline": r.deadline.isoformat(), "deadline_passed": passed,
        "opened_at": _iso(r.opened_at), "opened_by": r.opened_by, "closed_at": _iso(r.closed_at),
        # the Bản tổng hợp as last compiled (compile.py): its date and what the drafter gave it
        "compiled_on": _iso(r.compiled_on), "summary": dict(r.summary or {}),
        "consulted": [n.name for n in names],
        "replied": [n.name for n in names if n.id in replied],
        "agreed_without_comment": [n.name for n in names if n.id in replied and n.id not in commented],
        "with_comments": [n.name for n in names if n.id in commented],
        "not_replied": not_replied,
        "overdue": not_replied if passed else [],
        # letters from bodies not on the list (or not told apart): a person says who wrote them
        "not_on_list": [shown[p.id] for p in replies if p.consultee_id is None],
        "replies": [{
            "id": p.id, "document_id": p.document_id, "consultee_id": p.consultee_id,
            "consultee": by_id.get(p.consultee_id), "agency": p.agency, "so": p.so, "ky_hieu": p.ky_hieu,
            "number": number_text(p.so, p.ky_hieu, p.rule_set), "received_on": p.received_on.isoformat(),
            "late": p.received_on > r.deadline, "agrees_without_comment": p.agrees_without_comment,
            "comments": count.get(p.id, 0)} for p in replies],
        "comments": [],
    }
    for c in comments:
        part, missing = _part(draft, c)
        state["comments"].append({
            "id": c.id, "reply_id": c.reply_id, "agency": shown.get(c.reply_id), "position": c.position,
            "document": c.document, "target": c.target, "text": c.text, "proposed": c.proposed,
            "confirmed": c.confirmed, "part": part, "part_missing": missing,
            "response": _response(c.status, c.giai_trinh, c.by, c.at)})
    state["carried"], state["dropped"] = _carried(carried, draft)
    answered = sum(c["response"] is not None for c in state["comments"])
    state["counts"] = {
        "consulted": len(names), "replied": len(state["replied"]),
        "agreed_without_comment": len(state["agreed_without_comment"]),
        "with_comments": len(state["with_comments"]), "not_replied": len(not_replied),
        "overdue": len(state["overdue"]), "not_on_list": len(state["not_on_list"]),
        "letters": len(replies), "comments": len(comments), "answered": answered,
        "unanswered": len(comments) - answered,
        "unconfirmed": sum(not c["confirmed"] for c in state["comments"]),
        "carried": len(state["carried"]), "dropped": len(state["dropped"]),
    }
    return state


def _response(status, giai_trinh, by, at) -> dict | None:
    return None if status is None else {"status": status, "status_words": STATUS_WORDS.get(status),
                                        "giai_trinh": giai_trinh, "by": by, "at": _iso(at)}


def _carried_rows(conn, round_id: int) -> list:
    """The comments this round carried from the one before, with the letter each was first read from."""
    return conn.execute(
        select(carried_comment, comment.c.text, comment.c.proposed, reply.c.round_id.label("first_round_id"),
               reply.c.agency, reply.c.so, reply.c.ky_hieu, consultee.c.name.label("consultee"), document.c.rule_set)
        .join(comment, comment.c.id == carried_comment.c.comment_id).join(reply, reply.c.id == comment.c.reply_id)
        .outerjoin(consultee, consultee.c.id == reply.c.consultee_id)
        .join(document, document.c.id == reply.c.document_id)
        .where(carried_comment.c.round_id == round_id).order_by(carried_comment.c.id)).all()


def _carried(rows, draft) -> tuple[list[dict], list[dict]]:
    """(carried onto a part of this round's draft, with its text now; dropped, with the reason)."""
    carried, dropped = [], []
    for c in rows:
        item = {"id": c.id, "comment_id": c.comment_id, "from_round_id": c.from_round_id,
                "first_round_id": c.first_round_id, "agency": c.consultee or c.agency or "(không rõ cơ quan)",
                "letter": number_text(c.so, c.ky_hieu, c.rule_set), "document": c.document,
                "from_target": c.from_target, "target": c.target, "text": c.text, "proposed": c.proposed,
                "similarity": c.similarity, "response": _response(c.status, c.giai_trinh, c.by, c.at)}
        if c.target is None:
            dropped.append({**item, "reason": c.reason})
        else:
            part, missing = _part(draft, c)
            carried.append({**item, "part": part, "part_missing": missing})
    return carried, dropped


def list_rounds(visible=None) -> list[dict]:
    """Every round, newest first, with its counts of consulted agencies and letters.

    `visible`, if given, narrows a query on the draft's document to what the viewer may see (the web
    passes its rule: another unit's draft, or a secret one, keeps its round out of the list)."""
    with db.reading() as conn:
        consulted = dict(conn.execute(select(consultee.c.round_id, func.count()).group_by(consultee.c.round_id)).all())
        replied = dict(conn.execute(select(reply.c.round_id, func.count(reply.c.consultee_id.distinct()))
                                    .group_by(reply.c.round_id)).all())
        q = select(comment_round).order_by(comment_round.c.id.desc())
        if visible is not None:
            q = visible(q.join(document, document.c.id == comment_round.c.draft_document_id))
        rows = conn.execute(q).all()
    return [{"id": r.id, "number": r.number, "title": r.title, "draft_document_id": r.draft_document_id,
             "draft_version": r.draft_version, "deadline": r.deadline.isoformat(), "status": r.status,
             "consulted": consulted.get(r.id, 0), "replied": replied.get(r.id, 0)} for r in rows]
