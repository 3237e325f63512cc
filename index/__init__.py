"""The search index behind one small interface: add, delete, search, rebuild, verify.

The archive is the truth; the index is fed from the archive's outbox (`drain`), so after any crash
it catches up by draining again.  A Mật document kept on paper is never indexed; a Mật document an
off-network installation stores is indexed but left out of results, snippets and facet counts for
anyone without the right.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import func, select, update

from generator import data_dir

from .analysis import INDEX_FORMAT
from .model import FACETS, Hit, IndexDoc, Query, Results
from .query import FILTER_KEYS, QueryError, has_criteria, parse_day, query_from_args
from .snippets import snippet

ENGINES = ("tantivy", "whoosh")  # tantivy by default: the README shows why (figures side by side)
REBUILD_CHUNK = 1000
_open: dict[str, object] = {}


def folder() -> Path:
    return data_dir() / "index"


def engine_name() -> str:
    return os.environ.get("VANTHU_SEARCH_ENGINE") or ENGINES[0]


def make_engine(name: str, path: Path):
    if name == "tantivy":
        from .tantivy_engine import TantivyEngine

        return TantivyEngine(path)
    if name == "whoosh":
        from .whoosh_engine import WhooshEngine

        return WhooshEngine(path)
    raise ValueError(f"bộ máy tìm kiếm '{name}' không có; chọn một trong: {', '.join(ENGINES)}")


def lock_path() -> Path:
    return folder() / "write.lock"


@contextlib.contextmanager
def _writing(wait: bool = True) -> Iterator[bool]:
    """One writer at a time, across processes (the web server, `vanthu ingest`, `vanthu reindex`:
    a lock file beside the index) and across the web server's threads: the engines hold their own
    writer lock and refuse a second writer instead of waiting, and two processes finding an old
    index must not both rebuild it.  Re-entrant within a thread; yields False when `wait` is off
    and someone else is writing."""
    if getattr(_local, "depth", 0):
        _local.depth += 1
        try:
            yield True
        finally:
            _local.depth -= 1
        return
    if not _thread_lock.acquire(blocking=wait):
        yield False
        return
    try:
        lock = lock_path()
        lock.parent.mkdir(parents=True, exist_ok=True)
        with open(lock, "a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            _local.depth = 1
            try:
                yield True
            finally:
                _local.depth = 0
                fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        _thread_lock.release()


_local = threading.local()
_thread_lock = threading.Lock()


def _stamp(path: Path) -> Path:
    return path / "FORMAT"


def engine(name: str | None = None):
    name = name or engine_name()
    path = folder() / name
    key = f"{name}:{path}"
    if key not in _open:
        with _writing():
            if path.exists() and not (_stamp(path).exists() and _stamp(path).read_text().strip() == INDEX_FORMAT):
                rebuild(name=name)  # written by an older vanthu: its entries would no longer match queries
            fresh = not path.exists()
            _open[key] = make_engine(name, path)
            if fresh:
                _stamp(path).write_text(INDEX_FORMAT)
    return _open[key]


def close_all() -> None:
    for e in _open.values():
        e.close()
    _open.clear()


# --- from the archive -----------------------------------------------------------------------

def _yyyymmdd(d: dt.date | None) -> int | None:
    return d.year * 10000 + d.month * 100 + d.day if d else None


def index_doc(row, text: str | None, cited: list[str]) -> IndexDoc | None:
    """The index entry of a document row; None for what must not be indexed."""
    if row.paper_holder or (row.source or {}).get("secret"):
        return None
    return IndexDoc(
        id=row.id, version=row.current_version or 1, kind=row.kind, status=row.status, secret=bool(row.do_mat),
        issuing_body=row.issuing_body, year=row.issued_on.year if row.issued_on else None,
        date=_yyyymmdd(row.issued_on), signer=row.signer_name, so=row.so, ky_hieu=row.ky_hieu,
        trich_yeu=row.trich_yeu, cited=cited, content=text or "",
        seen_by=f"unit:{row.unit}" if row.status == "draft" and row.unit else "*")


def _load(conn, ids: list[int]) -> dict[int, IndexDoc | None]:
    from archive.schema import citation, document, version

    rows = {r.id: r for r in conn.execute(select(document).where(document.c.id.in_(ids)))}
    # only the current version's text: a chunk holds one text per document, however many versions
    texts = {(r.document_id, r.n): r.text for r in conn.execute(
        select(version.c.document_id, version.c.n, version.c.text)
        .join(document, (document.c.id == version.c.document_id) & (document.c.current_version == version.c.n))
        .where(version.c.document_id.in_(ids)))}
    cites: dict[int, list[str]] = {}
    for r in conn.execute(select(citation.c.document_id, citation.c.number).where(citation.c.document_id.in_(ids))):
        cites.setdefault(r.document_id, []).append(r.number)
    return {i: index_doc(rows[i], texts.get((i, rows[i].current_version)), cites.get(i, [])) if i in rows else None
            for i in ids}


def drain(batch: int = 500, name: str | None = None, wait: bool = True) -> int:
    """Apply pending outbox entries to the index; returns how many were applied.

    The index commits before the outbox rows are marked done, so a crash in between only means
    the same entries are applied again (an upsert is idempotent).  Each batch is one turn of the
    write lock, so two processes draining take turns; with `wait=False` (before a search) a busy
    lock means "search what is there" rather than queueing behind a long re-index."""
    import archive
    from archive.faults import fault
    from archive.schema import outbox

    eng = engine(name)
    done = 0
    while True:
        with _writing(wait) as mine:
            if not mine:
                return done
            with archive.reading() as conn:
                pending = conn.execute(select(outbox.c.id, outbox.c.document_id, outbox.c.op)
                                       .where(outbox.c.done_at.is_(None)).order_by(outbox.c.id).limit(batch)).all()
                if not pending:
                    return done
                ids = sorted({p.document_id for p in pending})
                docs = _load(conn, ids)
            eng.delete([i for i, d in docs.items() if d is None])
            eng.add([d for d in docs.values() if d is not None])
            fault("index_after_add")  # crash tests: the index has the batch, the outbox does not know yet
            with archive.writing() as conn:
                conn.execute(update(outbox).where(outbox.c.id.in_([p.id for p in pending]))
                             .values(done_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))
        done += len(pending)


def rebuild(progress: Callable[[int, int], None] | None = None, name: str | None = None,
            chunk: int = REBUILD_CHUNK) -> int:
    with _writing():
        return _rebuild(progress, name, chunk)


def _rebuild(progress: Callable[[int, int], None] | None, name: str | None, chunk: int) -> int:
    """Index everything again into a fresh folder, a chunk at a time (memory stays bounded), then
    swap it in.  Interrupted, it resumes from the last chunk written (state in rebuild.json)."""
    import archive
    from archive.schema import document

    name = name or engine_name()
    target = folder() / name
    work = folder() / f"{name}.rebuild"
    state_file = folder() / f"{name}.rebuild.json"
    state = json.loads(state_file.read_text()) if state_file.exists() and work.exists() else {"last_id": 0}
    if state["last_id"] == 0:
        shutil.rmtree(work, ignore_errors=True)
    with archive.reading() as conn:
        total = conn.execute(select(func.count()).select_from(document)).scalar()
        done = conn.execute(select(func.count()).where(document.c.id <= state["last_id"])).scalar()
    eng = make_engine(name, work)
    while True:
        # the next chunk's ids after the last one written (keyset): no list of every id is kept
        with archive.reading() as conn:
            ids = conn.execute(select(document.c.id).where(document.c.id > state["last_id"])
                               .order_by(document.c.id).limit(chunk)).scalars().all()
            if not ids:
                break
            docs = _load(conn, ids)
        eng.add([d for d in docs.values() if d is not None], bulk=True)
        del docs
        state["last_id"] = ids[-1]
        tmp = state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        os.replace(tmp, state_file)
        done += len(ids)
        if progress:
            progress(done, max(total, done))
    eng.optimize()
    eng.close()
    _stamp(work).write_text(INDEX_FORMAT)
    key = f"{name}:{target}"
    if key in _open:
        _open.pop(key).close()
    old = folder() / f"{name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(work, target)
    shutil.rmtree(old, ignore_errors=True)
    state_file.unlink(missing_ok=True)
    # what changed while rebuilding is still in the outbox
    drain(name=name)
    return done


def _drift(rows, indexed: dict[int, int], missing: list, stale: list, extra: list) -> None:
    wanted = {r.id: r.current_version or 1 for r in rows
              if not r.paper_holder and not (r.source or {}).get("secret")}
    missing += sorted(set(wanted) - set(indexed))
    stale += sorted(i for i in set(wanted) & set(indexed) if wanted[i] != indexed[i])
    extra += sorted(set(indexed) - set(wanted))


def verify(repair: bool = False, name: str | None = None, chunk: int = REBUILD_CHUNK) -> list[str]:
    """Drift between archive and index: missing, stale or extra entries (repair: fix them)."""
    import archive
    from archive.schema import document
    from archive.store import queue_index

    drain(name=name)
    eng = engine(name)
    missing, stale, extra = [], [], []
    lo = 0
    with archive.reading() as conn:
        # a chunk of the archive's documents beside the index entries of the same id range (the
        # last range open-ended: entries past the archive's last id are extra too)
        for rows in archive.chunks(conn, select(document.c.id, document.c.current_version, document.c.paper_holder,
                                                document.c.source), document.c.id, chunk):
            _drift(rows, eng.versions(lo, rows[-1].id), missing, stale, extra)
            lo = rows[-1].id + 1
    _drift([], eng.versions(lo, None), missing, stale, extra)
    problems = [f"chỉ mục thiếu văn bản {i}" for i in missing]
    problems += [f"chỉ mục giữ bản cũ của văn bản {i}" for i in stale]
    problems += [f"chỉ mục còn văn bản {i} không có trong kho" for i in extra]
    if repair and problems:
        with archive.writing() as conn:
            for i in missing + stale:
                queue_index(conn, i)
        with _writing():
            eng.delete(extra)
        drain(name=name)
    return problems


def search(q: Query, name: str | None = None) -> dict:
    """Hits, best first (or newest), with the archive's fields and a snippet each; facets."""
    import archive
    from archive.schema import document, version

    drain(name=name, wait=False)  # what was filed a moment ago is found (unless a writer is busy)
    res: Results = engine(name).search(q)
    ids = [h.id for h in res.hits]
    out = []
    if ids:
        with archive.reading() as conn:
            rows = {r.id: r for r in conn.execute(select(document).where(document.c.id.in_(ids)))}
            texts = {(r.document_id, r.n): r.text for r in conn.execute(
                select(version.c.document_id, version.c.n, version.c.text).where(version.c.document_id.in_(ids)))}
        for h in res.hits:
            r = rows.get(h.id)
            if r is None:
                continue
            out.append({"id": r.id, "kind": r.kind, "so": r.so, "ky_hieu": r.ky_hieu, "trich_yeu": r.trich_yeu,
                        "date": r.issued_on.isoformat() if r.issued_on else None, "score": round(h.score, 4),
                        "issuing_body": r.issuing_body, "status": r.status, "rule_set": r.rule_set,
                        "revoked": r.revoked,
                        "snippet": snippet(texts.get((r.id, r.current_version)) or r.trich_yeu or "", res.terms,
                                           exact_terms=res.exact_terms)})
    return {"total": res.total, "hits": out, "facets": res.facets}


__all__ = ["FACETS", "FILTER_KEYS", "Hit", "IndexDoc", "Query", "QueryError", "Results", "has_criteria", "parse_day",
           "query_from_args", "drain", "engine", "rebuild", "search", "verify",
           "close_all"]
