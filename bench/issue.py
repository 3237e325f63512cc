"""Issuing speed (the office loop); one line per figure.

    issue_docx_ms       a composed draft numbered and re-rendered (Word only), median of N
    issue_pdf_s         the same with its PDF, through the kept LibreOffice as the web server does
                        (its start paid before timing), median of a few
    issue_upload_ms     an uploaded Word draft with its Số and date lines filled (Word only), median of N
    issue_8proc_per_s   8 processes issuing drafts at once (Word only): drafts issued per second,
                        every number distinct and consecutive (checked)

Run: .venv/bin/python bench/issue.py [--n 40] [--pdf-n 3]
"""
from __future__ import annotations

import argparse
import copy
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _input(kind: str) -> dict:
    data = json.loads((ROOT / "examples" / f"{kind}.json").read_text(encoding="utf-8"))
    data.pop("so", None)
    data["date"] = "2026"
    return data


def _timed(ids, **kw) -> list[float]:
    import archive

    out = []
    for i in ids:
        t0 = time.perf_counter()
        archive.issue_document(i, actor="bench", **kw)
        out.append(time.perf_counter() - t0)
    return out


def _worker(data_dir: str, ids: list[int], queue) -> None:
    os.environ["VANTHU_DATA"] = data_dir
    import archive

    queue.put([archive.issue_document(i, actor=f"p{os.getpid()}", pdf=False)["so"] for i in ids])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--pdf-n", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanthu-bench-issue-") as tmp:
        os.environ["VANTHU_DATA"] = tmp
        import archive
        import generator
        from archive.ingest import ingest_file

        archive.upgrade()
        drafts = [archive.file_draft(_input("to_trinh"), actor="bench") for _ in range(args.n + args.pdf_n)]
        docx = _timed(drafts[:args.n], pdf=False)
        print(f"issue_docx_ms: {statistics.median(docx) * 1000:.1f}  (n={args.n})")
        from generator import office

        office.keep()  # as `vanthu run` does
        if office.available():
            office.convert(generator.render_bytes(generator.load_document(_input("to_trinh"))))  # warm
        pdf = _timed(drafts[args.n:], pdf=True)
        print(f"issue_pdf_s: {statistics.median(pdf):.2f}  (n={args.pdf_n})")
        uploaded = []
        base = _input("quyet_dinh")
        for k in range(args.n):
            path = Path(tmp) / f"du-thao-{k}.docx"
            path.write_bytes(generator.render_bytes(generator.load_document(
                {**copy.deepcopy(base), "trich_yeu": f"{base['trich_yeu']} (bản {k})"})))
            uploaded.append(ingest_file(path, actor="bench").document_ids[0])
        up = _timed(uploaded, pdf=False)
        print(f"issue_upload_ms: {statistics.median(up) * 1000:.1f}  (n={args.n})")
        many = [archive.file_draft(_input("to_trinh"), actor="bench") for _ in range(8 * 10)]
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        procs = [ctx.Process(target=_worker, args=(tmp, many[i::8], queue)) for i in range(8)]
        t0 = time.perf_counter()
        for p in procs:
            p.start()
        got = sorted(n for _ in procs for n in queue.get(timeout=600))
        for p in procs:
            p.join()
        elapsed = time.perf_counter() - t0
        first = 2 * args.n + args.pdf_n + 1  # the drafts above took the numbers before these
        assert got == list(range(first, first + len(many))), got
        print(f"issue_8proc_per_s: {len(many) / elapsed:.1f}  (80 drafts, numbers {first}–{first + len(many) - 1}, "
              "distinct and consecutive)")


if __name__ == "__main__":
    main()
