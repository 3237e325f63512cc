"""The header of a born-digital PDF as its page image shows it, against what its text layer says.

A text layer can say what the page does not show: a number stamped over a template's blank, text
hidden under a box, a font whose map is wrong. The top of page 1 is rendered and read by
Tesseract; where the number, symbol or date read there disagrees with the text layer's, the
clerk is told both, to look at the page. Nothing is overwritten: OCR is the less sure of the two.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .dates import written
from .ocrfix import repair_ocr

HEADER_SHARE = 0.3  # the top of the page that holds the header in Nghị định 30's layout
DPI = 300


def header_image_text(pdf: Path, width_pt: float, height_pt: float) -> str | None:
    """Tesseract's reading of the top of page 1, or None when it cannot run."""
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return None
    from .readers import limited

    scale = min(1.0, 5000 / max(width_pt * DPI / 72, 1))  # a page of absurd size is read smaller
    w, h = int(width_pt * DPI / 72 * scale), int(height_pt * HEADER_SHARE * DPI / 72 * scale)
    if w < 10 or h < 10:
        return None
    try:
        with tempfile.TemporaryDirectory(prefix="vanthu-head-") as tmp:
            base = Path(tmp) / "head"
            subprocess.run(limited(["pdftoppm", "-r", str(int(DPI * scale) or 1), "-f", "1", "-l", "1", "-x", "0",
                                    "-y", "0", "-W", str(w), "-H", str(h), "-gray", "-singlefile",
                                    str(Path(pdf).resolve()), str(base)]), capture_output=True, timeout=60)
            png = base.with_suffix(".pgm")
            if not png.exists():
                return None
            res = subprocess.run(limited(["tesseract", str(png), "-", "-l", "vie"]), capture_output=True, text=True,
                                 timeout=120, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (subprocess.TimeoutExpired, OSError):
        return None
    return repair_ocr(res.stdout) if res.returncode == 0 else None


def _number(text: str) -> tuple[int | None, str | None]:
    m = re.search(r"(?m)\b(?:Số|SỐ)\s*:?\s*(\d{1,6})?\s*[/-]\s*([^\s,]+)", text)
    if not m:
        return None, None
    return (int(m[1]) if m[1] else None), re.sub(r"\s+", "", m[2]).rstrip(".,;:")


def _date(text: str) -> str | None:
    """The date line's date ("Hà Nội, ngày 28 tháng 5 năm 2024"), not a Căn cứ's below it."""
    import datetime as dt

    m = re.search(r"[^\W\d_],\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
    if not m:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:  # "ngày 77": a digit misread, not a date to report
        return None


def _alike(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    a, b = a.replace("Đ", "D"), b.replace("Đ", "D")
    return a == b or a.endswith(b) or b.endswith(a) or SequenceMatcher(None, a, b).ratio() >= 0.85


def disagreements(meta: dict, image_text: str | None) -> list[str]:
    """Notices, in Vietnamese, for each header field the page image reads otherwise."""
    if not image_text:
        return []
    out = []
    so, ky_hieu = _number(image_text)
    if so is not None and so != meta.get("so"):
        shown = meta.get("so") if meta.get("so") is not None else "(trống)"
        out.append(f"số văn bản: lớp chữ của PDF ghi {shown}, hình trang ghi {so}; xem lại trang 1")
    # the symbol is compared only when OCR read one that looks like a symbol (letters and a dash)
    if ky_hieu and meta.get("ky_hieu") and re.search(r"[A-ZĐ]{2,}", ky_hieu) and not _alike(ky_hieu, meta["ky_hieu"]):
        out.append(f"ký hiệu: lớp chữ ghi {meta['ky_hieu']}, hình trang ghi {ky_hieu}; xem lại trang 1")
    day = _date(image_text)
    if day and day != meta.get("date"):
        shown = written(meta.get("date")) or "(trống)"
        out.append(f"ngày ban hành: lớp chữ ghi {shown}, hình trang ghi {written(day)}; xem lại trang 1")
    return out
