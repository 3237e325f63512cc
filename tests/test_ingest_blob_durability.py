"""Blobs are made durable once per batch, before the rows naming them commit. A real `vanthu ingest`
is killed (SIGKILL) at named points of that order and at random moments; each time, every
committed document's blobs are there and hash to their names, every file under a blob's name is
whole, and what a crash may leave (a blob no row names) is reported by `vanthu verify`, then removed."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

import archive
from archive import blobs, db
from archive.schema import blob, document, version
from bench.corpus import make

ROOT = Path(__file__).resolve().parent.parent
VANTHU = [sys.executable, "-m", "webui.cli"]
ORPHAN = "không thuộc văn bản nào"
N = 130  # three transactions of 50 files


@pytest.fixture()
def folder(corpus, tmp_path) -> Path:
    return make(tmp_path / "vao", N, corpus=corpus)[0].parent


def committed_blobs_whole() -> int:
    """Every digest a committed version names has its row and an intact file; returns the documents."""
    with db.reading() as conn:
        docs = conn.execute(select(func.count()).select_from(document)).scalar()
        rows = set(conn.execute(select(blob.c.sha256)).scalars())
        named = [d for v in conn.execute(select(version.c.original_sha256, version.c.pdf_sha256, version.c.docx_sha256))
                 for d in v if d]
    assert len(named) >= docs
    missing = [d for d in named if d not in rows or not blobs.intact(d)]
    assert not missing, missing[:5]
    return docs


def files_whole() -> None:
    """A file under a blob's name is the whole blob (temporary names aside)."""
    broken = [d for d in blobs.all_digests() if not blobs.intact(d)]
    assert not broken, broken[:5]


def ingest(folder: Path, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"VANTHU_FAULT": fault} if fault else {})}
    return subprocess.run([*VANTHU, "ingest", str(folder)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=600)


@pytest.mark.parametrize("point, documents", [
    ("blob_mid_write", 0),  # half a file written under its temporary name
    ("after_blob", 0),  # the batch's files renamed, not yet synced
    ("after_blob_sync", 0),  # synced, no row yet
    ("before_commit", 0),
    ("after_commit", 50),  # the first transaction in, the second not begun
])
def test_killed_at_each_point_of_the_order(data_dir, folder, point, documents):
    db.upgrade()
    proc = ingest(folder, point)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-500:]
    assert committed_blobs_whole() == documents
    files_whole()
    report = archive.verify()
    assert all(ORPHAN in p for p in report.problems), report.problems
    if point != "after_commit":
        assert report.problems  # the batch's blobs (or the half-written one) are there, named by no row: said
    archive.verify(repair=True)
    assert archive.verify().clean and not list(blobs.root().rglob(".tmp-*"))
    assert ingest(folder).returncode == 0
    assert committed_blobs_whole() == N and archive.verify().clean


def test_random_kills_never_leave_a_row_without_its_blob(data_dir, folder):
    db.upgrade()
    rng = random.Random(1612)
    seen = set()
    for attempt in range(6):
        proc = subprocess.Popen([*VANTHU, "ingest", str(folder)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(rng.uniform(0.5, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        seen.add(committed_blobs_whole())
        files_whole()
        report = archive.verify()
        assert all(ORPHAN in p for p in report.problems), (attempt, report.problems)
        archive.verify(repair=True)
        assert archive.verify().clean, attempt
    assert ingest(folder).returncode == 0
    assert committed_blobs_whole() == N and archive.verify().clean


def test_a_blob_of_the_right_size_but_wrong_bytes_is_written_again(data_dir):
    """After a power cut an unsynced orphan can keep its length and lose its bytes: writing that
    blob again must not trust the name and the size."""
    data = "Nội dung văn bản".encode() * 100
    digest = blobs.put(data)
    path = blobs.path_for(digest)
    path.write_bytes(b"\0" * len(data))
    assert blobs.put(data) == digest and blobs.intact(digest)


def test_a_batch_not_synced_is_closed_and_names_only_whole_files(data_dir):
    with blobs.Batch() as batch:
        digests = [batch.put(f"tệp {i}".encode() * 50) for i in range(300)]  # past MAX_OPEN: syncs early
    assert all(blobs.intact(d) for d in digests)
    assert sorted(set(digests)) == blobs.all_digests()
    assert not [p for p in blobs.root().rglob(".tmp-*")]


def test_a_secret_kept_on_paper_leaves_no_file(data_dir, tmp_path):
    """Registered without its file (the law on state secrets): not even as an unreferenced blob."""
    db.upgrade()
    letter = tmp_path / "mat.txt"
    letter.write_text("UBND TỈNH ĐẮK NÔNG\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "MẬT\nSố: 12/SNV-VP\nĐắk Nông, ngày 05 tháng 02 năm 2026\nV/v góp ý\n\nKính gửi: Sở Tư pháp\n\n"
                      "Nội dung./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n",
                      encoding="utf-8")
    out = archive.ingest_file(letter, actor="test")
    assert out.status == "filed" and out.documents[0]["do_mat"]
    assert blobs.all_digests() == [] and archive.verify().clean
