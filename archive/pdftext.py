"""Text of a PDF as its pages show it, read in a child process: a PDF made to crash or hang a
parser takes down only the child, which has a memory and time limit.
`python -m archive.pdftext FILE` prints JSON: {"pages": [text, …], "encrypted", "error"}.

The page is read with PyMuPDF (why not pdfplumber: README, "Reading PDFs"), span by span with its
position, so that
- what is stamped over a template's blanks after signing ("Số: 35 /2024/QĐ-UBND", "ngày 28 tháng 5")
  takes its place in the line it fills, not the end of the page;
- text the page does not show (invisible render mode, a fill of no opacity, or a span covered by an
  opaque box painted after it) is left out;
- two columns side by side (the header, Nơi nhận beside the signature) are kept apart by a wide
  gap, which the reader splits column by column (archive.extract.unfold_columns);
- a page number alone at the top or bottom and the banner of a digital signature are dropped.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SIGNATURE_TIMEOUT_S = 30
COLUMN_GAP = "      "  # what separates two columns on one line, for unfold_columns
_BANNER = re.compile(r"^(Người ký|Ký bởi|Email|Cơ quan|Ngày ký|Thời gian ký|Giờ ký|Signature Not Verified|"
                     r"SAO Y\s*;|SAO LỤC\s*;|TRÍCH SAO\s*;)", re.IGNORECASE)


def _hidden_boxes(page) -> list:
    """Opaque filled rectangles with the order they were painted in."""
    out = []
    try:
        for d in page.get_drawings():
            if d.get("fill") is not None and (d.get("fill_opacity") or 1) >= 0.99 and d.get("rect") is not None:
                r = d["rect"]
                if r.width > 4 and r.height > 4:
                    out.append((d.get("seqno", 0), r, tuple(d["fill"])))
    except Exception:  # noqa: BLE001 — a page whose drawings cannot be listed: nothing is hidden
        return []
    return out


_BAND = 20.0  # points


def _visible_spans(page, trace: bool = True) -> list[dict]:
    """Every span the page shows, cut into characters with their boxes (a number stamped into a
    template's blank lands between the blank's own characters, by position)."""
    import pymupdf

    hidden: list = []
    try:
        trace = page.get_texttrace() if trace else []
        boxes = _hidden_boxes(page) if trace else []
        for t in trace:
            r = pymupdf.Rect(t["bbox"])
            if t.get("type") == 3 or t.get("opacity", 1) == 0 or \
                    any(seq > t["seqno"] and box.contains(r) for seq, box, _fill in boxes):  # painted over
                hidden.append(r)
    except Exception:  # noqa: BLE001 — no trace: everything is taken as shown
        hidden = []
    bands: dict[int, list] = {}  # hidden boxes by height on the page: a span meets only its neighbours
    top = int(page.rect.height // _BAND) + 2
    for h in hidden:
        if h.is_empty or h.is_infinite:
            continue
        for k in range(max(-2, int(h.y0 // _BAND)), min(top, int(h.y1 // _BAND)) + 1):
            bands.setdefault(k, []).append(h)
    spans = []
    # a glyph the font does not map to Unicode keeps its number (repair_font_map knows some fonts')
    raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
                        | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE)
    for bno, block in enumerate(raw.get("blocks", [])):
        for line in block.get("lines", []):
            for s in line.get("spans", []):
                chars = s.get("chars", [])
                if not any(c["c"].strip() for c in chars):
                    continue
                r = pymupdf.Rect(s["bbox"])
                near = [h for k in range(int(r.y0 // _BAND) - 1, int(r.y1 // _BAND) + 2) for h in bands.get(k, ())]
                gone = any(h.contains(r) or (h & r).get_area() > 0.8 * max(r.get_area(), 0.01) for h in near)
                spans.append({"chars": chars, "bbox": r, "size": s["size"], "hidden": gone,
                              "base": s["origin"][1], "block": bno})
    return spans


def _lines(spans: list[dict], width: float) -> list[tuple[float, str]]:
    """Spans on one baseline make a line, its characters left to right; a wide gap across the
    middle of the page separates two columns."""
    spans = sorted(spans, key=lambda s: (s["base"], s["bbox"].x0))
    rows: list[list[dict]] = []
    for s in spans:  # by baseline: a capital with its mark from another font stays on its line
        for row in rows[-4:]:
            base = sum(x["base"] for x in row) / len(row)
            if abs(s["base"] - base) < 0.35 * max(s["size"], 4):
                row.append(s)
                break
        else:
            rows.append([s])
    out = []
    half = width / 2
    for row in rows:
        chars = sorted(((c, s["size"], s["block"]) for s in row for c in s["chars"]), key=lambda cs: cs[0]["bbox"][0])
        text = ""
        last = None
        last_block = None
        pending = None
        for c, size, bno in chars:
            x0, x1 = c["bbox"][0], c["bbox"][2]
            if not c["c"].strip():  # a space of the page ends a word, unless a stamp covers it
                if text and (last is None or x0 >= last - 0.5):
                    pending = x1
                continue
            if pending is not None and x0 >= pending - 1 and not text.endswith(" "):
                text += " "
            pending = None
            if last is not None:
                gap = x0 - last
                wide = 0.8 * size if bno != last_block else 2 * size  # another block: another column
                if gap > wide and last < half + 0.05 * width and x0 > half - 0.15 * width:
                    text = text.rstrip() + COLUMN_GAP
                elif gap > (1.0 if text[-1:].isdigit() and c["c"].isdigit() else 0.12) * size \
                        and not text.endswith(" "):
                    text += " "  # digits stamped one by one keep together
            text += c["c"]
            last_block = bno
            last = max(x1, last) if last is not None and x0 < last else x1
        x = min(c["bbox"][0] for c, _, _ in chars if c["c"].strip())
        out.append((min(s["bbox"].y0 for s in row), re.sub(r"(?<=\S) {2,5}(?=\S)", " ", text).rstrip(), x))
    return out


_END_OF_SIGNATURE = re.compile(r"^(Phụ lục|PHỤ LỤC|QUY CHẾ|QUY ĐỊNH|CỘNG HÒA|CỘNG HOÀ|ỦY BAN|UỶ BAN)\b")


def _signature_columns(lines: list[tuple[float, str, float]], width: float) -> list[tuple[float, str, float]]:
    """From 'Nơi nhận:' beside the signature to the end of that part, the left column (the list)
    is read first, then the right (authority, title, name), whatever line each part sits on."""
    start = next((k for k, (_, t, _) in enumerate(lines) if re.match(r"^\s*N[ơo]i nhận", t) and COLUMN_GAP in t),
                 None)
    if start is None:
        return lines
    end = next((k for k in range(start + 1, len(lines)) if _END_OF_SIGNATURE.match(lines[k][1].strip())), len(lines))
    left, right = [], []
    for y, t, x in lines[start:end]:
        if COLUMN_GAP in t:
            a, b = t.split(COLUMN_GAP, 1)
            left.append((y, a.strip(), x))
            right.append((y, b.strip(), width))
        elif x > 0.42 * width:
            right.append((y, t.strip(), x))
        else:
            left.append((y, t.strip(), x))
    return lines[:start] + left + [(0, "", 0)] + right + [(0, "", 0)] + lines[end:]


def _speck(line: str) -> bool:
    """A speck of the scan read as ":", "l", "-": a line needs two letters or a digit."""
    return len(re.findall(r"[^\W\d_]", line)) < 2 and not re.search(r"\d", line)


def page_text(page, ocr_layer: bool = False) -> tuple[str, bool]:
    """(text as shown, whether the page has only an invisible text layer: a scan with OCR).
    `ocr_layer`: the page is our own OCR's text layer (invisible by design), read whole."""
    spans = _visible_spans(page, trace=not ocr_layer)
    shown = [] if ocr_layer else [s for s in spans if not s["hidden"]]
    invisible_only = bool(spans) and not shown  # a scan under its OCR layer: the layer is the text
    use = shown or spans
    lines = _lines(use, page.rect.width)
    if ocr_layer:  # OCR's misreadings of the header's words put right before the layout is read
        from .ocrfix import repair_ocr

        lines = [(y, repair_ocr(t), x) for y, t, x in lines if not _speck(t)]
    lines = _signature_columns(lines, page.rect.width)
    if ocr_layer:  # the signature part's columns, split, may leave a speck alone on its line
        lines = [(y, t, x) for y, t, x in lines if not t.strip() or not _speck(t)]
    h = page.rect.height
    kept: list[str] = []
    for k, (y, line, _x) in enumerate(lines):
        t = line.strip()
        if not t:
            if kept and kept[-1]:
                kept.append("")
            continue
        if re.fullmatch(r"[-–]?\s*\d{1,3}\s*[-–]?", t) and (y < 0.1 * h or y > 0.9 * h or k == 0):
            continue  # the page number
        if _BANNER.match(t):
            continue
        # a run of two-column lines is its own block (unfold_columns reads a block column by column)
        two = COLUMN_GAP in line
        if kept and kept[-1] and two != (COLUMN_GAP in kept[-1]):
            kept.append("")
        kept.append(line)
    return "\n".join(kept), invisible_only


def is_scan(page, text: str) -> bool:
    """A page that is a picture: an image over most of it and hardly any text of its own (a copy
    stamp 'SAO Y; …' does not count)."""
    area = abs(page.rect)
    try:
        covered = sum(abs(r & page.rect) for info in page.get_images(full=True)
                      for r in page.get_image_rects(info[0]))
    except Exception:  # noqa: BLE001
        covered = 0
    return covered > 0.5 * area and len(re.sub(r"\s", "", text)) < 200


# A Vietnamese font whose map sends its precomposed letters into the Cyrillic block (seen in signed
# PDFs of Hà Nội: "Trҫn Sӻ Thanh" for "Trần Sỹ Thanh") is off by a fixed step; the same font
# writes "à" as "j" and "ò" as "z", letters Vietnamese does not use.
_CYRILLIC = re.compile(r"[\u0490-\u04ff]")


def _from_cyrillic(ch: str) -> str:
    cp = ord(ch)
    return chr(cp + (0x19FE if cp >= 0x04F8 else 0x19FC))


def repair_font_map(text: str) -> str:
    if len(_CYRILLIC.findall(text)) < 3:
        return text
    text = _CYRILLIC.sub(lambda m: _from_cyrillic(m.group()), text)
    word = r"(?<=[^\W\d_])|(?=[^\W\d_])"
    text = re.sub(r"(?:(?<=[^\W\d_])j|j(?=[^\W\d_]))", "à", text)
    text = re.sub(r"(?:(?<=[^\W\d_])z|z(?=[^\W\d_]))", "ò", text)
    text = re.sub(r"(?<=[^\W\d_])~", "ú", text)
    _ = word
    return text


def main(path: str, trust: str | None = None) -> None:
    import pymupdf

    out: dict = {"pages": [], "encrypted": False, "scan": [], "signatures": []}
    pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF writes its complaints to stdout, our channel
    try:
        doc = pymupdf.open(path)
        out["repaired"] = bool(doc.is_repaired)  # its cross-reference table was broken
        if doc.needs_pass:
            out["encrypted"] = True
            if not doc.authenticate(""):
                print(json.dumps(out))
                return
        if len(doc):
            out["size"] = [doc[0].rect.width, doc[0].rect.height]
        out["sizes"] = []
        for page in doc:
            out["sizes"].append(max(page.rect.width, page.rect.height))
            text, invisible = page_text(page)
            out["pages"].append(repair_font_map(text))
            out["scan"].append(not invisible and is_scan(page, text))
    except Exception as exc:  # noqa: BLE001 — a broken PDF is reported, not raised
        out["error"] = f"{type(exc).__name__}: {exc}"[:300]
    if not out.get("error") and _signed(path):
        import signal

        from .signatures import read

        def _late(*_):
            raise TimeoutError("kiểm tra chữ ký quá lâu")

        # the signatures have their own time: a slow check must not cost the text
        signal.signal(signal.SIGALRM, _late)
        signal.alarm(SIGNATURE_TIMEOUT_S)
        try:
            out["signatures"] = read(Path(path), Path(trust) if trust else None)
        except Exception as exc:  # noqa: BLE001 — the text is still worth filing
            out["signature_error"] = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            signal.alarm(0)
    print(json.dumps(out, ensure_ascii=False))


def overlay(path: str, layers: str, out: str) -> None:
    """Our OCR's text layers (tesseract's text-only PDF of page N, `layers`/pN.pdf) laid over the
    pages they were read from: the same pages, now searchable and selectable (what OCRmyPDF does).
    Prints the text of each OCRed page, read like any page (columns apart, signature part)."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    doc = pymupdf.open(path)
    texts = {}
    for f in sorted(Path(layers).glob("p*.pdf")):
        n = int(f.stem[1:])
        layer = pymupdf.open(f)
        if not len(layer):
            continue
        texts[n] = repair_font_map(page_text(layer[0], ocr_layer=True)[0])
        page = doc[n - 1]
        page.show_pdf_page(page.rect, layer, 0, overlay=True)
    doc.save(out, garbage=3, deflate=True)
    print(json.dumps({"pages": texts}, ensure_ascii=False))


def _signed(path: str) -> bool:
    # a signature's /ByteRange is the one thing every signed PDF has; pyHanko is loaded only then
    with open(path, "rb") as fh:
        return b"/ByteRange" in fh.read()


if __name__ == "__main__":
    if sys.argv[1] == "--overlay":
        overlay(*sys.argv[2:5])
    else:
        main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
