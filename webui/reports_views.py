"""Periodic reports in the web: choose the period and the unit, see the figures (each one a link to
the documents behind it), write the narrative sections, and save the Báo cáo as a draft. Rules live
in archive/reports.py; the figures count only what the signed-in user may see."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

import archive
from archive import reports, units
from archive.dates import typed_date
from archive.periods import KINDS, PeriodError
from archive.schema import document
from generator.report import HANDLING, SECTIONS, TYPES

from .auth import actor as _actor

bp = Blueprint("reports_views", __name__, url_prefix="/reports")


def _ready():
    if not archive.is_current():
        archive.upgrade()


def _choice(args) -> tuple[dict, dict, dict | None]:
    """(the values chosen, errors by field, the compiled figures or None)."""
    from .archive_views import _visible

    today = dt.date.today()
    values = {"loai": args.get("loai") or "tong-hop", "ky": args.get("ky") or "6-thang",
              "nam": (args.get("nam") or str(today.year)).strip(), "thang": args.get("thang") or "",
              "quy": args.get("quy") or "", "tu": args.get("tu") or "", "den": args.get("den") or "",
              "don_vi": (args.get("don_vi") or "").strip().upper()}
    errors = {}
    if values["loai"] not in TYPES:
        errors["loai"] = "Chọn loại báo cáo."
    if values["ky"] not in KINDS:
        errors["ky"] = "Chọn kỳ báo cáo."
    year = int(values["nam"]) if values["nam"].isdigit() and len(values["nam"]) == 4 else None
    if year is None:
        errors["nam"] = "Năm báo cáo: bốn chữ số, ví dụ 2026."
    dates = {}
    for key, label in (("tu", "Từ ngày"), ("den", "Đến ngày")):
        try:
            dates[key] = typed_date(values[key]) if values[key] else None
        except ValueError as exc:
            errors[key] = f"{label}: {exc}"
    if errors:
        return values, errors, None
    n = None
    if values["ky"] in ("thang", "quy"):
        raw = values["thang" if values["ky"] == "thang" else "quy"]
        n = int(raw) if raw.isdigit() and len(raw) <= 2 else None
    try:
        p = reports.settings_period(values["ky"], year, n, start=dates["tu"], end=dates["den"])
        compiled = reports.compile_figures(p, unit=values["don_vi"] or None, visible=_visible)
    except PeriodError as exc:
        field = {"thang": "thang", "quy": "quy", "dot-xuat": "tu"}.get(values["ky"], "ky")
        if "đơn vị" in str(exc):
            field = "don_vi"
        return values, {field: str(exc)[:1].upper() + str(exc)[1:] + "."}, None
    return values, errors, compiled


def _page(values, errors, compiled, status=200, form_errors=None):
    with archive.reading() as conn:
        listed = units.listing(conn, active_only=True)
    return render_template("reports.html", values=values, errors=errors, compiled=compiled, kinds=KINDS,
                           types=TYPES, units=listed, sections=SECTIONS, handling=HANDLING,
                           form_errors=form_errors or {}, form=request.form), status


@bp.get("")
def reports_page():
    _ready()
    values, errors, compiled = _choice(request.args)  # no choice yet: this 6-month period
    return _page(values, errors, compiled, 422 if errors else 200)


def figure_at(figures: dict, path: str) -> dict | None:
    """'issued.by_kind.quyet_dinh' → that figure ({count, ids}); None if the path names none."""
    parts = path.split(".", 2)
    node = figures
    for p in parts:
        node = node.get(p) if isinstance(node, dict) else None
    return node if isinstance(node, dict) and "ids" in node else None


@bp.get("/van-ban")
def figure_documents():
    """The documents behind one figure: the same choice of period and unit, and the figure's path."""
    _ready()
    values, errors, compiled = _choice(request.args)
    found = figure_at(compiled["figures"], request.args.get("so_lieu", "")) if compiled else None
    if found is None:
        abort(404, "Không có số liệu này.")
    with archive.reading() as conn:
        rows = conn.execute(select(document.c.id, document.c.kind, document.c.so, document.c.ky_hieu,
                                   document.c.rule_set, document.c.trich_yeu, document.c.issued_on,
                                   document.c.issuing_body).where(document.c.id.in_(found["ids"]))
                            .order_by(document.c.issued_on, document.c.id)).all() if found["ids"] else []
    return render_template("report_documents.html", rows=rows, compiled=compiled, path=request.args["so_lieu"],
                           values=values)


@bp.post("")
def make_report():
    """Save the Báo cáo, with the sections written, as a draft; then its page."""
    _ready()
    values, errors, compiled = _choice(request.form)
    if errors or compiled is None:
        return _page(values, errors, compiled, 422)
    f = request.form
    signer = {"title": f.get("signer_title", "").strip(), "name": f.get("signer_name", "").strip()}
    data = reports.report_input(compiled, report_type=values["loai"],
                                sections={k: f.get(k, "") for k, _ in SECTIONS},
                                subject=f.get("subject", "").strip() or None,
                                signer=signer if signer["title"] or signer["name"] else None,
                                kinh_gui=[x.strip() for x in f.get("kinh_gui", "").splitlines() if x.strip()])
    import generator

    try:
        generator.load_document(data)
    except generator.ValidationError as exc:
        problems = {e.path: e.message for e in exc.errors}
        return _page(values, errors, compiled, 422, form_errors=problems)
    doc_id = reports.file_report(data, actor=_actor(), unit=compiled["unit"])
    flash(f"Đã lưu dự thảo báo cáo {compiled['period']['label']} vào kho.", "ok")
    return redirect(url_for("archive_views.document_page", doc_id=doc_id), 303)
