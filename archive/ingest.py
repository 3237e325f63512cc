"""The one ingest pipeline: read → check → split → extract → file, with named steps.

A file is filed whole or not at all: its blob is written first, then every document,
version, citation, link, audit line and outbox entry of the file commits in one transaction
(shared by a batch of files, for speed). Killed at any point, the archive holds each file whole
or not at all (at most an unreferenced blob, which `vanthu verify --repair` removes).

For speed, a batch pays once what each file would: its blobs are written without an fsync each and
made durable together (`blobs.Batch.sync`) before the transaction opens; the rows other than a
document's own are gathered (`rows.Rows`) and inserted one executemany per table; the checks and
the citation links look up the whole batch's numbers in one query each.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from generator import Settings, load_settings, rules

from . import blobs, db, store
from .rows import Rows
from .readers import ReadError, display_name, read_file
from .schema import audit, blob, document, link


@dataclass
class Outcome:
    name: str
    status: str  # filed | duplicate | refused | checked (dry run)
    reason: str | None = None
    document_ids: list[int] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)  # extracted metadata, one per document
    notices: list[str] = field(default_factory=list)
    dossier_id: int | None = None
    signatures: list[dict] = field(default_factory=list)  # of the file, when it is a signed PDF
    same_number: bool = False  # a duplicate by số + ký hiệu + issuing body, not by file


from .faults import fault as _fault  # noqa: E402


def number_of(meta: dict) -> str | None:
    """'40/TTr-STTTT': how other documents cite this one."""
    if meta.get("so") is None or not meta.get("ky_hieu"):
        return None
    return rules.cited_number(meta["so"], meta["ky_hieu"], party=meta.get("rule_set") == "dang")


def direction_of(meta: dict, settings: Settings) -> str:
    """Ours when the body is ours — and, where both name a parent body, the same parent: every
    province has a "SỞ TƯ PHÁP", and a letter from another province's is one we received."""
    from .rounds.agencies import key

    ours, body = key(settings.issuing_body or ""), key(meta.get("issuing_body") or "")
    if not ours or body != ours:
        return "incoming"
    our_parent, parent = key(settings.parent_body or ""), key(meta.get("parent_body") or "")
    return "incoming" if our_parent and parent and parent != our_parent else "outgoing"


def _number_parts(number: str) -> tuple[int, str] | None:
    so, _, ky_hieu = number.partition("/")
    return (int(so), ky_hieu) if so.isdigit() else None


def link_citations(conn, doc_id: int, meta: dict, mentioned: list[str], actor: str) -> None:
    """Both ways: this document mentions ones already filed ("tại Tờ trình số 40/TTr-STTTT"), and
    filed ones mention this one (both looked up in the citation table, by number)."""
    link_many(conn, [(doc_id, meta, mentioned)], actor)


def link_many(conn, filed: list[tuple[int, dict, list[str]]], actor: str, rows: Rows | None = None) -> None:
    """`link_citations` for each (document, metadata, numbers it mentions), with one query for all
    the numbers mentioned, one for all the documents citing these, one for the links they have.
    Their citations must be in the table already (flushed)."""
    if not filed:
        return
    numbers = {n for _, _, mentioned in filed for n in map(_number_parts, mentioned) if n}
    targets = store.find_by_numbers(conn, numbers) if numbers else {}
    owns = {doc_id: number_of(meta) for doc_id, meta, _ in filed}
    sources = store.citing_many(conn, [n for n in owns.values() if n]) if any(owns.values()) else {}
    wanted: dict[tuple[int, int], None] = {}  # in the order they are found, once each
    for doc_id, _, mentioned in filed:
        for n in filter(None, map(_number_parts, mentioned)):
            wanted.update(((doc_id, t.id), None) for t in targets[n])
        if owns[doc_id]:
            wanted.update(((s, doc_id), None) for s in sources[rules.canonical_number(owns[doc_id])])
    wanted = [w for w in wanted if w[0] != w[1]]
    if not wanted:
        return
    have = store.links_of(conn, [doc_id for doc_id, _, _ in filed], "cites")
    own_rows = rows is None
    rows = Rows() if own_rows else rows
    for f, t in wanted:
        if (f, t) not in have:
            rows.add(link, {"from_id": f, "to_id": t, "type": "cites"})
            rows.add(audit, store.audit_row(actor, "link.add", f, {"to": t, "type": "cites"}))
    if own_rows:
        rows.flush(conn)


def _extract(text: str, pdf: bool = False, page_starts: list[int] | None = None) -> list[tuple[dict, str]]:
    """Each document of the file with its own text (a dossier holds several)."""
    from .extract import extract_parts

    return extract_parts(text, pdf, page_starts)


@dataclass
class _Prepared:
    outcome: Outcome
    data: bytes = b""
    media_type: str = ""
    digest: str = ""
    parts: list[tuple[dict, str]] = field(default_factory=list)
    searchable: bytes | None = None  # a scanned PDF with its OCR text over the pages (the version's PDF)
    directions: list[str] | None = None  # of each part, once known (`_directions`)


def _directions(p: _Prepared, settings: Settings) -> list[str]:
    """Each document's direction, worked out once (the body names are normalised to compare them)."""
    if p.directions is None:
        p.directions = [direction_of(meta, settings) for meta, _ in p.parts]
    return p.directions


def _prepare(path: Path, name: str | None, pages=None) -> _Prepared:
    """Everything that needs no database: read, check, split, extract."""
    shown = display_name(name or Path(path).name)
    try:
        ft = read_file(Path(path), shown, (lambda done, total: pages(shown, done, total)) if pages else None)
    except ReadError as exc:
        return _Prepared(Outcome(shown, "refused", str(exc)))
    parts = _extract(ft.text, ft.media_type == "application/pdf", ft.page_starts)
    if parts and ft.header_image:
        from .crosscheck import disagreements

        ft.notices.extend(disagreements(parts[0][0], ft.header_image))
    if not parts:
        return _Prepared(Outcome(ft.name, "refused", "không tìm thấy văn bản nào trong tệp", notices=ft.notices))
    return _Prepared(Outcome(ft.name, "filed", documents=[m for m, _ in parts], notices=ft.notices,
                             signatures=ft.signatures),
                     ft.data, ft.media_type, blobs.sha256(ft.data), parts, ft.searchable)


def _keeps_file(p: _Prepared, settings: Settings) -> bool:
    """Some document of the file is stored with it: not all of them are secrets kept on paper."""
    return not all(store.is_secret_kept_on_paper(meta, settings.may_hold_secrets) for meta, _ in p.parts)


def _write_blobs(todo: list[_Prepared], settings: Settings) -> blobs.Batch:
    """The files of the batch on disk, their fsyncs started; `wait_synced()` before any row naming
    them commits."""
    batch = blobs.Batch()
    try:
        for c in filter(lambda c: _keeps_file(c, settings), todo):
            batch.put(c.data)
            if c.searchable:
                batch.put(c.searchable)
    except BaseException:
        batch.close()
        raise
    _fault("after_blob")  # written and renamed, not yet synced: rows must not commit now
    batch.start_sync()
    return batch


def _enters_register(p: _Prepared, settings: Settings) -> bool:
    """Some document of the file takes a number in a register (where a clash can refuse it)."""
    from . import registers

    return any(direction == "outgoing" and registers.register_of(meta, settings.numbering)
               for (meta, _), direction in zip(p.parts, _directions(p, settings)))


def _file(conn, p: _Prepared, actor: str, settings: Settings, unit: str | None = None,
          rows: Rows | None = None) -> list[tuple[int, dict, list[str]]]:
    """The file's rows (its blobs already on disk); returns what `link_many` links."""
    from .citations import find_citations

    o = p.outcome
    rows = Rows() if rows is None else rows
    keeps = _keeps_file(p, settings)  # a secret kept on paper leaves no file here
    if keeps:
        rows.add(blob, store.blob_row(p.digest, p.data, p.media_type))
    pdf_sha = None
    if p.searchable and keeps:
        pdf_sha = blobs.sha256(p.searchable)
        rows.add(blob, store.blob_row(pdf_sha, p.searchable, "application/pdf"))
    if len(p.parts) > 1:
        o.dossier_id = store.create_dossier(conn, f"Hồ sơ từ tệp {o.name}", actor, rows)
    mentions = []
    for pos, (meta, text) in enumerate(p.parts, start=1):
        direction = _directions(p, settings)[pos - 1]
        if direction == "incoming" and meta.get("status") == "issued":
            meta = {**meta, "status": "received"}  # a letter from elsewhere, taken in
        mentioned = find_citations(text)
        mentions.append(mentioned)
        o.document_ids.append(store.create_document(
            conn, meta, actor=actor, direction=direction,
            may_hold_secrets=settings.may_hold_secrets, text=text, original=(p.data, o.name, p.media_type),
            original_sha=p.digest, mentioned=mentioned, pdf=p.searchable, pdf_sha=pdf_sha, rows=rows,
            source={"kind": "ingest", "name": o.name, "sha256": p.digest, "part": pos, "parts": len(p.parts),
                    "where": meta.get("where") or {},
                    **({"signatures": o.signatures} if o.signatures else {})},
            dossier_id=o.dossier_id, dossier_pos=pos if o.dossier_id else None, unit=unit))
    for doc_id, (meta, _), direction in zip(o.document_ids, p.parts, _directions(p, settings)):
        enter_number(conn, doc_id, meta, actor, settings, direction)
    return [(doc_id, meta, mentioned) for doc_id, (meta, _), mentioned in zip(o.document_ids, p.parts, mentions)]


def enter_number(conn, doc_id: int, meta: dict, actor: str, settings: Settings, direction: str | None = None) -> None:
    """A numbered document of ours takes its number in the register (the next issued follows it)."""
    from . import registers

    if (direction or direction_of(meta, settings)) != "outgoing":
        return
    key = registers.register_of(meta, settings.numbering)
    if key:
        registers.record_filed(conn, body_code=key[0], year=key[1], sequence=key[2], so=meta["so"],
                               document_id=doc_id, actor=actor)


def _year(meta: dict) -> int | None:
    date = meta.get("date")
    return int(str(date)[:4]) if date else None


def same_number(conn, meta: dict, known: dict | None = None) -> list[int]:
    """Documents already filed with this số, ký hiệu and issuing body in the same year (Phụ lục VI,
    III.1.h; numbers restart each 1 January). A body or year not known on either side counts as the same.
    `known`: what `store.find_by_numbers` found for a batch, this number among them."""
    from .rounds.agencies import key

    if meta.get("so") is None or not meta.get("ky_hieu"):
        return []
    number = (meta["so"], meta["ky_hieu"])
    if known is None or number not in known:
        known = store.find_by_numbers(conn, [number])
    body, year = key(meta.get("issuing_body") or ""), _year(meta)
    found = []
    for other in known[number]:
        if body and other.issuing_body and key(other.issuing_body) != body:
            continue
        if year and other.issued_on and other.issued_on.year != year:
            continue
        found.append(other.id)
    return found


def _register_clash(conn, meta: dict, settings: Settings):
    """Why a document of ours cannot take the number it carries (registers.NumberClash), else None."""
    from . import registers

    if direction_of(meta, settings) != "outgoing":
        return None
    key = registers.register_of(meta, settings.numbering)
    if not key:
        return None
    held = registers.holder(conn, body_code=key[0], year=key[1], sequence=key[2], so=meta["so"])
    return registers.clash(held, body_code=key[0], year=key[1], so=meta["so"]) if held else None


CORRECTABLE = ("kind", "so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu",
               "signer_name", "signer_title", "authority", "do_mat", "do_khan")


def _correct(p: _Prepared, corrections: list[dict]) -> None:
    """Apply a clerk's corrections, checked like any input: a wrong date or number is refused."""
    from generator.rules import normalise_kind

    for (meta, _), fix in zip(p.parts, corrections):
        for key, value in fix.items():
            if key not in CORRECTABLE:
                continue
            value = value.strip() if isinstance(value, str) else value
            if value in ("", None):
                meta[key] = None
            elif key == "so":
                if not str(value).isdigit():
                    raise store.StoreError(f"số văn bản '{value}' phải là số nguyên dương")
                meta[key] = int(value)
            elif key == "date":
                from .dates import typed_date

                try:  # as a clerk types it (05/02/2026), or ISO
                    meta[key] = typed_date(value).isoformat()
                except ValueError as exc:
                    raise store.StoreError(f"ngày ban hành: {exc}") from exc
            elif key == "kind":
                if normalise_kind(str(value)) is None:
                    raise store.StoreError(f"loại văn bản '{value}' không có")
                meta[key] = normalise_kind(str(value))
            else:
                meta[key] = str(value)
        meta["status"] = "draft" if meta.get("so") is None else "issued"
    p.outcome.documents = [m for m, _ in p.parts]


def ingest_many(paths, *, actor: str, dry_run: bool = False, settings: Settings | None = None,
                batch: int = 50, names: list[str] | None = None, progress=None,
                corrections: list[dict] | None = None, pages=None,
                allow_same_number: bool = False, unit: str | None = None) -> list[Outcome]:
    """Ingest files, `batch` of them per transaction: each file is filed whole or not at all (a
    killed batch leaves none of its files), and a file already in the archive, or twice in the
    same call, is reported as a duplicate. `progress(n)` is told of each file done, `pages(name,
    done, total)` of each scanned page read (OCR takes seconds a page).

    A document with the số, ký hiệu and issuing body of one already filed is a duplicate too, unless
    `allow_same_number` (the clerk saw the warning and files it anyway); one of ours whose number
    its register already gave to another document is refused, naming that document."""
    settings = settings or load_settings()
    paths = list(paths)
    outcomes: list[Outcome] = []
    seen: dict[str, Outcome] = {}
    numbers_seen: set[tuple] = set()
    pending = None  # the chunk whose blobs are syncing while the next one is read

    def finish():
        nonlocal pending
        if pending:
            chunk, todo, written = pending
            pending = None
            if todo:
                _commit(todo, written, actor, settings, unit)
            outcomes.extend(c.outcome for c in chunk)
            if progress:
                progress(len(chunk))

    for lo in range(0, len(paths), batch):
        try:  # reading and extracting (CPU) overlaps the previous chunk's fsyncs (disk)
            chunk = [_prepare(p, names[lo + i] if names else None, pages) for i, p in enumerate(paths[lo:lo + batch])]
        finally:
            finish()  # committed before this chunk is checked against the archive
        if corrections and len(paths) == 1 and chunk[0].parts:
            _correct(chunk[0], corrections)
        todo = _check(chunk, settings, dry_run, allow_same_number, seen, numbers_seen)
        pending = (chunk, todo, _write_blobs(todo, settings) if todo else None)
    finish()
    return outcomes


def _check(chunk: list[_Prepared], settings: Settings, dry_run: bool, allow_same_number: bool,
           seen: dict, numbers_seen: set) -> list[_Prepared]:
    """Mark duplicates and refusals (one query for the chunk's files, one for its numbers); returns
    what is to be filed."""
    ready = [c for c in chunk if c.outcome.status == "filed"]
    if not ready:
        return []
    todo = []
    with db.reading() as reader:  # closed before writing: SQLite's writer must not wait on our own reader
        known = store.find_by_originals(reader, list({c.digest for c in ready}))
        numbers = {(m["so"], m["ky_hieu"]) for c in ready for m in c.outcome.documents
                   if m.get("so") is not None and m.get("ky_hieu")}
        known_numbers = store.find_by_numbers(reader, numbers) if numbers else {}
        for c in ready:
            in_archive = known.get(c.digest) or []
            if in_archive or c.digest in seen:
                c.outcome.status = "duplicate"
                c.outcome.reason = (f"tệp này đã có trong kho (văn bản số {', '.join(map(str, in_archive))})"
                                    if in_archive else "tệp này trùng một tệp khác trong lần nạp này")
                c.outcome.document_ids = list(in_archive)
                continue
            if _number_checks(reader, c, settings, allow_same_number, numbers_seen, known_numbers):
                continue
            seen[c.digest] = c.outcome
            if dry_run:
                c.outcome.status = "checked"
            else:
                todo.append(c)
    return todo


def _commit(todo: list[_Prepared], written: blobs.Batch, actor: str, settings: Settings, unit: str | None) -> None:
    """The chunk's rows in one transaction, opened once its blobs are durable."""
    from .registers import NumberClash

    written.wait_synced()
    _fault("after_blob_sync")
    with db.writing() as conn:
        rows, to_link = Rows(), []
        for c in todo:
            mine = Rows()  # kept only if the file is filed
            try:
                # a number taken meanwhile refuses this file only; a file entering no register
                # cannot clash, and needs no savepoint
                with conn.begin_nested() if _enters_register(c, settings) else nullcontext():
                    to_link += _file(conn, c, actor, settings, unit, mine)
            except NumberClash as exc:
                c.outcome.status, c.outcome.reason = "refused", f"trùng số: {exc}"
                c.outcome.document_ids = [exc.document_id] if exc.document_id else []
                continue
            rows.extend(mine)
        rows.flush(conn)  # the citations, before the links look them up
        link_many(conn, to_link, actor, rows)
        rows.flush(conn)
        _fault("before_commit")
    _fault("after_commit")


def _number_checks(conn, c: _Prepared, settings: Settings, allow_same_number: bool, numbers_seen: set,
                   known_numbers: dict | None = None) -> bool:
    """Mark the outcome a duplicate (same number, symbol and body) or refused (its register number
    is held); True when it is not to be filed."""
    from .rounds.agencies import key

    for meta in c.outcome.documents:
        if meta.get("so") is None or not meta.get("ky_hieu"):
            continue
        mine = (meta["so"], meta["ky_hieu"], key(meta.get("issuing_body") or ""), _year(meta))
        same = same_number(conn, meta, known_numbers)
        if (same or mine in numbers_seen) and not allow_same_number:
            c.outcome.status = "duplicate"
            c.outcome.same_number = True
            c.outcome.reason = (f"đã có văn bản số {store.number_text(meta['so'], meta['ky_hieu'])} của "
                                f"{meta.get('issuing_body') or 'cùng cơ quan'} trong kho "
                                f"(văn bản {', '.join(map(str, same))})" if same else
                                f"văn bản số {store.number_text(meta['so'], meta['ky_hieu'])} có hai lần "
                                "trong lần nạp này")
            c.outcome.document_ids = same
            return True
        clash = _register_clash(conn, meta, settings)
        if clash:
            c.outcome.status, c.outcome.reason = "refused", f"trùng số: {clash}"
            c.outcome.document_ids = [clash.document_id] if clash.document_id else []
            return True
        numbers_seen.add(mine)
    return False


def ingest_file(path: Path, *, actor: str, dry_run: bool = False, name: str | None = None,
                settings: Settings | None = None, corrections: list[dict] | None = None,
                allow_same_number: bool = False, unit: str | None = None) -> Outcome:
    """One file; `corrections` (one dict per document found, as a clerk corrected the extracted
    fields) replace what extraction read."""
    return ingest_many([path], actor=actor, dry_run=dry_run, settings=settings,
                       names=[name] if name else None, corrections=corrections,
                       allow_same_number=allow_same_number, unit=unit)[0]


def count_documents() -> int:
    with db.reading() as conn:
        return len(conn.execute(select(document.c.id)).all())


def attach_signed(path: Path, doc_id: int, *, actor: str, name: str | None = None) -> int:
    """File a signed or scanned copy of a document already in the archive as its new version (the
    file its number clashed with is this one): the copy must carry the same số and ký hiệu."""
    p = _prepare(Path(path), name)
    if p.outcome.status == "refused":
        raise store.StoreError(p.outcome.reason)
    meta = p.outcome.documents[0]
    with db.writing() as conn:
        row = conn.execute(select(document.c.so, document.c.ky_hieu).where(document.c.id == doc_id)).first()
        if row is None:
            raise store.StoreError(f"không có văn bản số {doc_id} trong kho")
        if (meta.get("so"), meta.get("ky_hieu")) != (row.so, row.ky_hieu):
            raise store.StoreError(f"tệp mang số {store.number_text(meta.get('so'), meta.get('ky_hieu'))}, văn bản "
                                   f"{doc_id} mang số {store.number_text(row.so, row.ky_hieu)}: không phải cùng văn bản")
        if store.find_by_original(conn, p.digest):
            raise store.StoreError("tệp này đã có trong kho")
        pdf = p.searchable or (p.data if p.media_type == "application/pdf" else None)
        return store.add_version(conn, doc_id, actor=actor, note=f"bản đã ký, nạp từ tệp {p.outcome.name}",
                                 text=p.parts[0][1], pdf=pdf, original=(p.data, p.outcome.name, p.media_type))
