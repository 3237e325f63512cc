"""Break a centred title (trích yếu, "V/v …", the "Ban hành kèm theo …" line) into lines by meaning:
before a preposition or a new phrase, never inside a word of two syllables ("không gian / mạng"),
never between a number and what it numbers, never leaving one word alone on a line — instead of
wherever Word's line happens to end.  Vietnamese writes a word of several syllables with spaces, so
the compounds an administrative title uses are listed in data/tu_ghep.txt.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import metrics

# A line may start with these (a new phrase); a line never ends with one.
PHRASE_STARTS = (
    "về", "của", "cho", "và", "trên", "tại", "trong", "đối với", "theo", "giai đoạn", "nhằm", "để", "với",
    "thuộc", "từ", "đến", "giữa", "khi", "do", "bằng", "qua", "sau", "trước", "hoặc", "thông qua", "phục vụ",
    "năm", "đợt", "lần", "kèm theo", "ban hành", "quy định", "hướng dẫn", "sửa đổi", "bổ sung", "thực hiện",
    "triển khai", "tổ chức", "phê duyệt", "giao", "tăng cường", "nâng cao", "đẩy mạnh",
)
_PHRASES = tuple(tuple(x.split()) for x in PHRASE_STARTS)
_BY_FIRST: dict[str, list[tuple]] = {}
_BY_LAST: dict[str, list[tuple]] = {}
for _p in _PHRASES:
    _BY_FIRST.setdefault(_p[0], []).append(_p)
    if _p != ("năm",):  # "… năm" may end a line: "đầu năm", "cuối năm"
        _BY_LAST.setdefault(_p[-1], []).append(_p)
# Words that number what follows ("số 12", "Điều 7", "năm 2026"): never broken from their number.
NUMBERING = {"số", "điều", "khoản", "điểm", "chương", "mục", "phần", "năm", "tháng", "ngày", "quý", "đợt", "lần",
             "phụ", "lục", "v/v"}
_DIGIT = re.compile(r"\d")

GOOD_BREAK, BAD_BREAK = -0.6, 4.0


@lru_cache(maxsize=1)
def compounds() -> tuple[frozenset, int]:
    """The listed words of two or more syllables, lower case, and the longest one's syllable count."""
    path = Path(__file__).resolve().parent / "data" / "tu_ghep.txt"
    words = {" ".join(line.split()).lower() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    return frozenset(words), max(len(w.split()) for w in words)


def _inside_word(low: list[str], i: int) -> bool:
    """Whether a break before word i would cut a listed compound in two."""
    words, longest = compounds()
    for start in range(max(0, i - longest + 1), i):
        for end in range(i + 1, min(len(low), start + longest) + 1):
            if " ".join(low[start:end]) in words:
                return True
    return False


def _starts_phrase(low: list[str], i: int) -> bool:
    return any(tuple(low[i:i + len(p)]) == p for p in _BY_FIRST.get(low[i], ()))


def _low(words: list[str]) -> list[str]:
    return [w.lower().strip(",;:()“”\"") for w in words]


def break_cost(words: list[str], i: int, low: list[str] | None = None) -> float:
    """The cost of a line break before words[i] (lower is better)."""
    low = low or _low(words)
    before, after = low[i - 1], low[i]
    if before in NUMBERING and (_DIGIT.search(after) or before == "v/v"):
        return 2 * BAD_BREAK  # "năm / 2026", "Điều / 7", "V/v / …"
    if after == "số" and i + 1 < len(low) and _DIGIT.search(low[i + 1]):
        return BAD_BREAK  # "Chỉ thị / số 05/CT-UBND": a document's name and its number are one
    if before in ("-", "–") or after in ("-", "–"):
        return BAD_BREAK  # "2026 - / 2030": a range is one
    cost = 0.0
    if _DIGIT.search(before) and after in NUMBERING:
        cost += BAD_BREAK  # "6 / tháng"
    if _inside_word(low, i):
        cost += BAD_BREAK
    if any(tuple(low[max(0, i - len(p)):i]) == p for p in _BY_LAST.get(before, ())):
        cost += BAD_BREAK / 2  # a line ending on "về", "của", "đối với"…
    if _starts_phrase(low, i):
        cost += GOOD_BREAK
    if words[i - 1].endswith((",", ";", ":")):
        cost += GOOD_BREAK
    return cost


def meaning_lines(text: str, size: float, width: int, bold: bool = False, italic: bool = False,
                  max_lines: int = 6) -> list[str]:
    """`text` as the lines it should print as in a centred paragraph `width` twips wide: the fewest
    lines it fits in, broken where the meaning allows, the lines as even as they can be."""
    text = " ".join((text or "").split())
    words = text.split()

    # widths add up: a line's is its words' plus its spaces' (one sum per word, not per candidate line)
    space = metrics.text_units(" ", bold, italic)
    starts = [0]
    for w in words:
        starts.append(starts[-1] + metrics.text_units(w, bold, italic))

    def w_of(a: int, b: int) -> int:
        return metrics.units_to_twips(starts[b] - starts[a] + (b - a - 1) * space, size)

    if not words or w_of(0, len(words)) <= width:
        return [text] if text else []
    n = len(words)
    max_lines = max(max_lines, len(metrics.wrap(text, size, width, bold, italic)) + 1)  # a long text: its own count
    low = _low(words)
    costs = [0.0] + [break_cost(words, i, low) for i in range(1, n)]
    # best[k][j]: the cheapest way to set words[:j] in k lines, with where its last line starts
    inf = float("inf")
    best = [[(inf, -1)] * (n + 1) for _ in range(max_lines + 1)]
    best[0][0] = (0.0, -1)
    for k in range(1, max_lines + 1):
        for j in range(1, n + 1):
            for a in range(j - 1, -1, -1):
                lw = w_of(a, j)
                if lw > width:
                    break
                if best[k - 1][a][0] == inf or (j - a == 1 and n > k):
                    continue  # one word alone on a line
                slack = (width - lw) / width
                c = best[k - 1][a][0] + slack * slack + (costs[a] if a else 0.0)
                if c < best[k][j][0]:
                    best[k][j] = (c, a)
        if best[k][n][0] < inf:
            lines, j = [], n
            for kk in range(k, 0, -1):
                a = best[kk][j][1]
                lines.append(" ".join(words[a:j]))
                j = a
            return lines[::-1]
    return metrics.wrap(text, size, width, bold, italic)
