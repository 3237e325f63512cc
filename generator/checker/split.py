"""Split a text that holds several documents (a dossier, a scanned bundle) into its documents.

Each document has one anchor near its top — its "Số …/…" line, or the type name of a Quy chế /
Quy định issued with a decision ("QUY CHẾ" over "(Ban hành kèm theo …)"), or the title of a
comment summary — and starts a little above it: the header lines (body names, Quốc hiệu, Tiêu
ngữ, date, a digital-signature banner) up to the last line of the document before, which ends
with its signer's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import _looks_like_name, clean, is_upper

# "Số: 40 /", "Số 311 -", "Số: 110CV-", "Số: /QĐ", "Số: .../QĐ"
_NUMBER_ANCHOR = re.compile(r"^Số\s*:?\s*(?:\d+\s*[-/]|\d+\s*[A-ZĐ]{1,4}-|[.…_]*\s*/)")
_ATTACHED = ("QUY CHẾ", "QUY ĐỊNH", "ĐIỀU LỆ", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN")
_SUMMARY = re.compile(r"^BẢN TỔNG HỢP\b")
_KEM_THEO = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b")
_BANNER = re.compile(r"^(Người ký|Ký bởi|Email|Cơ quan|Ngày ký|Thời gian ký)\s*:", re.IGNORECASE)
_DATE = re.compile(r"^[^,\d]{2,60}, ngày\b")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|K/T|T/M)[./ ]")
_LOOKAHEAD = 5
# words of a body's name, never of a person's: "CÔNG AN TỈNH ĐẮK NÔNG" is a body, "NGUYỄN NGỌC THÂN" a person
_BODY_WORDS = ("TỈNH", "HUYỆN", "XÃ", "THÀNH PHỐ", "QUẬN", "PHƯỜNG", "THỊ", "SỞ", "BAN", "ỦY", "UBND", "PHÒNG",
               "CÔNG AN", "ĐÀI", "BÁO", "TRUNG TÂM", "CỤC", "BỘ", "NHÂN DÂN", "HỘI", "VIỆN", "TRƯỜNG", "ĐOÀN",
               "VIỆT NAM", "CHÍNH PHỦ", "VĂN PHÒNG", "TỔNG", "CÔNG TY", "QUỸ", "KHO BẠC", "TÒA", "ĐẢNG",
               "VÀ ", "THÔNG TIN")


def _person_name(t: str) -> bool:
    return _looks_like_name(t) and not any(w in t.upper() for w in _BODY_WORDS)


@dataclass
class Segment:
    start: int  # character offsets into the text
    end: int
    text: str


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, cleaned line) of every line."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, clean(raw)))
        pos += len(raw) + 1
    return out


def _is_anchor(lines: list[tuple[int, str]], i: int) -> bool:
    t = lines[i][1]
    if _NUMBER_ANCHOR.match(t):
        return True
    if _SUMMARY.match(t):
        return True
    if t in _ATTACHED:
        following = [x for _, x in lines[i + 1:i + 1 + _LOOKAHEAD] if x]
        return any(_KEM_THEO.match(x) for x in following[:3])
    return False


def _header_like(t: str) -> bool:
    """Lines that sit above a document's anchor and belong to it."""
    if not t or t == "*":
        return True
    if _BANNER.match(t) or _DATE.match(t) or t.startswith(("Độc lập", "ĐẢNG CỘNG SẢN")):
        return True
    if is_upper(t) and not _AUTHORITY.match(t) and not _person_name(t):
        return True
    return False


def _start_of(lines: list[tuple[int, str]], anchor: int, floor: int) -> int:
    k = anchor
    while k - 1 >= floor and _header_like(lines[k - 1][1]):
        k -= 1
    while k < anchor and not lines[k][1]:  # a document starts at its first written line
        k += 1
    return k


def split_documents(text: str) -> list[Segment]:
    lines = _lines(text)
    anchors = [i for i in range(len(lines)) if _is_anchor(lines, i)]
    # one anchor per document: a "Số" stamp or a second number line inside the same header
    # (within a few lines of the first) is not a new document
    kept: list[int] = []
    for i in anchors:
        if kept and i - kept[-1] <= 3 and not lines[i][1] in _ATTACHED:
            continue
        kept.append(i)
    if not kept:
        return [Segment(0, len(text), text)] if text.strip() else []
    starts, floor = [], 0
    for i in kept:
        s = _start_of(lines, i, floor)
        starts.append(s)
        floor = i + 1
    starts[0] = 0 if all(not x for _, x in lines[:starts[0]]) or len(kept) == 1 else starts[0]
    bounds = [lines[s][0] for s in starts] + [len(text)]
    if starts[0] != 0 and any(x for _, x in lines[:starts[0]]):
        bounds[0] = 0  # text before the first document belongs to it (a cover note, a stamp)
    segs = []
    for a, b in zip(bounds, bounds[1:]):
        if text[a:b].strip():
            segs.append(Segment(a, b, text[a:b]))
    return segs
