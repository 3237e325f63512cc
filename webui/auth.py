"""Sign-in and sign-out (Flask-Login), and the rule that every page but the sign-in page, the static
files and the OpenAPI description asks an anonymous visitor to sign in.

The session names the user and the moment their password last changed, so a new password (or a
locked account) ends every session of the old one.  Rules about people live in archive/users.py.
"""
from __future__ import annotations

from flask import (Blueprint, current_app, flash, jsonify, redirect, render_template, request, session,
                   url_for)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.session_protection = "strong"

# Reachable without signing in.
PUBLIC = {"auth.login", "static", "api.openapi"}


class User(UserMixin):
    def __init__(self, row: dict):
        self.row = row
        self.id = row["id"]
        self.login = row["login"]
        self.full_name = row["full_name"]
        self.role = row["role"]
        self.unit = row["unit"]

    def get_id(self) -> str:
        return f"{self.id}:{self.row['password_changed_at'].timestamp():.6f}"


@login_manager.user_loader
def _load(value: str):
    import archive
    from archive import users

    uid, _, stamp = (value or "").partition(":")
    if not uid.isdigit() or not archive.is_initialised():
        return None
    from sqlalchemy.exc import DBAPIError

    try:
        with archive.reading() as conn:
            row = users.get(conn, int(uid))
    except DBAPIError:  # an archive not yet upgraded to hold users: nobody is signed in
        return None
    if row is None or not row["active"] or f"{row['password_changed_at'].timestamp():.6f}" != stamp:
        return None  # locked, or the password changed since: sign in again
    return User(row)


def actor() -> str:
    """Who does what, for the audit trail: the signed-in user's login ("web" with sign-in switched off)."""
    return current_user.login if current_user.is_authenticated else "web"


def guard():
    """Before every request: anonymous visitors sign in first (JSON routes answer 401)."""
    if current_app.config.get("LOGIN_DISABLED") or request.endpoint in PUBLIC or request.endpoint is None:
        return None
    if current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": "(gốc)", "message": "Cần đăng nhập trước (phiên làm việc)."}]}), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never another host ('//evil', 'https://…')."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("dashboard.index")


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    import archive
    from archive import users

    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(_safe_next(request.args.get("next")))
        return render_template("login.html", next=request.args.get("next", ""), login="")
    if not archive.is_current():
        archive.upgrade()
    name = request.form.get("login", "")
    with archive.writing() as conn:  # the attempt is recorded, failed or not (the throttle counts them)
        user, problem = users.authenticate(conn, name, request.form.get("password", ""), request.remote_addr)
    if user is None:
        return render_template("login.html", next=request.form.get("next", ""), login=name, error=problem), 401
    session.clear()  # a new session for the signed-in user, nothing carried from before
    login_user(User(user))
    flash(f"Xin chào {user['full_name']}.", "ok")
    return redirect(_safe_next(request.form.get("next")), 303)


@bp.post("/dang-xuat")
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"), 303)
