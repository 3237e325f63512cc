"""What each role may do (design.md, "Who uses it"). One table; the web asks it before every route,
the pages ask it before showing a button.

    read      the archive, search, documents not secret, registers, rounds, the layout check
    compose   draft documents and save them to the archive
    issue     take a number and issue; recall and replace
    file      take files in (upload), register letters received, record answers, close and reopen
    direct    record the leader's direction on a letter (chủ trì, phối hợp, thời hạn)
    round     run a comment round: open it, take its letters in, deadlines, its letters
    respond   read and answer the comments of a round
    admin     people, units, templates

The administrator may do everything (a small office has one person for it; the audit names them).
"""
from __future__ import annotations

ACTIONS = ("read", "compose", "issue", "file", "direct", "round", "respond", "admin")

RIGHTS = {
    "chuyen_vien": {"read", "compose", "round", "respond"},
    "van_thu": {"read", "compose", "issue", "file", "direct", "round"},
    "lanh_dao": {"read", "direct"},
    "phap_che": {"read"},
    "admin": set(ACTIONS),
}

WHAT = {"read": "xem", "compose": "soạn văn bản", "issue": "cấp số, ban hành, thu hồi", "file": "nạp và vào sổ văn bản",
        "direct": "ghi ý kiến phân công", "round": "điều hành vòng lấy ý kiến", "respond": "tiếp thu, giải trình ý kiến",
        "admin": "quản trị"}


def may(role: str | None, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return action in RIGHTS.get(role or "", set())
