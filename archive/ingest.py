"""The one ingest pipeline: read → check → split → extract → file, with named steps.

A file is filed whole or not at all: its blob is written (fsynced) first, then every document,
version, citation, link, audit line and outbox entry of the file commits in one transaction.
Killed at any point, the archive holds the whole file or none of it (at most an unreferenced
blob, which `vanthu verify --repair` removes).
"""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from generator import Settings, load_settings

from . import blobs, db, store
from .readers import ReadError, display_name, read_file
from .schema import citation, document


@dataclass
class Outcome:
    name: str
    status: str  # filed | duplicate | refused | checked (dry run)
    reason: str | None = None
    document_ids: list[int] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)  # extracted metadata, one per document
    notices: list[str] = field(default_factory=list)
    dossier_id: int | None = None


def _fault(point: str) -> None:
    """Crash tests name a point in VANTHU_FAULT; the process then dies there as a power cut would."""
    if os.environ.get("VANTHU_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def number_of(meta: dict) -> str | None:
    """'40/TTr-STTTT': how other documents cite this one."""
    if meta.get("so") is None or not meta.get("ky_hieu"):
        return None
    return f"{meta['so']}/{meta['ky_hieu']}"


def direction_of(meta: dict, settings: Settings) -> str:
    ours = (settings.issuing_body or "").strip().upper()
    body = (meta.get("issuing_body") or "").strip().upper()
    return "outgoing" if ours and body == ours else "incoming"


def _link_citations(conn, doc_id: int, meta: dict, text: str, actor: str) -> None:
    """Both ways: this document mentions ones already filed ("tại Tờ trình số 40/TTr-STTTT"), and
    filed ones mention this one."""
    from .citations import find_citations

    for number in find_citations(text):
        so, _, ky_hieu = number.partition("/")
        if so.isdigit():
            for target in store.find_by_number(conn, int(so), ky_hieu):
                store.add_link(conn, doc_id, target, "cites", actor)
    own = number_of(meta)
    if own:
        for source in _mentioning(conn, own, doc_id):
            store.add_link(conn, source, doc_id, "cites", actor)


def _mentioning(conn, number: str, exclude: int) -> list[int]:
    """Filed documents whose text mentions `number` (their cited bases, or anywhere in the text)."""
    from .schema import version

    ids = set(conn.execute(select(citation.c.document_id).where(citation.c.number == number)).scalars())
    rows = conn.execute(select(version.c.document_id, version.c.text)
                        .where(version.c.text.like(f"%{number.split('/', 1)[1]}%"))).all()
    from .citations import find_citations

    ids |= {r.document_id for r in rows if r.text and number in find_citations(r.text)}
    ids.discard(exclude)
    return sorted(ids)


def _extract(text: str) -> list[tuple[dict, str]]:
    """Each document of the file with its own text (a dossier holds several)."""
    from .extract import extract_metadata
    from .split import split_documents

    return [(extract_metadata(seg.text), seg.text) for seg in split_documents(text)]


def ingest_file(path: Path, *, actor: str, dry_run: bool = False, name: str | None = None,
                settings: Settings | None = None) -> Outcome:
    settings = settings or load_settings()
    shown = display_name(name or Path(path).name)
    try:
        ft = read_file(Path(path), shown)
    except ReadError as exc:
        return Outcome(shown, "refused", str(exc))
    digest = blobs.sha256(ft.data)
    parts = _extract(ft.text)
    if not parts:
        return Outcome(ft.name, "refused", "không tìm thấy văn bản nào trong tệp", notices=ft.notices)
    metas = [m for m, _ in parts]
    with db.reading() as conn:
        already = store.find_by_original(conn, digest)
    if already:
        return Outcome(ft.name, "duplicate", f"tệp này đã có trong kho (văn bản số {', '.join(map(str, already))})",
                       document_ids=already, documents=metas, notices=ft.notices)
    if dry_run:
        return Outcome(ft.name, "checked", documents=metas, notices=ft.notices)
    ids = []
    with db.writing() as conn:
        store.put_blob(conn, ft.data, ft.media_type)
        _fault("after_blob")
        dossier_id = None
        if len(parts) > 1:
            title = f"Hồ sơ từ tệp {ft.name}"
            dossier_id = store.create_dossier(conn, title, actor)
        for pos, (meta, text) in enumerate(parts, start=1):
            doc_id = store.create_document(
                conn, meta, actor=actor, direction=direction_of(meta, settings),
                may_hold_secrets=settings.may_hold_secrets, text=text,
                original=(ft.data, ft.name, ft.media_type),
                source={"kind": "ingest", "name": ft.name, "sha256": digest, "part": pos, "parts": len(parts)},
                dossier_id=dossier_id, dossier_pos=pos if dossier_id else None)
            ids.append(doc_id)
        for doc_id, (meta, text) in zip(ids, parts):
            _link_citations(conn, doc_id, meta, text, actor)
        _fault("before_commit")
    _fault("after_commit")
    return Outcome(ft.name, "filed", document_ids=ids, documents=metas, notices=ft.notices, dossier_id=dossier_id)


def count_documents() -> int:
    with db.reading() as conn:
        return len(conn.execute(select(document.c.id)).all())
