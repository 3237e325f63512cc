"""Kill the ingesting process (SIGKILL) at forced and at seeded random points: afterwards every
document is either whole (row, versions, blobs, outbox entry) or absent, and `vanthu verify`
says so; `--repair` removes what a crash can leave (an unreferenced blob)."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import archive
from archive import db

ROOT = Path(__file__).resolve().parent.parent
VANTHU = [sys.executable, "-m", "webui.cli"]


@pytest.fixture()
def inputs(corpus, tmp_path) -> Path:
    """A folder of real texts: the seeds, each under a few names with a line of its own so no two
    files hash alike."""
    folder = tmp_path / "vao"
    folder.mkdir()
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for copy in range(3):
            (folder / f"{seed.stem}-{copy}.txt").write_text(text + f"\n\n(bản chép {copy})\n", encoding="utf-8")
    return folder


def counts() -> dict:
    from sqlalchemy import func, select

    from archive.schema import document, outbox, version

    with db.reading() as conn:
        return {"documents": conn.execute(select(func.count()).select_from(document)).scalar(),
                "versions": conn.execute(select(func.count()).select_from(version)).scalar(),
                "outbox": conn.execute(select(func.count()).select_from(outbox)).scalar()}


def document_problems(report) -> list[str]:
    """Problems with filed documents; an unreferenced blob is the one thing a crash may leave."""
    return [p for p in report.problems if "không thuộc văn bản nào" not in p]


def run_ingest(path: Path, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"VANTHU_FAULT": fault} if fault else {})}
    return subprocess.run([*VANTHU, "ingest", str(path)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300)


@pytest.mark.parametrize("point, filed", [("after_blob", False), ("before_commit", False), ("after_commit", True)])
def test_forced_kill_points(data_dir, corpus, point, filed):
    db.upgrade()
    seed = corpus / "seeds" / "002_c86d25cbeb24d76d.txt"  # a dossier: 17 documents in one transaction
    proc = run_ingest(seed, point)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-500:]
    report = archive.verify()
    assert not document_problems(report), report.problems
    n = counts()
    if filed:
        assert n["documents"] == 17 and n["outbox"] == 17 and n["versions"] == 17
    else:
        assert n == {"documents": 0, "versions": 0, "outbox": 0}
    archive.verify(repair=True)
    assert archive.verify().clean
    # and the file can be ingested (again, or for the first time) afterwards
    again = run_ingest(seed)
    assert again.returncode in (0, 1)
    assert counts()["documents"] == 17


def test_random_kills(data_dir, inputs):
    """17 more kills at seeded random moments while a folder is being ingested."""
    db.upgrade()
    rng = random.Random(2026)
    for attempt in range(17):
        proc = subprocess.Popen([*VANTHU, "ingest", str(inputs)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        report = archive.verify()
        assert not document_problems(report), (attempt, report.problems)
        archive.verify(repair=True)
        assert archive.verify().clean, attempt
    # whatever was filed is whole; finishing the run files the rest exactly once
    subprocess.run([*VANTHU, "ingest", str(inputs)], capture_output=True, cwd=ROOT, timeout=600)
    from sqlalchemy import select

    from archive.schema import document

    with db.reading() as conn:
        rows = conn.execute(select(document.c.source, document.c.so, document.c.ky_hieu)).all()
    per_file: dict[str, set] = {}
    numbers: dict[tuple, set] = {}
    for s, so, ky_hieu in rows:
        per_file.setdefault(s["name"], set()).add(s["part"])
        if so is not None and ky_hieu:
            numbers.setdefault((so, ky_hieu, s["name"].rsplit("-", 1)[0]), set()).add(s["name"])
    seeds = {p.name.rsplit("-", 1)[0] for p in inputs.iterdir()}
    assert {name.rsplit("-", 1)[0] for name in per_file} == seeds  # every seed filed
    for parts in per_file.values():
        assert parts == set(range(1, max(parts) + 1))  # every document of a file, once
    # the copies of a numbered document are duplicates by số + ký hiệu + body: filed from one copy only
    assert numbers and all(len(names) == 1 for names in numbers.values()), numbers
    assert json.dumps(archive.verify().problems) == "[]"
