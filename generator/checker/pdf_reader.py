"""What survives in a PDF: page size, the fonts embedded, and the text line by line."""
from __future__ import annotations

import re

from .model import Para
from .sources import paras_from_pdf_text

SERIF = ("TimesNewRoman", "Times-Roman", "Times", "LiberationSerif")  # Liberation Serif stands for TNR


class PdfReadError(ValueError):
    pass


TIMEOUT_S = 60


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


def _read_here(path):
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


if __name__ == "__main__":  # the child: one PDF in, its pages as JSON out
    import json
    import sys

    try:
        found = {"pages": [{**p, "fonts": sorted(p["fonts"])} for p in _read_here(sys.argv[1])]}
    except PdfReadError as exc:
        found = {"error": str(exc)}
    json.dump(found, sys.stdout, ensure_ascii=False)
