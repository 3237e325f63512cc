"""The office's daily loop in the web: issue a draft (confirm the number it will take), take a
received letter into the sổ văn bản đến, record the leader's direction and the answer, recall or
replace an issued document, print the registers of Phụ lục IV.  Rules live in archive/; these
views read the form, call them and say what happened."""
from __future__ import annotations

import datetime as dt
import io

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)

import archive
import generator
import index
from archive import books, db, receipts
from archive.dates import far_warning, typed_date, written
from archive.revoke import HOW, RevokeError, revoke
from archive.store import find_named

from .auth import actor as _actor  # who acts, for the audit

bp = Blueprint("office", __name__)


def _settings():
    return generator.load_settings()


def _back(doc_id: int, anchor: str = ""):
    return redirect(url_for("archive_views.document_page", doc_id=doc_id) + anchor, 303)


class FormErrors(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _date(form, name: str, label: str, errors: dict, required: bool = False) -> dt.date | None:
    text = (form.get(name) or "").strip()
    if not text:
        if required:
            errors[name] = f"{label}: chưa điền (dd/mm/yyyy)"
        return None
    try:
        return typed_date(text)
    except ValueError as exc:
        errors[name] = f"{label}: {exc}"
        return None


def _failed(doc_id: int, errors: dict[str, str], form_id: str):
    """The document page again with the error summary above the form, each error linking to its field."""
    from .archive_views import document_page

    return document_page(doc_id, form_errors={"form": form_id, "errors": errors, "values": request.form}), 422


# --- issue ------------------------------------------------------------------------------------------

@bp.get("/documents/<int:doc_id>/issue")
def issue_confirm(doc_id: int):
    with db.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    if doc and doc["status"] != "draft" and doc["so"] is not None:  # Back after issuing: say what happened
        from archive.store import number_text

        flash(f"Văn bản này đã được cấp số {number_text(doc['so'], doc['ky_hieu'], doc['rule_set'])}.", "ok")
        return _back(doc_id)
    try:
        plan = archive.preview_issue(doc_id)
    except archive.IssueError as exc:
        abort(409, f"Chưa cấp số được: {exc}")
    with db.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    return render_template("issue_confirm.html", doc=doc, plan=plan)


@bp.post("/documents/<int:doc_id>/issue")
def issue(doc_id: int):
    expected = request.form.get("so")
    try:
        done = archive.issue_document(doc_id, actor=_actor(), pdf=current_app.config.get("PDF_EXPORT", True))
    except (archive.IssueError, archive.RegisterError) as exc:
        abort(409, f"Chưa cấp số: {exc}")
    index.drain()
    number = f"{done['so']:02d}/{done['ky_hieu']}"
    if expected and expected.isdigit() and int(expected) != done["so"]:
        flash(f"Số {int(expected):02d} vừa được cấp cho văn bản khác; văn bản này nhận số tiếp theo: {number}.",
              "warning")
    flash(f"Đã cấp số {number} ngày {written(done['date'])}.", "ok")
    if done.get("pdf_error"):
        flash(f"Chưa xuất được bản PDF: {done['pdf_error']} Bản Word đã ban hành vẫn tải về được.", "warning")
    return _back(doc_id)


# --- incoming ---------------------------------------------------------------------------------------

@bp.post("/documents/<int:doc_id>/receipt")
def receive(doc_id: int):
    form, errors = request.form, {}
    received_on = _date(form, "ngay_den", "Ngày đến", errors, required=True)
    deadline = _date(form, "han", "Thời hạn giải quyết", errors)
    if errors:
        return _failed(doc_id, errors, "vao-so")
    s = _settings()
    try:
        with db.writing() as conn:
            so_den = receipts.register_incoming(
                conn, doc_id, body_code=s.body_code or "CQ", received_on=received_on, actor=_actor(),
                medium=form.get("hinh_thuc") or "dien_tu", do_khan=form.get("do_khan") or None,
                recipient=form.get("nguoi_nhan", "").strip() or None, deadline=deadline,
                note=form.get("ghi_chu", "").strip() or None)
    except (receipts.ReceiptError, archive.RegisterError) as exc:
        return _failed(doc_id, {"ngay_den": str(exc)}, "vao-so")
    with db.reading() as conn:
        written_on = (archive.get_document(conn, doc_id) or {}).get("date")
    before = f"Ngày đến {received_on:%d/%m/%Y} trước ngày của chính văn bản ({written(written_on)}); xin soát lại." \
        if written_on and received_on.isoformat() < written_on else None
    for w in (far_warning(received_on, "Ngày đến", future_days=0), before,
              far_warning(deadline, "Thời hạn", past_days=0, future_days=365)):
        if w:
            flash(w, "warning")
    flash(f"Đã vào sổ văn bản đến: số đến {so_den:02d}, ngày đến {received_on:%d/%m/%Y}.", "ok")
    return _back(doc_id, "#den")


@bp.post("/documents/<int:doc_id>/receipt/direct")
def direct(doc_id: int):
    form, errors = request.form, {}
    deadline = _date(form, "han", "Thời hạn giải quyết", errors)
    if not form.get("chu_tri", "").strip():
        errors["chu_tri"] = "Chủ trì: cần ghi đơn vị hoặc người chủ trì giải quyết"
    if errors:
        return _failed(doc_id, errors, "phan-cong")
    try:
        with db.writing() as conn:
            receipts.direct(conn, doc_id, chu_tri=form["chu_tri"], phoi_hop=form.get("phoi_hop"), deadline=deadline,
                            chi_dao=form.get("chi_dao"), actor=_actor(), on=dt.date.today())
    except receipts.ReceiptError as exc:
        return _failed(doc_id, {"chu_tri": str(exc)}, "phan-cong")
    w = far_warning(deadline, "Thời hạn", past_days=0, future_days=365)
    if w:
        flash(w, "warning")
    flash("Đã ghi ý kiến phân công giải quyết.", "ok")
    return _back(doc_id, "#den")


@bp.post("/documents/<int:doc_id>/receipt/answer")
def answer(doc_id: int):
    text = request.form.get("tra_loi", "")
    try:
        with db.writing() as conn:
            answer_id = find_named(conn, text)
            if answer_id is None:
                raise receipts.ReceiptError(f"không tìm thấy văn bản “{text}” trong kho (ghi số/ký hiệu, "
                                            "ví dụ 415/STP-HCTP)")
            receipts.answer(conn, doc_id, answer_id, _actor())
    except receipts.ReceiptError as exc:
        return _failed(doc_id, {"tra_loi": str(exc)}, "tra-loi")
    index.drain()
    flash("Đã ghi văn bản trả lời.", "ok")
    return _back(doc_id, "#den")


@bp.post("/documents/<int:doc_id>/receipt/close")
def close(doc_id: int):
    try:
        with db.writing() as conn:
            receipts.close(conn, doc_id, note=request.form.get("ly_do", ""), actor=_actor())
    except receipts.ReceiptError as exc:
        return _failed(doc_id, {"ly_do": str(exc)}, "luu")
    flash("Đã lưu văn bản, không cần trả lời.", "ok")
    return _back(doc_id, "#den")


@bp.post("/documents/<int:doc_id>/receipt/reopen")
def reopen(doc_id: int):
    try:
        with db.writing() as conn:
            receipts.reopen(conn, doc_id, actor=_actor(), reason=request.form.get("ly_do_mo", ""))
    except receipts.ReceiptError as exc:
        return _failed(doc_id, {"ly_do_mo": str(exc)}, "mo-lai")
    flash("Đã mở lại: văn bản đến lại chờ giải quyết.", "ok")
    return _back(doc_id, "#den")


# --- recall and replacement ---------------------------------------------------------------------------

@bp.post("/documents/<int:doc_id>/revoke")
def revoke_view(doc_id: int):
    form, errors = request.form, {}
    on = _date(form, "ngay", "Ngày", errors) or dt.date.today()
    by = None
    by_text = form.get("boi", "").strip()
    with db.reading() as conn:
        if by_text:
            by = find_named(conn, by_text)
            if by is None:
                errors["boi"] = f"Văn bản thu hồi / thay thế: không tìm thấy “{by_text}” trong kho"
    if errors:
        return _failed(doc_id, errors, "thu-hoi")
    try:
        with db.writing() as conn:
            revoke(conn, doc_id, how=form.get("cach", ""), on=on, actor=_actor(), note=form.get("ly_do"),
                   by_document_id=by)
    except RevokeError as exc:
        return _failed(doc_id, {"boi": str(exc)}, "thu-hoi")
    index.drain()
    flash(f"Đã đánh dấu: {HOW[form['cach']].lower()}.", "ok")
    return _back(doc_id)


# --- registers ----------------------------------------------------------------------------------------

def _period(args, errors: dict) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    start = _date(args, "tu", "Từ ngày", errors) or dt.date(today.year, 1, 1)
    end = _date(args, "den", "Đến ngày", errors) or today
    if not errors and end < start:
        errors["den"] = "Đến ngày: trước ngày bắt đầu; hãy đổi lại khoảng ngày"
    return start, end


@bp.get("/registers")
def registers_page():
    errors: dict[str, str] = {}
    book = request.args.get("so", "den")
    if book not in books.BOOKS:
        errors["so"] = "Sổ: chọn sổ văn bản đi, sổ văn bản đến hoặc sổ theo dõi giải quyết"
        book = "den"
    start, end = _period(request.args, errors)
    rows = []
    if not errors:
        with db.reading() as conn:
            rows = books.rows(conn, book, start, end, generator.load_settings().body_code or None)
    title, columns = books.BOOKS[book]
    return render_template("registers.html", book=book, books=books.BOOKS, title=title, columns=columns, rows=rows,
                           start=start, end=end, errors=errors), (422 if errors else 200)


@bp.get("/registers/tai")
def register_download():
    """The download buttons of the register form: the book and dates as they stand on screen."""
    return register_file(request.args.get("so", ""), request.args.get("dang", ""))


@bp.get("/registers/<book>.<fmt>")
def register_file(book: str, fmt: str):
    if book not in books.BOOKS or fmt not in ("docx", "pdf"):
        abort(404, "Không có sổ này.")
    errors: dict[str, str] = {}
    start, end = _period(request.args, errors)
    if errors:
        abort(422, "; ".join(errors.values()))
    with db.reading() as conn:
        rows = books.rows(conn, book, start, end, generator.load_settings().body_code or None)
    s = _settings()
    title, columns = books.BOOKS[book]
    period = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    docx = generator.render_register(title=title, columns=columns, rows=rows, issuing_body=s.issuing_body,
                                     parent_body=s.parent_body, period=period)
    name = f"so-{book.replace('_', '-')}-{start:%Y%m%d}-{end:%Y%m%d}"
    if fmt == "docx":
        return send_file(io.BytesIO(docx), as_attachment=True, download_name=f"{name}.docx",
                         mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    try:
        pdf = generator.pdf_bytes(docx)
    except generator.PdfError as exc:
        abort(503, f"Chưa xuất được PDF: {exc}")
    return send_file(io.BytesIO(pdf), as_attachment=True, download_name=f"{name}.pdf", mimetype="application/pdf")
