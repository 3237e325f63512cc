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
    def __init__(self, row: dict, role_cleared: bool = False):
        self.row = row
        self.id = row["id"]
        self.login = row["login"]
        self.full_name = row["full_name"]
        self.role = row["role"]
        self.unit = row["unit"]
        # may see documents marked Mật …: cleared by name, or a member of a cleared role
        self.secret_clearance = bool(row.get("secret_clearance")) or role_cleared

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
            role_cleared = row is not None and row["role"] in users.secret_roles(conn)
    except DBAPIError:  # an archive not yet upgraded to hold users: nobody is signed in
        return None
    if row is None or not row["active"] or f"{row['password_changed_at'].timestamp():.6f}" != stamp:
        return None  # locked, or the password changed since: sign in again
    return User(row, role_cleared)


def actor() -> str:
    """Who does what, for the audit trail: the signed-in user's login ("web" with sign-in switched off)."""
    return current_user.login if current_user.is_authenticated else "web"


def guard():
    """Before every request: anonymous visitors sign in first (JSON routes answer 401)."""
    if current_app.config.get("LOGIN_DISABLED") or request.endpoint in PUBLIC or request.endpoint is None:
        return None
    if current_user.is_authenticated:
        action = action_of(request.endpoint, request.method)
        return None if may(action) else forbidden(action)
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


# The action of archive.rights each route needs. A route not listed is "read" if it only reads
# (GET); a route that changes something must be listed (tests/test_auth.py checks that none is missing).
ENDPOINT_ACTIONS = {
    "compose.compose": "compose", "compose.file_result": "compose", "api.file_document": "compose",
    "api.generate": "compose",
    "office.issue_confirm": "issue", "office.issue": "issue", "api.issue_preview": "issue", "api.issue": "issue",
    "office.revoke_view": "issue", "api.revoke_json": "issue",
    "archive_views.upload": "file", "archive_views.upload_confirm": "file", "office.receive": "file",
    "api.receive": "file", "office.answer": "file", "api.answer": "file", "office.close": "file",
    "api.close": "file", "office.reopen": "file", "api.reopen": "file",
    "office.direct": "direct", "api.direct": "direct",
    "rounds_views.open_view": "round", "rounds_views.add_replies_view": "round", "rounds_views.assign_view": "round",
    "rounds_views.close_view": "round", "rounds_views.deadline_view": "round",
    "rounds_views.request_letter_file": "round",
    "rounds_views.compile_view": "respond", "api.round_summary_json": "respond", "rounds_views.respond_view": "respond", "rounds_views.add_comment_view": "respond",
    "rounds_views.confirm_view": "respond", "rounds_views.delete_view": "respond", "rounds_views.edit_view": "respond",
    "admin.audit_log": "admin", "admin.people": "admin", "admin.add_person": "admin", "admin.person_role": "admin",
    "admin.person_password": "admin", "admin.person_lock": "admin", "admin.person_clearance": "admin",
    "admin.role_clearance": "admin", "admin.units_page": "admin", "admin.add_unit": "admin",
    "admin.change_unit": "admin", "admin.templates_page": "admin", "admin.template_upload": "admin",
    "admin.template_reset": "admin", "admin.template_sample": "admin",
    "reports_views.make_report": "compose",
    # reading, though sent by POST: the layout check keeps nothing; outline only parses text
    "check.check_page": "read", "api.check_file": "read", "api.outline": "read", "auth.logout": "read",
}


def action_of(endpoint: str | None, method: str) -> str:
    if endpoint in ENDPOINT_ACTIONS:
        return ENDPOINT_ACTIONS[endpoint]
    return "read" if method in ("GET", "HEAD", "OPTIONS") else "admin"  # unlisted writes: administrators only


def may(action: str) -> bool:
    """For the pages: may the signed-in user do this (everything with sign-in switched off)."""
    from archive.rights import may as role_may

    if current_app.config.get("LOGIN_DISABLED"):
        return True
    return current_user.is_authenticated and role_may(current_user.role, action)


def forbidden(action: str):
    from archive.rights import WHAT
    from archive.users import ROLES

    message = f"Vai trò {ROLES.get(current_user.role, current_user.role)} không được {WHAT[action]}."
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": "(gốc)", "message": message}]}), 403
    return render_template("error.html", status=403, message=message), 403


def viewer_draft_unit() -> str | None:
    """The unit whose drafts the signed-in user sees (None: all, also with sign-in switched off)."""
    from archive.rights import draft_unit

    if current_app.config.get("LOGIN_DISABLED") or not current_user.is_authenticated:
        return None
    return draft_unit(current_user.role, current_user.unit)


def sees(doc: dict) -> bool:
    """May the signed-in user see this document (a dict or row with status and unit)?"""
    from archive.rights import sees as rule

    if current_app.config.get("LOGIN_DISABLED"):
        return True
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    if get("do_mat") and hides_secrets():
        return False
    return current_user.is_authenticated and rule(current_user.role, current_user.unit, get("status"), get("unit"))


def audit_secret(doc: dict, what: str, detail: dict | None = None) -> None:
    """Every view and download of a document marked Mật … is written in the audit log, naming the person."""
    if not doc.get("do_mat"):
        return
    import archive
    from archive import store

    with archive.writing() as conn:
        store.record_audit(conn, actor(), what, doc["id"], {"do_mat": doc["do_mat"], **(detail or {})})


def viewer_sees_secrets() -> bool:
    """A named user given the clearance (`vanthu user clearance LOGIN --on`)."""
    return (not current_app.config.get("LOGIN_DISABLED") and current_user.is_authenticated
            and current_user.secret_clearance)


def hides_secrets() -> bool:
    """Documents marked Mật … are hidden from this viewer: where the installation holds them
    (may_hold_secrets) and the viewer has no clearance. Elsewhere they are register entries only
    (number, date, kind, who holds the paper), with nothing secret to hide."""
    import generator
    from flask import g

    if "hides_secrets" not in g:  # once per request: the settings file is read, not parsed per document
        g.hides_secrets = generator.load_settings().may_hold_secrets and not viewer_sees_secrets()
    return g.hides_secrets


def user_unit() -> str | None:
    return current_user.unit if current_user.is_authenticated else None
