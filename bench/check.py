"""Speed of the layout checker; prints one line per figure.

    check_docs_per_s   200 generated DOCX of mixed kinds, each read and checked from disk

Run: .venv/bin/python bench/check.py   (or `make bench`)
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
from generator.checker import check_docx  # noqa: E402

N = 200


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vanthu-bench-") as tmp:
        os.environ["VANTHU_DATA"] = tmp
        settings = generator.load_settings()
        examples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.json"))]
        paths = []
        for i in range(N):
            data = dict(examples[i % len(examples)])
            data["trich_yeu"] = f"{data['trich_yeu']} (bản {i + 1})"
            doc = generator.load_document(data, settings=settings)
            paths.append(generator.render_docx(doc, Path(tmp) / f"{i:03d}.docx"))
        check_docx(paths[0])  # warm imports
        t0 = time.perf_counter()
        errors = sum(len(check_docx(p).errors) for p in paths)
        elapsed = time.perf_counter() - t0
        assert errors == 0, f"{errors} errors on generated files"
        print(f"check_docs_per_s: {N / elapsed:.1f}")


if __name__ == "__main__":
    main()
