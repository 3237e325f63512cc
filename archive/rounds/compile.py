"""A filed round → the data of its Bản tổng hợp ý kiến góp ý (generator.summary renders it).

The counts and names come from round_state, so the summary says exactly what `vanthu round show`
says.  The header is the drafting body's: the draft's own issuing (and parent) body when the draft is
another body's, ours (the settings) when it is ours.  `compile_summary` is the compiling itself, as the
command line and the web page do it: it dates the summary (the day given, or today) and keeps that day
with what the drafter gave it — the conclusion (ket_luan), the signer, the Nơi nhận (noi_nhan), the
"Nội dung dự thảo" column (cot_du_thao) — in the round, so the file says the same when rendered again
later.  A round never compiled renders with today's date and the defaults.
A round on a revised draft also lists the answers it carried from the round before, under the part
they are at now (items with "carried": true); those whose part is gone stay in the notices."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from .. import db
from ..dates import written
from ..schema import comment_round, document
from ..store import record_audit
from .agencies import key
from .rules import RoundError, get_round, parse_date
from .state import round_state

# what the drafter gives the summary, kept in comment_round.summary (interfaces.md is silent: glossary.md)
SUMMARY_KEYS = ("ket_luan", "signer", "noi_nhan", "cot_du_thao")
_UNSET = object()


def _header(round_id: int, settings) -> tuple[dict, dict]:
    """(the drafting body's header keys, the round's stored compile: {compiled_on, summary, unit}).

    The drafting body is the one that asked for the comments (the round's công văn xin ý kiến, once
    filed), else the draft's own issuing body."""
    cols = (document.c.issuing_body, document.c.parent_body, document.c.place, document.c.unit)
    with db.reading() as conn:
        r = get_round(conn, round_id)
        draft = conn.execute(select(*cols).where(document.c.id == r.draft_document_id)).first()
        asked = conn.execute(select(*cols).where(document.c.id == r.request_document_id)).first() \
            if r.request_document_id is not None else None
    stored = {"compiled_on": r.compiled_on, "summary": dict(r.summary or {}), "unit": draft.unit if draft else None}
    doc = asked if asked is not None and asked.issuing_body else draft
    body = " ".join((doc.issuing_body or "").split()) if doc else ""
    if not body or key(body) == key(settings.issuing_body):
        return {"issuing_body": settings.issuing_body, "parent_body": settings.parent_body,
                "place": settings.place}, stored
    # another body's draft (a department drafting for the province, filed here): its header, not ours
    return {"issuing_body": body, "parent_body": doc.parent_body or None, "place": doc.place or settings.place}, stored


def summary_signer(title: str | None, name: str | None, issuing_body: str) -> dict:
    """The signer as typed on a form or a command line ({title, name}, either may be blank); what is
    left out is the head's title for the kind of body and a blank name, for the head to sign over
    (letters.default_signer).  The KT. rule for a deputy is generator.model's, applied when read."""
    from .letters import BLANK_NAME, default_signer

    title = " ".join((title or "").split())
    base = {"title": title.upper()} if title else default_signer(issuing_body)
    return {**base, "name": " ".join((name or "").split()) or BLANK_NAME}


def summary_data(round_id: int, *, group_by: str = "agency", title: str | None = None,
                 today: dt.date | None = None, settings=None, **given) -> tuple[dict, list[str]]:
    """(data for generator.render_summary, notices for the person compiling).

    The date is the day the round was compiled (compile_summary), else `today`; the conclusion,
    signer, Nơi nhận and wording column are those given here, else those stored, else the defaults.
    Refused while a letter is not matched to a consulted agency: the counts would be wrong."""
    from generator.settings import load_settings

    from .letters import in_sentence

    settings = settings or load_settings()
    state = round_state(round_id, today=today)
    if state["not_on_list"]:
        raise RoundError("chưa rõ cơ quan của văn bản góp ý: " + ", ".join(state["not_on_list"]) +
                         "; hãy ghi cơ quan gửi (hoặc thêm vào danh sách được xin ý kiến) trước khi tổng hợp")
    header, stored = _header(round_id, settings)
    chosen = {**stored["summary"], **{k: v for k, v in given.items() if k in SUMMARY_KEYS}}
    wording = bool(chosen.get("cot_du_thao"))
    number = {r["id"]: r["number"] for r in state["replies"]}
    consultee = {r["id"]: r["consultee"] for r in state["replies"]}
    items, notices = [], []
    for c in state["comments"]:
        resp = c["response"] or {}
        items.append({"agency": consultee[c["reply_id"]], "letter": number.get(c["reply_id"]),
                      "document": c["document"], "target": c["target"], "text": c["text"],
                      "proposed": c["proposed"], "status": resp.get("status"), "giai_trinh": resp.get("giai_trinh"),
                      **_wording(c, wording)})
    items += _carried_items(state["carried"], wording)
    unanswered = state["counts"]["unanswered"]
    if unanswered:
        notices.append(f"{unanswered} ý kiến chưa có ý kiến tiếp thu, giải trình: cột cuối để trống.")
    if state["carried"]:
        notices.append(f"{len(state['carried'])} ý kiến đã giải trình ở vòng trước được chuyển sang dự thảo này: "
                       f"có trong bảng, ghi là của vòng trước; phần số liệu chỉ tính vòng này.")
    if state["dropped"]:
        notices.append(f"{len(state['dropped'])} ý kiến của vòng trước không còn phần dự thảo tương ứng: " +
                       "; ".join(f"{d['agency']} — {d['from_target']}" for d in state["dropped"]) + ".")
    if state["not_replied"] and not state["deadline_passed"]:
        notices.append(f"Chưa hết hạn góp ý ({written(state['deadline'])}); "
                       f"{len(state['not_replied'])} cơ quan chưa trả lời.")
    if wording and items and not any(i.get("noi_dung_du_thao") for i in items):
        notices.append("Dự thảo của vòng không có nội dung chữ trong kho: cột Nội dung dự thảo để trống.")
    signer = dict(chosen.get("signer") or {})
    if not (signer.get("title") or signer.get("collective")):  # the head's title for the body, a blank to sign
        signer = summary_signer(None, signer.get("name"), header["issuing_body"])
    elif not signer.get("name"):
        signer["name"] = summary_signer(None, None, header["issuing_body"])["name"]
    noi_nhan = chosen.get("noi_nhan")
    if not noi_nhan:  # the file copy: the records office and the drafting unit, as every letter's
        noi_nhan = ["Lưu: VT" + (f", {stored['unit']}" if stored["unit"] else "")]
    data = {
        "title": title, "draft_name": state["title"] or "Dự thảo", **header,
        "drafter": in_sentence(header["issuing_body"]) if header["issuing_body"].isupper() else None,
        "date": (stored["compiled_on"] or today or dt.date.today()).isoformat(), "group_by": group_by,
        "consulted": state["consulted"], "replied": state["replied"],
        "agreed": state["agreed_without_comment"], "not_replied": state["not_replied"], "items": items,
        "ket_luan": chosen.get("ket_luan") or None, "signer": signer, "noi_nhan": noi_nhan,
        "cot_du_thao": wording,
    }
    return {k: v for k, v in data.items() if v is not None}, notices


def compile_summary(round_id: int, actor: str, *, on=None, ket_luan=_UNSET, signer=_UNSET, noi_nhan=_UNSET,
                    cot_du_thao=None, group_by: str = "agency", title: str | None = None,
                    today: dt.date | None = None, settings=None) -> tuple[dict, list[str]]:
    """Compile the round's summary: dated `on` (or today), with what is given here over what was kept
    the last time; checked as the generator reads it before anything is kept, then kept in the round
    (one transaction, with its audit line).  Returns what summary_data returns."""
    import generator

    compiled_on = parse_date(on) if on not in (None, "") else (today or dt.date.today())
    given = {k: v for k, v in (("ket_luan", ket_luan), ("signer", signer), ("noi_nhan", noi_nhan),
                               ("cot_du_thao", cot_du_thao)) if v is not _UNSET and v is not None}
    _check_given(given)
    if isinstance(given.get("ket_luan"), str):
        given["ket_luan"] = given["ket_luan"].strip() or None
    data, notices = summary_data(round_id, group_by=group_by, title=title, today=today, settings=settings, **given)
    data["date"] = compiled_on.isoformat()
    generator.load_summary(data)  # a ValidationError here keeps nothing
    with db.writing() as conn:
        r = get_round(conn, round_id)
        kept = {**(r.summary or {}), **given}
        conn.execute(update(comment_round).where(comment_round.c.id == round_id)
                     .values(compiled_on=compiled_on, summary=kept))
        record_audit(conn, actor, "round.compile", r.draft_document_id,
                     {"round_id": round_id, "compiled_on": compiled_on.isoformat(), **kept})
    return data, notices


def _check_given(given: dict) -> None:
    """The shapes a form, a command line or a JSON body must give (the generator checks the words)."""
    if not isinstance(given.get("ket_luan", ""), str):
        raise RoundError("kết luận (ket_luan) phải là một đoạn chữ")
    signer = given.get("signer", {})
    if not isinstance(signer, dict) or not all(isinstance(v, str) for v in signer.values()):
        raise RoundError("người ký (signer) phải là {title, name} (chức vụ, họ tên), mỗi trường là chữ")
    noi_nhan = given.get("noi_nhan", [])
    if not isinstance(noi_nhan, list) or not all(isinstance(x, str) for x in noi_nhan):
        raise RoundError("nơi nhận (noi_nhan) phải là danh sách các dòng")
    if not isinstance(given.get("cot_du_thao", False), bool):
        raise RoundError("cột nội dung dự thảo (cot_du_thao) chỉ được true hoặc false")


def _wording(c: dict, wanted: bool) -> dict:
    """The draft's text of the part a comment names, for the "Nội dung dự thảo" column."""
    part = c.get("part") or {}
    return {"noi_dung_du_thao": part["text"]} if wanted and part.get("text") else {}


def _carried_items(carried: list[dict], wording: bool = False) -> list[dict]:
    """The answers carried from earlier rounds, at the part they are at now, with the letter they came in."""
    if not carried:
        return []
    with db.reading() as conn:  # the round a letter answered, as its number ("vòng 1"), not its id
        numbers = {rid: get_round(conn, rid).number for rid in {c["first_round_id"] for c in carried}}
    items = []
    for c in carried:
        resp = c["response"] or {}
        number = numbers.get(c["first_round_id"])
        items.append({"agency": c["agency"], "letter": c["letter"], "document": c["document"], "target": c["target"],
                      "text": c["text"], "proposed": c["proposed"], "status": resp.get("status"),
                      "giai_trinh": resp.get("giai_trinh"), "carried": True, "round": number, **_wording(c, wording)})
    return items
