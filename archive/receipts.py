"""The sổ văn bản đến and the follow-up of each letter received (Nghị định 30, Điều 19–24, Phụ lục IV).

A letter from another body, once filed, is registered: it takes the next số đến of the year's
register of incoming documents (one sequence for paper and electronic letters; secret ones their
own), with its ngày đến, độ khẩn and the unit or person it goes to.  The leader's direction names
who is in charge (chủ trì), who takes part (phối hợp) and by when; the letter then waits until a
document of ours that cites it is issued (it answers it) or a clerk closes it as needing no answer.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, delete, insert, select, update

from . import registers, store
from .schema import document, link, receipt

MEDIA = {"giay": "Bản giấy", "dien_tu": "Văn bản điện tử"}
STATUSES = {"cho_phan_cong": "Chờ phân công", "dang_giai_quyet": "Đang giải quyết",
            "da_tra_loi": "Đã trả lời", "luu": "Lưu, không cần trả lời"}
OPEN = ("cho_phan_cong", "dang_giai_quyet")
DUE_SOON_DAYS = 3  # a letter whose deadline is this close shows on the dashboard


class ReceiptError(ValueError):
    pass


def get(conn: Connection, doc_id: int) -> dict | None:
    row = conn.execute(select(receipt).where(receipt.c.document_id == doc_id)).first()
    return dict(row._mapping) if row else None


def _incoming(conn: Connection, doc_id: int):
    row = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if row is None:
        raise ReceiptError(f"không có văn bản số {doc_id} trong kho")
    if row.direction != "incoming":
        raise ReceiptError(f"văn bản {doc_id} không phải văn bản đến; chỉ văn bản cơ quan khác gửi mới vào sổ đến")
    return row


def register_incoming(conn: Connection, doc_id: int, *, body_code: str, received_on: dt.date, actor: str,
                      medium: str = "dien_tu", do_khan: str | None = None, recipient: str | None = None,
                      deadline: dt.date | None = None, note: str | None = None) -> int:
    """Enter a received letter in the sổ văn bản đến; returns its số đến."""
    row = _incoming(conn, doc_id)
    if medium not in MEDIA:
        raise ReceiptError(f"hình thức '{medium}' không có; chọn bản giấy hoặc văn bản điện tử")
    done = get(conn, doc_id)
    if done:
        raise ReceiptError(f"văn bản {doc_id} đã vào sổ đến, số đến {done['so_den']:02d} ngày "
                           f"{done['received_on']:%d/%m/%Y}")
    if deadline and deadline < received_on:
        raise ReceiptError("thời hạn giải quyết không thể trước ngày đến")
    sequence = registers.SECRET_SEQUENCE if row.do_mat else "chung"
    so_den = registers.take_number(conn, body_code=body_code, year=received_on.year, direction="den",
                                   sequence=sequence, document_id=doc_id, actor=actor, note="văn bản đến")
    conn.execute(insert(receipt).values(
        document_id=doc_id, body_code=body_code, year=received_on.year, so_den=so_den, sequence=sequence,
        received_on=received_on,
        medium=medium, do_khan=do_khan or row.do_khan, recipient=recipient or None, deadline=deadline,
        status="cho_phan_cong", note=note or None, registered_at=store.now(), registered_by=actor))
    store.record_audit(conn, actor, "receipt.register", doc_id, {"so_den": so_den, "year": received_on.year})
    return so_den


def direct(conn: Connection, doc_id: int, *, chu_tri: str, actor: str, on: dt.date, phoi_hop: str | None = None,
           deadline: dt.date | None = None, chi_dao: str | None = None) -> None:
    """The leader's direction: who is in charge, who takes part, by when."""
    found = get(conn, doc_id)
    if found is None:
        raise ReceiptError(f"văn bản {doc_id} chưa vào sổ đến; vào sổ rồi mới phân công")
    if not (chu_tri or "").strip():
        raise ReceiptError("cần ghi đơn vị hoặc người chủ trì giải quyết")
    if found["status"] not in OPEN:
        raise ReceiptError(f"văn bản {doc_id} đã {STATUSES[found['status']].lower()}; không phân công lại")
    if deadline and deadline < found["received_on"]:
        raise ReceiptError("thời hạn giải quyết không thể trước ngày đến")
    conn.execute(update(receipt).where(receipt.c.document_id == doc_id).values(
        chu_tri=chu_tri.strip(), phoi_hop=(phoi_hop or "").strip() or None, chi_dao=(chi_dao or "").strip() or None,
        deadline=deadline or found["deadline"], directed_on=on, transferred_on=found["transferred_on"] or on,
        recipient=found["recipient"] or chu_tri.strip(), status="dang_giai_quyet"))
    store.record_audit(conn, actor, "receipt.direct", doc_id, {"chu_tri": chu_tri, "deadline": str(deadline or "")})


def answer(conn: Connection, doc_id: int, answer_id: int, actor: str, on: dt.date | None = None) -> None:
    """Record that document `answer_id` (ours, issued) answers the letter `doc_id`."""
    found = get(conn, doc_id)
    if found is None:
        raise ReceiptError(f"văn bản {doc_id} chưa vào sổ đến")
    if found["status"] not in OPEN:
        raise ReceiptError(f"văn bản {doc_id} đã {STATUSES[found['status']].lower()}; mở lại rồi mới ghi trả lời")
    ans = conn.execute(select(document.c.direction, document.c.status, document.c.issued_on, document.c.revoked)
                       .where(document.c.id == answer_id)).first()
    if ans is None:
        raise ReceiptError(f"không có văn bản số {answer_id} trong kho")
    if ans.revoked:
        raise ReceiptError(f"văn bản {answer_id} đã bị thu hồi hoặc thay thế nên không là văn bản trả lời")
    if ans.direction != "outgoing" or ans.status != "issued":
        raise ReceiptError(f"văn bản {answer_id} chưa phải văn bản đi đã ban hành nên chưa trả lời được")
    conn.execute(update(receipt).where(receipt.c.document_id == doc_id).values(
        status="da_tra_loi", answer_document_id=answer_id, answered_on=on or ans.issued_on or dt.date.today()))
    store.add_link(conn, answer_id, doc_id, "replies_to", actor)
    store.record_audit(conn, actor, "receipt.answer", doc_id, {"answer": answer_id})


def close(conn: Connection, doc_id: int, *, note: str, actor: str) -> None:
    """A letter that needs no answer (for information): filed, no longer waiting."""
    found = get(conn, doc_id)
    if found is None:
        raise ReceiptError(f"văn bản {doc_id} chưa vào sổ đến")
    if not (note or "").strip():
        raise ReceiptError("ghi lý do không cần trả lời (ví dụ: để biết)")
    if found["status"] not in OPEN:
        raise ReceiptError(f"văn bản {doc_id} đã {STATUSES[found['status']].lower()}")
    kept = "; ".join(x for x in (found["note"], f"không cần trả lời: {note.strip()}") if x)
    conn.execute(update(receipt).where(receipt.c.document_id == doc_id).values(status="luu", note=kept))
    store.record_audit(conn, actor, "receipt.close", doc_id, {"note": note})


def reopen(conn: Connection, doc_id: int, *, actor: str, reason: str) -> None:
    """Undo an answer or a closing that was wrong (an issued document that only mentioned the letter)."""
    found = get(conn, doc_id)
    if found is None:
        raise ReceiptError(f"văn bản {doc_id} chưa vào sổ đến")
    if found["status"] in OPEN:
        raise ReceiptError(f"văn bản {doc_id} đang chờ giải quyết, không cần mở lại")
    if not (reason or "").strip():
        raise ReceiptError("ghi lý do mở lại")
    if found["answer_document_id"]:
        conn.execute(delete(link).where((link.c.from_id == found["answer_document_id"]) & (link.c.to_id == doc_id) &
                                        (link.c.type == "replies_to")))
    conn.execute(update(receipt).where(receipt.c.document_id == doc_id).values(
        status="dang_giai_quyet" if found["chu_tri"] else "cho_phan_cong", answer_document_id=None,
        answered_on=None))
    store.record_audit(conn, actor, "receipt.reopen", doc_id, {"reason": reason.strip(),
                                                               "was": found["status"],
                                                               "answer": found["answer_document_id"]})


def mark_answered(conn: Connection, answer_id: int, actor: str) -> list[int]:
    """Letters still waiting that the issued document `answer_id` cites: now answered by it. A number
    cited names one letter: where several of that number wait (numbers restart each year), the one
    received last before the answer was issued."""
    on = conn.execute(select(document.c.issued_on).where(document.c.id == answer_id)).scalar() or dt.date.today()
    cited = select(link.c.to_id).where((link.c.from_id == answer_id) & link.c.type.in_(("cites", "replies_to")))
    rows = conn.execute(select(receipt.c.document_id, receipt.c.received_on, document.c.so, document.c.ky_hieu)
                        .join(document, document.c.id == receipt.c.document_id)
                        .where(receipt.c.document_id.in_(cited) & receipt.c.status.in_(OPEN) &
                               (receipt.c.received_on <= on))
                        .order_by(receipt.c.received_on.desc(), receipt.c.document_id.desc())).all()
    chosen: dict[tuple, int] = {}
    for r in rows:
        chosen.setdefault((r.so, r.ky_hieu), r.document_id)
    for doc_id in chosen.values():
        answer(conn, doc_id, answer_id, actor)
    return list(chosen.values())


# --- what waits, for the dashboard -----------------------------------------------------------------

_COLUMNS = (document.c.id, document.c.kind, document.c.so, document.c.ky_hieu, document.c.rule_set,
            document.c.issuing_body, document.c.trich_yeu, document.c.issued_on)


def _secrets(q, secrets: bool):
    return q if secrets else q.where(document.c.do_mat.is_(None))


def unregistered(conn: Connection, limit: int = 50, secrets: bool = True) -> list[dict]:
    """Letters received and filed but not yet in the sổ văn bản đến; without those marked Mật where
    the viewer may not see them (`secrets` False)."""
    q = _secrets(select(*_COLUMNS).outerjoin(receipt, receipt.c.document_id == document.c.id)
                 .where((document.c.direction == "incoming") & receipt.c.id.is_(None)), secrets)
    q = q.order_by(document.c.id.desc()).limit(limit)
    return [dict(r._mapping) for r in conn.execute(q)]


def waiting(conn: Connection, today: dt.date, *, late: bool, limit: int = 50, secrets: bool = True) -> list[dict]:
    """Letters past their deadline (`late`), or due within DUE_SOON_DAYS days, not yet answered."""
    due = receipt.c.deadline < today if late else \
        and_(receipt.c.deadline >= today, receipt.c.deadline <= today + dt.timedelta(days=DUE_SOON_DAYS))
    q = _secrets(select(*_COLUMNS, receipt.c.so_den, receipt.c.deadline, receipt.c.chu_tri, receipt.c.status)
                 .join(receipt, receipt.c.document_id == document.c.id)
                 .where(receipt.c.status.in_(OPEN) & receipt.c.deadline.is_not(None) & due), secrets)
    q = q.order_by(receipt.c.deadline, receipt.c.so_den).limit(limit)
    return [dict(r._mapping) for r in conn.execute(q)]


def drafts_to_issue(conn: Connection, limit: int = 50, unit: str | None = None, secrets: bool = True) -> list[dict]:
    """Drafts of ours waiting for a number; of one unit only (and those with none) where `unit` is given."""
    q = select(*_COLUMNS, document.c.created_at).where((document.c.status == "draft") &
                                                       (document.c.direction != "incoming"))
    if unit is not None:
        q = q.where(document.c.unit.is_(None) | (document.c.unit == unit))
    q = _secrets(q, secrets).order_by(document.c.id.desc()).limit(limit)
    return [dict(r._mapping) for r in conn.execute(q)]
