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
