"""Comment rounds in the web: /rounds (the rounds, and a form to open one) and /rounds/<id>, the
workspace — the draft by part on one side, the comments grouped by article on the other, each with
its response typed in place — plus the Bản tổng hợp ý kiến góp ý as a Word download.

Every rule lives in archive/rounds (and generator/ for the summary): these views call them and show
their refusals (RoundError, in Vietnamese) beside the form they concern, with status 422 and nothing
written; a write that succeeds redirects (303) back to the workspace, at the place it was made.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
import unicodedata
from pathlib import Path

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request,
                   url_for)
from sqlalchemy import select

import archive
import generator
from archive.rounds import (DRAFT_KINDS, QUY_CHE, QUYET_DINH, STATUS_WORDS, TOPICS, RoundError, add_comment,
                            add_reply, close_round, confirm_comment, delete_comment, draft_text, edit_comment,
                            edit_reply, get_round, list_rounds, open_round, parse_date, parse_draft, respond,
                            round_state, set_deadline, topic_code, topic_word)
from archive.schema import consultee, document
from generator.vntext import fold

from .api import DOCX_MIME
from .archive_views import UPLOAD_SUFFIXES, _actor, _ready
from .labels import kind_name

bp = Blueprint("rounds_views", __name__, url_prefix="/rounds")

ROUND_STATUS = {"open": "Đang lấy ý kiến", "closed": "Đã kết thúc"}
DOCUMENT_NAMES = {QUYET_DINH: "Dự thảo Quyết định", QUY_CHE: "Dự thảo Quy chế"}
TOPIC_NAMES = {"chung": "Ý kiến chung", "can_cu": "Căn cứ ban hành", "tham_quyen_ky": "Thẩm quyền ký",
               "the_thuc": "Thể thức, kỹ thuật trình bày"}
GROUP_BY = {"agency": "theo cơ quan góp ý", "article": "theo điều, khoản của dự thảo"}
# the summary's file name, in the words of the page: …-theo-co-quan.docx, …-theo-dieu.docx
GROUP_FILE = {"agency": "theo-co-quan", "article": "theo-dieu"}
MAX_FILES = 20
_ARTICLE = re.compile(r"^(Chương \S+|Điều \d+)")


def anchor(document_: str, target: str) -> str:
    """An ASCII id for a part of the draft ('quy_che', 'Điều 7 khoản 4' → 'quy_che-dieu-7-khoan-4'),
    so a comment can link to the text it names."""
    folded = fold(target).lower()
    return f"{document_}-" + re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _state_or_404(round_id: int) -> dict:
    _ready()
    try:
        if not round_visible(round_id):  # a round on a draft the viewer may not see is not said to exist
            raise RoundError(round_id)
        return round_state(round_id)
    except RoundError:  # round_state refuses only a round that does not exist
        abort(404, f"Không có vòng lấy ý kiến số {round_id}.")


def round_visible(round_id: int) -> bool:
    """The round's draft is one the signed-in user may see (archive_views._visible's rule)."""
    from archive.schema import comment_round

    from .archive_views import _visible

    with archive.reading() as conn:
        return conn.execute(_visible(select(comment_round.c.id).join(
            document, document.c.id == comment_round.c.draft_document_id).where(comment_round.c.id == round_id))
        ).first() is not None


def _draft_visible(doc_id: int) -> bool:
    """The document (a draft or any other) is one the signed-in user may see."""
    from .archive_views import _visible

    with archive.reading() as conn:
        return conn.execute(_visible(select(document.c.id).where(document.c.id == doc_id))).first() is not None


def visible_rounds() -> list[dict]:
    from .archive_views import _visible

    return list_rounds(_visible)


def _member_or_404(items: list[dict], item_id: int, what: str) -> dict:
    """A comment or letter of this round; another round's is not reachable through this address."""
    found = next((x for x in items if x["id"] == item_id), None)
    if found is None:
        abort(404, f"Không có {what} số {item_id} trong vòng lấy ý kiến này.")
    return found


def _back(round_id: int, at: str | None = None):
    return redirect(url_for("rounds_views.workspace", round_id=round_id, _anchor=at), 303)


# --- the list, and opening a round -------------------------------------------------------------

def _drafts() -> list[dict]:
    """The drafts a round may be opened on, newest first, as the select shows them."""
    from .archive_views import _visible

    with archive.reading() as conn:
        rows = conn.execute(_visible(select(document.c.id, document.c.kind, document.c.so, document.c.ky_hieu,
                                            document.c.rule_set, document.c.trich_yeu)
                                     .where((document.c.status == "draft") & document.c.kind.in_(DRAFT_KINDS))
                                     .order_by(document.c.id.desc()).limit(500))).all()
    return [dict(r._mapping) for r in rows]


def _list_page(errors: dict | None = None, values: dict | None = None, status: int = 200):
    return render_template("rounds.html", rounds=visible_rounds(), drafts=_drafts(), errors=errors or {},
                           values=values or {}, round_status=ROUND_STATUS), status


@bp.get("")
def rounds_list():
    _ready()
    return _list_page()


@bp.post("")
def open_view():
    """Each field is checked by the rule that owns it, so every error shows at once beside its field;
    open_round then refuses what only it can tell (a document that is not a draft)."""
    from archive.rounds import clean_agencies

    _ready()
    values = {k: request.form.get(k, "") for k in ("draft_id", "agencies", "deadline", "title", "previous_round_id")}
    errors: dict[str, str] = {}
    previous = values["previous_round_id"].strip() or None
    if previous is not None and (not previous.isdigit() or int(previous) not in {r["id"] for r in visible_rounds()}):
        errors["previous_round_id"] = f"Không có vòng lấy ý kiến số {previous}."
    raw_id = values["draft_id"].strip()
    if not raw_id.isdigit():
        errors["draft_id"] = "Chọn dự thảo (số văn bản trong kho)." if not raw_id else \
            f"'{raw_id}' không phải số văn bản trong kho."
    elif not _draft_visible(int(raw_id)):  # another unit's draft is not even said to exist
        errors["draft_id"] = f"không có văn bản số {raw_id} trong kho"  # as open_round says it
    agencies = values["agencies"].splitlines()
    if not clean_agencies(agencies):
        errors["agencies"] = "Cần ít nhất một cơ quan được lấy ý kiến (mỗi dòng một cơ quan)."
    try:
        parse_date(values["deadline"])
    except RoundError as exc:
        errors["deadline"] = str(exc)
    if not errors:
        try:
            rid = open_round(int(raw_id), agencies, values["deadline"], _actor(), title=values["title"] or None,
                             previous_round_id=int(previous) if previous else None)
        except RoundError as exc:  # what remains is about the document chosen (or carrying the round before)
            errors["draft_id" if previous is None else "form"] = str(exc)
    if errors:
        return _list_page(errors, values, 422)
    flash(f"Đã mở vòng lấy ý kiến số {rid}.")
    return _back(rid)


# --- the workspace -----------------------------------------------------------------------------

def _draft_tree(round_id: int):
    """The draft as it was sent (its text and the attached Quy chế as of the round's opening), parsed."""
    with archive.reading() as conn:
        r = get_round(conn, round_id)
        text = draft_text(conn, r.draft_document_id, r.draft_version, r.opened_at)
    draft = parse_draft(text) if text.strip() else None
    return draft if draft is not None and draft.documents else None


def _draft_order(draft) -> dict[tuple[str, str], int]:
    """Where each chapter, article, căn cứ and signature stands in the draft, top to bottom."""
    order: dict[tuple[str, str], int] = {}
    for doc in (QUYET_DINH, QUY_CHE):
        root = draft.documents.get(doc) if draft else None
        for p in root.walk() if root else ():
            if p.kind in ("chuong", "dieu", "can_cu", "tham_quyen_ky"):
                order.setdefault((doc, p.target), len(order))
    return order


def _group_of(c: dict) -> tuple[str, str]:
    """(document, article or topic) a comment is filed under: 'Điều 7 khoản 4 điểm a' → Điều 7."""
    target = c["target"]
    if target in ("chung", "the_thuc"):
        return "", target  # about a whole document: one group whichever document it names
    if target in TOPICS:
        return QUYET_DINH, target
    m = _ARTICLE.match(target)
    return c["document"], m.group(1) if m else "khoan"


def comment_groups(state: dict, draft) -> list[dict]:
    """The comments by article, in the draft's order: general comments first, layout last, articles the
    draft no longer has after them all."""
    order = _draft_order(draft)
    both = draft is not None and len(draft.documents) > 1
    groups: dict[tuple[str, str], dict] = {}
    for c in state["comments"]:
        key = _group_of(c)
        if key not in groups:
            doc, name = key
            label = TOPIC_NAMES.get(name) or ("Khoản, điểm không nêu điều" if name == "khoan" else name)
            if both and name not in TOPIC_NAMES:
                label += f" — {DOCUMENT_NAMES[doc].lower()}"
            in_draft = key in order
            groups[key] = {"key": key, "label": label, "comments": [], "in_draft": in_draft,
                           "part_anchor": anchor(doc, name) if in_draft else None,
                           "id": "g-" + anchor(doc or "chung", name)}
        groups[key]["comments"].append(c)

    def rank(g):
        doc, name = g["key"]
        if name == "chung":
            return (0, 0, "")
        if g["key"] in order:
            return (1, order[g["key"]], "")
        if name == "the_thuc":
            return (2, 0, "")
        num = re.search(r"\d+", name)
        return (3, int(num.group()) if num else 0, doc)
    return sorted(groups.values(), key=rank)


def _part_marks(state: dict) -> dict[str, dict]:
    """For each part of the draft a comment names (by its anchor): how many do, and the first of them,
    for the mark beside the part's text that leads to the comments."""
    out: dict[str, dict] = {}
    for c in state["comments"]:
        if c["part"]:
            mark = out.setdefault(anchor(c["document"], c["part"]["target"]), {"n": 0, "first": c["id"]})
            mark["n"] += 1
    return out


def _consultees(round_id: int) -> list[dict]:
    with archive.reading() as conn:
        rows = conn.execute(select(consultee.c.id, consultee.c.name).where(consultee.c.round_id == round_id)
                            .order_by(consultee.c.position)).all()
    return [{"id": r.id, "name": r.name} for r in rows]


def _workspace(round_id: int, errors: dict | None = None, typed: dict | None = None, status: int = 200):
    """The workspace page; `errors` and `typed` (by form id) put a refusal beside the form it concerns
    and keep what the person typed there."""
    state = _state_or_404(round_id)
    draft = _draft_tree(round_id)
    return render_template(
        "rounds_workspace.html", s=state, draft=draft, groups=comment_groups(state, draft),
        marks=_part_marks(state), letters={r["id"]: r for r in state["replies"]}, consultees=_consultees(round_id),
        errors=errors or {}, typed=typed or {},
        statuses=[(k, w[:1].upper() + w[1:]) for k, w in STATUS_WORDS.items()], topic_names=TOPIC_NAMES,
        document_names=DOCUMENT_NAMES, round_status=ROUND_STATUS, group_by=GROUP_BY, anchor=anchor,
        kind_name=kind_name, topic_word=topic_word, today=dt.date.today().strftime("%d/%m/%Y")), status


@bp.get("/<int:round_id>")
def workspace(round_id: int):
    return _workspace(round_id)


@bp.post("/<int:round_id>/comments/<int:comment_id>/response")
def respond_view(round_id: int, comment_id: int):
    _member_or_404(_state_or_404(round_id)["comments"], comment_id, "ý kiến góp ý")
    status, giai_trinh = request.form.get("status", ""), request.form.get("giai_trinh", "")
    form = f"response-{comment_id}"
    try:
        respond(comment_id, status, giai_trinh, _actor(), round_id=round_id)
    except RoundError as exc:
        return _workspace(round_id, {form: str(exc)}, {form: {"status": status, "giai_trinh": giai_trinh}}, 422)
    flash(f"Đã lưu ý kiến tiếp thu, giải trình cho ý kiến số {comment_id}.")
    return _back(round_id, f"y-{comment_id}")


def csrf_failed_response():
    """The workspace again, with the answer or correction the person typed, when the form's CSRF token
    had expired (a long giải trình is not lost to a stale page)."""
    if request.method != "POST" or request.blueprint != bp.name or not request.view_args:
        return None
    round_id, comment_id = request.view_args.get("round_id"), request.view_args.get("comment_id")
    if round_id is None or comment_id is None:
        return None
    message = "Phiên làm việc đã hết hạn nên chưa lưu. Nội dung đã gõ vẫn còn dưới đây; hãy bấm “Lưu” lần nữa."
    if request.endpoint == f"{bp.name}.respond_view":
        form = f"response-{comment_id}"
        typed = {"status": request.form.get("status", ""), "giai_trinh": request.form.get("giai_trinh", "")}
    elif request.endpoint == f"{bp.name}.edit_view":
        form, typed = f"edit-{comment_id}", _typed_comment()
    else:
        return None
    return _workspace(round_id, {form: message}, {form: typed}, 400)


def _typed_comment() -> dict:
    # browsers send textarea lines as CRLF; the archive keeps LF, so an untouched field compares equal
    return {k: request.form.get(k, "").replace("\r\n", "\n") for k in ("document", "target", "text", "proposed")}


@bp.post("/<int:round_id>/comments/<int:comment_id>/edit")
def edit_view(round_id: int, comment_id: int):
    c = _member_or_404(_state_or_404(round_id)["comments"], comment_id, "ý kiến góp ý")
    typed = _typed_comment()
    # only what the person changed goes to edit_comment, so the audit says exactly what was corrected
    # (a topic shown as its word and sent back unchanged is no change)
    changes = {k: v for k, v in typed.items() if v.strip() != (c[k] or "").strip()
               and not (k == "target" and topic_code(v) == c[k])}
    form = f"edit-{comment_id}"
    try:
        edit_comment(comment_id, _actor(), **changes)
    except RoundError as exc:
        return _workspace(round_id, {form: str(exc)}, {form: typed}, 422)
    flash(f"Đã sửa ý kiến số {comment_id}.")
    return _back(round_id, f"y-{comment_id}")


@bp.post("/<int:round_id>/comments/<int:comment_id>/confirm")
def confirm_view(round_id: int, comment_id: int):
    _member_or_404(_state_or_404(round_id)["comments"], comment_id, "ý kiến góp ý")
    confirm_comment(comment_id, _actor())
    return _back(round_id, f"y-{comment_id}")


@bp.post("/<int:round_id>/comments/<int:comment_id>/delete")
def delete_view(round_id: int, comment_id: int):
    c = _member_or_404(_state_or_404(round_id)["comments"], comment_id, "ý kiến góp ý")
    delete_comment(comment_id, _actor())
    flash(f"Đã xóa ý kiến số {comment_id} của {c['agency']} (vẫn ghi trong nhật ký).")
    return _back(round_id, "y-kien")


@bp.post("/<int:round_id>/replies/<int:reply_id>/comments")
def add_comment_view(round_id: int, reply_id: int):
    _member_or_404(_state_or_404(round_id)["replies"], reply_id, "văn bản góp ý")
    typed = _typed_comment()
    form = f"add-{reply_id}"
    try:
        cid = add_comment(reply_id, _actor(), typed["text"], target=typed["target"].strip() or "chung",
                          document=typed["document"] or QUY_CHE, proposed=typed["proposed"].strip() or None)
    except RoundError as exc:
        return _workspace(round_id, {form: str(exc)}, {form: typed}, 422)
    flash(f"Đã thêm ý kiến số {cid}.")
    return _back(round_id, f"y-{cid}")


@bp.post("/<int:round_id>/replies/<int:reply_id>/consultee")
def assign_view(round_id: int, reply_id: int):
    _member_or_404(_state_or_404(round_id)["replies"], reply_id, "văn bản góp ý")
    raw = request.form.get("consultee_id", "").strip()
    form = f"assign-{reply_id}"
    if not raw.isdigit():
        return _workspace(round_id, {form: "Chọn cơ quan đã gửi văn bản này."}, status=422)
    try:
        edit_reply(reply_id, _actor(), consultee_id=int(raw))
    except RoundError as exc:
        return _workspace(round_id, {form: str(exc)}, status=422)
    flash("Đã ghi cơ quan gửi văn bản góp ý.")
    return _back(round_id, "van-ban-gop-y")


def _safe_name(name: str, index: int) -> str:
    """The clerk's file name kept readable (Vietnamese letters stay) but harmless: no folders, no
    odd characters; it becomes the name the archive records for the original file."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^\w\- ]+", "_", unicodedata.normalize("NFC", stem)).strip(" ._")[:100]
    return f"{stem or f'tep-{index}'}{suffix}"


@bp.post("/<int:round_id>/replies")
def add_replies_view(round_id: int):
    """Letters in: files (filed through the ingest) and documents already in the archive. Each letter is
    its own transaction — taken whole or refused whole, with its reason — as `vanthu ingest` does."""
    _state_or_404(round_id)
    files = [f for f in request.files.getlist("files") if f and f.filename]
    raw_ids = request.form.get("document_ids", "")
    received = request.form.get("received", "").strip()
    typed = {"replies": {"document_ids": raw_ids, "received": received}}
    problems = []
    ids = re.split(r"[\s,;]+", raw_ids.strip()) if raw_ids.strip() else []
    bad = [x for x in ids if not x.isdigit()]
    if bad:
        problems.append(f"Số văn bản trong kho phải là số nguyên: {', '.join(bad)}.")
    if not files and not ids:
        problems.append("Chưa chọn tệp nào và chưa nhập số văn bản nào trong kho.")
    if len(files) > MAX_FILES:
        problems.append(f"Mỗi lần nhận tối đa {MAX_FILES} tệp.")
    wrong = [f.filename for f in files if Path(f.filename).suffix.lower() not in UPLOAD_SUFFIXES]
    if wrong:
        problems.append(f"Chỉ nhận tệp .docx, .pdf hoặc .txt: {', '.join(wrong)}.")
    try:
        day = parse_date(received) if received else None
    except RoundError as exc:
        problems.append(f"Ngày nhận: {exc}.")
    if problems:
        return _workspace(round_id, {"replies": " ".join(problems)}, typed, 422)

    added, refused = [], []
    folder = Path(current_app.config["DATA_DIR"]) / "tmp" / "gop-y" / secrets.token_urlsafe(12)
    folder.mkdir(parents=True)
    try:
        sources: list[tuple[str, object]] = []
        for i in ids:  # another unit's draft or a secret is not said to exist, nor read into the round
            if _draft_visible(int(i)):
                sources.append((f"văn bản số {i}", int(i)))
            else:
                refused.append(f"văn bản số {i}: không có văn bản số {i} trong kho")
        for n, f in enumerate(files, 1):
            sub = folder / str(n)  # one folder per file: two files of one name stay two files
            sub.mkdir()
            path = sub / _safe_name(f.filename, n)
            f.save(path)
            sources.append((f.filename, path))
        for shown, source in sources:
            try:
                added += add_reply(round_id, source, _actor(), received=day)
            except RoundError as exc:
                refused.append(f"{shown}: {exc}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not added:
        return _workspace(round_id, {"replies": "Chưa nhận được văn bản nào. " + " ".join(refused)}, typed, 422)
    numbers = {r["document_id"]: r["number"] for r in round_state(round_id)["replies"]}  # written one way everywhere
    for a in added:
        who = a["consultee"] or f"{a['agency'] or 'cơ quan chưa rõ'} (ngoài danh sách)"
        what = "thống nhất, không có ý kiến khác" if a["agrees_without_comment"] else f"{a['comments']} ý kiến"
        flash(f"Đã nhận văn bản {numbers.get(a['document_id'], '')} của {who}: {what}.")
    for r in refused:
        flash(f"Không nhận: {r}", "error")
    return _back(round_id, "van-ban-gop-y")


@bp.post("/<int:round_id>/deadline")
def deadline_view(round_id: int):
    _state_or_404(round_id)
    typed = request.form.get("deadline", "").strip()
    try:
        new = set_deadline(round_id, typed, _actor())
    except RoundError as exc:
        return _workspace(round_id, {"deadline": str(exc)}, {"deadline": {"deadline": typed}}, 422)
    flash(f"Đã sửa hạn góp ý thành {new.strftime('%d/%m/%Y')}.")
    return _back(round_id, "cong-van")


@bp.post("/<int:round_id>/close")
def close_view(round_id: int):
    _state_or_404(round_id)
    try:
        close_round(round_id, _actor())
    except RoundError as exc:
        return _workspace(round_id, {"close": str(exc)}, status=422)
    flash("Đã kết thúc vòng lấy ý kiến: không nhận thêm văn bản góp ý; vẫn ghi được ý kiến tiếp thu, giải trình.")
    return _back(round_id)


def _docx_download(body: bytes, filename: str):
    resp = Response(body, mimetype=DOCX_MIME)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def _letter_download(data: dict, filename: str):
    doc = generator.load_document(data, "cong_van", generator.load_settings())
    return _docx_download(generator.render_bytes(doc), filename)


@bp.get("/<int:round_id>/cong-van/xin-y-kien.docx")
def request_letter_view(round_id: int):
    """The công văn xin ý kiến as a draft Word file (the same as `vanthu round request`)."""
    from archive.rounds import request_letter

    _state_or_404(round_id)
    try:
        data = request_letter(round_id)
    except RoundError as exc:
        return _workspace(round_id, {"letters": f"Chưa tạo công văn: {exc}"}, status=422)
    return _letter_download(data, f"cong-van-xin-y-kien-vong-{round_id}.docx")


@bp.post("/<int:round_id>/cong-van/xin-y-kien")
def request_letter_file(round_id: int):
    """File the công văn xin ý kiến as a draft of the archive, to be numbered and issued from its page."""
    from archive.rounds import file_request, request_letter

    _state_or_404(round_id)
    name, title = request.form.get("signer_name", "").strip(), request.form.get("signer_title", "").strip()
    if not name or not title:
        return _workspace(round_id, {"letters": "Lưu công văn vào kho để ban hành cần chức vụ và họ tên người ký."},
                          status=422)
    try:
        data = request_letter(round_id, signer={"title": title, "name": name})
        doc_id = file_request(round_id, data, _actor())
    except RoundError as exc:
        return _workspace(round_id, {"letters": f"Chưa lưu công văn: {exc}"}, status=422)
    except generator.ValidationError as exc:
        return _workspace(round_id, {"letters": "Chưa lưu công văn: " + "; ".join(str(e) for e in exc.errors)},
                          status=422)
    flash("Đã lưu công văn xin ý kiến vào kho; cấp số và ban hành ở trang này.", "ok")
    return redirect(url_for("archive_views.document_page", doc_id=doc_id), 303)


@bp.get("/<int:round_id>/cong-van/don-doc.docx")
def reminder_letter_view(round_id: int):
    """The reminder to the agencies that have not replied (the same as `vanthu round remind`)."""
    from archive.rounds import reminder_letter

    _state_or_404(round_id)
    try:
        data = reminder_letter(round_id, new_deadline=request.args.get("han") or None)
    except RoundError as exc:
        return _workspace(round_id, {"letters": f"Chưa tạo công văn đôn đốc: {exc}"}, status=422)
    return _letter_download(data, f"cong-van-don-doc-vong-{round_id}.docx")


@bp.post("/<int:round_id>/summary")
def compile_view(round_id: int):
    """Compile the Bản tổng hợp (archive.rounds.compile_summary, as `vanthu round compile`): dated and
    kept with the round with its conclusion, signer, Nơi nhận and wording column, then sent as Word."""
    from archive.rounds import compile_summary
    from generator.summary import render_summary_bytes

    _state_or_404(round_id)
    f = request.form
    group_by = f.get("group_by", "agency")
    # what is left blank is archive.rounds.summary_signer's: the head's title for the body, a blank name
    signer = {k: v for k, v in (("title", f.get("signer_title", "").strip()), ("name", f.get("signer_name", "").strip()))
              if v}
    try:
        data, _notices = compile_summary(
            round_id, _actor(), on=f.get("ngay_tong_hop", "").strip() or None, group_by=group_by,
            ket_luan=f.get("ket_luan", ""), signer=signer or {},
            noi_nhan=[x for x in f.get("noi_nhan", "").splitlines() if x.strip()],
            cot_du_thao=f.get("cot_du_thao") == "1")
        body = render_summary_bytes(generator.load_summary(data))
    except RoundError as exc:
        return _workspace(round_id, {"compile": f"Chưa lập được bản tổng hợp: {exc}"}, {"compile": f.to_dict()}, 422)
    except generator.ValidationError as exc:
        message = "; ".join(str(e) for e in exc.errors)
        return _workspace(round_id, {"compile": f"Chưa lập được bản tổng hợp: {message}"}, {"compile": f.to_dict()},
                          422)
    return _docx_download(body, f"tong-hop-y-kien-vong-{round_id}-{GROUP_FILE.get(group_by, group_by)}.docx")


@bp.get("/<int:round_id>/summary")
def summary_view(round_id: int):
    """The Bản tổng hợp as a Word file, rendered in memory and sent; nothing is kept."""
    from archive.rounds import summary_data
    from generator.summary import render_summary_bytes

    _state_or_404(round_id)
    group_by = request.args.get("group_by", "agency")
    try:
        data, _notices = summary_data(round_id, group_by=group_by)
        body = render_summary_bytes(generator.load_summary(data))
    except RoundError as exc:
        return _workspace(round_id, {"summary": f"Chưa lập được bản tổng hợp: {exc}"}, status=422)
    except generator.ValidationError as exc:
        message = "; ".join(str(e) for e in exc.errors)
        return _workspace(round_id, {"summary": f"Chưa lập được bản tổng hợp: {message}"}, status=422)
    return _docx_download(body, f"tong-hop-y-kien-vong-{round_id}-{GROUP_FILE.get(group_by, group_by)}.docx")
