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


# Drafts are seen by their own unit; these roles see every unit's drafts (to issue, decide, review).
# Issued and received documents are seen by all.
SEE_ALL_DRAFTS = {"van_thu", "lanh_dao", "phap_che", "admin"}


def draft_unit(role: str | None, unit: str | None) -> str | None:
    """The unit whose drafts a user may see; None: every unit's. A user with no unit sees only the
    drafts that have none."""
    return None if role in SEE_ALL_DRAFTS else (unit or "")


def sees(role: str | None, unit: str | None, status: str | None, doc_unit: str | None) -> bool:
    mine = draft_unit(role, unit)
    return mine is None or status != "draft" or not doc_unit or doc_unit == mine


def may(role: str | None, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return action in RIGHTS.get(role or "", set())
