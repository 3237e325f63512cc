"""The administrator's pages: the audit log with filters (who did what, when, to which document)."""
from __future__ import annotations

from flask import Blueprint, render_template, request

import archive
from archive import journal
from archive.dates import typed_date

from .labels import ACTION_NAMES

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 100


@bp.get("/nhat-ky")
def audit_log():
    from .archive_views import _ready

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
    page = int(args["trang"]) if args.get("trang", "").isdigit() and int(args["trang"]) > 0 else 1
    total, rows = 0, []
    with archive.reading() as conn:
        if not errors:
            total, rows = journal.entries(conn, actor=args.get("ai", "").strip() or None,
                                          action=args.get("viec") or None, start=dates["tu"], end=dates["den"],
                                          document_id=int(doc) if doc else None, limit=PER_PAGE,
                                          offset=(page - 1) * PER_PAGE)
        known = journal.actions(conn)
    return render_template("audit.html", rows=rows, total=total, page=page, per_page=PER_PAGE, errors=errors,
                           args=args, actions=known, action_names=ACTION_NAMES), (422 if errors else 200)
