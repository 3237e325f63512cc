"""Compose pages: /soan/<kind> shows the form of one kind; a valid post renders the document.

The result (DOCX, PDF, the input as JSON) is written into DATA_DIR/soan/<token>/,
every file atomically and meta.json last: a folder without meta.json is an
unfinished one and is never offered for download.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
from pathlib import Path

from flask import (Blueprint, abort, current_app, redirect, render_template, request, send_from_directory,
                   url_for)

import generator

from . import forms
from .auth import actor, user_unit
from .check import check_saved
from .labels import SEVERITY_WORDS, kind_name

bp = Blueprint("compose", __name__, url_prefix="/soan")

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
META = "meta.json"
INPUT_JSON = "du_lieu.json"


def data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def soan_dir() -> Path:
    return data_dir() / "soan"


def settings():
    return generator.load_settings(data_dir())


def resolve_kind(kind: str) -> str:
    normal = generator.normalise_kind(kind)
    if normal not in generator.GENERATED_KINDS:
        names = ", ".join(kind_name(k) for k in generator.GENERATED_KINDS)
        abort(404, f"Chưa soạn được loại văn bản “{kind}” trên web. Các loại soạn được: {names}.")
    return normal


def file_stem(doc: generator.Document) -> str:
    """ASCII-only name from the kind, number and date: 'cong_van-412-2026-02-05', 'to_trinh-du-thao-2026-12'."""
    number = str(doc.so) if doc.so is not None else "du-thao"
    d = doc.date
    if isinstance(d, dt.date):
        when = d.isoformat()
    else:
        when = f"{d.year}-{d.month:02d}" if d.month else str(d.year)
    return f"{doc.kind}-{number}-{when}"


def _write_json(path: Path, value) -> None:
    generator.write_atomic(path, json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8"))


def save_result(kind: str, doc: generator.Document, docx: bytes, data: dict, values: dict) -> str:
    """Write the files of one composed document; returns the token naming its folder."""
    token = secrets.token_urlsafe(18)
    folder = soan_dir() / token
    folder.mkdir(parents=True)
    try:
        docx_name = f"{file_stem(doc)}.docx"
        generator.write_atomic(folder / docx_name, docx)
        _write_json(folder / INPUT_JSON, data)  # the same input `vanthu generate` and the API take
        files, pdf_name, pdf_error = [docx_name, INPUT_JSON], None, None
        if current_app.config.get("PDF_EXPORT", True):
            try:
                pdf_name = generator.convert_to_pdf([folder / docx_name])[0].name
                files.append(pdf_name)
            except generator.PdfError as exc:
                # The Word file is whole and stays downloadable; only the PDF is missing.
                current_app.logger.warning("PDF export failed: %s", exc)
                pdf_error = str(exc)
        # The layout checker reads what was made before anyone downloads it; kept in meta so the
        # result page (reloaded, linked from the dashboard) never checks the same file twice.
        check = check_saved(folder / docx_name)
        # and the PDF as it prints: a page break can leave what the Word file cannot show (a signature
        # alone on a page, a page without its number)
        check_pdf = check_saved(folder / pdf_name) if pdf_name else None
        from archive.dates import far_warning

        warning = far_warning(doc.date, "Ngày ban hành") if isinstance(doc.date, dt.date) else None
        meta = {"kind": kind, "trich_yeu": doc.trich_yeu, "status": doc.status, "check": check,
                "check_pdf": check_pdf,
                "warnings": [warning] if warning else [],
                "created": dt.datetime.now().isoformat(timespec="seconds"),
                "docx": docx_name, "pdf": pdf_name, "pdf_error": pdf_error, "json": INPUT_JSON,
                "files": files, "values": values}
        _write_json(folder / META, meta)  # last: its presence means the folder is complete
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return token


def load_meta(token: str) -> dict | None:
    if not TOKEN.match(token):
        return None
    path = soan_dir() / token / META
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def recent_results(limit: int = 10) -> list[dict]:
    """The latest composed documents, newest first (for the dashboard)."""
    try:
        folders = [(p.stat().st_mtime, p.name) for p in soan_dir().iterdir() if TOKEN.match(p.name)]
    except OSError:
        return []
    out = []
    # Newest folders first, reading only as many meta.json files as are shown.
    for _mtime, name in sorted(folders, reverse=True):
        meta = load_meta(name)
        if meta:
            out.append({**meta, "token": name})
            if len(out) == limit:
                break
    return out


def render_form(kind: str, values: dict, errors: dict | None = None, status: int = 200):
    import archive
    from archive import units

    s = settings()
    errors = errors or {}
    groups = forms.grouped(kind)
    listed = []
    if archive.is_current():
        with archive.reading() as conn:
            listed = units.listing(conn, active_only=True)
    return render_template(
        "compose.html", kind=kind, groups=groups, values=values, errors=errors,
        top_errors=errors.get(forms.TOP, []), folded=forms.FOLDED,
        open_groups=forms.open_groups(groups, values, errors, kind),
        may_hold_secrets=s.may_hold_secrets, units=listed, placeholder=forms.placeholder,
    ), status


@bp.route("/<kind>", methods=["GET", "POST"])
def compose(kind: str):
    normal = resolve_kind(kind)
    if request.method == "GET":
        if normal != kind:  # 'to-trinh' → the one address of the page
            return redirect(url_for("compose.compose", kind=normal, **request.args), 308)
        values = forms.initial_values(settings())
        previous = load_meta(request.args.get("tu", ""))
        if previous and previous.get("kind") == normal:  # "Sửa tiếp" from a result page
            values.update(previous.get("values") or {})
        elif normal == "cong_van" and (request.args.get("tra_loi") or "").isdigit():
            values.update(reply_values(int(request.args["tra_loi"])))
        return render_form(normal, values)

    values = forms.read_values(request.form, normal)
    data, errors = forms.build_data(normal, values, sent=set(request.form))
    s = settings()
    try:  # the model refuses a Mật document where settings say this machine may not hold secrets
        doc = generator.load_document(data, normal, s)
    except generator.ValidationError as exc:
        forms.place_errors(exc.errors, normal, errors)
        doc = None
    if errors:
        return render_form(normal, values, errors, 422)
    try:
        docx = generator.render_bytes(doc)
    except generator.RenderError as exc:
        return render_form(normal, values, {forms.TOP: [str(exc)]}, 500)
    token = save_result(normal, doc, docx, data, values)
    return redirect(url_for("compose.result", token=token), 303)


def reply_values(letter_id: int) -> dict[str, str]:
    """A công văn answering a letter received: addressed to its body, its first line citing it by number
    (so that, once issued, the letter is recorded as answered)."""
    import archive
    from archive.rounds.letters import in_sentence
    from archive.store import number_text
    from generator.rules import date_words

    from .archive_views import _ready

    _ready()
    with archive.reading() as conn:
        letter = archive.get_document(conn, letter_id)
    if letter is None or letter["direction"] != "incoming":
        return {}
    number = number_text(letter["so"], letter["ky_hieu"], letter["rule_set"])
    kind = kind_name(letter["kind"])
    when = f" {date_words(dt.date.fromisoformat(letter['date']))}" if letter.get("date") else ""
    body = in_sentence(letter["issuing_body"]) if letter.get("issuing_body") else ""
    about = f" về {letter['trich_yeu'][:1].lower()}{letter['trich_yeu'][1:]}" if letter.get("trich_yeu") else ""
    ours = in_sentence(settings().issuing_body) if settings().issuing_body else ""
    return {"trich_yeu": f"trả lời {kind} số {number}",
            "kinh_gui": body,
            "noi_dung": f"Phúc đáp {kind} số {number}{when}{' của ' + body if body else ''}{about}, "
                        f"{ours or 'cơ quan'} có ý kiến như sau:\n"}


def csrf_failed_response():
    """The compose form again, with the clerk's text, when its CSRF token was missing or expired."""
    if request.method != "POST" or request.blueprint != bp.name or not request.view_args:
        return None
    kind = generator.normalise_kind(request.view_args.get("kind", ""))
    if kind not in generator.GENERATED_KINDS:
        return None
    message = ("Phiên làm việc đã hết hạn nên chưa soạn văn bản. Nội dung đã gõ vẫn còn dưới đây; "
               "hãy bấm “Soạn văn bản” lần nữa.")
    return render_form(kind, forms.read_values(request.form, kind), {forms.TOP: [message]}, 400)


@bp.get("/xong/<token>")
def result(token: str):
    meta = load_meta(token)
    if meta is None:
        abort(404, "Không tìm thấy kết quả soạn này (địa chỉ sai hoặc đã bị xóa).")
    return render_template("result.html", meta=meta, token=token, severity=SEVERITY_WORDS)


@bp.get("/tai/<token>/<name>")
def download(token: str, name: str):
    meta = load_meta(token)
    # Only the files the folder's meta.json lists; send_from_directory also refuses any path trick.
    if meta is None or name not in meta.get("files", []):
        abort(404, "Không tìm thấy tệp này.")
    return send_from_directory(soan_dir() / token, name, as_attachment=True)


@bp.post("/xong/<token>/luu")
def file_result(token: str):
    """File a composed document in the archive ("Lưu vào kho"): once, however often the button is pressed."""
    import os

    from flask import flash

    import archive
    import index

    from .archive_views import _ready

    meta = load_meta(token)
    if meta is None:
        abort(404, "Không tìm thấy kết quả soạn này (địa chỉ sai hoặc đã bị xóa).")
    if meta.get("document_id"):
        return redirect(url_for("archive_views.document_page", doc_id=meta["document_id"]), 303)
    folder = soan_dir() / token
    lock = folder / ".dang-luu"
    try:
        os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        flash("Văn bản này đang được lưu vào kho (bấm hai lần); tải lại trang sau giây lát.", "warning")
        return redirect(url_for("compose.result", token=token), 303)
    try:
        _ready()
        data = json.loads((folder / INPUT_JSON).read_text(encoding="utf-8"))
        try:
            doc_id = archive.file_draft(data, actor=actor(), kind=meta["kind"], settings=settings(), unit=user_unit())
        except (generator.ValidationError, archive.StoreError, archive.RegisterError) as exc:
            flash(f"Chưa lưu vào kho: {exc}", "warning")
            return redirect(url_for("compose.result", token=token), 303)
        _write_json(folder / META, {**meta, "document_id": doc_id})
    finally:
        lock.unlink(missing_ok=True)
    index.drain()
    flash("Đã lưu vào kho.", "ok")
    return redirect(url_for("archive_views.document_page", doc_id=doc_id), 303)
