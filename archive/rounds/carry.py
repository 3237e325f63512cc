"""A round on a revised draft carries the earlier answers forward: each answered comment of the previous
round goes to the part of the new draft that holds the same text, whatever its number is now.

Why by text, not by number: a revision renumbers. An article inserted at the top of a Quy chế makes the
old "Điều 7 khoản 4" the new "Điều 8 khoản 4", and the new "Điều 7 khoản 4" says something else. A
comment whose part is gone is not lost silently: it is kept as dropped, with the reason.

How two parts are compared: difflib's ratio over their words (NFC, case folded), with the numbers of
the draft's own parts masked ("Điều 7" → "điều #"), so that a cross-reference renumbered with the rest
does not count as a change. A part's words are its whole text (its khoản and điểm too), without its label.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .draft import Draft, Part
from .references import CHUNG, THE_THUC, resolve

# Thresholds, measured on seed 002's Quy chế: two different parts of the same kind reach at most 0.63
# of each other (Điều 7 khoản 6 điểm b and Điều 5 khoản 2 điểm b), except one near-duplicate pair,
# Điều 7 khoản 4 điểm c and khoản 5 điểm b, at 0.89. A revised part keeps 0.70 when about a third of its
# words are replaced, or when it grows by four fifths — the usual size of a change that takes a comment in.
MATCH = 0.70
# Outside the article (or khoản) it was in, a part counts as the same only when it moved nearly word for
# word: above the near-duplicate pair, so that deleting one of two near-twins does not move its comments
# onto the other.
MOVED = 0.95
# parts whose place is the structure, searched among the parts under their matched parent
_NESTED = ("khoan", "diem")

_OWN_REF = re.compile(r"\b(chương|điều|khoản|điểm)\s+(?:[ivxlc]+|\d{1,3}|[a-zđ])(?!\w)")
_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").casefold()
    return _WORD.findall(_OWN_REF.sub(r"\1 #", text))


def similarity(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def part_words(part: Part) -> list[str]:
    text = part.full_text()
    if part.label and text.startswith(part.label):
        text = text[len(part.label):]
    return words(text)


@dataclass
class Match:
    part: Part | None  # the part of the new draft; None: dropped
    similarity: float | None  # None for a topic, carried as it is
    reason: str | None = None  # why it was dropped


def _parents(root: Part) -> dict[int, Part]:
    out = {}
    for p in root.walk():
        for c in p.children:
            out[id(c)] = p
    return out


class Matcher:
    """Finds the parts of an old draft in a new one; one per pair of drafts (its comparisons are cached)."""

    def __init__(self, old: Draft, new: Draft):
        self.old, self.new = old, new
        self._parents = {doc: _parents(root) for doc, root in old.documents.items()}
        self._found: dict[int, tuple[Part | None, float]] = {}
        self._words: dict[int, list[str]] = {}

    def _w(self, part: Part) -> list[str]:
        if id(part) not in self._words:
            self._words[id(part)] = part_words(part)
        return self._words[id(part)]

    def _best(self, old: Part, candidates: list[Part], extra: list[str] | None) -> tuple[Part | None, float]:
        """The candidate closest to the old part, or to the wording the comment proposed (a comment taken in
        puts it there); between equals, the one with the old part's number, then the first."""
        mine, best = self._w(old), None
        for i, c in enumerate(candidates):
            s = similarity(mine, self._w(c))
            if extra:
                s = max(s, similarity(extra, self._w(c)))
            key = (s, c.number == old.number, -i)
            if best is None or key > best[0]:
                best = (key, c)
        return (best[1], best[0][0]) if best else (None, 0.0)

    def find(self, old: Part, document: str, proposed: str | None = None) -> tuple[Part | None, float]:
        """(the part of the new draft holding the old part's text, or None; the best similarity seen)."""
        if proposed is None and id(old) in self._found:
            return self._found[id(old)]
        result = self._find(old, document, words(proposed) if proposed else None)
        if proposed is None:
            self._found[id(old)] = result
        return result

    def _find(self, old: Part, document: str, extra: list[str] | None) -> tuple[Part | None, float]:
        root = self.new.documents.get(document)
        if root is None:
            return None, 0.0
        same_kind = [p for p in root.walk() if p.kind == old.kind]
        parent = self._parents.get(document, {}).get(id(old))
        new_parent = None
        if old.kind in _NESTED and parent is not None and parent.kind in ("dieu", "khoan"):
            new_parent, _ = self.find(parent, document)
        if new_parent is None:  # an article, a chapter, or a part whose article is gone: anywhere
            part, score = self._best(old, same_kind, extra)
            return (part, score) if score >= MATCH else (None, score)
        inside = [c for c in new_parent.children if c.kind == old.kind]
        part, score = self._best(old, inside, extra)
        if score >= MATCH:
            return part, score
        # moved out of its article (or khoản): only a near-verbatim copy elsewhere counts
        moved, elsewhere = self._best(old, [p for p in same_kind if not any(p is c for c in inside)], None)
        return (moved, elsewhere) if elsewhere >= MOVED else (None, max(score, elsewhere))


_DOC_WORDS = {"quyet_dinh": "dự thảo Quyết định", "quy_che": "dự thảo Quy chế"}


def match_target(matcher: Matcher, target: str, document: str, proposed: str | None = None) -> Match:
    """Where a comment on `target` of the old draft sits in the new one."""
    old, new = matcher.old, matcher.new
    if document not in new.documents:
        return Match(None, None, f"dự thảo mới không còn {_DOC_WORDS.get(document, document)}")
    if target in (CHUNG, THE_THUC):  # about a whole document: it is still there
        return Match(new.documents[document], None)
    part = resolve(old, target, document)
    if part is None:
        return Match(None, None, f"không xác định được phần '{target}' trong dự thảo vòng trước")
    if part.kind in ("can_cu", "tham_quyen_ky"):  # the decision's căn cứ or signature: one of each, never renumbered
        found = resolve(new, target, document)
        return Match(found, None) if found is not None else \
            Match(None, None, "dự thảo mới không còn phần này")
    found, score = matcher.find(part, document, proposed)
    if found is None:
        return Match(None, round(score, 2),
                     f"dự thảo mới không còn phần có nội dung này (giống nhất chỉ {score:.0%})")
    return Match(found, round(score, 2))


# --- the rows a new round carries ----------------------------------------------------------------------

def plan_carry(conn, previous_round_id: int, new: Draft) -> list[dict]:
    """The carried_comment rows (without round_id) for a round on `new` after round `previous_round_id`:
    every answered comment of that round, and what it had itself carried, each matched in the new draft."""
    from sqlalchemy import select

    from ..schema import carried_comment, comment, reply, response
    from .draft import parse_draft
    from .rules import draft_text, get_round

    prev = get_round(conn, previous_round_id)
    old = parse_draft(draft_text(conn, prev.draft_document_id, prev.draft_version, prev.opened_at))
    earlier = conn.execute(
        select(carried_comment.c.comment_id, carried_comment.c.document, carried_comment.c.target,
               comment.c.proposed, carried_comment.c.status, carried_comment.c.giai_trinh, carried_comment.c.by,
               carried_comment.c.at)
        .join(comment, comment.c.id == carried_comment.c.comment_id)
        .where((carried_comment.c.round_id == prev.id) & carried_comment.c.target.is_not(None))
        .order_by(carried_comment.c.id)).all()
    own = conn.execute(
        select(comment.c.id.label("comment_id"), comment.c.document, comment.c.target, comment.c.proposed,
               response.c.status, response.c.giai_trinh, response.c.by, response.c.at)
        .join(reply, reply.c.id == comment.c.reply_id).join(response, response.c.comment_id == comment.c.id)
        .where(reply.c.round_id == prev.id).order_by(reply.c.received_on, reply.c.id, comment.c.position)).all()
    matcher = Matcher(old, new)
    rows = []
    for s in [*earlier, *own]:
        m = match_target(matcher, s.target, s.document, s.proposed)
        rows.append({
            "comment_id": s.comment_id, "from_round_id": prev.id, "document": s.document, "from_target": s.target,
            "target": (m.part.target or s.target) if m.part is not None else None,
            "similarity": None if m.similarity is None else round(m.similarity * 100),
            "reason": m.reason, "status": s.status, "giai_trinh": s.giai_trinh, "by": s.by, "at": s.at})
    return rows
