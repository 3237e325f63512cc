"""Registers (sổ văn bản đi / đến) and numbering.

A number is taken inside the caller's write transaction with one UPDATE … RETURNING on the
register's counter, so two clerks (or processes) can never get the same number, and the
register_entry row (unique per register and number) is the proof.  A cancelled number stays in
the register as cancelled; the counter only goes up, so no number is ever given twice.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from .schema import register, register_entry

DIRECTIONS = ("di", "den")  # sổ văn bản đi (outgoing), sổ văn bản đến (incoming)
SECRET_SEQUENCE = "mat"


class RegisterError(ValueError):
    pass


def sequence_for(kind: str, secret: bool, numbering: str) -> str:
    """Which counter a document takes its number from (nd30.md §2.3: the head of the body decides
    one sequence or one per kind; secret documents always have their own)."""
    if secret:
        return SECRET_SEQUENCE
    return kind if numbering == "theo_loai" else "chung"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _register_id(conn: Connection, body_code: str, year: int, direction: str, sequence: str) -> int:
    key = (register.c.body_code == body_code) & (register.c.year == year) & \
          (register.c.direction == direction) & (register.c.sequence == sequence)
    found = conn.execute(select(register.c.id).where(key)).scalar()
    if found is not None:
        return found
    try:
        with conn.begin_nested():  # another process may create it first: then use theirs
            return conn.execute(insert(register).values(body_code=body_code, year=year, direction=direction,
                                                        sequence=sequence, next_so=1)
                                .returning(register.c.id)).scalar_one()
    except IntegrityError:
        return conn.execute(select(register.c.id).where(key)).scalar_one()


def take_number(conn: Connection, *, body_code: str, year: int, direction: str = "di", sequence: str = "chung",
                document_id: int | None = None, actor: str, note: str | None = None) -> int:
    """The next number of the register, recorded as taken by `document_id`."""
    if direction not in DIRECTIONS:
        raise RegisterError(f"sổ '{direction}' không có; chỉ có sổ đi (di) và sổ đến (den)")
    if not body_code:
        raise RegisterError("thiếu chữ viết tắt của cơ quan để chọn sổ")
    rid = _register_id(conn, body_code, year, direction, sequence)
    so = conn.execute(update(register).where(register.c.id == rid).values(next_so=register.c.next_so + 1)
                      .returning(register.c.next_so)).scalar_one() - 1
    conn.execute(insert(register_entry).values(register_id=rid, so=so, document_id=document_id, status="taken",
                                               at=_now(), by=actor, note=note))
    return so


def cancel_number(conn: Connection, *, register_id: int, so: int, actor: str, note: str) -> None:
    """Mark a taken number cancelled; it is never given again."""
    if not note or not note.strip():
        raise RegisterError("hủy số cần ghi lý do")
    done = conn.execute(update(register_entry).where((register_entry.c.register_id == register_id) &
                                                     (register_entry.c.so == so) &
                                                     (register_entry.c.status == "taken"))
                        .values(status="cancelled", note=note, by=actor, at=_now()))
    if done.rowcount != 1:
        raise RegisterError(f"số {so} không có trong sổ hoặc đã hủy")


def entries(conn: Connection, register_id: int) -> list[dict]:
    rows = conn.execute(select(register_entry).where(register_entry.c.register_id == register_id)
                        .order_by(register_entry.c.so))
    return [dict(r._mapping) for r in rows]
