"""The letters of a round: the công văn xin ý kiến góp ý to every consulted agency, and the công văn đôn
đốc to those that have not replied. Both are the generator's `cong_van` input (a dict), so they get the
layout of Nghị định 30 and pass `vanthu check` like any letter vanthu writes; both are drafts (no number,
the day left blank) until `vanthu issue` numbers them.

The letter is ours: the body, its place and codes come from the settings (data/vanthu.toml).
"""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from .. import db
from ..schema import document
from .rules import CLOSED, RoundError, get_round, parse_date
from .state import round_state

# who signs is the user's to say; until then the block shows the title and a blank for the name
BLANK_NAME = "…"
# a reminder asks for an answer within a week unless told otherwise
REMINDER_DAYS = 7


def day(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# --- our body's name inside a sentence -----------------------------------------------------------------

# "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → "Sở Thông tin và Truyền thông": the kind of body, then each field of
# its name capitalised (after "và", "," and "-"), then the place after tỉnh/huyện/xã … as a proper name
_BODY_KINDS = ("ủy ban nhân dân", "hội đồng nhân dân", "văn phòng", "thanh tra", "trung tâm", "chi cục",
               "tổng cục", "phòng", "cục", "sở", "ban", "bộ")
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def in_sentence(name: str) -> str:
    """The body's name as a sentence writes it; a name not typed in capitals is kept as typed."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    low = name.lower()
    kind = next((k for k in _BODY_KINDS if low == k or low.startswith(k + " ")), "")
    rest = low[len(kind):].strip()
    place = ""
    for w in _PLACE_WORDS:
        m = re.search(rf"(?:^|\s){w}\s+(?!hội\b)(.+)$", rest)  # "xã hội" is not a commune
        if m:
            place = f"{w} " + " ".join(_cap(x) for x in m.group(1).split())
            rest = rest[:m.start()].strip()
            break
    fields = re.split(r"(\s+và\s+|,\s*|\s+-\s+)", rest) if rest else []
    rest = "".join(f if i % 2 else _cap(f) for i, f in enumerate(fields))
    return " ".join(x for x in (_cap(kind), rest, place) if x) or name


def default_signer(issuing_body: str) -> dict:
    """The head's title for the kind of body; the name left blank for the user."""
    low = " ".join(issuing_body.split()).lower()
    if low.startswith(("ủy ban nhân dân", "uỷ ban nhân dân")):
        return {"collective": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": BLANK_NAME}
    titles = {"sở": "GIÁM ĐỐC", "ban": "TRƯỞNG BAN", "văn phòng": "CHÁNH VĂN PHÒNG", "cục": "CỤC TRƯỞNG",
              "chi cục": "CHI CỤC TRƯỞNG", "phòng": "TRƯỞNG PHÒNG", "trung tâm": "GIÁM ĐỐC"}
    kind = next((k for k in sorted(titles, key=len, reverse=True) if low.startswith(k + " ")), None)
    return {"title": titles.get(kind, "THỦ TRƯỞNG CƠ QUAN"), "name": BLANK_NAME}


# --- the letters ---------------------------------------------------------------------------------------

def _draft_ref(title: str) -> str:
    """'dự thảo Quy chế …' inside a sentence, whether the name was given with 'Dự thảo' or not."""
    name = " ".join(title.split()).rstrip(" .")
    if name.lower().startswith("dự thảo"):
        return "dự thảo" + name[len("dự thảo"):]
    return f"dự thảo {name}"


def _unit(settings, code: str | None) -> tuple[str, str | None]:
    """(the drafting unit's code, its name for "(qua …)"), from the archive's units (archive/units.py)."""
    from .. import db, units as office_units

    with db.reading() as conn:
        listed = office_units.listing(conn, active_only=True)
    names = {u["code"]: u["name"] for u in listed}
    if code is None:
        if not listed:
            raise RoundError("cần mã đơn vị soạn thảo (--unit), ví dụ VP; kho chưa có đơn vị nào ('vanthu unit add')")
        code = listed[0]["code"]
    return code, names.get(code)


def _base(settings, unit: str | None, drafter: str | None, signer: dict | None) -> tuple[dict, str, str]:
    code, unit_name = _unit(settings, unit)
    us = drafter.strip() if drafter and drafter.strip() else in_sentence(settings.issuing_body)
    via = f" (qua {unit_name})" if unit_name else ""
    data = {"kind": "cong_van", "issuing_body": settings.issuing_body, "parent_body": settings.parent_body,
            "body_code": settings.body_code, "place": settings.place, "unit_code": code,
            "signer": signer or default_signer(settings.issuing_body)}
    return data, us, via


def request_letter(round_id: int, *, signer: dict | None = None, unit: str | None = None,
                   drafter: str | None = None, settings=None, today: dt.date | None = None) -> dict:
    """The công văn xin ý kiến góp ý: to every agency of the round, citing the draft and the deadline.
    Refused once the deadline is today or past: a letter written today cannot ask for replies by then."""
    from generator.settings import load_settings

    today = today or dt.date.today()
    state = round_state(round_id, today=today)
    deadline = dt.date.fromisoformat(state["deadline"])
    if deadline <= today:
        when = "là hôm nay" if deadline == today else "đã qua"
        raise RoundError(f"Hạn góp ý của vòng ({day(deadline)}) {when}; hãy sửa hạn của vòng trước khi gửi công "
                         f"văn xin ý kiến")
    settings = settings or load_settings()
    if unit is None:  # the drafting unit is the draft's own, where it has one
        unit = _draft_row(round_id).unit
    data, us, via = _base(settings, unit, drafter, signer)
    ref = _draft_ref(state["title"])
    deadline = day(deadline)
    data.update({
        "trich_yeu": f"xin ý kiến góp ý {ref}",
        "kinh_gui": state["consulted"],
        "noi_dung": [
            f"Thực hiện nhiệm vụ được giao, {us} đã xây dựng {ref} (gửi kèm theo Công văn này).",
            f"Để hoàn thiện dự thảo, {us} đề nghị các cơ quan, đơn vị nghiên cứu, góp ý bằng văn bản và gửi ý kiến "
            f"về {us}{via} trước ngày {deadline}; quá thời hạn trên, cơ quan, đơn vị không có văn bản trả lời "
            f"được hiểu là thống nhất với dự thảo.",
            f"{us} trân trọng cảm ơn sự phối hợp của các cơ quan, đơn vị.",
        ],
    })
    return data


def _request_cited(round_id: int) -> tuple[str | None, dt.date | None, dict | None]:
    """(the number and date of the round's request letter once issued, its signer as composed)."""
    from ..store import number_text

    with db.reading() as conn:
        r = get_round(conn, round_id)
        if r.request_document_id is None:
            return None, None, None
        row = conn.execute(select(document).where(document.c.id == r.request_document_id)).first()
    signer = ((row.source or {}).get("input") or {}).get("signer") if row is not None else None
    if row is None or row.so is None or row.issued_on is None:
        return None, None, signer
    return number_text(row.so, row.ky_hieu, row.rule_set), row.issued_on, signer


def reminder_letter(round_id: int, *, new_deadline=None, signer: dict | None = None, unit: str | None = None,
                    drafter: str | None = None, settings=None, today: dt.date | None = None) -> dict:
    """The công văn đôn đốc: to the agencies that have not replied, citing the request letter (its number
    and date once issued) and asking for an answer by a new date. Refused when everyone has replied or
    the round is closed."""
    from generator.settings import load_settings

    settings = settings or load_settings()
    today = today or dt.date.today()
    state = round_state(round_id, today=today)
    if state["status"] == CLOSED:
        raise RoundError(f"vòng lấy ý kiến số {round_id} đã kết thúc, không gửi công văn đôn đốc")
    if not state["not_replied"]:
        raise RoundError(f"cả {len(state['consulted'])} cơ quan được lấy ý kiến đã trả lời, không cần đôn đốc")
    old = dt.date.fromisoformat(state["deadline"])
    new = parse_date(new_deadline) if new_deadline is not None else max(today, old) + dt.timedelta(REMINDER_DAYS)
    if new <= today:
        raise RoundError(f"hạn góp ý mới ({day(new)}) phải sau hôm nay ({day(today)})")
    number, issued_on, request_signer = _request_cited(round_id)
    data, us, via = _base(settings, unit, drafter, signer or request_signer)
    ref = _draft_ref(state["title"])
    who = "Quý cơ quan" if len(state["not_replied"]) == 1 else "các cơ quan, đơn vị"
    if number:
        sent = (f"Ngày {day(issued_on)}, {us} có Công văn số {number} xin ý kiến góp ý {ref}, "
                f"đề nghị gửi ý kiến trước ngày {day(old)}.")
    else:
        sent = f"{us} đã gửi {ref} xin ý kiến góp ý, đề nghị gửi ý kiến trước ngày {day(old)}."
    data.update({
        "trich_yeu": f"đôn đốc góp ý {ref}",
        "kinh_gui": state["not_replied"],
        "noi_dung": [
            sent,
            f"Đến nay, {us} chưa nhận được văn bản góp ý của {who}.",
            f"Để kịp thời hoàn thiện dự thảo, {us} đề nghị {who} quan tâm, góp ý bằng văn bản và gửi ý kiến về "
            f"{us}{via} trước ngày {day(new)}; quá thời hạn trên, {who} không có văn bản trả lời được hiểu là "
            f"thống nhất với dự thảo.",
            f"{us} trân trọng cảm ơn sự phối hợp của {who}.",
        ],
    })
    return data


def _draft_row(round_id: int):
    from sqlalchemy import select

    from ..schema import comment_round, document

    with db.reading() as conn:
        return conn.execute(select(document.c.unit, document.c.do_mat).join(
            comment_round, comment_round.c.draft_document_id == document.c.id)
            .where(comment_round.c.id == round_id)).first()


def file_request(round_id: int, data: dict, actor: str, settings=None) -> int:
    """File the request letter as a draft of the archive (so `vanthu issue` numbers it) and record it as
    the round's request_document_id — one transaction. Its signer must be named: it is to be issued."""
    import generator
    from generator.settings import load_settings

    from ..issue import metadata_of, text_of
    from ..store import create_document
    from .store import _record_request

    settings = settings or load_settings()
    if (data.get("signer") or {}).get("name") in (None, "", BLANK_NAME):
        raise RoundError("công văn lưu vào kho để ban hành cần họ tên và chức vụ người ký "
                         "(--signer-name, --signer-title)")
    doc = generator.load_document(data, "cong_van", settings)
    docx = generator.render_bytes(doc)
    draft = _draft_row(round_id)
    with db.writing() as conn:
        r = get_round(conn, round_id)
        if r.request_document_id is not None:
            raise RoundError(f"vòng lấy ý kiến số {round_id} đã có công văn xin ý kiến (văn bản số "
                             f"{r.request_document_id} trong kho)")
        meta = metadata_of(doc)
        # the letter names the draft: it is seen by whom the draft is seen (its unit, its secrecy)
        meta["do_mat"] = meta.get("do_mat") or draft.do_mat
        doc_id = create_document(conn, meta, actor=actor, direction="outgoing",
                                 may_hold_secrets=settings.may_hold_secrets, docx=docx, text=text_of(docx),
                                 source={"kind": "generated", "input": data}, unit=draft.unit)
        _record_request(conn, round_id, doc_id, actor)
    return doc_id
