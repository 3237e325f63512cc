"""Symbols that must not break at the end of a line: "05/2026/NĐ-CP", "311-CV/BTGTU", "Điều 7 khoản 4 điểm a".

A narrow table cell breaks a line wherever Word or LibreOffice may: after a hyphen, at a space, and
(LibreOffice) after a slash before a letter.  A number cut as "NĐ-" / "CP" or a part cut as "Điều" /
"7" reads wrong, so inside such tokens only: the hyphen becomes the non-breaking hyphen U+2011, the
space a no-break space U+00A0, and a word joiner U+2060 follows the slash.  Everything else breaks as
usual.  `plain` puts the ordinary characters back; the checker's reader (checker.text.clean) does the
same, so search and extraction read "NĐ-CP" whatever the file holds.
"""
from __future__ import annotations

import re

NB_HYPHEN, NB_SPACE, JOINER = "\u2011", "\u00a0", "\u2060"

# a number and symbol: segments of digits or capitals (lower case after the first letter: "TTr"),
# joined by "-" or "/", at least one joint and one digit or two capitals: "487/STP-VP", "15/7/2013"
_SEGMENT = r"[0-9A-ZĐ][0-9A-Za-zĐđ&.]*"
_SYMBOL = re.compile(rf"(?<![\w/-]){_SEGMENT}(?:[-/]{_SEGMENT})+(?![\w-])")
# a part of a draft: the word and its number ("Điều 7", "khoản 4", "điểm a", "Chương II"), and a
# chain of them written without commas ("Điều 7 khoản 4 điểm a")
_PART = re.compile(r"\b(Điều|Khoản|Điểm|Chương|Mục)\s+(\d{1,3}|[IVXLC]{1,6}|[a-zđ])(?=$|[\s,.;:)”\"])",
                   re.IGNORECASE)
_CHAIN = re.compile(r"((?:Điều|Khoản)\u00a0\d{1,3})\s+(?=(?:khoản|điểm)\u00a0)", re.IGNORECASE)


def _symbol(m: re.Match) -> str:
    token = m.group(0)
    if not re.search(r"\d|[A-ZĐ]{2}", token):
        return token  # "Cổng/Trang": words, not a symbol
    return token.replace("-", NB_HYPHEN).replace("/", "/" + JOINER)


def keep_together(text: str) -> str:
    """The text with its symbols and parts made unbreakable (what prints is unchanged)."""
    text = _SYMBOL.sub(_symbol, text)
    text = _PART.sub(lambda m: f"{m.group(1)}{NB_SPACE}{m.group(2)}", text)
    return _CHAIN.sub(lambda m: m.group(1) + NB_SPACE, text)


_PLAIN = str.maketrans({NB_HYPHEN: "-", NB_SPACE: " ", JOINER: None})


def plain(text: str) -> str:
    """The ordinary characters back: what a reader of the file should see."""
    return text.translate(_PLAIN)
