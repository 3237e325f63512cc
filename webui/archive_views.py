"""The archive in the web: list with filters (/archive), upload with the extracted fields shown
for correction before filing (/archive/upload), a document's page (/documents/<id>), search
(/search).  Every rule lives in archive/ and index/; these views only call them."""
from __future__ import annotations

import datetime as dt
import json
import secrets
import shutil
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for
from sqlalchemy import select
from werkzeug.utils import secure_filename

import archive
import index
from archive.ingest import CORRECTABLE, ingest_file
from archive.schema import audit, citation, document, dossier, link, version

from .auth import actor as _actor  # who acts, for the audit (rounds_views uses it too)
from .labels import ACTION_NAMES, KIND_CHOICES

bp = Blueprint("archive_views", __name__)

PER_PAGE = 50
UPLOAD_SUFFIXES = (".docx", ".pdf", ".txt")
STATUS_NAMES = {"draft": "Dự thảo", "issued": "Đã ban hành", "received": "Văn bản đến", "archived": "Đã lưu trữ"}


def _ready() -> None:
    if not archive.is_initialised():
        archive.upgrade()


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _viewer():
    """What the signed-in user may not see, for archive.queries: secrets without clearance, other
    units' drafts (the rules: archive.rights, through webui.auth)."""
    from archive.queries import Viewer

    from .auth import hides_secrets, viewer_draft_unit

    return Viewer(hide_secrets=hides_secrets(), draft_unit=viewer_draft_unit())


def _visible(q):
    """Only what the signed-in user may see (a select over document; rounds_views uses it too)."""
    from archive.queries import visible_documents

    return visible_documents(q, _viewer())


def _seen_or_404(doc: dict | None) -> dict:
    from .auth import sees

    if doc is None or not sees(doc):  # 404, not 403: another unit's draft is not even said to exist
        abort(404, "Không có văn bản này trong kho.")
    return doc


@bp.get("/archive")
def archive_list():
    _ready()
    # the same rules as search (index/query.py): a wrong year or kind is said, not silently ignored
    try:
        checked = index.query_from_args({k: request.args.get(k, "") for k in ("kind", "status", "year", "page")})
        error = None
    except index.QueryError as exc:
        checked, error = index.Query(), str(exc)
    kind, status, year, page = checked.kind, checked.status, checked.year, checked.page
    from archive import queries

    filters, viewer = queries.Filters(kind=kind, status=status, year=year), _viewer()
    with archive.reading() as conn:
        total = queries.total(conn, filters, viewer)
        rows = queries.page_rows(conn, filters, viewer, page, PER_PAGE)
        kinds = queries.kind_counts(conn, viewer)
    return render_template("archive.html", rows=rows, total=total, page=page, per_page=PER_PAGE, kinds=kinds,
                           filters={"kind": kind, "status": status, "year": request.args.get("year") if error else year},
                           status_names=STATUS_NAMES, error=error), (422 if error else 200)


@bp.get("/documents/<int:doc_id>")
def document_page(doc_id: int, form_errors: dict | None = None):
    from archive import receipts

    from .auth import audit_secret, sees

    _ready()
    with archive.reading() as conn:
        doc = _seen_or_404(archive.get_document(conn, doc_id))
    audit_secret(doc, "secret.view")
    with archive.reading() as conn:
        receipt = receipts.get(conn, doc_id)
        answer = archive.get_document(conn, receipt["answer_document_id"]) \
            if receipt and receipt["answer_document_id"] else None
        revoked_by = archive.get_document(conn, doc["revoked_by_document_id"]) \
            if doc["revoked_by_document_id"] else None
        vers = archive.versions(conn, doc_id)
        cols = (link.c.type, document.c.so, document.c.ky_hieu, document.c.rule_set, document.c.trich_yeu,
                document.c.status, document.c.unit, document.c.do_mat)
        out_links = [r for r in conn.execute(select(link.c.to_id, *cols).join(document, document.c.id == link.c.to_id)
                                             .where(link.c.from_id == doc_id)) if sees(r)]
        in_links = [r for r in conn.execute(select(link.c.from_id, *cols).join(document, document.c.id == link.c.from_id)
                                            .where(link.c.to_id == doc_id)) if sees(r)]
        cites = conn.execute(select(citation.c.number, citation.c.basis).where(citation.c.document_id == doc_id)
                             .order_by(citation.c.id)).all()
        siblings = []
        if doc["dossier_id"]:
            title = conn.execute(select(dossier.c.title).where(dossier.c.id == doc["dossier_id"])).scalar()
            siblings = [r for r in conn.execute(select(document.c.id, document.c.dossier_pos, document.c.kind,
                                                       document.c.so, document.c.ky_hieu, document.c.rule_set,
                                                       document.c.status, document.c.unit, document.c.do_mat)
                                                .where(document.c.dossier_id == doc["dossier_id"])
                                                .order_by(document.c.dossier_pos)) if sees(r)]
        else:
            title = None
        trail = conn.execute(select(audit).where(audit.c.document_id == doc_id).order_by(audit.c.id)).all()
        from archive.schema import app_user

        names = dict(conn.execute(select(app_user.c.login, app_user.c.full_name)
                                  .where(app_user.c.login.in_({a.actor for a in trail}))).all())
    from archive.receipts import MEDIA, STATUSES as RECEIPT_STATUSES
    from archive.revoke import HOW
    from generator import load_settings
    from generator.rules import DO_KHAN

    return render_template("document.html", doc=doc, versions=vers, out_links=out_links, in_links=in_links,
                           cites=cites, siblings=siblings, dossier_title=title, trail=trail, status_names=STATUS_NAMES,
                           receipt=receipt, answer=answer, revoked_by=revoked_by, media=MEDIA,
                           receipt_statuses=RECEIPT_STATUSES, revoke_names=HOW, do_khan_choices=DO_KHAN,
                           settings=load_settings(), form_errors=form_errors or {}, today=dt.date.today(),
                           link_names=LINK_NAMES, action_names=ACTION_NAMES, names=names)



LINK_NAMES = {"cites": ("Dẫn tới", "Được dẫn bởi"), "replies_to": ("Trả lời", "Được trả lời bởi"),
              "replaces": ("Thay thế", "Bị thay thế bởi"), "recalls": ("Thu hồi", "Bị thu hồi bởi"),
              "can_cu": ("Căn cứ", "Là căn cứ của"), "implements": ("Thực hiện", "Được thực hiện bởi"),
              "attachment_of": ("Kèm theo", "Có kèm theo")}


@bp.get("/documents/<int:doc_id>/files/<sha>")
def document_file(doc_id: int, sha: str):
    """A file of one of the document's versions; nothing else is reachable through this address."""
    from .auth import audit_secret

    with archive.reading() as conn:
        doc = _seen_or_404(archive.get_document(conn, doc_id))
        rows = conn.execute(select(version).where(version.c.document_id == doc_id)).all()
    for v in rows:
        for col, ext, mime in (("docx_sha256", "docx", "application/vnd.openxmlformats-officedocument."
                                                     "wordprocessingml.document"),
                               ("pdf_sha256", "pdf", "application/pdf"), ("original_sha256", None, None)):
            if getattr(v, col) == sha:
                from archive import blobs

                name = v.original_name if col == "original_sha256" and v.original_name else f"van-ban-{doc_id}-v{v.n}.{ext}"
                audit_secret(doc, "secret.download", {"file": name, "version": v.n})
                return send_file(blobs.path_for(sha), as_attachment=True, download_name=name, mimetype=mime)
    abort(404, "Không có tệp này trong văn bản.")


# --- upload: read, show what was found, file after the clerk's corrections ----------------------

def _uploads() -> Path:
    path = Path(current_app.config["DATA_DIR"]) / "tmp" / "nap"
    path.mkdir(parents=True, exist_ok=True)
    return path


@bp.route("/archive/upload", methods=["GET", "POST"])
def upload():
    _ready()
    if request.method == "GET":
        return render_template("upload.html", step="chon")
    f = request.files.get("file")
    if f is None or not f.filename:
        return render_template("upload.html", step="chon", error="Chưa chọn tệp."), 422
    suffix = Path(f.filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return render_template("upload.html", step="chon", error="Chỉ nạp được tệp .docx, .pdf hoặc .txt."), 422
    token = secrets.token_urlsafe(12)
    folder = _uploads() / token
    folder.mkdir()
    path = folder / f"tep{suffix}"  # our own name; the client's name is only shown
    f.save(path)
    (folder / "name.json").write_text(json.dumps({"name": secure_filename(f.filename) or f"tep{suffix}",
                                                  "shown": f.filename}), encoding="utf-8")
    outcome = ingest_file(path, actor=_actor(), dry_run=True, name=f.filename)
    if outcome.status == "refused" and (outcome.reason or "").startswith("trùng số"):
        # a number its register already gave: let the clerk correct a misread, or file it as the signed copy
        return render_template("upload.html", step="sua", token=token, outcome=outcome, fields=CORRECTABLE,
                               error=f"{outcome.name}: {outcome.reason}", existing=outcome.document_ids,
                               clash=outcome.document_ids[:1]), 409
    if outcome.status == "refused":
        shutil.rmtree(folder, ignore_errors=True)
        return render_template("upload.html", step="chon", error=f"Không nạp được {outcome.name}: {outcome.reason}"), 422
    if outcome.status == "duplicate" and not outcome.same_number:  # the very same file: nothing to add
        shutil.rmtree(folder, ignore_errors=True)
        return render_template("upload.html", step="chon", error=f"{outcome.name}: {outcome.reason}",
                               existing=outcome.document_ids), 409
    dup = outcome if outcome.status == "duplicate" else None
    return render_template("upload.html", step="sua", token=token, outcome=outcome, fields=CORRECTABLE,
                           duplicate=dup, clash=dup.document_ids[:1] if dup else None)


@bp.post("/archive/upload/<token>")
def upload_confirm(token: str):
    if not token.replace("-", "").replace("_", "").isalnum():
        abort(404)
    folder = _uploads() / token
    files = list(folder.glob("tep.*")) if folder.is_dir() else []
    if not files:
        abort(404, "Phiên nạp này đã hết hạn; hãy chọn tệp lại.")
    names = json.loads((folder / "name.json").read_text(encoding="utf-8"))
    count = _int(request.form.get("count")) or 0
    corrections = [{k: request.form.get(f"{i}-{k}", "") for k in CORRECTABLE} for i in range(count)]
    allow = request.form.get("van_luu") == "1"
    signed_of = _int(request.form.get("ban_ky_cua"))
    if signed_of:
        from archive.ingest import attach_signed

        try:
            attach_signed(files[0], signed_of, actor=_actor(), name=names["shown"])
        except archive.StoreError as exc:
            preview = ingest_file(files[0], actor=_actor(), dry_run=True, name=names["shown"])
            return render_template("upload.html", step="sua", token=token, outcome=preview, fields=CORRECTABLE,
                                   error=str(exc), values=corrections, clash=[signed_of]), 422
        shutil.rmtree(folder, ignore_errors=True)
        index.drain()
        return redirect(url_for("archive_views.document_page", doc_id=signed_of), 303)
    try:
        from .auth import user_unit

        outcome = ingest_file(files[0], actor=_actor(), name=names["shown"], corrections=corrections,
                              allow_same_number=allow, unit=user_unit())
    except archive.StoreError as exc:
        preview = ingest_file(files[0], actor=_actor(), dry_run=True, name=names["shown"])
        return render_template("upload.html", step="sua", token=token, outcome=preview, fields=CORRECTABLE,
                               error=str(exc), values=corrections), 422
    if outcome.status == "duplicate" and outcome.same_number:  # corrected into a number already filed
        return render_template("upload.html", step="sua", token=token, outcome=outcome, fields=CORRECTABLE,
                               values=corrections, duplicate=outcome, clash=outcome.document_ids[:1]), 409
    if outcome.status == "refused" and (outcome.reason or "").startswith("trùng số"):  # corrected into a clash
        return render_template("upload.html", step="sua", token=token, outcome=outcome, fields=CORRECTABLE,
                               values=corrections, error=f"{outcome.name}: {outcome.reason}",
                               existing=outcome.document_ids, clash=outcome.document_ids[:1]), 409
    shutil.rmtree(folder, ignore_errors=True)
    if outcome.status != "filed":
        return render_template("upload.html", step="chon", error=f"{outcome.name}: {outcome.reason}",
                               existing=outcome.document_ids), 409
    index.drain()
    return redirect(url_for("archive_views.document_page", doc_id=outcome.document_ids[0]), 303)


# --- search ----------------------------------------------------------------------------------------

def query_from_args(args) -> index.Query:
    """Kept for callers of the web layer; the rules are in index/query.py."""
    return index.query_from_args(args)


FILTER_LABELS = {"kind": "Loại", "year": "Năm", "status": "Trạng thái", "issuing_body": "Cơ quan",
                 "signer": "Người ký", "cited": "Căn cứ", "from": "Từ ngày", "to": "Đến ngày"}


@bp.get("/search")
def search_page():
    _ready()
    error, results, q = None, None, index.Query()
    try:
        from .auth import viewer_draft_unit

        q = index.query_from_args(request.args)
        from .auth import viewer_sees_secrets

        q.draft_unit, q.see_secrets = viewer_draft_unit(), viewer_sees_secrets()
        if index.has_criteria(request.args):
            results = index.search(q)
    except index.QueryError as exc:
        error = str(exc)
    active = [(k, FILTER_LABELS[k], request.args.get(k)) for k in index.FILTER_KEYS if (request.args.get(k) or "").strip()]
    return render_template("search.html", q=q, results=results, args=request.args, status_names=STATUS_NAMES,
                           error=error, active=active, kinds=KIND_CHOICES), (422 if error else 200)
