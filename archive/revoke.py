"""Recall and replacement (Nghị định 30, Điều 18): an issued document recalled (thu hồi) or replaced
by another (thay thế) stays in the archive and in search, marked, with a link to the document that
recalled or replaced it; nothing is deleted."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select, update

from . import store
from .schema import document

HOW = {"thu_hoi": "Đã thu hồi", "thay_the": "Đã bị thay thế"}


class RevokeError(ValueError):
    pass


def revoke(conn: Connection, doc_id: int, *, how: str, on: dt.date, actor: str, note: str | None = None,
           by_document_id: int | None = None) -> None:
    if how not in HOW:
        raise RevokeError(f"'{how}' không có; chọn thu hồi (thu_hoi) hoặc thay thế (thay_the)")
    row = conn.execute(select(document.c.status, document.c.revoked).where(document.c.id == doc_id)).first()
    if row is None:
        raise RevokeError(f"không có văn bản số {doc_id} trong kho")
    if row.status == "draft":
        raise RevokeError(f"văn bản {doc_id} còn là dự thảo; dự thảo không thu hồi hay thay thế")
    if row.revoked:
        raise RevokeError(f"văn bản {doc_id} đã được đánh dấu: {HOW[row.revoked].lower()}")
    if how == "thay_the" and by_document_id is None:
        raise RevokeError("cần chọn văn bản thay thế")
    if how == "thu_hoi" and not (note or "").strip() and by_document_id is None:
        raise RevokeError("cần ghi lý do thu hồi hoặc chọn văn bản thu hồi")
    if by_document_id is not None:
        if by_document_id == doc_id:
            raise RevokeError("một văn bản không thay thế hay thu hồi chính nó")
        if conn.execute(select(document.c.id).where(document.c.id == by_document_id)).first() is None:
            raise RevokeError(f"không có văn bản số {by_document_id} trong kho")
        store.add_link(conn, by_document_id, doc_id, "replaces" if how == "thay_the" else "recalls", actor)
    conn.execute(update(document).where(document.c.id == doc_id).values(
        revoked=how, revoked_on=on, revoked_note=(note or "").strip() or None, revoked_by_document_id=by_document_id))
    store.queue_index(conn, doc_id)
    store.record_audit(conn, actor, f"document.{how}", doc_id, {"by": by_document_id, "note": note})
