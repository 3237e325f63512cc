"""Text width in Times New Roman, from the metrics of Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman, so its advance
widths tell how long a line prints; the rules under the body name and the
trích yếu are sized from them (nd30.md §2.2: 1/3 to 1/2 of the line).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("data") / "serif_widths.json"
_FALLBACK = 556  # a wide-ish letter, for characters outside the table


@lru_cache(maxsize=1)
def _widths() -> dict[str, dict[str, int]]:
    return json.loads(_TABLE.read_text(encoding="utf-8"))["widths"]


def style_key(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold",
            (False, True): "italic", (True, True): "bold_italic"}[(bold, italic)]


def text_units(text: str, bold: bool = False, italic: bool = False) -> int:
    """Advance width of `text` in thousandths of the font size (additive: the units of "a b" are
    those of "a", " " and "b")."""
    import unicodedata

    table = _widths()[style_key(bold, italic)]
    return sum(table.get(ch, _FALLBACK) for ch in unicodedata.normalize("NFC", text))


def units_to_twips(units: int, size_pt: float) -> int:
    return round(units / 1000 * size_pt * 20)


def text_width_twips(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> int:
    """Printed width of one line of text, in twips."""
    return units_to_twips(text_units(text, bold, italic), size_pt)


def wrap(text: str, size_pt: float, width: int, bold: bool = False, italic: bool = False) -> list[str]:
    """The lines `text` prints as in a column `width` twips wide (greedy word wrap, as Word does)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width_twips(trial, size_pt, bold, italic) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def build_table(font_dir: str = "/usr/share/fonts/truetype/liberation2") -> dict:
    """Rebuild data/serif_widths.json (needs fontTools; `make metrics`)."""
    from fontTools.ttLib import TTFont  # dev-only dependency

    ranges = [(0x20, 0x7F), (0xC0, 0x180), (0x1A0, 0x1B1), (0x1EA0, 0x1EFA)]
    chars = [chr(c) for a, b in ranges for c in range(a, b)] + list("–—…“”‘’•·")
    files = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    out = {}
    for key, suffix in files.items():
        font = TTFont(f"{font_dir}/LiberationSerif-{suffix}.ttf")
        upm, cmap, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
        out[key] = {ch: round(hmtx[cmap[ord(ch)]][0] * 1000 / upm) for ch in chars if ord(ch) in cmap}
    return {"source": "Liberation Serif 2 (metric-compatible with Times New Roman), "
                      "advance widths per 1000 em", "widths": out}


if __name__ == "__main__":
    _TABLE.write_text(json.dumps(build_table(), ensure_ascii=False, sort_keys=True,
                                 separators=(",", ":")), encoding="utf-8")
