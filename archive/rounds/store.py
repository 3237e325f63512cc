"""Comment rounds in the archive: open a round on a draft version, take the reply letters in, let a person
correct what was read from them, record the drafter's response to each comment.

The business rules live here, once: the command line and the web call these functions. Each call is one
transaction with its audit line (archive.store.record_audit); a refusal is a RoundError in Vietnamese,
raised before anything is written, so bad input changes nothing. `round_state` (state.py) says where a
round stands.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import Connection, delete, func, insert, select, update

from .. import db
from ..store import now, record_audit
from ..schema import carried_comment, comment, comment_round, consultee, document, reply, response, version
from .agencies import key, match
from .carry import plan_carry
from .draft import QUY_CHE, QUYET_DINH, parse_draft
from .references import TOPIC_WORDS, TOPICS, find_reference, topic_code
from .rules import (CLOSED, DRAFT_KINDS, OPEN, RESPONSE_STATUSES, STATUS_WORDS, ReplyFileError, RoundError,
                    check_target_in_draft, draft_text, get_round, parse_date, round_draft)
from .state import list_rounds, round_state  # noqa: F401  (the reads, re-exported: one module to call)

DOCUMENTS = (QUYET_DINH, QUY_CHE)
# a partial acceptance or a refusal must say why (interfaces.md: the giải trình)
_NEEDS_REASON = ("tiep_thu_mot_phan", "khong_tiep_thu")
_UNSET = object()


def _clean_name(name: str) -> str:
    return " ".join(str(name).split())


# a list pasted from a Nơi nhận or a numbered list: "- Sở Tư pháp;", "3. UBND huyện Đắk Song,"
_LIST_MARK = re.compile(r"^(?:[-–—•+*]\s*|\d{1,3}\s*[.)]\s+)")


def clean_agencies(agencies) -> list[str]:
    """The list as typed: blanks dropped, the same agency written twice ("UBND huyện Đắk Song" and
    "Ủy ban nhân dân huyện Đắk Song") kept once, in the order given."""
    out, seen = [], set()
    for name in agencies or []:
        name = _clean_name(_LIST_MARK.sub("", _clean_name(name))).rstrip(";,.")
        if name and key(name) not in seen:
            seen.add(key(name))
            out.append(name)
    return out


def _draft_row(conn: Connection, doc_id: int):
    doc = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if doc is None:
        raise RoundError(f"không có văn bản số {doc_id} trong kho")
    if doc.kind not in DRAFT_KINDS:
        raise RoundError(f"văn bản {doc_id} là {doc.kind}, không phải dự thảo Quyết định, Quy chế hay Quy định")
    if doc.status != "draft":
        raise RoundError(f"văn bản {doc_id} không phải bản dự thảo (trạng thái: {doc.status})")
    return doc


def open_round(draft_doc_id: int, agencies, deadline, actor: str, title: str | None = None,
               previous_round_id: int | None = None, request_document_id: int | None = None) -> int:
    """A round on the draft's current version, sent to `agencies`, to answer by `deadline`.

    A round after `previous_round_id` (on the revised draft) carries that round's answered comments
    forward, each onto the part of the new draft with the same text (carry.py); those whose part is gone
    are kept as dropped."""
    names = clean_agencies(agencies)
    if not names:
        raise RoundError("cần ít nhất một cơ quan được lấy ý kiến")
    deadline = parse_date(deadline)
    title = _clean_name(title) if title and title.strip() else None
    carried, planned_on = [], None
    if title is None or previous_round_id is not None:  # read (and match) before the write lock is taken
        with db.reading() as conn:
            doc = _draft_row(conn, draft_doc_id)
            draft = parse_draft(draft_text(conn, doc.id, doc.current_version))
            if title is None:  # the draft's name, as the letters will cite it
                title = draft.name or doc.trich_yeu or f"Dự thảo văn bản số {doc.id}"
            if previous_round_id is not None:
                carried, planned_on = plan_carry(conn, previous_round_id, draft), doc.current_version
    with db.writing() as conn:
        doc = _draft_row(conn, draft_doc_id)
        number = 1
        if previous_round_id is not None:
            number = get_round(conn, previous_round_id).number + 1
            if doc.current_version != planned_on:
                raise RoundError(f"dự thảo {doc.id} vừa có bản mới trong lúc mở vòng; hãy mở lại")
        if request_document_id is not None and conn.execute(
                select(document.c.id).where(document.c.id == request_document_id)).first() is None:
            raise RoundError(f"không có văn bản số {request_document_id} (công văn xin ý kiến) trong kho")
        rid = conn.execute(insert(comment_round).values(
            draft_document_id=doc.id, draft_version=doc.current_version, title=title, deadline=deadline,
            number=number, previous_round_id=previous_round_id, request_document_id=request_document_id,
            status=OPEN, opened_at=now(), opened_by=actor).returning(comment_round.c.id)).scalar_one()
        conn.execute(insert(consultee), [{"round_id": rid, "position": i, "name": n} for i, n in enumerate(names, 1)])
        if carried:
            conn.execute(insert(carried_comment), [{"round_id": rid, **row} for row in carried])
        detail = {"round_id": rid, "version": doc.current_version, "deadline": deadline.isoformat(),
                  "agencies": len(names), "number": number, "previous_round_id": previous_round_id}
        if previous_round_id is not None:
            detail["carried"] = sum(r["target"] is not None for r in carried)
            detail["dropped"] = [{"comment_id": r["comment_id"], "target": r["from_target"], "reason": r["reason"]}
                                 for r in carried if r["target"] is None]
        record_audit(conn, actor, "round.open", doc.id, detail)
    return rid


def set_request_document(round_id: int, document_id: int, actor: str) -> None:
    """Record the công văn xin ý kiến of the round (a document of the archive), once."""
    with db.writing() as conn:
        _record_request(conn, round_id, document_id, actor)


def _record_request(conn: Connection, round_id: int, document_id: int, actor: str) -> None:
    r = get_round(conn, round_id)
    if r.request_document_id is not None:
        raise RoundError(f"vòng lấy ý kiến số {round_id} đã có công văn xin ý kiến (văn bản số "
                         f"{r.request_document_id} trong kho)")
    if conn.execute(select(document.c.id).where(document.c.id == document_id)).first() is None:
        raise RoundError(f"không có văn bản số {document_id} trong kho")
    conn.execute(update(comment_round).where(comment_round.c.id == round_id).values(request_document_id=document_id))
    record_audit(conn, actor, "round.request", document_id, {"round_id": round_id})


def set_deadline(round_id: int, deadline, actor: str) -> dt.date:
    """A new deadline for the round (a request letter cannot ask for replies by a day already gone)."""
    deadline = parse_date(deadline)
    with db.writing() as conn:
        r = get_round(conn, round_id)
        if r.status == CLOSED:
            raise RoundError(f"vòng lấy ý kiến số {round_id} đã kết thúc, không sửa hạn góp ý")
        if deadline == r.deadline:
            return deadline
        conn.execute(update(comment_round).where(comment_round.c.id == round_id).values(deadline=deadline))
        record_audit(conn, actor, "round.deadline", r.draft_document_id,
                     {"round_id": round_id, "before": r.deadline.isoformat(), "after": deadline.isoformat()})
    return deadline


def close_round(round_id: int, actor: str) -> None:
    """No more replies are taken; responses may still be written."""
    with db.writing() as conn:
        r = get_round(conn, round_id)
        if r.status == CLOSED:
            raise RoundError(f"vòng lấy ý kiến số {round_id} đã kết thúc")
        conn.execute(update(comment_round).where(comment_round.c.id == round_id).values(status=CLOSED,
                                                                                         closed_at=now()))
        record_audit(conn, actor, "round.close", r.draft_document_id, {"round_id": round_id})


# --- replies ----------------------------------------------------------------------------------------

def _open_round(conn: Connection, round_id: int):
    r = get_round(conn, round_id)
    if r.status != OPEN:
        raise RoundError(f"vòng lấy ý kiến số {round_id} đã kết thúc, không nhận thêm văn bản góp ý")
    return r


def _file_letter(path: Path, actor: str, round_id: int, title: str) -> list[int]:
    """File the letter through the one ingest pipeline (a file already in the archive gives its
    documents); a file that holds several documents gives the replies among them. The file is read
    once without filing first, so that a letter the round already has (from another file) is refused
    before it is filed a second time."""
    from ..ingest import ingest_file
    from .dossier import is_reply

    check = ingest_file(Path(path), actor=actor, dry_run=True)
    if check.status == "refused":
        raise ReplyFileError(f"không nạp được tệp {check.name}: {check.reason}")
    if check.status == "checked":
        with db.reading() as conn:
            for meta in check.documents:
                _refuse_twice(conn, round_id, None, meta)
    outcome = ingest_file(Path(path), actor=actor)
    if outcome.status == "refused":
        raise ReplyFileError(f"không nạp được tệp {outcome.name}: {outcome.reason}")
    ids = outcome.document_ids
    if len(ids) <= 1:
        return ids
    with db.reading() as conn:
        texts = {i: _letter_text(conn, i) for i in ids}
        metas = {i: _meta(conn, i) for i in ids}
    picked = [i for i in ids if is_reply(metas[i], texts[i], title)]
    if not picked:
        raise RoundError(f"tệp {outcome.name} có {len(ids)} văn bản nhưng không có văn bản nào góp ý dự thảo "
                         f"'{title}' (đã lưu vào kho: {', '.join(map(str, ids))})")
    return picked


def _letter_text(conn: Connection, doc_id: int) -> str | None:
    return conn.execute(select(version.c.text).join(document, (document.c.id == version.c.document_id) &
                                                    (document.c.current_version == version.c.n))
                        .where(document.c.id == doc_id)).scalar()


def _meta(conn: Connection, doc_id: int) -> dict:
    from ..store import get_document

    return get_document(conn, doc_id) or {}


def _read_letters(doc_ids: list[int], round_id: int) -> list[tuple[int, dict, dict]]:
    """(document id, its metadata, the reply as read) for each letter — all read before anything is written."""
    from . import read_reply

    with db.reading() as conn:
        r = _open_round(conn, round_id)
        draft = parse_draft(draft_text(conn, r.draft_document_id, r.draft_version, r.opened_at))
        out = []
        for doc_id in doc_ids:
            meta = _meta(conn, doc_id)
            if not meta:
                raise RoundError(f"không có văn bản số {doc_id} trong kho")
            if doc_id == r.draft_document_id:
                raise RoundError(f"văn bản {doc_id} là chính dự thảo của vòng lấy ý kiến này")
            text = _letter_text(conn, doc_id)
            if not text or not text.strip():
                raise RoundError(f"văn bản {doc_id} không có nội dung chữ trong kho (văn bản mật chỉ lưu bản giấy, "
                                 f"hoặc bản quét chưa nhận dạng được chữ) nên không đọc được ý kiến")
            read, _ = read_reply(text, draft if draft.documents else None)
            out.append((doc_id, meta, read))
    return out


def add_reply(round_id: int, source, actor: str, received=None) -> list[dict]:
    """Take a reply letter into the round: `source` is a document already in the archive (its id) or a
    file, filed first through the ingest. The letter is read (agreement, or its comments — stored
    unconfirmed, for a person to check) and matched to a consulted agency. A letter already in the round
    is refused."""
    received = parse_date(received) if received is not None else dt.date.today()
    with db.reading() as conn:
        title = _open_round(conn, round_id).title  # a wrong round is refused before any file is filed
    doc_ids = [int(source)] if isinstance(source, int) else _file_letter(Path(source), actor, round_id, title)
    letters = _read_letters(doc_ids, round_id)
    out = []
    with db.writing() as conn:
        _open_round(conn, round_id)
        names = conn.execute(select(consultee.c.id, consultee.c.name).where(consultee.c.round_id == round_id)
                             .order_by(consultee.c.position)).all()
        for doc_id, meta, read in letters:
            _refuse_twice(conn, round_id, doc_id, meta)
            found = match(meta.get("issuing_body"), meta.get("parent_body"), [n.name for n in names])
            cid = names[found].id if found is not None else None
            rid = conn.execute(insert(reply).values(
                round_id=round_id, consultee_id=cid, document_id=doc_id, agency=meta.get("issuing_body"),
                so=meta.get("so"), ky_hieu=meta.get("ky_hieu"), received_on=received,
                agrees_without_comment=read["agrees_without_comment"], added_at=now(), added_by=actor)
                .returning(reply.c.id)).scalar_one()
            if read["comments"]:
                conn.execute(insert(comment), [
                    {"reply_id": rid, "position": i, "document": c["document"], "target": c["target"],
                     "text": c["text"], "proposed": c["proposed"], "confirmed": False}
                    for i, c in enumerate(read["comments"], 1)])
            record_audit(conn, actor, "round.reply", doc_id,
                         {"round_id": round_id, "reply_id": rid, "consultee_id": cid,
                          "agrees_without_comment": read["agrees_without_comment"],
                          "comments": len(read["comments"]), "received_on": received.isoformat()})
            out.append({"reply_id": rid, "document_id": doc_id, "agency": meta.get("issuing_body"),
                        "so": meta.get("so"), "ky_hieu": meta.get("ky_hieu"),
                        "consultee": names[found].name if found is not None else None,
                        "agrees_without_comment": read["agrees_without_comment"],
                        "comments": len(read["comments"])})
    return out


def _refuse_twice(conn: Connection, round_id: int, doc_id: int | None, meta: dict) -> None:
    """The same letter twice — the same document, or the same number from the same body filed from another file."""
    q = select(reply.c.document_id).where(reply.c.round_id == round_id)
    same = conn.execute(q.where(reply.c.document_id == doc_id)).first() if doc_id is not None else None
    if same is None and meta.get("so") is not None:
        same = conn.execute(q.where((reply.c.so == meta["so"]) & (reply.c.ky_hieu == meta.get("ky_hieu")) &
                                    (reply.c.agency == meta.get("issuing_body")))).first()
    if same is not None:
        from ..store import number_text

        number = number_text(meta.get("so"), meta.get("ky_hieu"), meta.get("rule_set"))
        raise RoundError(f"văn bản {number} của {meta.get('issuing_body') or 'cơ quan chưa rõ'} đã có trong vòng "
                         f"lấy ý kiến số {round_id} (văn bản số {same.document_id} trong kho)")


def _reply_row(conn: Connection, reply_id: int):
    row = conn.execute(select(reply).where(reply.c.id == reply_id)).first()
    if row is None:
        raise RoundError(f"không có văn bản góp ý số {reply_id} trong vòng lấy ý kiến nào")
    return row


def edit_reply(reply_id: int, actor: str, *, consultee_id=_UNSET, agrees_without_comment=None) -> None:
    """A person corrects who wrote the letter (a consultee of the round, or none) or whether it agrees."""
    with db.writing() as conn:
        row = _reply_row(conn, reply_id)
        changes = {}
        if consultee_id is not _UNSET:
            if consultee_id is not None and conn.execute(select(consultee.c.id).where(
                    (consultee.c.id == consultee_id) & (consultee.c.round_id == row.round_id))).first() is None:
                raise RoundError(f"cơ quan số {consultee_id} không có trong danh sách lấy ý kiến của vòng "
                                 f"số {row.round_id}")
            changes["consultee_id"] = consultee_id
        if agrees_without_comment is not None:
            has = conn.execute(select(func.count()).select_from(comment).where(comment.c.reply_id == reply_id)).scalar()
            if agrees_without_comment and has:
                raise RoundError(f"văn bản góp ý số {reply_id} còn {has} ý kiến: xóa các ý kiến trước khi ghi là "
                                 f"thống nhất, không có ý kiến khác")
            changes["agrees_without_comment"] = bool(agrees_without_comment)
        if not changes:
            return
        conn.execute(update(reply).where(reply.c.id == reply_id).values(**changes))
        record_audit(conn, actor, "reply.edit", row.document_id,
                     {"round_id": row.round_id, "reply_id": reply_id,
                      "before": {k: getattr(row, k) for k in changes}, "after": changes})


# --- comments: a person corrects what was read ------------------------------------------------------

def _comment_row(conn: Connection, comment_id: int, round_id: int | None = None):
    row = conn.execute(select(comment, reply.c.round_id, reply.c.document_id.label("letter_id"))
                       .join(reply, reply.c.id == comment.c.reply_id).where(comment.c.id == comment_id)).first()
    if row is None or (round_id is not None and row.round_id != round_id):
        where = f" trong vòng lấy ý kiến số {round_id}" if round_id is not None else ""
        raise RoundError(f"không có ý kiến góp ý số {comment_id}{where}")
    return row


def _check_fields(document_: str | None, target: str | None, text: str | None) -> dict:
    """The fields as a person typed them, checked: the part is written the way interfaces.md writes it."""
    out = {}
    if document_ is not None:
        if document_ not in DOCUMENTS:
            raise RoundError(f"'{document_}' không phải văn bản của dự thảo; chọn quyet_dinh (dự thảo Quyết định) "
                             f"hoặc quy_che (dự thảo Quy chế, Quy định)")
        out["document"] = document_
    if target is not None:
        target = _clean_name(target)
        if topic_code(target):  # "Thẩm quyền ký" or tham_quyen_ky: kept as the code
            target = topic_code(target)
        else:
            ref = find_reference(target)
            if ref is None:
                words = ", ".join(TOPIC_WORDS.values())
                raise RoundError(f"không hiểu phần dự thảo '{target}'; viết như 'Điều 7 khoản 4 điểm a', hoặc "
                                 f"một trong: {words}")
            target = ref.target
        out["target"] = target
    if text is not None:
        if not text.strip():
            raise RoundError("nội dung ý kiến góp ý không được để trống")
        out["text"] = text.strip()
    return out


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def edit_comment(comment_id: int, actor: str, *, document: str | None = None, target: str | None = None,
                 text: str | None = None, proposed=_UNSET) -> dict:
    """Correct a comment; a comment a person has edited is confirmed."""
    changes = _check_fields(document, target, text)
    if proposed is not _UNSET:
        changes["proposed"] = proposed.strip() if isinstance(proposed, str) and proposed.strip() else None
    with db.writing() as conn:
        row = _comment_row(conn, comment_id)
        if "target" in changes or "document" in changes:  # the part a person names: the draft must have it
            check_target_in_draft(round_draft(conn, get_round(conn, row.round_id)),
                                  changes.get("document", row.document), changes.get("target", row.target))
        conn.execute(update(comment).where(comment.c.id == comment_id).values(**changes, confirmed=True))
        record_audit(conn, actor, "comment.edit", row.letter_id,
                     {"round_id": row.round_id, "comment_id": comment_id,
                      "before": {k: _plain(getattr(row, k)) for k in changes}, "after": changes})
    return changes


def confirm_comment(comment_id: int, actor: str) -> None:
    """A person has read the comment as extracted and it stands."""
    with db.writing() as conn:
        row = _comment_row(conn, comment_id)
        if row.confirmed:
            return
        conn.execute(update(comment).where(comment.c.id == comment_id).values(confirmed=True))
        record_audit(conn, actor, "comment.confirm", row.letter_id, {"round_id": row.round_id,
                                                                      "comment_id": comment_id})


def add_comment(reply_id: int, actor: str, text: str, target: str = "chung", document: str = QUY_CHE,
                proposed: str | None = None) -> int:
    """A comment the reading missed, typed by a person (confirmed), after the letter's others."""
    fields = _check_fields(document, target, text)
    with db.writing() as conn:
        row = _reply_row(conn, reply_id)
        check_target_in_draft(round_draft(conn, get_round(conn, row.round_id)), fields["document"], fields["target"])
        pos = (conn.execute(select(func.max(comment.c.position)).where(comment.c.reply_id == reply_id)).scalar()
               or 0) + 1
        cid = conn.execute(insert(comment).values(reply_id=reply_id, position=pos, proposed=proposed or None,
                                                  confirmed=True, **fields).returning(comment.c.id)).scalar_one()
        if row.agrees_without_comment:  # a letter with a comment does not agree without comment
            conn.execute(update(reply).where(reply.c.id == reply_id).values(agrees_without_comment=False))
        record_audit(conn, actor, "comment.add", row.document_id,
                     {"round_id": row.round_id, "reply_id": reply_id, "comment_id": cid, **fields})
    return cid


def delete_comment(comment_id: int, actor: str) -> None:
    """A comment the reading found where there is none (its response goes with it, kept in the audit)."""
    with db.writing() as conn:
        row = _comment_row(conn, comment_id)
        old = conn.execute(select(response).where(response.c.comment_id == comment_id)).first()
        conn.execute(delete(response).where(response.c.comment_id == comment_id))
        # not a comment after all: neither is what later rounds carried of it
        carried = conn.execute(delete(carried_comment).where(carried_comment.c.comment_id == comment_id)
                               .returning(carried_comment.c.round_id)).scalars().all()
        conn.execute(delete(comment).where(comment.c.id == comment_id))
        record_audit(conn, actor, "comment.delete", row.letter_id, {
            "round_id": row.round_id, "comment_id": comment_id, "target": row.target, "text": row.text,
            "response": {"status": old.status, "giai_trinh": old.giai_trinh} if old else None,
            "carried_in_rounds": sorted(carried)})


# --- responses --------------------------------------------------------------------------------------

def _status_choices() -> str:
    """'Tiếp thu, Tiếp thu một phần, Không tiếp thu hoặc Ghi nhận' — as the form's list shows them."""
    words = [w[:1].upper() + w[1:] for w in STATUS_WORDS.values()]
    return ", ".join(words[:-1]) + " hoặc " + words[-1]


class StatusError(RoundError):
    """No status, or one that is not a status: said in words; `codes` lists what a command line accepts."""

    codes = ", ".join(f"{s} ({w})" for s, w in STATUS_WORDS.items())


def check_response(status: str, giai_trinh: str | None) -> tuple[str, str | None]:
    status = (status or "").strip()
    if not status:
        raise StatusError(f"Chưa chọn ý kiến tiếp thu: {_status_choices()}.")
    if status not in RESPONSE_STATUSES:
        raise StatusError(f"Ý kiến tiếp thu đã chọn không có trong danh sách; chọn một trong: {_status_choices()}.")
    giai_trinh = giai_trinh.strip() if giai_trinh and giai_trinh.strip() else None
    if status in _NEEDS_REASON and giai_trinh is None:
        raise RoundError(f"ý kiến {STATUS_WORDS[status]} cần có phần giải trình lý do")
    return status, giai_trinh


def respond(comment_id: int, status: str, giai_trinh: str | None, actor: str, round_id: int | None = None) -> dict:
    """The drafter's answer to a comment (a new answer replaces the old one, which stays in the audit).
    Answering a comment confirms it: whoever answers it has read it."""
    status, giai_trinh = check_response(status, giai_trinh)
    with db.writing() as conn:
        if round_id is not None:
            get_round(conn, round_id)
        row = _comment_row(conn, comment_id, round_id)
        old = conn.execute(select(response).where(response.c.comment_id == comment_id)).first()
        values = {"status": status, "giai_trinh": giai_trinh, "by": actor, "at": now()}
        if old is None:
            conn.execute(insert(response).values(comment_id=comment_id, **values))
        else:
            conn.execute(update(response).where(response.c.comment_id == comment_id).values(**values))
        if not row.confirmed:
            conn.execute(update(comment).where(comment.c.id == comment_id).values(confirmed=True))
        record_audit(conn, actor, "response.set", row.letter_id, {
            "round_id": row.round_id, "comment_id": comment_id, "status": status, "giai_trinh": giai_trinh,
            "before": {"status": old.status, "giai_trinh": old.giai_trinh} if old else None})
    return {"comment_id": comment_id, "status": status, "giai_trinh": giai_trinh}
