"""Speed of document generation; prints one line per figure.

    docx_per_s      render only (model → .docx bytes), 200 documents of mixed kinds
    pdf_s_per_doc   50 .docx converted in one LibreOffice batch, wall time / 50
    pdf_single_s    one document's PDF through the kept LibreOffice (unoserver), median of 20,
                    once it runs (compose, `generate --pdf` and issue go this way)
    pdf_single_cold_s  the first of them: starting the kept LibreOffice, paid once per process
    pdf_single_batch_s one document through a LibreOffice started for it (the path without unoserver)

Run: .venv/bin/python bench/generate.py   (or `make bench`)
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator  # noqa: E402

N_DOCX = 200
N_PDF = 50


def inputs() -> list[dict]:
    examples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.json"))]
    # vary the text so no document is the same as another
    out = []
    for i in range(N_DOCX):
        data = json.loads(json.dumps(examples[i % len(examples)]))
        data["trich_yeu"] = f"{data['trich_yeu']} (bản {i + 1})"
        out.append(data)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vanthu-bench-") as tmp:
        os.environ["VANTHU_DATA"] = tmp
        settings = generator.load_settings()
        docs = [generator.load_document(d, settings=settings) for d in inputs()]
        generator.render_bytes(docs[0])  # warm the template cache, as a running server would be
        t0 = time.perf_counter()
        blobs = [generator.render_bytes(d) for d in docs]
        elapsed = time.perf_counter() - t0
        print(f"docx_per_s: {len(blobs) / elapsed:.1f}")

        paths = []
        for i, blob in enumerate(blobs[:N_PDF]):
            p = Path(tmp) / f"{i:03d}.docx"
            p.write_bytes(blob)
            paths.append(p)
        t0 = time.perf_counter()
        pdfs = generator.convert_to_pdf(paths, Path(tmp) / "pdf")
        elapsed = time.perf_counter() - t0
        assert len(pdfs) == N_PDF
        print(f"pdf_s_per_doc: {elapsed / N_PDF:.3f}")

        from generator import office

        office.keep()  # as the web server does
        if office.available():
            t0 = time.perf_counter()
            office.convert(blobs[0])
            print(f"pdf_single_cold_s: {time.perf_counter() - t0:.3f}")
            times = []
            for blob in blobs[:20]:
                t0 = time.perf_counter()
                assert office.convert(blob)[:5] == b"%PDF-"
                times.append(time.perf_counter() - t0)
            print(f"pdf_single_s: {sorted(times)[len(times) // 2]:.3f}")
        else:
            print("pdf_single_s: n/a (no python3-uno or unoserver: the batch path is used)")
        os.environ["VANTHU_KEPT_OFFICE"] = "0"
        t0 = time.perf_counter()
        generator.pdf_bytes(blobs[0])
        print(f"pdf_single_batch_s: {time.perf_counter() - t0:.3f}")


if __name__ == "__main__":
    main()
