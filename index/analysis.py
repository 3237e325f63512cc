"""Vietnamese text analysis for the index, as a Whoosh pipeline of small filters.

    tokenizer | NFC | lowercase | symbol expansion (index only) [| fold]

- NFC first: Whoosh's accent folding would turn a loose combining mark into a letter.
- Numbers and symbols stay one token whatever the spaces: "40 /TTr-STTTT" and "40/TTr-STTTT" are
  the same token "40/ttr-stttt" (see `normalise_symbols`); at index time the token also yields its
  leading parts ("72/2013" of "72/2013/nđ-cp") so "Nghị định 72/2013" finds it.
- The folded field drops diacritics and turns đ into d, so "dak nong" finds "Đắk Nông"; the exact
  field keeps them, and searches weigh exact matches above folded ones.
"""
from __future__ import annotations

import re
import unicodedata

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

# a word, or a number/symbol whose parts are joined by / - & or .
# Bumped whenever what the engines store for a document changes: an index written under another
# format is rebuilt on first use, since a stale index would answer wrongly without a word.
INDEX_FORMAT = "6"  # 6: cited numbers in canonical form (generator.rules.canonical_number)
TOKEN = r"\w+(?:[/\-&.]\w+)*"
_SYMBOL_SPACES = re.compile(r"(?<=\w)\s*([/&])\s*(?=\w)|(?<=\d)\s+-\s*(?=[A-ZĐ])|(?<=[A-ZĐ])\s*-\s+(?=[A-ZĐ])")
_SEPARATORS = re.compile(r"[/\-&.]")


def normalise_symbols(text: str) -> str:
    """'40 /TTr-STTTT' → '40/TTr-STTTT', 'STTTT- TTBCXB' → 'STTTT-TTBCXB', '311 - CV/BTGTU' → '311-CV/BTGTU'."""
    return _SYMBOL_SPACES.sub(lambda m: m.group(1) if m.group(1) else "-", text)


def cited_key(text: str) -> str:
    """How a cited act is stored and looked up: '72/2013/NĐ-CP', '72 /2013/nd-cp' → '72/2013/nd-cp'."""
    from generator.rules import canonical_number

    return fold(canonical_number(normalise_symbols(text.strip()))).lower()


def _fold_table() -> dict[int, str]:
    """Every precomposed Latin letter Vietnamese uses, mapped to its base letter (đ → d)."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        base = "".join(x for x in unicodedata.normalize("NFD", c) if unicodedata.category(x) != "Mn")
        if base != c and len(base) == 1:
            table[cp] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """'Đắk Nông' → 'Dak Nong' (lower case is the caller's); one pass of str.translate, as fast as
    indexing needs, then any loose combining mark dropped."""
    out = unicodedata.normalize("NFC", text).translate(_FOLD)
    if any(unicodedata.combining(c) for c in out):
        out = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
    return out


class NFCFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = unicodedata.normalize("NFC", t.text)
            yield t


class FoldFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


class SymbolPartsFilter(Filter):
    """At index time a symbol also stands for its leading parts: 72/2013/nđ-cp → 72/2013, 72."""

    def __call__(self, tokens):
        for t in tokens:
            yield t
            text = t.text
            # only when indexing (a query keeps the symbol whole), and only for numbered symbols
            if getattr(t, "mode", "") != "index" or not _SEPARATORS.search(text) or not text[:1].isdigit():
                continue
            cuts = [m.start() for m in _SEPARATORS.finditer(text)]
            for cut in cuts:
                t.text = text[:cut]
                yield t
            t.text = text


def _pipeline(folded: bool):
    # (not Whoosh's MultiFilter for the index/query switch: it fails on an empty field)
    chain = RegexTokenizer(TOKEN) | NFCFilter() | LowercaseFilter() | SymbolPartsFilter()
    return chain | FoldFilter() if folded else chain


def exact_analyzer():
    return _pipeline(folded=False)


def folded_analyzer():
    return _pipeline(folded=True)
