"""People who sign in: their roles, units and passwords (argon2), and the throttle on guessing.

A password is kept only as an argon2id hash (argon2-cffi's defaults, rehashed when they change).
Sign-in is refused for a while after too many failures for one login or from one address, so a
password cannot be guessed by trying; every attempt is recorded, every change of rights is audited.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets

from sqlalchemy import Connection, func, insert, select, update

from . import store
from .schema import app_user, login_attempt, secret_role

# The roles of the office (design.md, "Who uses it"), with what a clerk calls them.
ROLES = {"chuyen_vien": "Chuyên viên", "van_thu": "Văn thư", "lanh_dao": "Lãnh đạo", "phap_che": "Pháp chế",
         "admin": "Quản trị"}
MIN_PASSWORD = 10
LOGIN_RE = re.compile(r"^[a-z0-9._-]{2,64}$")
# At most this many failed attempts in the window, per login and per address, then wait out the window.
THROTTLE = {"per_login": 5, "per_remote": 20, "window": dt.timedelta(minutes=15)}


class UserError(ValueError):
    pass


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_password(password: str, login: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    if password.lower() == login.lower():
        raise UserError("mật khẩu không được trùng tên đăng nhập")


def public(row) -> dict:
    """A user without the hash."""
    m = dict(row._mapping)
    m.pop("password_hash", None)
    return m


def get(conn: Connection, user_id: int | None = None, login: str | None = None) -> dict | None:
    q = select(app_user).where(app_user.c.id == user_id) if user_id is not None else \
        select(app_user).where(app_user.c.login == (login or "").strip().lower())
    row = conn.execute(q).first()
    return public(row) if row else None


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(app_user)).scalar()


def listing(conn: Connection) -> list[dict]:
    return [public(r) for r in conn.execute(select(app_user).order_by(app_user.c.login))]


def add(conn: Connection, *, login: str, full_name: str, role: str, password: str, actor: str,
        unit: str | None = None) -> int:
    login = (login or "").strip().lower()
    if not LOGIN_RE.match(login):
        raise UserError("tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '_' hoặc '-' (2–64 ký tự)")
    if not (full_name or "").strip():
        raise UserError("cần họ và tên người dùng")
    if role not in ROLES:
        raise UserError(f"vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    _check_password(password, login)
    unit = _unit(conn, unit)
    if get(conn, login=login):
        raise UserError(f"tên đăng nhập '{login}' đã có")
    at = store.now()
    uid = conn.execute(insert(app_user).values(
        login=login, full_name=full_name.strip(), password_hash=_hasher().hash(password), role=role,
        unit=unit, active=True, created_at=at, password_changed_at=at)
        .returning(app_user.c.id)).scalar_one()
    store.record_audit(conn, actor, "user.add", None, {"login": login, "role": role, "unit": unit})
    return uid


def _unit(conn: Connection, code: str | None) -> str | None:
    from .units import UnitError, check_known

    try:
        return check_known(conn, code)
    except UnitError as exc:
        raise UserError(str(exc)) from None


def _existing(conn: Connection, login: str) -> dict:
    user = get(conn, login=login)
    if user is None:
        raise UserError(f"không có người dùng '{login}'")
    return user


def _admins(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(app_user).where(
        (app_user.c.role == "admin") & app_user.c.active)).scalar()


def set_role(conn: Connection, login: str, role: str, unit: str | None, actor: str) -> None:
    """A new role or unit; it holds from the user's next page (rights are read on every request)."""
    user = _existing(conn, login)
    if role not in ROLES:
        raise UserError(f"vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    if user["role"] == "admin" and role != "admin" and user["active"] and _admins(conn) <= 1:
        raise UserError("không bỏ vai trò của quản trị viên cuối cùng")
    unit = _unit(conn, unit) if (unit or None) != user["unit"] else user["unit"]
    if role == user["role"] and unit == user["unit"]:
        return
    conn.execute(update(app_user).where(app_user.c.id == user["id"]).values(role=role, unit=unit))
    store.record_audit(conn, actor, "user.role", None, {"login": user["login"], "from": user["role"], "role": role,
                                                       "from_unit": user["unit"], "unit": unit})


def secret_roles(conn: Connection) -> set[str]:
    return {r.role for r in conn.execute(select(secret_role.c.role))}


def set_role_clearance(conn: Connection, role: str, cleared: bool, actor: str) -> None:
    """Let every member of a role see documents marked Mật … (or no longer)."""
    if role not in ROLES:
        raise UserError(f"vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    had = role in secret_roles(conn)
    if had == cleared:
        return
    if cleared:
        conn.execute(insert(secret_role).values(role=role, granted_by=actor, granted_at=store.now()))
    else:
        conn.execute(secret_role.delete().where(secret_role.c.role == role))
    store.record_audit(conn, actor, "role.clearance", None, {"role": role, "secret_clearance": cleared})


def set_password(conn: Connection, login: str, password: str, actor: str) -> None:
    user = _existing(conn, login)
    _check_password(password, user["login"])
    conn.execute(update(app_user).where(app_user.c.id == user["id"]).values(
        password_hash=_hasher().hash(password), password_changed_at=store.now()))
    store.record_audit(conn, actor, "user.passwd", None, {"login": user["login"]})


def set_active(conn: Connection, login: str, active: bool, actor: str) -> None:
    user = _existing(conn, login)
    if not active and user["role"] == "admin" and user["active"] and _admins(conn) <= 1:
        raise UserError("không khóa được quản trị viên cuối cùng")
    conn.execute(update(app_user).where(app_user.c.id == user["id"]).values(active=active))
    store.record_audit(conn, actor, "user.enable" if active else "user.disable", None, {"login": user["login"]})


def set_clearance(conn: Connection, login: str, cleared: bool, actor: str) -> None:
    """Give or take the right to see documents marked Mật, Tối mật, Tuyệt mật (named users only)."""
    user = _existing(conn, login)
    conn.execute(update(app_user).where(app_user.c.id == user["id"]).values(secret_clearance=cleared))
    store.record_audit(conn, actor, "user.clearance", None, {"login": user["login"], "secret_clearance": cleared})


def _failures(conn: Connection, since: dt.datetime, *, login: str | None = None, remote: str | None = None) -> int:
    q = select(func.count()).select_from(login_attempt).where((login_attempt.c.at >= since) & ~login_attempt.c.ok)
    q = q.where(login_attempt.c.login == login) if login is not None else q.where(login_attempt.c.remote == remote)
    return conn.execute(q).scalar()


def authenticate(conn: Connection, login: str, password: str, remote: str | None = None) -> tuple[dict | None, str | None]:
    """(the user, None), or (None, the reason a clerk may be told — never whether the login exists).
    Never raises, so that the caller's transaction commits the attempt, failed ones above all."""
    login = (login or "").strip().lower()[:64]
    at = store.now()
    since = at - THROTTLE["window"]
    minutes = int(THROTTLE["window"].total_seconds() // 60)
    if _failures(conn, since, login=login) >= THROTTLE["per_login"] or \
            (remote and _failures(conn, since, remote=remote) >= THROTTLE["per_remote"]):
        conn.execute(insert(login_attempt).values(login=login, remote=remote, at=at, ok=False))
        return None, f"đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút"
    row = conn.execute(select(app_user).where(app_user.c.login == login)).first()
    from argon2.exceptions import InvalidHashError, VerificationError

    ok = False
    if row is not None:
        try:
            ok = _hasher().verify(row.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        _hasher().hash(secrets.token_hex(8))  # as slow as a real check: the answer does not tell who exists
    ok = ok and bool(row.active)
    conn.execute(insert(login_attempt).values(login=login, remote=remote, at=at, ok=ok))
    if not ok:
        return None, "tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa"
    if _hasher().check_needs_rehash(row.password_hash):
        conn.execute(update(app_user).where(app_user.c.id == row.id).values(password_hash=_hasher().hash(password)))
    return public(row), None


def first_admin(conn: Connection) -> tuple[str, str] | None:
    """On a new archive, an administrator to sign in with: (login, generated password); None if
    anyone exists already."""
    if count(conn):
        return None
    password = secrets.token_urlsafe(12)
    add(conn, login="admin", full_name="Quản trị viên", role="admin", password=password, actor="vanthu init")
    return "admin", password
