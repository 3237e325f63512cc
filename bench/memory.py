"""Memory of the whole-archive commands, and the /archive page, as the archive grows; one line per figure.

    export_peak_rss_mb    peak resident memory of `vanthu export DIR`, for each size
    verify_peak_rss_mb    peak resident memory of `vanthu verify`
    reindex_peak_rss_mb   peak resident memory of `vanthu reindex`
    archive_page_ms       /archive through Flask's test client at the largest size: median of N
                          requests, for page 1, a filtered page and a deep page

Each command runs as a real subprocess (`python -m webui.cli …`) on a synthetic archive; its peak
RSS is the child's own ru_maxrss (os.wait4), so the figures of one command never mix with another's.
The goal: each figure at 50,000 documents within 1.2× of its figure at 1,000.

The archive is filed through archive.store.create_document (the same rows, versions, citations,
outbox and audit as an ingest, the outbox then marked done), in transactions of 1,000, with bench/corpus.py's texts (about
7 kB each) and one original file per document; blobs are written without fsync, since a bench
archive need not survive a power cut.

Run: .venv/bin/python bench/memory.py [--sizes 1000 50000] [--requests 50] [--keep DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ["cong_van", "quyet_dinh", "to_trinh", "bao_cao", "ke_hoach", "thong_bao"]
UNITS = ["VP", "NV", "KH"]


def build(data: Path, n: int, seed: int = 2026) -> None:
    """A synthetic archive of n documents in `data` (its own process: VANTHU_DATA is read once)."""
    os.environ["VANTHU_DATA"] = str(data)
    import archive
    from archive import store
    from archive.schema import blob
    from bench.corpus import CORPUS, document, sentences
    from sqlalchemy import insert

    archive.upgrade()
    toml = data / "vanthu.toml"  # an off-network office: Mật documents stored, hidden from most viewers
    toml.write_text(toml.read_text(encoding="utf-8").replace("may_hold_secrets = false", "may_hold_secrets = true"),
                    encoding="utf-8")
    rng = random.Random(seed)
    pool = sentences(CORPUS)
    blob_root = data / "blobs"
    for lo in range(0, n, 1000):
        with archive.writing() as conn:
            for i in range(lo, min(lo + 1000, n)):
                text = document(rng, pool, i)
                raw = text.encode("utf-8")
                digest = hashlib.sha256(raw).hexdigest()
                path = blob_root / digest[:2] / digest[2:]
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(raw)
                    conn.execute(insert(blob), {"sha256": digest, "size": len(raw), "media_type": "text/plain",
                                                "created_at": store.now()})
                draft = i % 10 == 0
                meta = {"kind": KINDS[i % len(KINDS)], "rule_set": "nd30", "so": None if draft else i + 1,
                        "ky_hieu": f"{i + 1}/BENCH", "issuing_body": "SỞ THỬ NGHIỆM",
                        "date": None if draft else f"{2018 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "trich_yeu": text.splitlines()[8][:200], "do_mat": "Mật" if i % 97 == 0 else None,
                        "status": "draft" if draft else "issued", "can_cu": ["72/2013/NĐ-CP"] if i % 3 == 0 else []}
                store.create_document(conn, meta, actor="bench", direction="outgoing", may_hold_secrets=True,
                                      text=text, original_sha=digest, unit=UNITS[i % 3] if draft else None,
                                      source={"kind": "ingest", "name": f"{i}.txt"})
    from archive.schema import outbox, version
    from sqlalchemy import update

    with archive.writing() as conn:
        conn.execute(update(version).values(original_name="van-ban.txt"))  # as an ingest names its original
        # as in an office whose server drained the outbox as it went: reindex measures the rebuild
        # alone, not 50,000 pending upserts after it
        conn.execute(update(outbox).values(done_at=store.now()))


def _peak_rss_mb(cmd: list[str], env: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):  # verify says 1 for problems; the figure still stands
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - t0


def commands(data: Path, n: int, work: Path) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "VANTHU_DATA": str(data), "PYTHONPATH": str(ROOT)}
    vanthu = [sys.executable, "-m", "webui.cli"]
    out = {}
    out["reindex"] = _peak_rss_mb([*vanthu, "reindex"], env)  # first: verify compares against the index
    out["verify"] = _peak_rss_mb([*vanthu, "verify"], env)
    target = work / f"export-{n}"
    shutil.rmtree(target, ignore_errors=True)
    out["export"] = _peak_rss_mb([*vanthu, "export", str(target)], env)
    shutil.rmtree(target, ignore_errors=True)
    return out


def page_ms(data: Path, requests: int) -> dict[str, float]:
    """/archive in this process, as a viewer who sees everything and as one unit's clerk."""
    os.environ["VANTHU_DATA"] = str(data)
    from webui import create_app

    app = create_app({"TESTING": True, "LOGIN_DISABLED": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})
    client = app.test_client()
    out = {}
    for label, url in (("page 1", "/archive"), ("kind+year", "/archive?kind=quyet_dinh&year=2020"),
                       ("page 200", "/archive?page=200")):
        assert client.get(url).status_code == 200  # warm: templates compiled, connection open
        times = []
        for _ in range(requests):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200
        out[label] = statistics.median(times)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000])
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--keep", type=Path, help="build the archives here and keep them (reused when present)")
    ap.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--page", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build:
        build(Path(args.build[0]), int(args.build[1]))
        return
    if args.page:
        for label, ms in page_ms(Path(args.page), args.requests).items():
            print(f"{label}\t{ms}")
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="vanthu-memory-"))
    try:
        rss: dict[str, dict[int, float]] = {}
        for n in args.sizes:
            data = work / f"data-{n}"
            if not (data / "archive.sqlite3").exists():
                t0 = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--build", str(data), str(n)], check=True, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
                print(f"# built {n} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            else:  # a kept archive is migrated to this code's schema first, as `vanthu init` would
                subprocess.run([sys.executable, "-m", "webui.cli", "init"], check=True, cwd=ROOT, capture_output=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "VANTHU_DATA": str(data)})
            for cmd, (mb, seconds) in commands(data, n, work).items():
                rss.setdefault(cmd, {})[n] = mb
                print(f"{cmd}_peak_rss_mb: {mb:.1f}  (n={n}, {seconds:.1f} s)", flush=True)
        lo, hi = min(args.sizes), max(args.sizes)
        for cmd, by in rss.items():
            if lo != hi:
                print(f"# {cmd}: {hi} / {lo} = {by[hi] / by[lo]:.2f}x (goal <= 1.2x)")
        out = subprocess.run([sys.executable, __file__, "--page", str(work / f"data-{hi}"), "--requests",
                              str(args.requests)], check=True, cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
        for line in out.strip().splitlines():
            label, ms = line.split("\t")
            print(f"archive_page_ms: {float(ms):.1f}  (n={hi}, {label}, median of {args.requests})")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
