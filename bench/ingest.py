"""Ingest speed and memory on the synthetic archive (bench/corpus.py); one line per figure.

    ingest_docs_per_s   text documents filed per second (read, split, extract, store, one
                        transaction each), for 1,000 and for 10,000 documents
    ingest_peak_rss_mb  peak resident memory of the ingesting process, for each size
    ingest_pdf_docs_per_s   the born-digital PDFs of ../shared/corpus/real/docs filed per second
                        (text layer read in the child process, signatures checked), best of 3
    ingest_scan_s_per_page  the scanned PDFs of the same folder filed, seconds per scanned page (OCR)

Each size runs in a fresh process and a fresh data folder, so the figures do not mix.
Run: .venv/bin/python bench/ingest.py [--sizes 1000 10000] [--no-pdf]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(folder: str) -> None:
    import archive

    archive.upgrade()
    from archive.ingest import ingest_many

    files = sorted(Path(folder).iterdir())
    t0 = time.perf_counter()
    filed = 0
    for lo in range(0, len(files), 500):  # as `vanthu ingest` does; nothing kept between batches
        filed += sum(len(o.document_ids) for o in ingest_many(files[lo:lo + 500], actor="bench"))
    elapsed = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"files": len(files), "documents": filed, "seconds": elapsed, "rss_mb": rss_mb}))


def pdf_mix() -> None:
    """The real PDFs, split into born-digital files and scans by their pages (archive/pdftext.is_scan)."""
    import shutil

    import pymupdf

    from archive.pdftext import is_scan, page_text
    from bench.extract_score import corpus_root

    digital, scans, scanned_pages = [], [], 0
    for p in sorted((corpus_root() / "real" / "docs").glob("*.pdf")):
        # as archive/readers.py decides: a page without text, or a picture, is OCRed
        flags = [not text.strip() or is_scan(page, text) for page in pymupdf.open(p)
                 for text in [page_text(page)[0]]]
        if any(flags):
            scans.append(p)
            scanned_pages += sum(flags)
        else:
            digital.append(p)
    for label, files, runs in (("digital", digital, 3), ("scan", scans, 1)):
        best = None
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="vanthu-bench-") as tmp:
                folder = Path(tmp) / "in"
                folder.mkdir()
                for f in files:
                    shutil.copy(f, folder / f.name)
                env = {**os.environ, "VANTHU_DATA": str(Path(tmp) / "data")}
                out = subprocess.run([sys.executable, __file__, "--child", str(folder)], env=env,
                                     capture_output=True, text=True, check=True, cwd=ROOT)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                best = r["seconds"] if best is None else min(best, r["seconds"])
        if label == "digital":
            print(f"ingest_pdf_docs_per_s: {len(files) / best:.2f}  ({len(files)} born-digital PDFs)")
        else:
            print(f"ingest_scan_s_per_page: {best / scanned_pages:.2f}  ({len(files)} PDFs, {scanned_pages} scanned pages)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--no-pdf", action="store_true", help="skip the real PDFs (they need the corpus)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    from bench.corpus import make

    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="vanthu-bench-") as tmp:
            make(Path(tmp) / "in", n)
            env = {**os.environ, "VANTHU_DATA": str(Path(tmp) / "data")}
            out = subprocess.run([sys.executable, __file__, "--child", str(Path(tmp) / "in")], env=env,
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            assert r["documents"] == n, r
            print(f"ingest_docs_per_s: {r['documents'] / r['seconds']:.1f}  (n={n})")
            print(f"ingest_peak_rss_mb: {r['rss_mb']:.1f}  (n={n})")
    if not args.no_pdf:
        pdf_mix()


if __name__ == "__main__":
    main()
