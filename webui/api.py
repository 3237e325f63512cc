"""The JSON API under /api/: the same generator the forms and the command line use."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from flask import Blueprint, Response, jsonify, request

import generator
from generator.model import FIELD_LABELS
from generator.structure import StructureError, outline_to_json

from .compose import file_stem, settings
from .labels import kind_name

bp = Blueprint("api", __name__, url_prefix="/api")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def errors(status: int, items: list[tuple[str, str]]):
    return jsonify({"errors": [{"field": f, "message": m} for f, m in items]}), status


def read_json_body():
    """The request's JSON object, or an error response (400) saying what is wrong with the body."""
    if not request.is_json:
        return None, errors(400, [("(gốc)", "Nội dung gửi lên phải là JSON (Content-Type: application/json).")])
    try:
        return json.loads(request.get_data(as_text=False).decode("utf-8-sig")), None
    except UnicodeDecodeError:
        return None, errors(400, [("(gốc)", "Nội dung gửi lên phải theo bảng mã UTF-8.")])
    except json.JSONDecodeError as exc:
        return None, errors(400, [("(gốc)", f"JSON không hợp lệ: dòng {exc.lineno}, cột {exc.colno}: {exc.msg}")])


def _attachment(body: bytes, name: str, mime: str) -> Response:
    resp = Response(body, mimetype=mime)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@bp.get("/kinds")
def kinds():
    return jsonify([{"kind": k, "name": kind_name(k)} for k in generator.GENERATED_KINDS])


@bp.post("/generate/<kind>")
def generate(kind: str):
    normal = generator.normalise_kind(kind)
    if normal not in generator.GENERATED_KINDS:
        return errors(404, [("kind", f"loại '{kind}' chưa soạn được; chọn một trong: "
                                     + ", ".join(generator.GENERATED_KINDS))])
    data, bad = read_json_body()
    if bad:
        return bad
    try:
        doc = generator.load_document(data, normal, settings())
    except generator.ValidationError as exc:
        return errors(422, [(e.path, e.message) for e in exc.errors])
    docx = generator.render_bytes(doc)
    stem = file_stem(doc)
    if request.args.get("pdf") not in ("1", "true"):
        return _attachment(docx, f"{stem}.docx", DOCX_MIME)
    # LibreOffice converts files, not bytes: a private temp folder, removed afterwards.
    with tempfile.TemporaryDirectory(prefix="vanthu-api-") as work:
        path = generator.write_atomic(Path(work) / f"{stem}.docx", docx)
        try:
            pdf = generator.convert_to_pdf([path])[0].read_bytes()
        except generator.PdfError as exc:
            return errors(503, [("(gốc)", f"Chưa xuất được PDF: {exc}")])
    return _attachment(pdf, f"{stem}.pdf", "application/pdf")


@bp.post("/outline")
def outline():
    """The outline reader of the compose forms: plain text → the JSON tree of `dieu`/`chuong`/`noi_dung`."""
    data, bad = read_json_body()
    if bad:
        return bad
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return errors(422, [("text", "cần trường text là chuỗi văn bản")])
    legal = data.get("legal", False)
    if not isinstance(legal, bool):
        return errors(422, [("legal", "phải là true hoặc false")])
    try:
        return jsonify(outline_to_json(data["text"], legal))
    except StructureError as exc:
        return errors(422, [(exc.path, exc.message)])


# --- OpenAPI (hand-written: it describes exactly the routes above) ---------------------------

def _document_schema() -> dict:
    text = {"type": "string"}
    lines = {"oneOf": [{"type": "array", "items": text}, {"type": "string", "description": "một dòng một mục"}]}
    tree = {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
    props = {
        "kind": {"type": "string", "enum": list(generator.GENERATED_KINDS)},
        "issuing_body": text, "parent_body": text, "body_code": text, "unit_code": text, "place": text,
        "so": {"type": ["integer", "null"], "minimum": 1, "maximum": 999999},
        "ky_hieu": text,
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "trich_yeu": text, "ve_viec": {"type": "boolean"},
        "kinh_gui": lines, "can_cu": lines, "theo_de_nghi": text, "tham_quyen": text,
        "dieu": tree, "noi_dung": {"type": "array", "items": {"oneOf": [text, {"$ref": "#/components/schemas/Node"}]}},
        "van_ban_kem_theo": {"$ref": "#/components/schemas/Attachment"},
        "noi_nhan": lines, "luu": lines, "so_ban_luu": {"type": "integer", "minimum": 1, "maximum": 99},
        "signer": {"$ref": "#/components/schemas/Signer"},
        "do_mat": {"type": "string", "enum": list(generator.rules.DO_MAT)},
        "do_khan": {"type": "string", "enum": list(generator.rules.DO_KHAN)},
    }
    for key, schema in props.items():
        if key in FIELD_LABELS and "$ref" not in schema:
            schema["description"] = FIELD_LABELS[key]
    return {"type": "object", "additionalProperties": False, "required": ["trich_yeu", "signer"],
            "properties": props}


def _round_schemas() -> dict:
    """The JSON of archive.rounds.list_rounds and round_state (names of interfaces.md and glossary §8)."""
    text, number, flag = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
    names = {"type": "array", "items": text}

    def maybe(schema: dict) -> dict:
        return {**schema, "type": [schema["type"], "null"]}

    day = {"type": "string", "format": "date"}
    response = {"type": ["object", "null"], "properties": {
        "status": {"type": "string", "enum": ["tiep_thu", "tiep_thu_mot_phan", "khong_tiep_thu", "ghi_nhan"]},
        "status_words": text, "giai_trinh": maybe(text), "by": text, "at": text}}
    comment = {"type": "object", "properties": {
        "id": number, "reply_id": number, "agency": text, "position": number,
        "document": {"type": "string", "enum": ["quyet_dinh", "quy_che"]},
        "target": {"type": "string", "description": "“Điều 7 khoản 4 điểm a”, hoặc chung, can_cu, tham_quyen_ky, "
                                                    "the_thuc"},
        "text": text, "proposed": maybe(text), "confirmed": flag,
        "part": {"type": ["object", "null"], "description": "phần dự thảo ý kiến nêu, với nội dung hiện tại",
                 "properties": {"target": text, "text": text}},
        "part_missing": {"type": "boolean", "description": "dự thảo không còn phần này"},
        "response": response}}
    reply_ = {"type": "object", "properties": {
        "id": number, "document_id": number, "consultee_id": maybe(number), "consultee": maybe(text),
        "agency": maybe(text), "so": maybe(number), "ky_hieu": maybe(text), "number": text,
        "received_on": day, "late": flag, "agrees_without_comment": flag, "comments": number}}
    counts = {"type": "object", "additionalProperties": number, "properties": {k: number for k in (
        "consulted", "replied", "agreed_without_comment", "with_comments", "not_replied", "overdue", "not_on_list",
        "letters", "comments", "answered", "unanswered", "unconfirmed")}}
    return {
        "RoundListItem": {"type": "object", "properties": {
            "id": number, "number": number, "title": maybe(text), "draft_document_id": number,
            "draft_version": number, "deadline": day, "status": {"type": "string", "enum": ["open", "closed"]},
            "consulted": number, "replied": number}},
        "RoundState": {"type": "object", "properties": {
            "id": number, "number": number, "previous_round_id": maybe(number), "title": maybe(text),
            "status": {"type": "string", "enum": ["open", "closed"]},
            "draft": {"type": "object", "properties": {"document_id": number, "version": number,
                                                       "number": maybe(text), "kind": maybe(text)}},
            "request_document_id": maybe(number), "deadline": day, "deadline_passed": flag,
            "opened_at": text, "opened_by": text, "closed_at": maybe(text),
            "consulted": names, "replied": names, "agreed_without_comment": names, "with_comments": names,
            "not_replied": names, "overdue": names, "not_on_list": names,
            "replies": {"type": "array", "items": reply_}, "comments": {"type": "array", "items": comment},
            "counts": counts}},
    }


def _office_paths(error_list: dict) -> dict:
    from .api_office import office_paths

    return office_paths(error_list)


def openapi_spec() -> dict:
    error_list = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "vanthu API", "version": "0.1.0",
                 "description": "Soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP. Mọi thông báo lỗi "
                                "bằng tiếng Việt, kèm tên trường."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/generate/{kind}": {"post": {
                "summary": "Soạn một văn bản từ JSON, trả về tệp Word (hoặc PDF với ?pdf=1)",
                "parameters": [
                    {"name": "kind", "in": "path", "required": True,
                     "description": "loại văn bản; viết quyet_dinh hay quyet-dinh đều được",
                     "schema": {"type": "string", "enum": list(generator.GENERATED_KINDS)}},
                    {"name": "pdf", "in": "query", "required": False,
                     "description": "1: trả PDF (xuất qua LibreOffice) thay cho DOCX",
                     "schema": {"type": "string", "enum": ["0", "1"]}},
                ],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Document"}}}},
                "responses": {
                    "200": {"description": "văn bản đã soạn", "content": {
                        DOCX_MIME: {"schema": {"type": "string", "contentMediaType": DOCX_MIME}},
                        "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}},
                    "400": {"description": "nội dung gửi lên không phải JSON", **error_list},
                    "404": {"description": "loại văn bản chưa soạn được", **error_list},
                    "413": {"description": "nội dung quá lớn (tối đa 20 MB)", **error_list},
                    "422": {"description": "dữ liệu chưa hợp lệ: một lỗi mỗi trường", **error_list},
                    "503": {"description": "không xuất được PDF (LibreOffice)", **error_list},
                },
            }},
            "/api/outline": {"post": {
                "summary": "Đọc dàn ý gõ tay (Điều 1. / 1. / a) hoặc I. / 1. / a)) thành cây JSON",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["text"],
                    "properties": {"text": {"type": "string"},
                                   "legal": {"type": "boolean", "description": "true: Điều/khoản/điểm "
                                             "(quyết định, quy chế); false: Mục/khoản/điểm"}}}}}},
                "responses": {
                    "200": {"description": "{dieu: […]} hoặc {chuong: […]} (legal) hoặc {noi_dung: […]}",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "400": {"description": "không phải JSON", **error_list},
                    "422": {"description": "thiếu hoặc sai trường", **error_list},
                },
            }},
            "/api/kinds": {"get": {
                "summary": "Các loại văn bản soạn được",
                "responses": {"200": {"description": "danh sách", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"type": "object", "properties": {
                        "kind": {"type": "string"}, "name": {"type": "string"}}}}}}}},
            }},
            "/api/check": {"post": {
                "summary": "Kiểm tra thể thức một tệp (.docx, .pdf, .txt) theo Nghị định 30; tệp không được lưu lại",
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["file"], "properties": {
                        "file": {"type": "string", "format": "binary",
                                 "description": "tệp .docx, .pdf hoặc .txt (UTF-8); mẫu docxtpl: chỉ .docx"},
                        "template": {"type": "string", "enum": ["0", "1"],
                                     "description": "1: kiểm tra như mẫu docxtpl (như vanthu check --template)"}}}}}},
                "responses": {
                    "200": {"description": "một phần tử của `vanthu check --json`",
                            "headers": {"X-Vanthu-Rules-Version": {"description": "phiên bản bộ quy tắc",
                                                                   "schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckReport"}}}},
                    "400": {"description": "không có tệp hoặc sai loại tệp", **error_list},
                    "413": {"description": "tệp quá lớn", **error_list},
                    "422": {"description": "không đọc được tệp: lý do ở trường error (findings rỗng)",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckReport"}}}},
                },
            }},
            "/api/check/rules": {"get": {
                "summary": "Bộ quy tắc thể thức",
                "responses": {"200": {"description": "như `vanthu check --rules --json`", "content": {
                    "application/json": {"schema": {"type": "object", "required": ["version", "rules"], "properties": {
                        "version": {"type": "string"},
                        "rules": {"type": "array", "items": {"type": "object", "properties": {
                            "rule": {"type": "string"},
                            "severity": {"type": "string", "enum": ["error", "warning", "notice"]},
                            "source": {"type": "string"}, "title": {"type": "string"}}}}}}}}}},
            }},
            "/api/search": {"get": {
                "summary": "Tìm văn bản trong kho (có dấu hoặc không dấu, số/ký hiệu, cụm từ)",
                "parameters": [{"name": n, "in": "query", "schema": {"type": "string"}} for n in
                               ("q", "kind", "year", "status", "issuing_body", "signer", "cited", "from", "to",
                                "sort", "page")],
                "responses": {"200": {"description": "{total, hits: [{id, kind, so, ky_hieu, trich_yeu, date, score, "
                                                     "snippet}], facets}",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
            "/api/documents/{doc_id}": {"get": {
                "summary": "Thông tin một văn bản trong kho (các khóa của interfaces.md)",
                "parameters": [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "metadata", "content": {"application/json": {
                                  "schema": {"type": "object"}}}},
                              "404": {"description": "không có", **error_list}},
            }},
            "/api/rounds": {"get": {
                "summary": "Các vòng lấy ý kiến góp ý dự thảo, mới nhất trước",
                "responses": {"200": {"description": "danh sách", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/RoundListItem"}}}}}},
            }},
            "/api/rounds/{round_id}": {"get": {
                "summary": "Tình hình một vòng lấy ý kiến: cơ quan được xin ý kiến, đã trả lời, thống nhất, chưa trả lời, "
                           "quá hạn, văn bản góp ý, từng ý kiến với phần dự thảo và ý kiến tiếp thu, giải trình",
                "parameters": [{"name": "round_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "round_state", "content": {"application/json": {
                                  "schema": {"$ref": "#/components/schemas/RoundState"}}}},
                              "404": {"description": "không có vòng này", **error_list}},
            }},
            "/api/rounds/{round_id}/summary": {"post": {
                "summary": "Lập Bản tổng hợp ý kiến góp ý của vòng (ghi ngày lập, kết luận, người ký, nơi nhận, cột "
                           "nội dung dự thảo vào vòng) và trả về tệp Word",
                "parameters": [{"name": "round_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                    "ngay_tong_hop": {"type": "string"}, "group_by": {"enum": ["agency", "article"]},
                    "title": {"type": "string"}, "ket_luan": {"type": "string"},
                    "signer": {"type": "object"}, "noi_nhan": {"type": "array", "items": {"type": "string"}},
                    "cot_du_thao": {"type": "boolean"}}}}}},
                "responses": {"200": {"description": "tệp Word", "content": {DOCX_MIME: {}}},
                              "404": {"description": "không có vòng này", **error_list},
                              "422": {"description": "dữ liệu sai", **error_list}},
            }},
            "/api/openapi.json": {"get": {
                "summary": "Tài liệu này",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
            **_office_paths(error_list),
        },
        "components": {"schemas": {
            "Document": _document_schema(),
            "Node": {"type": "object", "additionalProperties": False, "properties": {
                "tieu_de": {"type": "string"}, "text": {"type": "string"},
                "noi_dung": {"type": "array", "items": {"oneOf": [
                    {"type": "string"}, {"$ref": "#/components/schemas/Node"}]}}}},
            "Signer": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
                "name": {"type": "string"}, "title": {"type": "string"},
                "mode": {"type": "string", "enum": list(generator.rules.AUTHORITY_MODES)},
                "head_title": {"type": "string"}, "collective": {"type": "string"}}},
            "Attachment": {"type": "object", "additionalProperties": False,
                           "required": ["kind", "trich_yeu", "cua"], "properties": {
                               "kind": {"type": "string", "enum": ["quy_che", "quy_dinh"]},
                               "trich_yeu": {"type": "string"}, "cua": {"type": "string"},
                               "chuong": {"type": "array", "items": {"type": "object", "properties": {
                                   "tieu_de": {"type": "string"},
                                   "dieu": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}},
                               "dieu": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
            "CheckReport": {"type": "object", "required": ["path", "rule_set", "findings"], "properties": {
                "path": {"type": "string", "description": "tên tệp đã gửi (đã làm sạch)"},
                "rule_set": {"type": "string", "enum": ["nd30", "vbqppl", "dang", "unknown", "template"]},
                "error": {"type": "string", "description": "lý do không đọc được tệp (tiếng Việt)"},
                "findings": {"type": "array", "items": {"type": "object",
                                                        "required": ["rule", "severity", "where", "message"],
                                                        "properties": {
                    "rule": {"type": "string"}, "severity": {"type": "string", "enum": ["error", "warning", "notice"]},
                    "where": {"type": "string"}, "message": {"type": "string"}}}}}},
            **_round_schemas(),
            "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {
                "type": "array", "items": {"type": "object", "required": ["field", "message"], "properties": {
                    "field": {"type": "string", "description": "đường dẫn trường, ví dụ signer.name, kinh_gui[1]"},
                    "message": {"type": "string", "description": "thông báo tiếng Việt"}}}}}},
        }},
    }


@bp.post("/check")
def check_file():
    """One uploaded file → exactly one item of `vanthu check --json` (Report.as_json())."""
    from generator import checker

    from .check import check_uploads

    f = request.files.get("file")
    if f is None or not f.filename:
        return errors(400, [("file", "cần gửi một tệp trong trường 'file' (multipart/form-data)")])
    as_template = request.form.get("template", "") in ("1", "true", "on")
    reports, refused = check_uploads([f], as_template)
    if refused:
        return errors(400, [("file", refused[0])])
    item = reports[0]
    out = {k: item[k] for k in ("path", "rule_set", "findings")}
    if item.get("error"):
        out["error"] = item["error"]
    # 422 when the file could not be read at all (the command line exits 2), as the /check page
    resp = jsonify(out)
    resp.status_code = 422 if item.get("error") else 200
    resp.headers["X-Vanthu-Rules-Version"] = checker.VERSION
    return resp


@bp.get("/check/rules")
def check_rules():
    from generator import checker

    return jsonify({"version": checker.VERSION, "rules": checker.rules_table()})


@bp.get("/search")
def search():
    """Hits best first (id, kind, so, ky_hieu, trich_yeu, date, score, snippet) and facets."""
    import index

    from .archive_views import _ready

    _ready()
    from .auth import viewer_draft_unit

    try:
        q = index.query_from_args(request.args)
    except index.QueryError as exc:
        return errors(422, [("(truy vấn)", str(exc))])
    from .auth import viewer_sees_secrets

    q.draft_unit, q.see_secrets = viewer_draft_unit(), viewer_sees_secrets()
    return jsonify(index.search(q))


@bp.get("/documents/<int:doc_id>")
def document_json(doc_id: int):
    import archive

    from .archive_views import _ready

    _ready()
    from .auth import audit_secret, sees

    with archive.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    if doc is None or not sees(doc):
        return errors(404, [("id", f"không có văn bản {doc_id} trong kho")])
    audit_secret(doc, "secret.view", {"via": "api"})
    return jsonify({k: doc[k] for k in ("id", *archive.META_KEYS, "direction", "dossier_id", "dossier_pos",
                                       "current_version")})


@bp.get("/rounds")
def rounds_json():
    """Every comment round the viewer may see, newest first, with its counts (archive.rounds.list_rounds)."""
    from .archive_views import _ready

    from .rounds_views import visible_rounds

    _ready()
    return jsonify(visible_rounds())


@bp.post("/rounds/<int:round_id>/summary")
def round_summary_json(round_id: int):
    """Compile the round's Bản tổng hợp (archive.rounds.compile_summary, as the workspace's form and
    `vanthu round compile`): JSON {ngay_tong_hop, group_by, title, ket_luan, signer: {title, name},
    noi_nhan: [...], cot_du_thao}, every key optional; answers the Word file."""
    from archive.rounds import RoundError, compile_summary
    from generator.summary import render_summary_bytes

    from .archive_views import _actor, _ready
    from .rounds_views import round_visible

    _ready()
    body, bad = read_json_body()
    if bad:
        return bad
    if not isinstance(body, dict):
        return errors(400, [("(gốc)", "Nội dung gửi lên phải là một đối tượng JSON {…}")])
    unknown = sorted(set(body) - {"ngay_tong_hop", "group_by", "title", "ket_luan", "signer", "noi_nhan", "cot_du_thao"})
    if unknown:
        return errors(422, [(k, "trường không được hỗ trợ (gõ nhầm tên trường?)") for k in unknown])
    if not round_visible(round_id):
        return errors(404, [("round_id", f"không có vòng lấy ý kiến số {round_id}")])
    group_by = body.get("group_by") or "agency"
    try:
        data, notices = compile_summary(
            round_id, _actor(), on=body.get("ngay_tong_hop"), group_by=group_by, title=body.get("title"),
            **{k: body[k] for k in ("ket_luan", "signer", "noi_nhan", "cot_du_thao") if k in body})
        docx_bytes = render_summary_bytes(generator.load_summary(data))
    except RoundError as exc:
        return errors(422, [("round_id", str(exc))])
    except generator.ValidationError as exc:
        return errors(422, [(e.path, e.message) for e in exc.errors])
    return _attachment(docx_bytes, f"tong-hop-y-kien-vong-{round_id}.docx", DOCX_MIME)


@bp.get("/rounds/<int:round_id>")
def round_json(round_id: int):
    """Where a round stands (archive.rounds.round_state), the same as `vanthu round show --json`."""
    from archive.rounds import RoundError, round_state

    from .archive_views import _ready

    from .rounds_views import round_visible

    _ready()
    try:
        if not round_visible(round_id):  # a round on a draft the viewer may not see is not said to exist
            raise RoundError(f"không có vòng lấy ý kiến số {round_id}")
        return jsonify(round_state(round_id))
    except RoundError as exc:  # round_state refuses only a round that does not exist
        return errors(404, [("round_id", str(exc))])


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_spec())
