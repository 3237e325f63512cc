"""What the round's writes (store.py) and reads (state.py) share: the refusal, the words of a response,
dates as people type them, and the text of the draft a round concerns."""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, select

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
    """A date as people type it: 15/07/2021 (or 15-07-2021), or 2021-07-15."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise RoundError(f"'{text}' không phải là ngày; viết dd/mm/yyyy, ví dụ 15/07/2021")


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
