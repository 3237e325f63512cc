"""vanthu's web interface (Flask) and command line; no business rules live here.

`create_app()` reads like Flask's tutorial app (flaskr): configuration first,
then one blueprint per concern — `dashboard` ("/"), `compose` (the forms under
/soan/…) and `api` (JSON under /api/…).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import NotFound

csrf = CSRFProtect()

SECRET_KEY_FILE = "secret_key"


def load_secret_key(data_dir: Path) -> str:
    """The session key lives in the data folder so sessions (and CSRF tokens) survive a restart.

    Created on first start with mode 0600; published with a hard link so that two processes
    starting at once agree on one key instead of the second silently replacing the first."""
    path = data_dir / SECRET_KEY_FILE
    if not path.exists():
        tmp = data_dir / f".{SECRET_KEY_FILE}.{secrets.token_hex(8)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32))
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)  # fails if another process got there first: then use theirs
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: rename, still atomic
                if not path.exists():
                    os.replace(tmp, path)
        finally:
            if tmp.exists():
                os.unlink(tmp)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"Tệp khóa phiên {path} bị hỏng (quá ngắn); xóa tệp này để tạo lại.")
    return key


def create_app(test_config: dict | None = None) -> Flask:
    """Application factory, as in Flask's tutorial: configuration, then one blueprint per concern."""
    from generator import ensure_data_dir, office

    office.keep()  # a web server lives long: one kept LibreOffice for its single PDFs
    app = Flask(__name__)
    given = (test_config or {}).get("DATA_DIR")
    data_dir = ensure_data_dir(Path(given) if given else None)
    app.config.from_mapping(
        DATA_DIR=str(data_dir),
        # A form or JSON is a few hundred KB; a Word or PDF file to check, a few MB. Refuse more early.
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        # A clerk may keep a long form open for a working day before pressing "Soạn".
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        # Convert every composed document to PDF as well (LibreOffice, about 2 s); VANTHU_PDF_EXPORT=0 turns it off.
        PDF_EXPORT=os.environ.get("VANTHU_PDF_EXPORT", "1") != "0",
        # The session cookie: not readable by scripts, not sent on cross-site requests, over HTTPS
        # only where the office serves vanthu behind HTTPS (VANTHU_HTTPS=1); a working day long.
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("VANTHU_HTTPS") == "1",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
    )
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(data_dir)
    app.json.ensure_ascii = False  # Vietnamese messages readable in the JSON, not \u-escaped
    # an id in an address is a database integer: a larger one is no document (404), never an overflow
    app.url_map.converters["int"] = BoundedInt

    csrf.init_app(app)

    from . import auth

    auth.login_manager.init_app(app)
    app.register_blueprint(auth.bp)
    app.before_request(auth.guard)
    app.add_template_global(auth.may, "may")

    from . import admin_views, api, api_office, archive_views, check, compose, dashboard, office_views, reports_views, rounds_views  # noqa: F401,E501

    app.register_blueprint(dashboard.bp)
    app.register_blueprint(archive_views.bp)
    app.register_blueprint(office_views.bp)
    app.register_blueprint(admin_views.bp)
    app.register_blueprint(compose.bp)
    app.register_blueprint(check.bp)
    app.register_blueprint(rounds_views.bp)
    app.register_blueprint(reports_views.bp)
    app.register_blueprint(api.bp)
    # The API takes application/json, which a cross-site form cannot send without a CORS preflight
    # (which we never grant), so CSRF tokens are not needed there. The one multipart route,
    # POST /api/check, changes nothing and keeps nothing, and its answer is unreadable cross-site.
    csrf.exempt(api.bp)

    from .labels import KIND_CHOICES, META_LABELS, NAV_KINDS, kind_name, moment, vn_date

    @app.template_filter("combine_args")
    def combine_args(args: dict, key, value) -> dict:
        """The current query string with one key set (facet links, next page)."""
        return {**args, key: value, **({} if key == "page" else {"page": 1})}

    app.add_template_filter(vn_date, "ngay")
    app.add_template_filter(moment, "thoi_diem")
    from archive.where import said

    app.add_template_filter(said, "noi_doc")

    @app.template_filter("so_ky_hieu")
    def so_ky_hieu(row) -> str:
        """A document's number as written (archive.number_text), from a row or a dict."""
        from archive.store import number_text

        get = row.get if isinstance(row, dict) else lambda k: getattr(row, k, None)
        return number_text(get("so"), get("ky_hieu"), get("rule_set"))

    @app.context_processor
    def nav():
        from generator.rules import DO_KHAN, DO_MAT

        return {"nav_kinds": NAV_KINDS, "kind_name": kind_name, "meta_labels": META_LABELS,
                "kind_choices": KIND_CHOICES, "do_mat_choices": DO_MAT, "do_khan_choices": DO_KHAN}

    _register_errors(app)
    app.after_request(security_headers)
    return app


# What each header is for (README, "Signing in"): scripts and styles only from vanthu's own files
# (no inline script: an injected <script> or onclick= does not run); no page of vanthu inside another
# site's frame (a hidden "Cấp số" button cannot be clicked through); files are what their type says;
# no address of a document sent to another site.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def security_headers(resp):
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)
    return resp


from werkzeug.routing import IntegerConverter  # noqa: E402

MAX_ID = 2**63 - 1


class BoundedInt(IntegerConverter):
    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _error(status: int, message: str):
    if _wants_json():
        return jsonify({"errors": [{"field": "(gốc)", "message": message}]}), status
    return render_template("error.html", status=status, message=message), status


def _register_errors(app: Flask) -> None:
    from generator import SettingsError

    @app.errorhandler(404)
    def not_found(exc):
        # A view may abort(404, "…") with a precise Vietnamese message; keep it, else ours.
        message = exc.description if exc.description != NotFound.description else \
            "Không tìm thấy trang hoặc tệp này."
        return _error(404, message)

    @app.errorhandler(405)
    def not_allowed(exc):
        return _error(405, "Địa chỉ này không nhận cách gửi (phương thức) này.")

    @app.errorhandler(409)
    @app.errorhandler(422)
    @app.errorhandler(503)
    def refused(exc):  # a view's abort(409, "…") in Vietnamese, on our page rather than Werkzeug's
        return _error(exc.code, exc.description)

    @app.errorhandler(413)
    def too_large(exc):
        limit = app.config.get("MAX_CONTENT_LENGTH") or 0
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"
        return _error(413, f"Dữ liệu gửi lên quá lớn (tối đa {size} một lần gửi); "
                           "hãy gửi ít tệp hơn hoặc tệp nhỏ hơn.")

    @app.errorhandler(CSRFError)
    def csrf_failed(exc):
        from . import compose, rounds_views

        # On a compose form or a round's answer, give the page back with everything that was typed.
        kept = compose.csrf_failed_response() or rounds_views.csrf_failed_response()
        if kept is not None:
            return kept
        return _error(400, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang rồi gửi lại.")

    @app.errorhandler(SettingsError)
    def bad_settings(exc):
        return _error(500, f"{exc} Sửa tệp cài đặt rồi tải lại trang.")

    @app.errorhandler(500)
    def server_error(exc):
        return _error(500, "Lỗi hệ thống khi xử lý yêu cầu; chưa có tệp nào được tạo. Hãy thử lại hoặc báo quản trị.")
