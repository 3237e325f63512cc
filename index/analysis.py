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

from generator.vntext import SEPARATORS, cited_key, fold, normalise_symbols  # noqa: F401  (the index's names)

# a word, or a number/symbol whose parts are joined by / - & or .
# Bumped whenever what the engines store for a document changes: an index written under another
# format is rebuilt on first use, since a stale index would answer wrongly without a word.
INDEX_FORMAT = "6"  # 6: cited numbers in canonical form (generator.rules.canonical_number)
TOKEN = r"\w+(?:[/\-&.]\w+)*"



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
            if getattr(t, "mode", "") != "index" or not SEPARATORS.search(text) or not text[:1].isdigit():
                continue
            cuts = [m.start() for m in SEPARATORS.finditer(text)]
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
