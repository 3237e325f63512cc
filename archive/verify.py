"""`vanthu verify`: is every filed document whole — row, versions, blobs intact, outbox entry?

Problems are listed in Vietnamese; `repair` fixes what can be fixed without guessing: it removes
blobs nothing refers to (left by a crash between writing the file and committing) and the
temporary files of a writer killed mid-file, and queues for the index any document that has no
outbox entry.  A missing or altered blob cannot be repaired from here and stays reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from . import blobs, db, store
from .schema import blob, document, outbox, version


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    documents: int = 0
    blobs: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems


def verify(repair: bool = False) -> VerifyReport:
    rep = VerifyReport()
    with db.reading() as conn:
        docs = conn.execute(select(document.c.id, document.c.paper_holder, document.c.source)).all()
        vers = conn.execute(select(version)).all()
        blob_rows = set(conn.execute(select(blob.c.sha256)).scalars())
        queued = set(conn.execute(select(outbox.c.document_id)).scalars())
    rep.documents = len(docs)
    by_doc: dict[int, list] = {}
    for v in vers:
        by_doc.setdefault(v.document_id, []).append(v)
    referenced = set()
    needs_queue = []
    for d in docs:
        secret = bool((d.source or {}).get("secret"))
        vs = by_doc.get(d.id, [])
        if not vs:
            rep.problems.append(f"văn bản {d.id}: không có phiên bản nào")
        for v in vs:
            for col in ("original_sha256", "docx_sha256", "pdf_sha256"):
                digest = getattr(v, col)
                if not digest:
                    continue
                referenced.add(digest)
                if secret:
                    rep.problems.append(f"văn bản mật {d.id} lại có tệp lưu trong kho ({digest[:12]}…)")
                if digest not in blob_rows:
                    rep.problems.append(f"văn bản {d.id} bản {v.n}: tệp {digest[:12]}… không có trong bảng blob")
                elif not blobs.intact(digest):
                    rep.problems.append(f"văn bản {d.id} bản {v.n}: tệp {digest[:12]}… bị mất hoặc bị sửa")
            if secret and v.text:
                rep.problems.append(f"văn bản mật {d.id} lại có nội dung chữ lưu trong kho")
        if not secret and d.id not in queued:
            needs_queue.append(d.id)
    on_disk = set(blobs.all_digests())
    rep.blobs = len(on_disk)
    orphans_rows = blob_rows - referenced
    orphan_files = on_disk - referenced
    temps = blobs.stale_temps()  # a writer killed between creating its temporary file and the rename
    if repair:
        with db.writing() as conn:
            for digest in sorted(orphans_rows):
                conn.execute(delete(blob).where(blob.c.sha256 == digest))
            for doc_id in needs_queue:
                store.queue_index(conn, doc_id)
                store.record_audit(conn, "verify", "outbox.requeue", doc_id)
        for digest in sorted(orphan_files):
            blobs.path_for(digest).unlink(missing_ok=True)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        rep.repaired += [f"đã xóa tệp không thuộc văn bản nào {d[:12]}…" for d in sorted(orphan_files | orphans_rows)]
        rep.repaired += [f"đã xóa tệp tạm còn sót {t.name[:24]}…" for t in temps]
        rep.repaired += [f"đã đưa văn bản {d} vào hàng đợi chỉ mục" for d in needs_queue]
    else:
        rep.problems += [f"tệp {d[:12]}… không thuộc văn bản nào (sửa bằng --repair)"
                         for d in sorted(orphan_files | orphans_rows)]
        rep.problems += [f"tệp tạm {t.name[:24]}… còn sót sau một lần ghi bị ngắt, không thuộc văn bản nào "
                         "(sửa bằng --repair)" for t in temps]
        rep.problems += [f"văn bản {d} chưa có trong hàng đợi chỉ mục (sửa bằng --repair)" for d in needs_queue]
    return rep


class _CallableModule(__import__("types").ModuleType):
    """`archive.verify(...)` works even when this module was imported first: the package loads
    its names lazily, and a submodule imported by name takes the package's attribute `verify`."""

    def __call__(self, *args, **kwargs):
        return verify(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
