"""`vanthu verify`: is every filed document whole — row, versions, blobs intact, outbox entry?

Problems are listed in Vietnamese; `repair` fixes what can be fixed without guessing: it removes
blobs nothing refers to (left by a crash between writing the file and committing) and the
temporary files of a writer killed mid-file, and queues for the index any document that has no
outbox entry.  A missing or altered blob cannot be repaired from here and stays reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import heapq
import itertools

from sqlalchemy import delete, func, select, union

from . import blobs, db, queries, store
from .schema import blob, document, outbox, version

CHUNK = 1000  # documents checked at a time
_FILES = ("original_sha256", "docx_sha256", "pdf_sha256")


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    documents: int = 0
    blobs: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems


def _versions(conn, lo: int, hi: int) -> dict[int, list]:
    """The versions of documents lo…hi, without their text (only whether there is one)."""
    rows = conn.execute(select(version.c.document_id, version.c.n, version.c.original_sha256, version.c.docx_sha256,
                               version.c.pdf_sha256, (func.length(version.c.text) > 0).label("has_text"))
                        .where(version.c.document_id.between(lo, hi)).order_by(version.c.id))
    by_doc: dict[int, list] = {}
    for v in rows:
        by_doc.setdefault(v.document_id, []).append(v)
    return by_doc


def _check_documents(conn, rep: VerifyReport, chunk: int) -> list[int]:
    """Each document with its versions and files, a chunk of documents at a time; returns the ids
    that have no outbox entry."""
    needs_queue = []
    for docs in db.chunks(conn, select(document.c.id, document.c.paper_holder, document.c.source), document.c.id, chunk):
        lo, hi = docs[0].id, docs[-1].id
        rep.documents += len(docs)
        by_doc = _versions(conn, lo, hi)
        digests = {getattr(v, col) for vs in by_doc.values() for v in vs for col in _FILES} - {None}
        known = set(conn.execute(select(blob.c.sha256).where(blob.c.sha256.in_(sorted(digests)))).scalars()) \
            if digests else set()
        queued = set(conn.execute(select(outbox.c.document_id).where(outbox.c.document_id.between(lo, hi))
                                  .distinct()).scalars())
        for d in docs:
            secret = bool((d.source or {}).get("secret"))
            vs = by_doc.get(d.id, [])
            if not vs:
                rep.problems.append(f"văn bản {d.id}: không có phiên bản nào")
            for v in vs:
                for col in _FILES:
                    digest = getattr(v, col)
                    if not digest:
                        continue
                    if secret:
                        rep.problems.append(f"văn bản mật {d.id} lại có tệp lưu trong kho ({digest[:12]}…)")
                    if digest not in known:
                        rep.problems.append(f"văn bản {d.id} bản {v.n}: tệp {digest[:12]}… không có trong bảng blob")
                    elif not blobs.intact(digest):
                        rep.problems.append(f"văn bản {d.id} bản {v.n}: tệp {digest[:12]}… bị mất hoặc bị sửa")
                if secret and v.has_text:
                    rep.problems.append(f"văn bản mật {d.id} lại có nội dung chữ lưu trong kho")
            if not secret and d.id not in queued:
                needs_queue.append(d.id)
    return needs_queue


def _orphans(conn, rep: VerifyReport) -> tuple[list[str], list[str]]:
    """(blob rows, blob files) that no version refers to, found by merging three sorted streams —
    the blob table, the digests the versions name, the files on disk — so that none of them is
    held whole; only the orphans are kept."""
    named = union(*[select(getattr(version.c, col).label("d")).where(getattr(version.c, col).is_not(None))
                    for col in _FILES]).subquery()
    referenced = conn.execute(select(named.c.d).order_by(named.c.d)).yield_per(1000).scalars()
    rows = conn.execute(select(blob.c.sha256).order_by(blob.c.sha256)).yield_per(1000).scalars()

    def files():
        for digest in blobs.iter_digests():
            rep.blobs += 1
            yield digest

    orphan_rows, orphan_files = [], []
    streams = heapq.merge(((d, "ref") for d in referenced), ((d, "row") for d in rows), ((d, "file") for d in files()))
    for digest, tags in itertools.groupby(streams, key=lambda x: x[0]):
        tags = {t for _, t in tags}
        if "ref" not in tags:
            if "row" in tags:
                orphan_rows.append(digest)
            if "file" in tags:
                orphan_files.append(digest)
    return orphan_rows, orphan_files


def verify(repair: bool = False, chunk: int = CHUNK) -> VerifyReport:
    """Everything checked a chunk at a time, in one read transaction: memory does not grow with the
    archive (only with the problems found)."""
    rep = VerifyReport()
    with db.reading() as conn:
        needs_queue = _check_documents(conn, rep, chunk)
        orphan_rows, orphan_files = _orphans(conn, rep)
        drift = queries.count_drift(conn)
    orphans = sorted(set(orphan_rows) | set(orphan_files))
    temps = blobs.stale_temps()  # a writer killed between creating its temporary file and the rename
    if repair:
        with db.writing() as conn:
            for digest in orphan_rows:
                conn.execute(delete(blob).where(blob.c.sha256 == digest))
            for doc_id in needs_queue:
                store.queue_index(conn, doc_id)
                store.record_audit(conn, "verify", "outbox.requeue", doc_id)
            if drift:
                queries.recount(conn)
        for digest in orphan_files:
            blobs.path_for(digest).unlink(missing_ok=True)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        rep.repaired += [f"đã xóa tệp không thuộc văn bản nào {d[:12]}…" for d in orphans]
        rep.repaired += [f"đã xóa tệp tạm còn sót {t.name[:24]}…" for t in temps]
        rep.repaired += [f"đã đưa văn bản {d} vào hàng đợi chỉ mục" for d in needs_queue]
        if drift:
            rep.repaired.append("đã đếm lại số văn bản theo loại, trạng thái, năm")
    else:
        rep.problems += [f"tệp {d[:12]}… không thuộc văn bản nào (sửa bằng --repair)" for d in orphans]
        rep.problems += [f"tệp tạm {t.name[:24]}… còn sót sau một lần ghi bị ngắt, không thuộc văn bản nào "
                         "(sửa bằng --repair)" for t in temps]
        rep.problems += [f"văn bản {d} chưa có trong hàng đợi chỉ mục (sửa bằng --repair)" for d in needs_queue]
        rep.problems += [f"số đếm {kind}/{status}/năm {year or '—'}/{'mật' if secret else 'thường'}/{unit or '—'}: "
                         f"ghi {kept}, thực có {counted} (sửa bằng --repair)"
                         for kind, status, year, secret, unit, kept, counted in drift]
    return rep


class _CallableModule(__import__("types").ModuleType):
    """`archive.verify(...)` works even when this module was imported first: the package loads
    its names lazily, and a submodule imported by name takes the package's attribute `verify`."""

    def __call__(self, *args, **kwargs):
        return verify(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
