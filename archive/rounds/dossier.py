"""Pick the draft and the reply letters out of a file that holds a whole dossier (hồ sơ).

Why: offices scan or export a round as one bundle — the draft, the summary, the submission and the
letters in any order (the 002 seed holds 17 documents). The draft is the first draft Quyết định
with the Quy chế / Quy định attached after it. A reply is a letter about the comments ("V/v góp ý dự
thảo …") that does not itself ask for them ("xin ý kiến", "lấy ý kiến", "đề nghị góp ý"), and whose
text names the draft; the drafting body's own letters to its superior ("trình UBND tỉnh ban hành …")
and the review of the file ("thẩm tra hồ sơ") do not speak of góp ý in their subject, so they stay out.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..extract import extract_metadata
from generator.checker import split_documents
from .draft import parse_draft

_F = re.IGNORECASE
_ABOUT_COMMENTS = re.compile(r"\bgóp ý\b|\bý kiến\b", _F)
_ASKS_FOR_COMMENTS = re.compile(r"\b(xin|lấy|đề nghị|tổ chức|mời)\s+(?:tham gia\s+)?(ý kiến|góp ý)", _F)
_DRAFT_KINDS = ("quyet_dinh", "quy_che", "quy_dinh")


@dataclass
class Picked:
    draft: str | None  # the draft's text (decision and attachment), None when the file holds none
    replies: list[str]  # the reply letters' texts, in the order of the file
    others: int  # documents neither draft nor reply (submission, summary, review …)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"\w+", text)


def names_draft(text: str, name: str | None) -> bool:
    """Whether a letter speaks of the draft: most words of its name appear in the letter.

    Word by word, not as a phrase: letters misquote the name ("thông tin, xấu độc", "xấu, độc không gian
    mạng")."""
    if not name:
        return True
    wanted = set(_words(name)) - {"quy", "chế", "định", "quyết", "ban", "hành"}
    if not wanted:
        return True
    have = set(_words(text))
    return len(wanted & have) / len(wanted) >= 0.8


def is_reply(meta: dict, text: str, draft_name: str | None) -> bool:
    subject = meta.get("trich_yeu") or ""
    return (meta.get("kind") not in (*_DRAFT_KINDS, "tong_hop_y_kien", "to_trinh")
            and bool(_ABOUT_COMMENTS.search(subject)) and not _ASKS_FOR_COMMENTS.search(subject)
            and names_draft(text, draft_name))


def pick(text: str, draft_name: str | None = None) -> Picked:
    """The draft and the replies in one text; `draft_name` (when the draft comes from elsewhere) decides
    which letters speak of it."""
    segments = split_documents(text)
    metas = [extract_metadata(s.text) for s in segments]
    start = next((i for i, m in enumerate(metas) if m["kind"] == "quyet_dinh" and m["status"] == "draft"), None)
    if start is None:
        start = next((i for i, m in enumerate(metas) if m["kind"] in _DRAFT_KINDS[1:]), None)
    draft_idx: list[int] = []
    if start is not None:
        draft_idx.append(start)
        for i in range(start + 1, len(segments)):
            if metas[i]["kind"] not in _DRAFT_KINDS[1:]:
                break
            draft_idx.append(i)
    draft_text = "\n".join(segments[i].text for i in draft_idx) if draft_idx else None
    if draft_name is None and draft_text:
        draft_name = parse_draft(draft_text).name
    replies = [segments[i].text for i in range(len(segments))
               if i not in draft_idx and is_reply(metas[i], segments[i].text, draft_name)]
    return Picked(draft_text, replies, len(segments) - len(draft_idx) - len(replies))
