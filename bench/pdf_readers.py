"""PDF reading, measured on the real PDFs of ../shared/corpus/real/docs: one line per figure.

    python bench/pdf_readers.py      (pdfplumber comes with `pip install -e '.[bench]'`)

- `pymupdf_ms_per_page` / `pdfplumber_ms_per_page`: the born-digital pages read with their
  characters' positions (what archive/pdftext.py needs), best of 3;
- `ocr_s_per_page`: a scanned page rendered at 300 dpi and read by Tesseract (vie), pages two at a time.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extract_score import corpus_root  # noqa: E402


def best(fn, n=3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    import pymupdf

    from archive.pdftext import is_scan, page_text
    from archive.readers import ocr_pages

    docs = sorted((corpus_root() / "real" / "docs").glob("*.pdf"))
    digital, scans = [], []
    for p in docs:
        d = pymupdf.open(p)
        for i, page in enumerate(d):
            text, _ = page_text(page)
            (scans if is_scan(page, text) else digital).append((p, i))
    pages = len(digital)

    def with_pymupdf():
        for p, i in digital:
            page_text(pymupdf.open(p)[i])

    print(f"born_digital_pages {pages}")
    print(f"pymupdf_ms_per_page {best(with_pymupdf) / pages * 1000:.1f}")
    try:
        import pdfplumber

        def with_pdfplumber():
            for p, i in digital:
                with pdfplumber.open(p) as pdf:
                    pdf.pages[i].extract_words(keep_blank_chars=False, use_text_flow=False)

        print(f"pdfplumber_ms_per_page {best(with_pdfplumber) / pages * 1000:.1f}")
    except ImportError:
        print("pdfplumber_ms_per_page (pdfplumber not installed: pip install -e '.[bench]')")
    by_file: dict[Path, list[int]] = {}
    for p, i in scans:
        by_file.setdefault(p, []).append(i + 1)
    t = time.perf_counter()
    for p, numbers in by_file.items():
        ocr_pages(p, numbers)
    print(f"scanned_pages {len(scans)}")
    print(f"ocr_s_per_page {(time.perf_counter() - t) / max(1, len(scans)):.2f}")


if __name__ == "__main__":
    main()
