"""Registers: numbers never doubled, never reused, per body, year and sequence."""
from __future__ import annotations

import multiprocessing as mp
import os

import pytest

from archive import db, registers
from archive.schema import register_entry
from sqlalchemy import select


@pytest.fixture()
def archive(data_dir):
    db.upgrade()
    return data_dir


def _take(data: str, n: int, queue) -> None:
    os.environ["VANTHU_DATA"] = data
    got = []
    for _ in range(n):
        with db.writing() as conn:
            got.append(registers.take_number(conn, body_code="UBND", year=2026, actor=f"p{os.getpid()}"))
    queue.put(got)


def test_eight_processes_get_400_distinct_consecutive_numbers(archive):
    ctx = mp.get_context("spawn")  # fresh processes, as eight clerks' requests would be
    queue = ctx.Queue()
    procs = [ctx.Process(target=_take, args=(str(archive), 50, queue)) for _ in range(8)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    numbers = sorted(n for r in results for n in r)
    assert numbers == list(range(1, 401))
    assert all(r == sorted(r) for r in results)  # each process sees its own numbers rise
    with db.reading() as conn:
        assert conn.execute(select(register_entry.c.so)).scalars().all().__len__() == 400


def test_sequences_bodies_and_years_are_separate(archive):
    with db.writing() as conn:
        take = lambda **kw: registers.take_number(conn, actor="vt", **kw)  # noqa: E731
        assert [take(body_code="UBND", year=2026) for _ in range(3)] == [1, 2, 3]
        assert take(body_code="UBND", year=2027) == 1
        assert take(body_code="STP", year=2026) == 1
        assert take(body_code="UBND", year=2026, sequence="mat") == 1
        assert take(body_code="UBND", year=2026, direction="den") == 1
        assert take(body_code="UBND", year=2026) == 4


def test_cancelled_number_is_never_reused(archive):
    with db.writing() as conn:
        first = registers.take_number(conn, body_code="UBND", year=2026, actor="vt")
        rid = conn.execute(select(register_entry.c.register_id)).scalar()
        registers.cancel_number(conn, register_id=rid, so=first, actor="vt", note="ký nhầm")
        assert registers.take_number(conn, body_code="UBND", year=2026, actor="vt") == first + 1
        statuses = {e["so"]: e["status"] for e in registers.entries(conn, rid)}
        from archive.schema import audit

        cancelled = conn.execute(select(audit).where(audit.c.action == "number.cancel")).all()
    assert statuses == {1: "cancelled", 2: "taken"}
    assert [(a.actor, a.detail["so"], a.detail["note"]) for a in cancelled] == [("vt", 1, "ký nhầm")]  # audited


def test_cancel_needs_a_reason_and_a_taken_number(archive):
    with db.writing() as conn:
        registers.take_number(conn, body_code="UBND", year=2026, actor="vt")
        rid = conn.execute(select(register_entry.c.register_id)).scalar()
        with pytest.raises(registers.RegisterError, match="lý do"):
            registers.cancel_number(conn, register_id=rid, so=1, actor="vt", note=" ")
        with pytest.raises(registers.RegisterError, match="không có"):
            registers.cancel_number(conn, register_id=rid, so=9, actor="vt", note="x")


def test_sequence_choice():
    assert registers.sequence_for("to_trinh", secret=False, numbering="chung") == "chung"
    assert registers.sequence_for("to_trinh", secret=False, numbering="theo_loai") == "to_trinh"
    assert registers.sequence_for("to_trinh", secret=True, numbering="theo_loai") == "mat"


def test_failed_transaction_gives_back_nothing(archive):
    with pytest.raises(RuntimeError):
        with db.writing() as conn:
            registers.take_number(conn, body_code="UBND", year=2026, actor="vt")
            raise RuntimeError("mất điện")
    with db.writing() as conn:
        assert registers.take_number(conn, body_code="UBND", year=2026, actor="vt") == 1
