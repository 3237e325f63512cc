"""Kill the indexer mid-batch; after a restart the index equals the archive (no drift)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import archive
import index

ROOT = Path(__file__).resolve().parent.parent
DRAIN = "import index; index.drain(batch=7)"


def test_indexer_killed_mid_batch_catches_up(data_dir, corpus):
    archive.upgrade()
    archive.ingest_file(corpus / "seeds" / "002_c86d25cbeb24d76d.txt", actor="test")
    env = {**os.environ, "VANTHU_FAULT": "index_after_add"}
    proc = subprocess.run([sys.executable, "-c", DRAIN], env=env, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-400:]
    # the index got a batch the outbox never heard of: a restart drains again, idempotently
    rerun = subprocess.run([sys.executable, "-c", DRAIN], cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr[-400:]
    index.close_all()
    assert index.verify() == []
    assert len(index.engine().versions()) == 17


def test_verify_finds_and_repairs_drift(data_dir, corpus):
    archive.upgrade()
    out = archive.ingest_file(corpus / "seeds" / "000_c3688429987c37c0.txt", actor="test")
    index.drain()
    index.engine().delete([out.document_ids[0]])  # the index loses one behind the archive's back
    assert index.verify() == [f"chỉ mục thiếu văn bản {out.document_ids[0]}"]
    index.verify(repair=True)
    assert index.verify() == []


def test_search_command_json(data_dir, corpus):
    import json

    archive.upgrade()
    archive.ingest_file(corpus / "seeds" / "002_c86d25cbeb24d76d.txt", actor="test")
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "search", "40 /TTr-STTTT", "--json"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert hits[0]["ky_hieu"] == "TTr-STTTT" and hits[0]["so"] == 40
    assert set(hits[0]) == {"id", "kind", "so", "ky_hieu", "trich_yeu", "date", "score", "snippet"}
    kinds = json.loads(subprocess.run([sys.executable, "-m", "webui.cli", "search", "quy chế", "--kind", "quy-che",
                                       "--json"], cwd=ROOT, capture_output=True, text=True).stdout)
    assert kinds and {h["kind"] for h in kinds} == {"quy_che"}


def test_two_processes_drain_at_once(data_dir, corpus):
    """The web server and a `vanthu ingest` both feed the index: they take turns (a lock beside
    the index), neither fails on the engine's own writer lock, and nothing is lost."""
    archive.upgrade()
    for seed in sorted((corpus / "seeds").iterdir()):
        archive.ingest_file(seed, actor="test")
    code = "import index\nfor _ in range(3): index.drain(batch=1)"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e[-400:] for e in errors]
    index.close_all()
    assert index.verify() == []
    assert len(index.engine().versions()) == 22


def test_drain_waits_for_the_lock(data_dir, corpus):
    import fcntl

    archive.upgrade()
    archive.ingest_file(corpus / "seeds" / "001_ff2b6d5ebca8fb93.txt", actor="test")
    lock = index.lock_path()
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = subprocess.Popen([sys.executable, "-c", "import index; print(index.drain())"], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        try:
            proc.wait(timeout=3)
            waited = False
        except subprocess.TimeoutExpired:
            waited = True
        fcntl.flock(held, fcntl.LOCK_UN)
    out, _ = proc.communicate(timeout=60)
    assert waited and proc.returncode == 0 and out.strip() == "1"
