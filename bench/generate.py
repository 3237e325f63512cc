"""Speed of document generation; prints one line per figure.

    docx_per_s      render only (model → .docx bytes), 200 documents of mixed kinds
    pdf_s_per_doc   50 .docx converted in one LibreOffice batch, wall time / 50

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


if __name__ == "__main__":
    main()
