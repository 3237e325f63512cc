"""What survives in a PDF: page size, the fonts embedded, and the text line by line."""
from __future__ import annotations

import re

from .model import Para
from .sources import paras_from_pdf_text

SERIF = ("TimesNewRoman", "Times-Roman", "Times", "LiberationSerif")  # Liberation Serif stands for TNR


class PdfReadError(ValueError):
    pass


def read_pdf(path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError as _PypdfError

    try:
        reader = PdfReader(str(path))
        pages = []
        for n, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            fonts = set()
            res = page.get("/Resources") or {}
            for font in (res.get("/Font") or {}).values():
                base = str(font.get_object().get("/BaseFont") or "")
                fonts.add(re.sub(r"^[A-Z]{6}\+", "", base.lstrip("/")))
            pages.append({"n": n, "width": float(box.width), "height": float(box.height), "fonts": fonts,
                          "text": page.extract_text() or ""})
    except (_PypdfError, OSError, ValueError, KeyError) as exc:
        raise PdfReadError(f"không đọc được tệp PDF: {exc}") from exc
    return pages


def paras_from_pdf(pages) -> list[Para]:
    out: list[Para] = []
    for page in pages:
        for p in paras_from_pdf_text(page["text"], page["n"]):
            p.index = len(out)
            out.append(p)
    return out


def is_serif(font: str) -> bool:
    name = font.replace(" ", "").replace("-", "").split(",")[0]
    return any(name.startswith(s.replace("-", "")) for s in SERIF)
