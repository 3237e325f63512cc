"""Registers (sổ văn bản đi / đến) and numbering.

A number is taken inside the caller's write transaction with one UPDATE … RETURNING on the
register's counter, so two clerks (or processes) can never get the same number, and the
register_entry row (unique per register and number) is the proof.  A cancelled number stays in
the register as cancelled; the counter only goes up, so no number is ever given twice.

The register also knows the numbers of documents filed from elsewhere (an old Quyết định
imported, a signed copy uploaded): each takes its own number in its register and the counter
moves past the highest, so the next number issued follows it; a number already held is refused
with the document that holds it.  Registers are per body, calendar year and sequence, so numbers
restart at 01 each 1 January (nd30.md §2.3).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, case, insert, select, update
from sqlalchemy.exc import IntegrityError

from .schema import document, register, register_entry

DIRECTIONS = ("di", "den")  # sổ văn bản đi (outgoing), sổ văn bản đến (incoming)
SECRET_SEQUENCE = "mat"


class RegisterError(ValueError):
    pass


class NumberClash(RegisterError):
    """The number is already held in its register by another document."""

    def __init__(self, message: str, document_id: int | None):
        super().__init__(message)
        self.document_id = document_id


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
    held = conn.execute(select(register_entry.c.document_id).where(
        (register_entry.c.register_id == register_id) & (register_entry.c.so == so))).scalar()
    from .store import record_audit

    record_audit(conn, actor, "number.cancel", held, {"register_id": register_id, "so": so, "note": note})


def entries(conn: Connection, register_id: int) -> list[dict]:
    rows = conn.execute(select(register_entry).where(register_entry.c.register_id == register_id)
                        .order_by(register_entry.c.so))
    return [dict(r._mapping) for r in rows]


def next_number(conn: Connection, *, body_code: str, year: int, direction: str = "di",
                sequence: str = "chung") -> int:
    """The number the register would give now (shown before a clerk confirms; not reserved)."""
    found = conn.execute(select(register.c.next_so).where(
        (register.c.body_code == body_code) & (register.c.year == year) & (register.c.direction == direction) &
        (register.c.sequence == sequence))).scalar()
    return found or 1


def register_of(meta: dict, numbering: str) -> tuple[str, int, str] | None:
    """(body code, year, sequence) of a numbered document of ours, read from its own ký hiệu and
    date: '05/QĐ-STP' of 2026 → ('STP', 2026, 'chung'); None where the number, symbol or date is
    missing, or for a Party document (its own rules)."""
    from generator.rules import body_code_of

    so, code, date = meta.get("so"), meta.get("ky_hieu"), meta.get("date") or meta.get("issued_on")
    if so is None or not code or not date or meta.get("rule_set") == "dang":
        return None
    body = body_code_of(code)
    if not body:
        return None
    year = date.year if isinstance(date, dt.date) else int(str(date)[:4])
    return body, year, sequence_for(meta.get("kind") or "other", bool(meta.get("do_mat")), numbering)


def holder(conn: Connection, *, body_code: str, year: int, so: int, direction: str = "di",
           sequence: str = "chung") -> dict | None:
    """Who holds a number: {'document_id', 'status'}, or None where it is free."""
    row = conn.execute(select(register_entry.c.document_id, register_entry.c.status)
                       .join(register, register.c.id == register_entry.c.register_id)
                       .where((register.c.body_code == body_code) & (register.c.year == year) &
                              (register.c.direction == direction) & (register.c.sequence == sequence) &
                              (register_entry.c.so == so))).first()
    return dict(row._mapping) if row else None


def clash(held: dict, *, body_code: str, year: int, so: int, direction: str = "di") -> NumberClash:
    """The refusal for a number `holder` found held: who holds it, or that it was cancelled."""
    what = "đã hủy (số hủy không cấp lại)" if held["status"] == "cancelled" else \
        (f"đã cấp cho văn bản {held['document_id']}" if held["document_id"] else "đã cấp")
    return NumberClash(f"số {so:02d} trong sổ văn bản {'đi' if direction == 'di' else 'đến'} của {body_code} "
                       f"năm {year} {what}", held["document_id"])


def record_filed(conn: Connection, *, body_code: str, year: int, so: int, document_id: int, actor: str,
                 sequence: str = "chung", direction: str = "di") -> None:
    """Enter the number a document already carries; the counter moves past it if it is the highest."""
    if so < 1:
        raise RegisterError(f"số {so} không hợp lệ: số văn bản bắt đầu từ 01")
    rid = _register_id(conn, body_code, year, direction, sequence)
    held = conn.execute(select(register_entry.c.document_id, register_entry.c.status)
                        .where((register_entry.c.register_id == rid) & (register_entry.c.so == so))).first()
    if held is not None:
        if held.document_id == document_id and held.status == "taken":
            return
        raise clash(dict(held._mapping), body_code=body_code, year=year, so=so, direction=direction)
    conn.execute(insert(register_entry).values(register_id=rid, so=so, document_id=document_id, status="taken",
                                               at=_now(), by=actor, note="số của văn bản nạp vào kho"))
    conn.execute(update(register).where(register.c.id == rid).values(
        next_so=case((register.c.next_so <= so, so + 1), else_=register.c.next_so)))


def unentered(conn: Connection) -> list:
    """Numbered outgoing documents with no entry in any register (filed before registers knew them,
    or whose number clashed: those stay here, and `reconcile` says why)."""
    entered = select(register_entry.c.document_id).where(register_entry.c.document_id.is_not(None))
    return conn.execute(select(document.c.id, document.c.kind, document.c.so, document.c.ky_hieu,
                               document.c.issued_on, document.c.rule_set, document.c.do_mat)
                        .where((document.c.direction == "outgoing") & document.c.so.is_not(None) &
                               document.c.issued_on.is_not(None) & (document.c.rule_set != "dang") &
                               document.c.id.not_in(entered))
                        .order_by(document.c.id)).all()


def needs_reconcile(conn: Connection, numbering: str) -> bool:
    """Some numbered document of ours could be entered in its register now (its number is free)."""
    for r in unentered(conn):
        key = register_of(dict(r._mapping), numbering)
        if key and holder(conn, body_code=key[0], year=key[1], sequence=key[2], so=r.so) is None:
            return True
    return False


def reconcile(conn: Connection, numbering: str, actor: str = "vanthu") -> list[str]:
    """Enter in the registers the numbered outgoing documents filed before the registers knew them
    (archives made before this rule); returns what could not be entered (two documents, one number)."""
    rows = unentered(conn)
    problems = []
    for r in rows:
        key = register_of(dict(r._mapping), numbering)
        if key is None:
            continue
        try:
            with conn.begin_nested():
                record_filed(conn, body_code=key[0], year=key[1], sequence=key[2], so=r.so, document_id=r.id,
                             actor=actor)
        except NumberClash as exc:
            problems.append(f"văn bản {r.id}: {exc}")
    return problems
