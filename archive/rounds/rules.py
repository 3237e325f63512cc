"""What the round's writes (store.py) and reads (state.py) share: the refusal, the words of a response,
dates as people type them, and the text of the draft a round concerns."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select

from ..dates import typed_date
from ..schema import comment_round, document, link, version

# interfaces.md: a response's status, and how it reads in Vietnamese
STATUS_WORDS = {"tiep_thu": "tiếp thu", "tiep_thu_mot_phan": "tiếp thu một phần",
                "khong_tiep_thu": "không tiếp thu", "ghi_nhan": "ghi nhận"}
RESPONSE_STATUSES = tuple(STATUS_WORDS)
OPEN, CLOSED = "open", "closed"
DRAFT_KINDS = ("quyet_dinh", "quy_che", "quy_dinh")
_ATTACHMENT_KINDS = ("quy_che", "quy_dinh")


class RoundError(ValueError):
    """A refusal, in Vietnamese; nothing was changed."""


class ReplyFileError(RoundError):
    """The reply's file could not be read or filed."""


def parse_date(value) -> dt.date:
    """A date as people type it (archive.dates), or a date already."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return typed_date(value)
    except ValueError as exc:
        raise RoundError(str(exc)) from None


def get_round(conn: Connection, round_id: int):
    row = conn.execute(select(comment_round).where(comment_round.c.id == round_id)).first()
    if row is None:
        raise RoundError(f"không có vòng lấy ý kiến số {round_id}")
    return row


def _text_as_of(conn: Connection, doc_id: int, as_of: dt.datetime | None) -> str:
    """An attachment's text as it stood when the round was opened (its latest version by then)."""
    q = select(version.c.text).where(version.c.document_id == doc_id)
    if as_of is not None:
        q = q.where(version.c.created_at <= as_of)
    return conn.execute(q.order_by(version.c.n.desc()).limit(1)).scalar() or ""


def attachments(conn: Connection, doc) -> list[int]:
    """The Quy chế / Quy định issued with a draft decision: linked to it as attachment_of, or filed right
    after it in the same dossier (a dossier file holds the decision, then its Quy chế)."""
    if doc.kind != "quyet_dinh":
        return []
    out = list(conn.execute(select(link.c.from_id).where((link.c.to_id == doc.id) & (link.c.type == "attachment_of"))
                            .order_by(link.c.from_id)).scalars())
    if doc.dossier_id is not None and doc.dossier_pos is not None:
        after = conn.execute(select(document.c.id, document.c.kind).where(
            (document.c.dossier_id == doc.dossier_id) & (document.c.dossier_pos > doc.dossier_pos))
            .order_by(document.c.dossier_pos)).all()
        for r in after:
            if r.kind not in _ATTACHMENT_KINDS:
                break
            if r.id not in out:
                out.append(r.id)
    return out


def draft_text(conn: Connection, doc_id: int, n: int, as_of: dt.datetime | None = None) -> str:
    """The draft sent out: version `n` of the document, with the attachments issued with it."""
    doc = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if doc is None:
        return ""
    own = conn.execute(select(version.c.text).where((version.c.document_id == doc_id) & (version.c.n == n))).scalar()
    texts = [own or ""] + [_text_as_of(conn, a, as_of) for a in attachments(conn, doc)]
    return "\n".join(t for t in texts if t)


# --- a part a person names must be a part of the round's draft ---------------------------------------

DOCUMENT_WORDS = {"quyet_dinh": "Quyết định", "quy_che": "Quy chế"}


def round_draft(conn: Connection, round_row):
    """The draft the round sent out, parsed (the decision and its Quy chế), or None when it has no text."""
    from .draft import parse_draft

    text = draft_text(conn, round_row.draft_document_id, round_row.draft_version, round_row.opened_at)
    draft = parse_draft(text) if text.strip() else None
    return draft if draft is not None and draft.documents else None


def _numbers(label: str, numbers: list[str]) -> str:
    """'có Điều 1 đến Điều 9', 'chỉ có Điều 1', 'có Điều 1, Điều 3, Điều 4'."""
    if not numbers:
        return f"không có {label} nào"
    if len(numbers) == 1:
        return f"chỉ có {label} {numbers[0]}"
    if len(numbers) == 2:
        return f"có {label} {numbers[0]} và {label} {numbers[1]}"
    ints = [int(n) for n in numbers] if all(n.isdigit() for n in numbers) else None
    if ints and ints == list(range(ints[0], ints[0] + len(ints))):
        return f"có {label} {numbers[0]} đến {label} {numbers[-1]}"
    return "có " + ", ".join(f"{label} {n}" for n in numbers)


def _what_is_missing(draft, document_: str, target: str) -> str:
    """Why `target` is not a part of the document: the missing piece, and what the draft has there."""
    from .references import _TARGET

    name = f"Dự thảo {DOCUMENT_WORDS.get(document_, document_)}"
    root = draft.documents.get(document_)
    if root is None:
        others = " và ".join(f"Dự thảo {DOCUMENT_WORDS[d]}" for d in draft.documents if d in DOCUMENT_WORDS)
        return f"dự thảo gửi lấy ý kiến không có {DOCUMENT_WORDS.get(document_, document_)} (chỉ có {others})"
    if target.startswith("Chương "):
        chapters = [p.number for p in root.walk() if p.kind == "chuong"]
        return f"{name} không có {target} ({_numbers('Chương', chapters)})"
    m = _TARGET.match(target)
    if not m or not m.group("dieu"):
        return f"'{target}' chưa nêu điều nào; viết đủ, ví dụ 'Điều 7 {target}'"
    dieu = next((p for p in root.walk() if p.kind == "dieu" and p.number == m.group("dieu")), None)
    if dieu is None:
        return f"{name} không có Điều {m.group('dieu')} ({_numbers('Điều', [p.number for p in draft.articles(document_)])})"
    khoan = dieu.child("khoan", m.group("khoan")) if m.group("khoan") else None
    if m.group("khoan") and khoan is None:
        have = _numbers("khoản", [p.number for p in dieu.children if p.kind == "khoan"])
        return f"{name} không có Điều {dieu.number} khoản {m.group('khoan')} (Điều {dieu.number} {have})"
    if khoan is None:  # "Điều 7 điểm a": the point is under a clause
        return f"{name} không có {target}; điểm nằm trong một khoản, viết như 'Điều {dieu.number} khoản 1 điểm a'"
    have = _numbers("điểm", [p.number for p in khoan.children if p.kind == "diem"])
    return f"{name} không có {target} (Điều {dieu.number} khoản {khoan.number} {have})"


def check_target_in_draft(draft, document_: str, target: str) -> None:
    """Refuse a part a person names that the round's draft does not have: it would be filed against
    nothing and go into the summary as if the draft had it. Topics are about the whole draft and stand;
    with no draft text to look in, nothing can be told and the part stands too."""
    from .references import TOPICS, resolve

    if draft is None or target in TOPICS or resolve(draft, target, document_) is not None:
        return
    message = _what_is_missing(draft, document_, target)
    other = next((d for d in DOCUMENT_WORDS if d != document_ and resolve(draft, target, d) is not None), None)
    if other is not None:
        word = DOCUMENT_WORDS[other]
        message += f"; Dự thảo {word} có {target}: chọn Văn bản là {word}"
    raise RoundError(message)
