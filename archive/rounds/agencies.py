"""Which consulted agency wrote a letter: the name printed on it against the names on the list sent.

Why tolerant: the list is typed by the drafter ("Sở Tư pháp tỉnh Đắk Nông", "UBND huyện Đắk Song",
"Đài Phát thanh - Truyền hình tỉnh") and the letter prints its own header in capitals ("SỞ TƯ PHÁP",
"ỦY BAN NHÂN DÂN HUYỆN ĐẮK SONG", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH"). Names are compared word by word,
without case, diacritics, punctuation, "và", and with the usual abbreviations written out; one is
matched when its words run inside the other's. A unit that answers for its body (the Phòng Văn hóa
và Thông tin of a district answering for the UBND huyện) is matched by the body printed above it.
"""
from __future__ import annotations

import re

from generator.vntext import fold as _fold

# abbreviations as they are written in lists and headers, each to its words (already folded); the
# pairs only joined ("PT-TH", "VH&TT"), since "TT" alone is as often "trung tâm"
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho", "ptth": "phat thanh truyen hinh",
    "vhtt": "van hoa thong tin", "tttt": "thong tin truyen thong", "mttq": "mat tran to quoc",
    "bchqs": "ban chi huy quan su", "ldld": "lien doan lao dong",
}
_PAIRS = re.compile(r"\b(pt|vh|tt)\s*[-–&]\s*(th|tt)\b")
_DROP = {"va", "cua"}


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d (the search index's folding)."""
    return _fold(text).lower()


def words(name: str | None) -> list[str]:
    out: list[str] = []
    for w in re.findall(r"[a-z0-9]+", _PAIRS.sub(r"\1\2", fold(name or ""))):
        out += _ABBREVIATIONS.get(w, w).split()
    return [w for w in out if w not in _DROP]


def key(name: str) -> str:
    """Two names that are the same agency written differently have one key ("UBND" = "Ủy ban nhân dân")."""
    return " ".join(words(name))


def _inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n > 0 and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _candidates(name: list[str], names: list[list[str]]) -> list[int]:
    exact = [i for i, w in enumerate(names) if w == name]
    if not name:
        return []
    return exact or [i for i, w in enumerate(names) if _inside(name, w) or _inside(w, name)]


def _best(found: list[int], names: list[list[str]], printed: set[str]) -> int | None:
    """Among several names on the list, the one whose every word the letter's header prints ("huyện Cư
    Jút" above "PHÒNG VĂN HÓA VÀ THÔNG TIN"); none or several such tells nothing."""
    if len(found) == 1:
        return found[0]
    whole = [i for i in found if all(w in printed for w in names[i])]
    return whole[0] if len(whole) == 1 else None


def match(agency: str | None, parent_body: str | None, consultees: list[str]) -> int | None:
    """The index in `consultees` of the agency that wrote the letter, or None when no name fits, or
    several fit equally."""
    names = [words(c) for c in consultees]
    own, parent = words(agency), words(parent_body)
    printed = set(own) | set(parent)
    found = _best(_candidates(own, names), names, printed) if own else None
    if found is None and parent:  # a unit answering for the body above it
        found = _best(_candidates(parent, names), names, printed)
    return found
