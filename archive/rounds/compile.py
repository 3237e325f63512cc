"""A filed round → the data of its Bản tổng hợp ý kiến góp ý (generator.summary renders it).

The counts and names come from round_state, so the summary says exactly what `vanthu round show`
says; the drafting body is ours (the settings), since the summary is the drafter's own paper.
A round on a revised draft also lists the answers it carried from the round before, under the part
they are at now (items with "carried": true); those whose part is gone stay in the notices."""
from __future__ import annotations

import datetime as dt

from .. import db
from ..dates import written
from .rules import RoundError, get_round
from .state import round_state


def summary_data(round_id: int, *, group_by: str = "agency", title: str | None = None,
                 today: dt.date | None = None, settings=None) -> tuple[dict, list[str]]:
    """(data for generator.render_summary, notices for the person compiling).

    Refused while a letter is not matched to a consulted agency: the counts would be wrong."""
    from generator.settings import load_settings

    settings = settings or load_settings()
    state = round_state(round_id, today=today)
    if state["not_on_list"]:
        raise RoundError("chưa rõ cơ quan của văn bản góp ý: " + ", ".join(state["not_on_list"]) +
                         "; hãy ghi cơ quan gửi (hoặc thêm vào danh sách được xin ý kiến) trước khi tổng hợp")
    number = {r["id"]: r["number"] for r in state["replies"]}
    consultee = {r["id"]: r["consultee"] for r in state["replies"]}
    items, notices = [], []
    for c in state["comments"]:
        resp = c["response"] or {}
        items.append({"agency": consultee[c["reply_id"]], "letter": number.get(c["reply_id"]),
                      "document": c["document"], "target": c["target"], "text": c["text"],
                      "proposed": c["proposed"], "status": resp.get("status"), "giai_trinh": resp.get("giai_trinh")})
    items += _carried_items(state["carried"])
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
    data = {
        "title": title, "draft_name": state["title"] or "Dự thảo",
        "issuing_body": settings.issuing_body, "parent_body": settings.parent_body, "place": settings.place,
        "date": (today or dt.date.today()).isoformat(), "group_by": group_by,
        "consulted": state["consulted"], "replied": state["replied"],
        "agreed": state["agreed_without_comment"], "not_replied": state["not_replied"], "items": items,
    }
    return {k: v for k, v in data.items() if v is not None}, notices


def _carried_items(carried: list[dict]) -> list[dict]:
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
                      "giai_trinh": resp.get("giai_trinh"), "carried": True, "round": number})
    return items
