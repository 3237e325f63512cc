"""The administrator's pages: people (roles, units, passwords, locks, the right to see secrets), the
office's units, the document templates, and the audit log with filters. Rules live in
archive/users.py, archive/units.py and generator/custom_templates.py; these views read the form, call
them and say what happened — every change is audited there."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

import archive
from archive import journal, units, users
from archive.dates import typed_date

from .auth import actor as _actor
from .labels import ACTION_NAMES

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 100


def _ready():
    if not archive.is_current():
        archive.upgrade()


@bp.get("/nhat-ky")
def audit_log():
    _ready()
    args, errors = request.args, {}
    dates = {}
    for key, label in (("tu", "Từ ngày"), ("den", "Đến ngày")):
        try:
            dates[key] = typed_date(args[key]) if args.get(key) else None
        except ValueError as exc:
            errors[key] = f"{label}: {exc}"
    doc = args.get("van_ban", "").strip()
    if doc and not doc.isdigit():
        errors["van_ban"] = "Văn bản: ghi số hiệu trong kho (một số nguyên)"
    page = int(args["trang"]) if args.get("trang", "").isdigit() and 0 < int(args["trang"]) < 10**9 else 1
    total, rows = 0, []
    with archive.reading() as conn:
        if not errors:
            total, rows = journal.entries(conn, actor=args.get("ai", "").strip() or None,
                                          action=args.get("viec") or None, start=dates["tu"], end=dates["den"],
                                          document_id=int(doc) if doc and len(doc) < 19 else None, limit=PER_PAGE,
                                          offset=(page - 1) * PER_PAGE)
        known = journal.actions(conn)
    return render_template("audit.html", rows=rows, total=total, page=page, per_page=PER_PAGE, errors=errors,
                           args=args, actions=known, action_names=ACTION_NAMES), (422 if errors else 200)


# --- people -----------------------------------------------------------------------------------------

def _people_page(form_errors: dict | None = None, status: int = 200):
    with archive.reading() as conn:
        people = users.listing(conn)
        cleared_roles = users.secret_roles(conn)
        listed = units.listing(conn)
    return render_template("admin_users.html", people=people, roles=users.ROLES, cleared_roles=cleared_roles,
                           units=listed, form_errors=form_errors or {}, min_password=users.MIN_PASSWORD), status


@bp.get("/nguoi-dung")
def people():
    _ready()
    return _people_page()


def _change(form_id: str, change, done: str, errors_field: str = "form"):
    """One change in one transaction; a refusal shown above the form it came from, nothing written."""
    _ready()
    try:
        with archive.writing() as conn:
            change(conn)
    except (users.UserError, units.UnitError) as exc:
        return None, {"form": form_id, "errors": {errors_field: str(exc)[:1].upper() + str(exc)[1:] + "."},
                      "values": request.form}
    flash(done, "ok")
    return True, None


@bp.post("/nguoi-dung")
def add_person():
    f = request.form
    if f.get("password", "") != f.get("password2", ""):
        return _people_page({"form": "them", "errors": {"password2": "Hai lần nhập mật khẩu không giống nhau."},
                             "values": f}, 422)
    ok, errors = _change("them", lambda conn: users.add(
        conn, login=f.get("login", ""), full_name=f.get("full_name", ""), role=f.get("role", ""),
        unit=f.get("unit") or None, password=f.get("password", ""), actor=_actor()),
        f"Đã thêm người dùng {f.get('login', '').strip().lower()}.")
    return redirect(url_for("admin.people"), 303) if ok else _people_page(errors, 422)


def _person_change(login: str, change, done: str):
    ok, errors = _change(f"nd-{login}", change, done)
    return redirect(url_for("admin.people", _anchor=f"nd-{login}"), 303) if ok else _people_page(errors, 422)


@bp.post("/nguoi-dung/<login>/vai-tro")
def person_role(login: str):
    f = request.form
    return _person_change(login, lambda conn: users.set_role(conn, login, f.get("role", ""), f.get("unit") or None,
                                                             _actor()), f"Đã đổi vai trò, đơn vị của {login}.")


@bp.post("/nguoi-dung/<login>/mat-khau")
def person_password(login: str):
    f = request.form
    if f.get("password", "") != f.get("password2", ""):
        return _people_page({"form": f"nd-{login}", "errors": {"form": "Hai lần nhập mật khẩu không giống nhau."},
                             "values": f}, 422)
    return _person_change(login, lambda conn: users.set_password(conn, login, f.get("password", ""), _actor()),
                          f"Đã đặt mật khẩu mới cho {login}; các phiên đăng nhập cũ của người này đã hết.")


@bp.post("/nguoi-dung/<login>/khoa")
def person_lock(login: str):
    active = request.form.get("active") == "1"
    return _person_change(login, lambda conn: users.set_active(conn, login, active, _actor()),
                          f"Đã {'mở khóa' if active else 'khóa'} {login}.")


@bp.post("/nguoi-dung/<login>/van-ban-mat")
def person_clearance(login: str):
    cleared = request.form.get("cleared") == "1"
    return _person_change(login, lambda conn: users.set_clearance(conn, login, cleared, _actor()),
                          f"{login}: {'được' if cleared else 'không còn được'} xem văn bản mật.")


@bp.post("/vai-tro-xem-mat")
def role_clearance():
    chosen = set(request.form.getlist("role"))

    def change(conn):
        for role in users.ROLES:
            users.set_role_clearance(conn, role, role in chosen, _actor())

    ok, errors = _change("vai-tro-mat", change, "Đã lưu các vai trò được xem văn bản mật.")
    return redirect(url_for("admin.people", _anchor="vai-tro-mat"), 303) if ok else _people_page(errors, 422)


# --- units ------------------------------------------------------------------------------------------

def _units_page(form_errors: dict | None = None, status: int = 200):
    with archive.reading() as conn:
        listed = units.listing(conn)
        members = {}
        for p in users.listing(conn):
            members[p["unit"]] = members.get(p["unit"], 0) + 1
    return render_template("admin_units.html", units=listed, members=members, form_errors=form_errors or {}), status


@bp.get("/don-vi")
def units_page():
    _ready()
    return _units_page()


@bp.post("/don-vi")
def add_unit():
    f = request.form
    ok, errors = _change("them-dv", lambda conn: units.add(conn, f.get("code", ""), f.get("name", ""), _actor()),
                         f"Đã thêm đơn vị {f.get('code', '').strip().upper()}.")
    return redirect(url_for("admin.units_page"), 303) if ok else _units_page(errors, 422)


@bp.post("/don-vi/<code>")
def change_unit(code: str):
    f = request.form
    if "active" in f:
        active = f["active"] == "1"
        change, done = (lambda conn: units.set_active(conn, code, active, _actor()),
                        f"Đã {'mở lại' if active else 'ngừng'} đơn vị {code}.")
    else:
        change, done = (lambda conn: units.rename(conn, code, f.get("name", ""), _actor()),
                        f"Đã đổi tên đơn vị {code}.")
    ok, errors = _change(f"dv-{code}", change, done)
    return redirect(url_for("admin.units_page", _anchor=f"dv-{code}"), 303) if ok else _units_page(errors, 422)


# --- templates --------------------------------------------------------------------------------------

def _templates_page(refused: dict | None = None, status: int = 200):
    from generator import custom_templates

    return render_template("admin_templates.html", items=custom_templates.status(),
                           refused=refused or {}, max_mb=custom_templates.MAX_BYTES // (1024 * 1024)), status


@bp.get("/mau")
def templates_page():
    _ready()
    return _templates_page()


@bp.get("/mau/<kind>.docx")
def template_sample(kind: str):
    """The template in use for `kind`, to start an office's own from."""
    from flask import abort, send_file

    from generator import custom_templates

    if kind not in custom_templates.KINDS:
        abort(404, "Không có mẫu này.")
    return send_file(custom_templates.active_path(kind), as_attachment=True, download_name=f"mau-{kind}.docx",
                     mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@bp.post("/mau/<kind>")
def template_upload(kind: str):
    from archive import store
    from generator import custom_templates

    _ready()
    upload = request.files.get("file")
    if kind not in custom_templates.KINDS:
        return _templates_page({"kind": kind, "message": f"Không thay được mẫu '{kind}'.", "problems": []}, 404)
    if upload is None or not upload.filename:
        return _templates_page({"kind": kind, "message": "Chọn tệp mẫu (.docx) để nạp.", "problems": []}, 422)
    data = upload.read(custom_templates.MAX_BYTES + 1)
    try:
        sha = custom_templates.install(kind, data)
    except custom_templates.TemplateError as exc:
        return _templates_page({"kind": kind, "message": f"Chưa nhận mẫu: {exc}.", "problems": exc.problems}, 422)
    with archive.writing() as conn:
        store.record_audit(conn, _actor(), "template.upload", None,
                           {"kind": kind, "file": upload.filename[:200], "sha256": sha})
    flash(f"Đã dùng mẫu mới cho {kind}: văn bản loại này soạn từ nay theo mẫu đã nạp.", "ok")
    return redirect(url_for("admin.templates_page", _anchor=f"mau-{kind}"), 303)


@bp.post("/mau/<kind>/mac-dinh")
def template_reset(kind: str):
    from archive import store
    from generator import custom_templates

    _ready()
    if custom_templates.reset(kind):
        with archive.writing() as conn:
            store.record_audit(conn, _actor(), "template.reset", None, {"kind": kind})
        flash(f"Đã dùng lại mẫu gốc của vanthu cho {kind} (mẫu của cơ quan vẫn được giữ).", "ok")
    return redirect(url_for("admin.templates_page", _anchor=f"mau-{kind}"), 303)
