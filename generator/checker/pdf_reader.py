"""What survives in a PDF: page size, the fonts embedded, and every text line with its spans
(font, size, bold, italic) and position, read with PyMuPDF in a limited child process."""
from __future__ import annotations

import re

SERIF = ("TimesNewRoman", "Times-Roman", "Times", "LiberationSerif")  # Liberation Serif stands for TNR


class PdfReadError(ValueError):
    pass


TIMEOUT_S = 60
SCAN_COVER = 0.5  # an image over more than half the page …
SCAN_CHARS = 200  # … and fewer characters of text than this: the page is a picture


def read_pdf(path):
    """The pages of an untrusted PDF, read by a child process with memory and CPU limits
    (generator.sandbox): a file made to exhaust the reader kills only the child."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from ..sandbox import run_limited

    try:
        proc = run_limited([sys.executable, "-m", "generator.checker.pdf_reader", str(Path(path).resolve())],
                           cpu_s=TIMEOUT_S, capture_output=True, text=True, timeout=TIMEOUT_S,
                           cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired as exc:
        raise PdfReadError("đọc tệp PDF quá lâu (tệp có thể bị hỏng hoặc được làm để treo chương trình)") from exc
    if proc.returncode != 0:
        raise PdfReadError("không đọc được tệp PDF (tệp hỏng, hoặc cần quá nhiều bộ nhớ để đọc)")
    out = json.loads(proc.stdout)
    if "error" in out:
        raise PdfReadError(out["error"])
    for page in out["pages"]:
        page["fonts"] = set(page["fonts"])
    return out["pages"]


def _font_name(base: str) -> str:
    return re.sub(r"^[A-Z]{6}\+", "", base.lstrip("/"))


def _span(s: dict) -> dict:
    font = _font_name(s.get("font") or "")
    low = font.lower()
    flags = int(s.get("flags") or 0)
    return {"text": s["text"], "font": font, "size": round(float(s["size"]), 2),
            "bold": bool(flags & 16) or any(w in low for w in ("bold", "black", "heavy")),
            "italic": bool(flags & 2) or "italic" in low or "oblique" in low,
            "color": f"{int(s.get('color') or 0):06x}"}


def _reading_order(blocks: list[dict]) -> list[dict]:
    """Blocks as the file wrote them (a table cell's paragraphs together, left cell before right),
    except blocks lying wholly above the first one written: some writers put the header table
    after the body; those come first, top to bottom, left to right."""
    if not blocks:
        return blocks
    top = blocks[0]["bbox"][1]
    above = [b for b in blocks[1:] if b["bbox"][3] <= top]
    rest = [b for b in blocks if not any(b is x for x in above)]
    return sorted(above, key=lambda b: (round(b["bbox"][1] / 4), b["bbox"][0])) + rest


def _lines(page) -> list[dict]:
    """Text lines in reading order, each with its box in points and its spans."""
    import pymupdf

    found = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)
    out = []
    for block in _reading_order([b for b in found.get("blocks", []) if b.get("lines")]):
        for line in block.get("lines", []):
            spans = [_span(s) for s in line.get("spans", []) if s.get("text")]
            text = "".join(s["text"] for s in spans)
            if not text.strip():
                continue
            shown = [s for s in line["spans"] if s.get("text", "").strip()]
            x0 = min(s["bbox"][0] for s in shown)
            x1 = max(s["bbox"][2] for s in shown)
            y0, y1 = line["bbox"][1], line["bbox"][3]
            out.append({"text": text, "box": [round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)],
                        "spans": spans})
    return out


RULE_MIN_PT = 20  # a drawn rule is at least ~7 mm long; shorter strokes are letters' or tables' bits


def _rules(page) -> list[list[float]]:
    """Horizontal strokes drawn on the page (x0, y, x1 in points): the rules under the body name, the
    Tiêu ngữ and the trích yếu, as a line or as a thin filled box."""
    out = []
    try:
        drawings = page.get_drawings()
    except Exception:  # noqa: BLE001 — a drawing PyMuPDF cannot parse is no rule
        return out
    for d in drawings:
        for item in d.get("items", []):
            if item[0] == "l":
                a, b = item[1], item[2]
                if abs(a.y - b.y) < 1 and abs(b.x - a.x) >= RULE_MIN_PT:
                    out.append([round(min(a.x, b.x), 2), round((a.y + b.y) / 2, 2), round(max(a.x, b.x), 2)])
            elif item[0] == "re":
                r = item[1]
                if r.height <= 1.5 and r.width >= RULE_MIN_PT:
                    out.append([round(r.x0, 2), round((r.y0 + r.y1) / 2, 2), round(r.x1, 2)])
    return out[:500]


def _scanned(page, text: str) -> bool:
    area = abs(page.rect) or 1
    try:
        covered = sum(abs(r & page.rect) for info in page.get_images(full=True)
                      for r in page.get_image_rects(info[0]))
    except Exception:  # noqa: BLE001 — images that cannot be placed: not a scan
        covered = 0
    return covered > SCAN_COVER * area and len(re.sub(r"\s", "", text)) < SCAN_CHARS


def _read_here(path):
    import pymupdf

    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as exc:  # noqa: BLE001 — PyMuPDF raises several types for a broken file
        raise PdfReadError(f"không đọc được tệp PDF: {exc}") from exc
    if doc.needs_pass:
        raise PdfReadError("tệp PDF có mật khẩu: mở khóa rồi kiểm tra lại")
    if doc.page_count == 0:
        raise PdfReadError("không đọc được tệp PDF: tệp không có trang nào (tệp hỏng?)")
    pages = []
    try:
        for n, page in enumerate(doc, start=1):
            lines = _lines(page)
            text = "\n".join(x["text"] for x in lines)
            fonts = {_font_name(f[3]) for f in page.get_fonts(full=False) if f[3]}
            pages.append({"n": n, "width": round(page.rect.width, 2), "height": round(page.rect.height, 2),
                          "fonts": fonts, "text": text, "lines": lines, "scanned": _scanned(page, text),
                          "rules": _rules(page)})
    except (RuntimeError, ValueError) as exc:
        raise PdfReadError(f"không đọc được tệp PDF: {exc}") from exc
    return pages


def is_serif(font: str) -> bool:
    name = font.replace(" ", "").replace("-", "").split(",")[0]
    return any(name.startswith(s.replace("-", "")) for s in SERIF)


if __name__ == "__main__":  # the child: one PDF in, its pages as JSON out
    import json
    import sys

    try:
        found = {"pages": [{**p, "fonts": sorted(p["fonts"])} for p in _read_here(sys.argv[1])]}
    except PdfReadError as exc:
        found = {"error": str(exc)}
    json.dump(found, sys.stdout, ensure_ascii=False)
