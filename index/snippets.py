"""A short passage of a document around the words searched for, with those words marked.

Matching is done on folded text (no diacritics, đ → d), so "dak nong" marks "Đắk Nông"; the
passage shown is the document's own text, HTML-escaped, with <mark> around each match.
"""
from __future__ import annotations

import html
import re

from .analysis import fold

WIDTH = 220


def _folded_with_map(text: str) -> str:
    # On NFC text fold() maps one character to one character, so the folded text lines up with the
    # original and a match's offsets can be used on both; one pass over the whole text (per-character
    # calls cost tens of milliseconds on a page of search hits). Where lengths differ (loose
    # combining marks), fold character by character, then give up on folding.
    folded = fold(text).lower()
    if len(folded) == len(text):
        return folded
    folded = "".join(fold(c) or c for c in text).lower()
    return folded if len(folded) == len(text) else text.lower()


def _term_pattern(term: str) -> str:
    """A term as a pattern; a number or symbol also where the text spaces its separators
    ("40/ttr-stttt" finds "40 /TTr-STTTT"), as the index reads it (analysis.normalise_symbols) —
    cheaper than normalising the whole text of every hit first."""
    return _SEPARATOR.sub(lambda m: f" ?{re.escape(m.group())} ?", re.escape(term)) if _SEPARATOR.search(term) \
        else re.escape(term)


_SEPARATOR = re.compile(r"[/&-]")


def _spans(haystack: str, terms) -> list[tuple[int, int]]:
    """Where any of the terms occurs as a whole word; one pass of one pattern (longest term first)."""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(_term_pattern, words)) + r")(?!\w)")
    return [m.span() for m in pattern.finditer(haystack)]


CHUNK = 20_000  # characters of text looked at a time
OVERLAP = 400  # a match lying across two parts is found whole in one


def snippet(text: str, terms: list[str], width: int = WIDTH, exact_terms: list[str] | None = None) -> str:
    """`exact_terms` (as typed, lower case): where they occur with their diacritics, only those are
    marked — "cổng" should not light up every "cộng"; else the folded `terms` are.

    A long text is read a part at a time, and the passage comes from the first part that holds a
    match: a hit of 100 MB costs what its first match's part costs, not a fold of the whole text."""
    raw = text or ""
    for at in range(0, max(len(raw), 1), CHUNK):
        part = raw[at:at + CHUNK + OVERLAP]
        out = _snippet(part, terms, width, exact_terms, before=at > 0, after=at + len(part) < len(raw),
                       fallback=at == 0)
        if out is not None:
            return out
    return _snippet(raw[:CHUNK], [], width, None, before=False, after=len(raw) > CHUNK, fallback=True) or ""


def _snippet(text: str, terms, width: int, exact_terms, before: bool, after: bool, fallback: bool) -> str | None:
    # texts exported from Word keep Markdown bold markers ("**QUYẾT ĐỊNH**"): a reader never sees them
    text = " ".join(text.replace("**", "").split())
    if not text:
        return "" if fallback and not after else None
    spans = _spans(text.lower(), exact_terms or []) if exact_terms else []
    if not spans:
        spans = _spans(_folded_with_map(text), terms)
    if not spans:
        if not fallback or (after and terms):
            return None  # look in the next part
        return html.escape(text[:width]) + ("…" if len(text) > width or after else "")
    spans.sort()
    # the window holding the most matches
    best, best_count, j = spans[0][0], 0, 0
    for i, (start, _) in enumerate(spans):  # sliding window: matches lying within [start, start+width]
        while j < len(spans) and spans[j][1] <= start + width:
            j += 1
        count = j - i
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
    return ("…" if lo > 0 or before else "") + "".join(out) + ("…" if hi < len(text) or after else "")
