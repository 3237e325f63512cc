"""The office loop as JSON (the same archive calls as office_views): file a composed document,
preview and issue a number, the sổ văn bản đến, recall and replacement, the registers, what waits.

Every POST takes application/json (see api.py on why no CSRF token is needed); dates are written
dd/mm/yyyy or ISO; errors are {"errors": [{field, message}]} in Vietnamese."""
from __future__ import annotations

import datetime as dt

from flask import current_app, jsonify, request

import archive
import generator
from archive import books, db, receipts
from archive.dates import typed_date
from archive.revoke import RevokeError, revoke

from .api import bp, errors, read_json_body
from .auth import actor, user_unit


def _ready():
    from .archive_views import _ready as ready

    ready()


def _body():
    body, failed = read_json_body()
    return (body if isinstance(body, dict) else None), failed


def _dates(body: dict, names: dict[str, str]) -> tuple[dict, list]:
    out, bad = {}, []
    for key, label in names.items():
        text = body.get(key)
        if text in (None, ""):
            out[key] = None
            continue
        try:
            out[key] = typed_date(text)
        except ValueError as exc:
            bad.append((key, f"{label}: {exc}"))
    return out, bad


def _texts(body: dict, *keys: str) -> list:
    """Errors for any of `keys` given as something else than text."""
    return [(k, f"{k}: phải là chuỗi chữ") for k in keys if body.get(k) is not None and not isinstance(body[k], str)]


def _not_object():
    return errors(400, [("(gốc)", "Nội dung gửi lên phải là một đối tượng JSON.")])


@bp.post("/documents")
def file_document():
    """File a document composed from JSON (the input of `vanthu generate`): a draft, or one already numbered."""
    _ready()
    body, failed = _body()
    if failed:
        return failed
    if body is None:
        return _not_object()
    try:
        doc_id = archive.file_draft(body, actor=actor(), kind=body.get("kind"), unit=user_unit())
    except generator.ValidationError as exc:
        return errors(422, [(e.path, e.message) for e in exc.errors])
    except (archive.StoreError, archive.RegisterError) as exc:
        return errors(409, [("so", str(exc))])
    import index

    index.drain()
    return jsonify({"id": doc_id}), 201


@bp.get("/documents/<int:doc_id>/issue")
def issue_preview(doc_id: int):
    _ready()
    try:
        return jsonify(archive.preview_issue(doc_id))
    except archive.IssueError as exc:
        return errors(409, [("id", str(exc))])


@bp.post("/documents/<int:doc_id>/issue")
def issue(doc_id: int):
    _ready()
    _, failed = _body()  # JSON only: a cross-site form cannot send it (the API has no CSRF token)
    if failed:
        return failed
    try:
        done = archive.issue_document(doc_id, actor=actor(), pdf=current_app.config.get("PDF_EXPORT", True))
    except (archive.IssueError, archive.RegisterError) as exc:
        return errors(409, [("id", str(exc))])
    import index

    index.drain()
    return jsonify(done)


def _receipt_json(conn, doc_id: int):
    r = receipts.get(conn, doc_id)
    if r is None:
        return None
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in r.items()
            if k not in ("id",)}


@bp.get("/documents/<int:doc_id>/receipt")
def receipt_json(doc_id: int):
    _ready()
    with db.reading() as conn:
        found = _receipt_json(conn, doc_id)
    if found is None:
        return errors(404, [("id", f"văn bản {doc_id} chưa vào sổ văn bản đến")])
    return jsonify(found)


def _receipt_action(doc_id: int, *, texts: tuple[str, ...], dates: dict[str, str], field: str, act,
                    required: tuple[str, ...] = (), created: bool = False):
    """One receipt POST: JSON object checked (text fields, dates dd/mm/yyyy, required keys), then
    `act(conn, body, dates)` in one write transaction; the receipt as it stands after, or the refusal."""
    _ready()
    body, failed = _body()
    if failed:
        return failed
    if body is None:
        return _not_object()
    parsed, bad = _dates(body, dates)
    bad += _texts(body, *texts)
    bad += [(k, f"{dates.get(k, k)}: chưa điền") for k in required if not body.get(k)]
    if bad:
        return errors(422, bad)
    try:
        with db.writing() as conn:
            act(conn, body, parsed)
            found = _receipt_json(conn, doc_id)
    except (receipts.ReceiptError, archive.RegisterError) as exc:
        return errors(409, [(field, str(exc))])
    return jsonify(found), (201 if created else 200)


@bp.post("/documents/<int:doc_id>/receipt")
def receive(doc_id: int):
    body_code = generator.load_settings().body_code or "CQ"
    return _receipt_action(
        doc_id, texts=("ngay_den", "han", "hinh_thuc", "do_khan", "nguoi_nhan", "ghi_chu"),
        dates={"ngay_den": "Ngày đến", "han": "Thời hạn giải quyết"}, field="id", required=("ngay_den",),
        created=True, act=lambda conn, b, d: receipts.register_incoming(
            conn, doc_id, body_code=body_code, received_on=d["ngay_den"], actor=actor(),
            medium=b.get("hinh_thuc") or "dien_tu", do_khan=b.get("do_khan"), recipient=b.get("nguoi_nhan"),
            deadline=d["han"], note=b.get("ghi_chu")))


@bp.post("/documents/<int:doc_id>/receipt/direct")
def direct(doc_id: int):
    return _receipt_action(
        doc_id, texts=("han", "chu_tri", "phoi_hop", "chi_dao"), dates={"han": "Thời hạn giải quyết"},
        field="chu_tri", act=lambda conn, b, d: receipts.direct(
            conn, doc_id, chu_tri=b.get("chu_tri") or "", phoi_hop=b.get("phoi_hop"), deadline=d["han"],
            chi_dao=b.get("chi_dao"), actor=actor(), on=dt.date.today()))


@bp.post("/documents/<int:doc_id>/receipt/answer")
def answer(doc_id: int):
    payload = request.get_json(silent=True) if request.is_json else None
    if isinstance(payload, dict) and (not isinstance(payload.get("answer_id"), int) or
                                      isinstance(payload.get("answer_id"), bool) or
                                      not 0 < payload["answer_id"] < 2**63):
        return errors(422, [("answer_id", "cần số hiệu (id) của văn bản trả lời trong kho")])
    return _receipt_action(doc_id, texts=(), dates={}, field="answer_id",
                           act=lambda conn, b, _d: receipts.answer(conn, doc_id, b["answer_id"], actor()))


@bp.post("/documents/<int:doc_id>/receipt/close")
def close(doc_id: int):
    return _receipt_action(doc_id, texts=("ly_do",), dates={}, field="ly_do",
                           act=lambda conn, b, _d: receipts.close(conn, doc_id, note=b.get("ly_do") or "",
                                                                  actor=actor()))


@bp.post("/documents/<int:doc_id>/receipt/reopen")
def reopen(doc_id: int):
    return _receipt_action(doc_id, texts=("ly_do",), dates={}, field="ly_do",
                           act=lambda conn, b, _d: receipts.reopen(conn, doc_id, actor=actor(),
                                                                   reason=b.get("ly_do") or ""))


@bp.post("/documents/<int:doc_id>/revoke")
def revoke_json(doc_id: int):
    _ready()
    body, failed = _body()
    if failed:
        return failed
    if body is None:
        return _not_object()
    dates, bad = _dates(body, {"ngay": "Ngày"})
    bad += _texts(body, "ngay", "cach", "ly_do")
    if bad:
        return errors(422, bad)
    by = body.get("by_document_id")
    if by is not None and (not isinstance(by, int) or isinstance(by, bool) or not 0 < by < 2**63):
        return errors(422, [("by_document_id", "phải là số hiệu (id) của văn bản trong kho")])
    try:
        with db.writing() as conn:
            revoke(conn, doc_id, how=body.get("cach") or "", on=dates["ngay"] or dt.date.today(), actor=actor(),
                   note=body.get("ly_do"), by_document_id=by)
            doc = archive.get_document(conn, doc_id)
    except RevokeError as exc:
        return errors(409, [("cach", str(exc))])
    import index

    index.drain()
    return jsonify({k: doc[k] for k in ("id", "revoked", "revoked_on", "revoked_note", "revoked_by_document_id")})


@bp.get("/registers/<book>")
def register_rows(book: str):
    _ready()
    if book not in books.BOOKS:
        return errors(404, [("book", f"sổ '{book}' không có; có: {', '.join(books.BOOKS)}")])
    today = dt.date.today()
    dates, bad = _dates(request.args, {"tu": "Từ ngày", "den": "Đến ngày"})
    if bad:
        return errors(422, bad)
    start, end = dates["tu"] or dt.date(today.year, 1, 1), dates["den"] or today
    try:
        with db.reading() as conn:
            rows = books.rows(conn, book, start, end, generator.load_settings().body_code or None)
    except books.BookError as exc:
        return errors(422, [("den", str(exc))])
    title, columns = books.BOOKS[book]
    return jsonify({"book": book, "title": title, "start": start.isoformat(), "end": end.isoformat(),
                    "columns": list(columns), "rows": rows})


@bp.get("/waits")
def waits_json():
    """What the dashboard lists: drafts to issue, letters to register, late, due soon, rounds waiting."""
    from .dashboard import waits

    _ready()
    found = waits() or {}

    def plain(v):
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        return v

    return jsonify(plain(found))


def office_paths(error_list: dict) -> dict:
    """The OpenAPI paths of these routes (merged into api.openapi_spec)."""
    obj = {"type": "object"}
    json_body = lambda props, required=(): {"required": True, "content": {"application/json": {"schema": {  # noqa: E731
        "type": "object", "required": list(required), "properties": {k: {"type": t, "description": d}
                                                                     for k, (t, d) in props.items()}}}}}
    ok = lambda what: {"description": what, "content": {"application/json": {"schema": obj}}}  # noqa: E731
    doc_id = [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    return {
        "/api/documents": {"post": {
            "summary": "Lưu vào kho một văn bản soạn từ JSON (dự thảo, hoặc đã có số: số được ghi vào sổ)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Document"}}}},
            "responses": {"201": ok("{id}"), "409": {"description": "số đã cấp cho văn bản khác", **error_list},
                          "422": {"description": "dữ liệu chưa hợp lệ", **error_list}}}},
        "/api/documents/{doc_id}/issue": {
            "get": {"summary": "Số sẽ cấp nếu ban hành bây giờ (chưa lấy số)", "parameters": doc_id,
                    "responses": {"200": ok("{so, ky_hieu, date, body_code, sequence, year}"),
                                  "409": {"description": "không cấp số được", **error_list}}},
            "post": {"summary": "Cấp số, ghi ngày, dựng bản Word và PDF ban hành (phiên bản mới)", "parameters": doc_id,
                     "responses": {"200": ok("{id, so, ky_hieu, date, pdf, pdf_error}"),
                                   "409": {"description": "không phải dự thảo của cơ quan mình", **error_list}}}},
        "/api/documents/{doc_id}/receipt": {
            "get": {"summary": "Văn bản đến trong sổ: số đến, ngày đến, phân công, thời hạn, trả lời",
                    "parameters": doc_id, "responses": {"200": ok("receipt"),
                                                        "404": {"description": "chưa vào sổ", **error_list}}},
            "post": {"summary": "Vào sổ văn bản đến", "parameters": doc_id,
                     "requestBody": json_body({"ngay_den": ("string", "dd/mm/yyyy"),
                                               "hinh_thuc": ("string", "giay | dien_tu"),
                                               "do_khan": ("string", "KHẨN | THƯỢNG KHẨN | HỎA TỐC"),
                                               "nguoi_nhan": ("string", "đơn vị hoặc người nhận"),
                                               "han": ("string", "thời hạn giải quyết, dd/mm/yyyy"),
                                               "ghi_chu": ("string", "")}, ["ngay_den"]),
                     "responses": {"201": ok("receipt"), "409": {"description": "không vào sổ được", **error_list},
                                   "422": {"description": "ngày sai", **error_list}}}},
        "/api/documents/{doc_id}/receipt/direct": {"post": {
            "summary": "Ý kiến phân công: chủ trì, phối hợp, thời hạn", "parameters": doc_id,
            "requestBody": json_body({"chu_tri": ("string", ""), "phoi_hop": ("string", ""),
                                      "han": ("string", "dd/mm/yyyy"), "chi_dao": ("string", "")}, ["chu_tri"]),
            "responses": {"200": ok("receipt"), "409": {"description": "không ghi được", **error_list}}}},
        "/api/documents/{doc_id}/receipt/answer": {"post": {
            "summary": "Ghi văn bản trả lời (văn bản đi đã ban hành)", "parameters": doc_id,
            "requestBody": json_body({"answer_id": ("integer", "id của văn bản trả lời")}, ["answer_id"]),
            "responses": {"200": ok("receipt"), "409": {"description": "không ghi được", **error_list}}}},
        "/api/documents/{doc_id}/receipt/close": {"post": {
            "summary": "Lưu, không cần trả lời", "parameters": doc_id,
            "requestBody": json_body({"ly_do": ("string", "")}, ["ly_do"]),
            "responses": {"200": ok("receipt"), "409": {"description": "không ghi được", **error_list}}}},
        "/api/documents/{doc_id}/receipt/reopen": {"post": {
            "summary": "Mở lại văn bản đến đã ghi trả lời hoặc đã lưu (ghi nhầm)", "parameters": doc_id,
            "requestBody": json_body({"ly_do": ("string", "")}, ["ly_do"]),
            "responses": {"200": ok("receipt"), "409": {"description": "không mở lại được", **error_list}}}},
        "/api/documents/{doc_id}/revoke": {"post": {
            "summary": "Thu hồi hoặc thay thế (Điều 18): văn bản vẫn lưu, được đánh dấu", "parameters": doc_id,
            "requestBody": json_body({"cach": ("string", "thu_hoi | thay_the"),
                                      "by_document_id": ("integer", "văn bản thu hồi / thay thế"),
                                      "ngay": ("string", "dd/mm/yyyy"), "ly_do": ("string", "")}, ["cach"]),
            "responses": {"200": ok("{id, revoked, revoked_on, …}"),
                          "409": {"description": "không đánh dấu được", **error_list}}}},
        "/api/registers/{book}": {"get": {
            "summary": "Các dòng của sổ (Phụ lục IV): di, den, theo_doi, cho một khoảng ngày",
            "parameters": [{"name": "book", "in": "path", "required": True,
                            "schema": {"type": "string", "enum": list(books.BOOKS)}},
                           {"name": "tu", "in": "query", "schema": {"type": "string"}},
                           {"name": "den", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": ok("{book, title, start, end, columns, rows}"),
                          "422": {"description": "ngày sai", **error_list}}}},
        "/api/waits": {"get": {"summary": "Việc đang chờ (như trang chính)", "responses": {"200": ok("lists")}}},
    }
