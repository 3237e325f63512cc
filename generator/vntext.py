"""Vietnamese text as every layer reads it: diacritics folded ("Đắk Nông" → "Dak Nong"), the spaces
a typist puts inside a number and symbol taken out ("40 /TTr-STTTT" → "40/TTr-STTTT"), a cited act's
key.  The search index, the archive and the pages all use these, so they live at the bottom layer
(docs/architecture.md), with no search library behind them.
"""
from __future__ import annotations

import re
import unicodedata

from .rules import canonical_number

_SYMBOL_SPACES = re.compile(r"(?<=\w)\s*([/&])\s*(?=\w)|(?<=\d)\s+-\s*(?=[A-ZĐ])|(?<=[A-ZĐ])\s*-\s+(?=[A-ZĐ])")
SEPARATORS = re.compile(r"[/\-&.]")


def normalise_symbols(text: str) -> str:
    """'40 /TTr-STTTT' → '40/TTr-STTTT', 'STTTT- TTBCXB' → 'STTTT-TTBCXB', '311 - CV/BTGTU' → '311-CV/BTGTU'."""
    return _SYMBOL_SPACES.sub(lambda m: m.group(1) if m.group(1) else "-", text)


def cited_key(text: str) -> str:
    """How a cited act is stored and looked up: '72/2013/NĐ-CP', '72 /2013/nd-cp' → '72/2013/nd-cp'."""
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
