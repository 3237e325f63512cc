"""The office's units (phòng, ban, văn phòng): kept in the archive and changed by the administrator,
every change audited. vanthu.toml's [[units]] only seeds a new archive, so there is one list."""
from __future__ import annotations

import re

from sqlalchemy import Connection, func, insert, select, update

from . import store
from .schema import unit

CODE_RE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9.-]{0,31}$")


class UnitError(ValueError):
    pass


def listing(conn: Connection, *, active_only: bool = False) -> list[dict]:
    q = select(unit).order_by(unit.c.created_at, unit.c.code)  # as listed in vanthu.toml, then as added
    if active_only:
        q = q.where(unit.c.active)
    return [dict(r._mapping) for r in conn.execute(q)]


def get(conn: Connection, code: str | None) -> dict | None:
    row = conn.execute(select(unit).where(unit.c.code == (code or "").strip().upper())).first()
    return dict(row._mapping) if row else None


def seed(conn: Connection, units: list[dict]) -> int:
    """On an archive with no units, take those of vanthu.toml; returns how many were taken."""
    if conn.execute(select(func.count()).select_from(unit)).scalar():
        return 0
    import datetime as dt

    taken, at = 0, store.now()
    for u in units:
        code = str(u.get("code", "")).strip().upper()
        if CODE_RE.match(code) and not get(conn, code):
            conn.execute(insert(unit).values(code=code, name=str(u.get("name") or code).strip(), active=True,
                                             created_at=at + dt.timedelta(microseconds=taken)))
            taken += 1
    return taken


def _name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise UnitError("cần tên đơn vị")
    if len(name) > 300:
        raise UnitError("tên đơn vị dài quá 300 ký tự")
    return name


def add(conn: Connection, code: str, name: str, actor: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise UnitError("mã đơn vị là chữ in hoa không dấu, số, '.' hoặc '-' (tối đa 32 ký tự), ví dụ VP")
    name = _name(name)
    if get(conn, code):
        raise UnitError(f"mã đơn vị '{code}' đã có")
    conn.execute(insert(unit).values(code=code, name=name, active=True, created_at=store.now()))
    store.record_audit(conn, actor, "unit.add", None, {"code": code, "name": name})
    return code


def rename(conn: Connection, code: str, name: str, actor: str) -> None:
    found = _existing(conn, code)
    name = _name(name)
    conn.execute(update(unit).where(unit.c.code == found["code"]).values(name=name))
    store.record_audit(conn, actor, "unit.rename", None, {"code": found["code"], "from": found["name"], "name": name})


def set_active(conn: Connection, code: str, active: bool, actor: str) -> None:
    """A unit closed keeps its drafts and people; new ones can no longer name it."""
    found = _existing(conn, code)
    conn.execute(update(unit).where(unit.c.code == found["code"]).values(active=active))
    store.record_audit(conn, actor, "unit.open" if active else "unit.close", None, {"code": found["code"]})


def _existing(conn: Connection, code: str) -> dict:
    found = get(conn, code)
    if found is None:
        raise UnitError(f"không có đơn vị '{(code or '').strip()}'")
    return found


def check_known(conn: Connection, code: str | None) -> str | None:
    """A user's unit: one of the open units (or none). Where the office has listed no units, any code."""
    code = (code or "").strip().upper() or None
    if code is None:
        return None
    units = listing(conn)
    if units and not any(u["code"] == code and u["active"] for u in units):
        raise UnitError(f"không có đơn vị '{code}' (đang hoạt động); xem danh sách đơn vị")
    return code
