"""A short passage of a document around the words searched for, with those words marked.

Matching is done on folded text (no diacritics, đ → d), so "dak nong" marks "Đắk Nông"; the
passage shown is the document's own text, HTML-escaped, with <mark> around each match.
"""
from __future__ import annotations

import html
import re

from .analysis import fold, normalise_symbols

WIDTH = 220


def _folded_with_map(text: str) -> str:
    # fold() keeps one character per character (it only drops combining marks of NFD pairs), so the
    # folded text of an NFC string lines up with it; check and fall back to per-character folding.
    folded = "".join(fold(c) or c for c in text).lower()
    return folded if len(folded) == len(text) else text.lower()


def _spans(haystack: str, terms) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for term in {t for t in terms if t}
            for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", haystack)]


def snippet(text: str, terms: list[str], width: int = WIDTH, exact_terms: list[str] | None = None) -> str:
    """`exact_terms` (as typed, lower case): where they occur with their diacritics, only those are
    marked — "cổng" should not light up every "cộng"; else the folded `terms` are."""
    text = normalise_symbols(" ".join((text or "").split()))
    if not text:
        return ""
    spans = _spans(text.lower(), exact_terms or []) if exact_terms else []
    if not spans:
        spans = _spans(_folded_with_map(text), terms)
    if not spans:
        return html.escape(text[:width]) + ("…" if len(text) > width else "")
    spans.sort()
    # the window holding the most matches
    best, best_count = spans[0][0], 0
    for start, _ in spans:
        count = sum(1 for s, e in spans if start <= s and e <= start + width)
        if count > best_count:
            best, best_count = start, count
    lo = max(0, best - width // 4)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = min(len(text), lo + width)
    out, pos = [], lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:hi]))
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(text) else "")
