"""Where each field was read: the page and line of the text vanthu read, so the upload review can
say "trang 1, dòng 3" beside a value and the clerk can look there before saving.

A value is looked for in the document's own text, line by line, the way it was printed: spaces
and case set aside (a two-column line holds the value beside its neighbour's cell). A value
vanthu composed from several lines is found by its first words.
"""
from __future__ import annotations

import re
import unicodedata

FIELDS = ("so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu", "kinh_gui",
          "signer_name", "signer_title", "authority", "do_mat", "do_khan")


_SIGNATURE = ("signer_name", "signer_title", "authority")


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def _squeeze(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFC", text)).casefold()


class _Lines:
    """The document's lines, each normalised once however many fields look through it."""

    def __init__(self, lines: list[str]):
        self.raw = lines
        self._norm: dict[int, str] = {}
        self._squeeze: dict[int, str] = {}

    def norm(self, i: int) -> str:
        if i not in self._norm:
            self._norm[i] = _norm(self.raw[i])
        return self._norm[i]

    def squeeze(self, i: int) -> str:
        if i not in self._squeeze:
            self._squeeze[i] = _squeeze(self.raw[i])
        return self._squeeze[i]


def _needle(field: str, value) -> tuple[str, str] | None:
    """(how to compare, what to look for) for one field's value."""
    if value in (None, "", []):
        return None
    if isinstance(value, list):
        value = value[0]
    value = str(value)
    if field == "ky_hieu":
        return "squeeze", value
    if field == "so":
        return "number", value
    if field == "date":
        return "date", value
    if field == "place":
        return "place", value
    words = value.split()
    # a value joined from broken lines: its first words stand on the first of them
    return "norm", " ".join(words[:4]) if len(words) > 4 else value


def _matches(how: str, want: str, lines: _Lines, i: int) -> bool:
    """`want` is already normalised (squeezed) for the "norm", "place" ("squeeze") comparisons."""
    line = lines.raw[i]
    if how == "squeeze":
        return want in lines.squeeze(i)
    if how == "number":
        return re.search(rf"\bSố\b[^\d\n]{{0,6}}0*{re.escape(want)}\b", line) is not None
    if how == "date":
        y, m, _ = (want.split("-") + ["", ""])[:3]
        return "ngày" in line and y in line and (not m.isdigit() or re.search(
            rf"tháng\s*0?{int(m)}\b|/\s*0?{int(m)}\s*/", line) is not None)
    if how == "place":  # the date line, not the body's name that holds the same province
        return "ngày" in line and want in lines.norm(i)
    return want in lines.norm(i)


def locate(meta: dict, text: str, first_line: int = 0, page_starts: list[int] | None = None) -> dict:
    """{field: {"page": n, "line": n}} for each field found ("line" only, without pages); `first_line` is where the document's
    text starts in the file's, `page_starts` the file's line at which each page begins (PDFs)."""
    lines = _Lines(text.split("\n"))
    out: dict[str, dict] = {}
    for field in FIELDS:
        needle = _needle(field, meta.get(field))
        if needle is None:
            continue
        how, want = needle
        want = _squeeze(want) if how == "squeeze" else _norm(want) if how in ("norm", "place") else want
        # the signature comes after the body, which may name the same title ("Chủ tịch Ủy ban …")
        n_lines = len(lines.raw)
        order = range(n_lines - 1, -1, -1) if field in _SIGNATURE else range(n_lines)
        k = next((i for i in order if _matches(how, want, lines, i)), None)
        if k is None:
            continue
        n = first_line + k
        if page_starts:  # a PDF: the page, and the line on it
            page = max(i for i, start in enumerate(page_starts, start=1) if start <= n)
            out[field] = {"page": page, "line": n - page_starts[page - 1] + 1}
        else:  # a text or Word file has no pages of its own
            out[field] = {"line": n + 1}
    if "so" not in out and "ky_hieu" in out and meta.get("so") is not None:
        out["so"] = out["ky_hieu"]
    if "place" in out and "date" not in out and meta.get("date"):
        out["date"] = out["place"]
    return out


def said(where: dict | None) -> str:
    """'trang 2, dòng 14' (or 'dòng 3' for a file without pages)."""
    if not where:
        return ""
    return f"trang {where['page']}, dòng {where['line']}" if where.get("page") else f"dòng {where['line']}"
