"""Documents, versions, links, citations, dossiers, audit and outbox: the archive's one write path.

Every function takes the caller's write connection (`db.writing()`), so whatever one user action
changes — blobs named, rows, audit line, outbox entry — commits together or not at all.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, bindparam, func, insert, select, tuple_, update

from generator import rules

from . import blobs
from .rows import Rows
from .schema import audit, blob, citation, document, dossier, link, outbox, version

# The metadata keys of interfaces.md, in its order.
META_KEYS = ("kind", "rule_set", "so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu",
             "kinh_gui", "signer_name", "signer_title", "authority", "noi_nhan", "can_cu", "do_mat", "do_khan",
             "status")
STATUSES = ("draft", "issued", "received", "archived")
DIRECTIONS = ("outgoing", "incoming", "internal")
LINK_TYPES = ("can_cu", "replies_to", "implements", "replaces", "recalls", "attachment_of", "cites")


class StoreError(ValueError):
    pass


# Statements built once, values bound at execution: SQLAlchemy then reuses the compiled form
# instead of building a cache key from every literal (a third of ingest time before).
_INSERT_AUDIT = insert(audit)
_INSERT_OUTBOX = insert(outbox)
_INSERT_DOCUMENT = insert(document).returning(document.c.id)
_INSERT_VERSION = insert(version)
_INSERT_LINK = insert(link)
_LINK_EXISTS = select(link.c.id).where((link.c.from_id == bindparam("f")) & (link.c.to_id == bindparam("t")) &
                                       (link.c.type == bindparam("ty")))
_BY_NUMBER = select(document.c.id).where((document.c.so == bindparam("so")) &
                                         (document.c.ky_hieu == bindparam("kh"))).order_by(document.c.id)
_CITING = select(citation.c.document_id).where(citation.c.number_key == bindparam("number")).distinct()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise StoreError(f"ngày '{value}' không đúng dạng NĂM-THÁNG-NGÀY") from exc


def blob_row(digest: str, data: bytes, media_type: str | None) -> dict:
    return {"sha256": digest, "size": len(data), "media_type": media_type, "created_at": now()}


def put_blob(conn: Connection, data: bytes, media_type: str | None) -> str:
    """The file first (fsynced), then its row; an existing blob is left as it is."""
    digest = blobs.put(data)
    rows = Rows()
    rows.add(blob, blob_row(digest, data, media_type))
    rows.flush(conn)
    return digest


def audit_row(actor: str, action: str, document_id: int | None, detail: dict | None = None) -> dict:
    return {"at": now(), "actor": actor, "action": action, "document_id": document_id, "detail": detail or {}}


def record_audit(conn: Connection, actor: str, action: str, document_id: int | None, detail: dict | None = None):
    conn.execute(_INSERT_AUDIT, audit_row(actor, action, document_id, detail))


def outbox_row(document_id: int, op: str = "upsert") -> dict:
    return {"document_id": document_id, "op": op, "created_at": now()}


def queue_index(conn: Connection, document_id: int, op: str = "upsert") -> None:
    conn.execute(_INSERT_OUTBOX, outbox_row(document_id, op))


def create_dossier(conn: Connection, title: str, actor: str, rows: Rows | None = None) -> int:
    did = conn.execute(insert(dossier).values(title=title, created_at=now()).returning(dossier.c.id)).scalar_one()
    if rows is None:
        record_audit(conn, actor, "dossier.create", None, {"dossier_id": did, "title": title})
    else:
        rows.add(audit, audit_row(actor, "dossier.create", None, {"dossier_id": did, "title": title}))
    return did


def is_secret_kept_on_paper(meta: dict, may_hold_secrets: bool) -> bool:
    return bool(meta.get("do_mat")) and not may_hold_secrets


def create_document(conn: Connection, meta: dict, *, actor: str, direction: str, may_hold_secrets: bool,
                    text: str | None = None, original: tuple[bytes, str, str] | None = None,
                    docx: bytes | None = None, pdf: bytes | None = None, source: dict | None = None,
                    dossier_id: int | None = None, dossier_pos: int | None = None,
                    paper_holder: str | None = None, unit: str | None = None,
                    mentioned: list[str] | None = None, original_sha: str | None = None,
                    pdf_sha: str | None = None, rows: Rows | None = None) -> int:
    """File one document with its first version. `original_sha` / `pdf_sha`: files the caller
    already stored, rows and all. Given `rows`, everything but the document row itself waits
    there for the caller's flush (a batch of files inserts its versions, audit lines… together).

    A Mật document on a machine that may not hold secrets is registered with its number, date,
    kind, độ mật and who holds the paper — no file, no text, no citations, nothing for the index."""
    if direction not in DIRECTIONS:
        raise StoreError(f"hướng văn bản '{direction}' không có")
    status = meta.get("status") or ("draft" if meta.get("so") is None else "issued")
    if status not in STATUSES:
        raise StoreError(f"trạng thái '{status}' không có")
    secret = is_secret_kept_on_paper(meta, may_hold_secrets)
    if secret:
        text, original, docx, pdf, original_sha, pdf_sha, mentioned = None, None, None, None, None, None, None
        meta = {k: meta.get(k) for k in ("kind", "rule_set", "so", "ky_hieu", "issuing_body", "date", "do_mat",
                                         "do_khan", "status")}
        source = {"kind": (source or {}).get("kind"), "secret": True}
    if original and original_sha is None:
        original_sha = put_blob(conn, original[0], original[2])
    docx_sha = put_blob(conn, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") \
        if docx else None
    if pdf and pdf_sha is None:
        pdf_sha = put_blob(conn, pdf, "application/pdf")
    own_rows = rows is None
    rows = Rows() if own_rows else rows
    doc_id = conn.execute(_INSERT_DOCUMENT, dict(
        kind=meta.get("kind") or "other", rule_set=meta.get("rule_set") or "unknown", status=status,
        direction=direction, issuing_body=meta.get("issuing_body"), parent_body=meta.get("parent_body"),
        so=meta.get("so"), ky_hieu=meta.get("ky_hieu"), issued_on=_date(meta.get("date")), place=meta.get("place"),
        trich_yeu=meta.get("trich_yeu"), signer_name=meta.get("signer_name"), signer_title=meta.get("signer_title"),
        authority=meta.get("authority"), kinh_gui=meta.get("kinh_gui"), noi_nhan=meta.get("noi_nhan"),
        do_mat=meta.get("do_mat"), do_khan=meta.get("do_khan"), unit=unit, paper_holder=paper_holder,
        source=source, dossier_id=dossier_id, dossier_pos=dossier_pos, current_version=1, created_by=actor,
        created_at=now())).scalar_one()
    rows.add(version, dict(document_id=doc_id, n=1, docx_sha256=docx_sha, pdf_sha256=pdf_sha,
                           original_sha256=original_sha, original_name=original[1] if original else None,
                           text=text, created_at=now(), created_by=actor, note="tạo mới"))
    if not secret:
        bases = list(dict.fromkeys(meta.get("can_cu") or []))
        mentions = [n for n in dict.fromkeys(mentioned or []) if n not in bases]
        for n, basis in [(n, True) for n in bases] + [(n, False) for n in mentions]:
            rows.add(citation, {"document_id": doc_id, "number": n, "number_key": rules.canonical_number(n),
                                "basis": basis})
        rows.add(outbox, outbox_row(doc_id))
    rows.add(audit, audit_row(actor, "document.create", doc_id,
                              {"direction": direction, "status": status, "secret_on_paper": secret,
                               "source": (source or {}).get("kind")}))
    if own_rows:
        rows.flush(conn)
    return doc_id


def add_version(conn: Connection, doc_id: int, *, actor: str, note: str, text: str | None = None,
                docx: bytes | None = None, pdf: bytes | None = None, changes: dict | None = None,
                original: tuple[bytes, str, str] | None = None) -> int:
    row = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if row is None:
        raise StoreError(f"không có văn bản số {doc_id}")
    if row.paper_holder or (row.source or {}).get("secret"):
        text, docx, pdf, original = None, None, None, None  # a secret kept on paper gets no file, no text
    n = (conn.execute(select(func.max(version.c.n)).where(version.c.document_id == doc_id)).scalar() or 0) + 1
    docx_sha = put_blob(conn, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") \
        if docx else None
    pdf_sha = put_blob(conn, pdf, "application/pdf") if pdf else None
    original_sha = put_blob(conn, original[0], original[2]) if original else None
    conn.execute(insert(version).values(document_id=doc_id, n=n, docx_sha256=docx_sha, pdf_sha256=pdf_sha, text=text,
                                        original_sha256=original_sha, original_name=original[1] if original else None,
                                        created_at=now(), created_by=actor, note=note))
    conn.execute(update(document).where(document.c.id == doc_id).values(current_version=n, **(changes or {})))
    if not row.paper_holder:
        queue_index(conn, doc_id)
    record_audit(conn, actor, "document.version", doc_id, {"n": n, "note": note, "changed": sorted(changes or {})})
    return n


def add_link(conn: Connection, from_id: int, to_id: int, type_: str, actor: str) -> bool:
    if type_ not in LINK_TYPES:
        raise StoreError(f"loại liên kết '{type_}' không có")
    if from_id == to_id:
        return False
    if conn.execute(_LINK_EXISTS, {"f": from_id, "t": to_id, "ty": type_}).first():
        return False
    conn.execute(_INSERT_LINK, {"from_id": from_id, "to_id": to_id, "type": type_})
    record_audit(conn, actor, "link.add", from_id, {"to": to_id, "type": type_})
    return True


def number_text(so: int | None, ky_hieu: str | None, rule_set: str | None = None) -> str:
    """The number as it is written and cited: '05/QĐ-UBND'; a Party document's '180-CV/BNCTU'
    (its own rules); a draft's '…/QĐ-UBND'; nothing known, '(chưa số)'."""
    if so is None:
        return f"…/{ky_hieu}" if ky_hieu else "(chưa số)"
    if not ky_hieu:
        return f"{so:02d}"
    return f"{so}-{ky_hieu}" if rule_set == "dang" else f"{so:02d}/{ky_hieu}"


def to_metadata(row) -> dict:
    """A document row as the metadata JSON of interfaces.md (missing values null)."""
    m = row._mapping
    return {
        "kind": m["kind"], "rule_set": m["rule_set"], "so": m["so"], "ky_hieu": m["ky_hieu"],
        "issuing_body": m["issuing_body"], "parent_body": m["parent_body"], "place": m["place"],
        "date": m["issued_on"].isoformat() if m["issued_on"] else None, "trich_yeu": m["trich_yeu"],
        "kinh_gui": m["kinh_gui"], "signer_name": m["signer_name"], "signer_title": m["signer_title"],
        "authority": m["authority"], "noi_nhan": m["noi_nhan"], "can_cu": None, "do_mat": m["do_mat"],
        "do_khan": m["do_khan"], "status": m["status"],
    }


def get_document(conn: Connection, doc_id: int) -> dict | None:
    row = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if row is None:
        return None
    meta = to_metadata(row)
    numbers = conn.execute(select(citation.c.number).where((citation.c.document_id == doc_id) & citation.c.basis)
                           .order_by(citation.c.id)).scalars().all()
    meta["can_cu"] = list(numbers) or None
    return {"id": doc_id, **meta, "direction": row.direction, "dossier_id": row.dossier_id,
            "dossier_pos": row.dossier_pos, "current_version": row.current_version, "source": row.source,
            "paper_holder": row.paper_holder, "created_at": row.created_at.isoformat(), "created_by": row.created_by,
            "unit": row.unit, "revoked": row.revoked, "revoked_on": row.revoked_on.isoformat() if row.revoked_on else None,
            "revoked_note": row.revoked_note, "revoked_by_document_id": row.revoked_by_document_id}


def versions(conn: Connection, doc_id: int) -> list[dict]:
    rows = conn.execute(select(version).where(version.c.document_id == doc_id).order_by(version.c.n))
    return [dict(r._mapping) for r in rows]


def find_by_original(conn: Connection, sha: str) -> list[int]:
    return list(conn.execute(select(version.c.document_id).where(version.c.original_sha256 == sha)
                             .distinct()).scalars())


def citing(conn: Connection, number: str) -> list[int]:
    """Documents that cite or mention `number` ("40/TTr-STTTT")."""
    return list(conn.execute(_CITING, {"number": rules.canonical_number(number)}).scalars())


def find_by_originals(conn: Connection, digests: list[str]) -> dict[str, list[int]]:
    """For each file hash, the documents filed from it (one query for a whole batch)."""
    out: dict[str, list[int]] = {d: [] for d in digests}
    if digests:
        for r in conn.execute(select(version.c.original_sha256, version.c.document_id)
                              .where(version.c.original_sha256.in_(digests)).distinct()):
            out[r.original_sha256].append(r.document_id)
    return out


def find_by_number(conn: Connection, so: int, ky_hieu: str) -> list[int]:
    return list(conn.execute(_BY_NUMBER, {"so": so, "kh": ky_hieu}).scalars())


def find_by_numbers(conn: Connection, numbers) -> dict[tuple[int, str], list]:
    """For each (số, ký hiệu), the documents filed with it — rows of id, issuing_body, issued_on,
    by id — in one query for a whole batch."""
    numbers = list(dict.fromkeys(numbers))
    out: dict[tuple[int, str], list] = {n: [] for n in numbers}
    for lo in range(0, len(numbers), 400):  # well under SQLite's bound on parameters
        for r in conn.execute(select(document.c.id, document.c.so, document.c.ky_hieu, document.c.issuing_body,
                                     document.c.issued_on)
                              .where(tuple_(document.c.so, document.c.ky_hieu).in_(numbers[lo:lo + 400]))
                              .order_by(document.c.id)):
            out[(r.so, r.ky_hieu)].append(r)
    return out


def citing_many(conn: Connection, numbers) -> dict[str, list[int]]:
    """`citing` for many numbers at once: canonical number → documents citing or mentioning it."""
    keys = list(dict.fromkeys(rules.canonical_number(n) for n in numbers))
    out: dict[str, list[int]] = {k: [] for k in keys}
    for lo in range(0, len(keys), 800):
        for r in conn.execute(select(citation.c.number_key, citation.c.document_id)
                              .where(citation.c.number_key.in_(keys[lo:lo + 800])).distinct()
                              .order_by(citation.c.document_id)):
            out[r.number_key].append(r.document_id)
    return out


def links_of(conn: Connection, doc_ids, type_: str) -> set[tuple[int, int]]:
    """(from, to) of the links of a type that touch any of these documents."""
    ids = list(doc_ids)
    out = set()
    for lo in range(0, len(ids), 400):
        part = ids[lo:lo + 400]
        out |= {(r.from_id, r.to_id) for r in conn.execute(
            select(link.c.from_id, link.c.to_id).where((link.c.type == type_) &
                                                       (link.c.from_id.in_(part) | link.c.to_id.in_(part))))}
    return out


def find_named(conn: Connection, text: str) -> int | None:
    """The document a clerk names by its id ('12') or its number as written ('05/QĐ-STP'); where the
    number was used in several years (numbers restart each 1 January), the latest."""
    text = (text or "").strip()
    if text.isdigit():
        return int(text)
    so, _, ky_hieu = text.partition("/")
    if not (so.strip().isdigit() and ky_hieu.strip()):
        return None
    found = conn.execute(select(document.c.id).where((document.c.so == int(so)) &
                                                     (document.c.ky_hieu == "".join(ky_hieu.split())))
                         .order_by(document.c.issued_on.desc().nulls_last(), document.c.id.desc())).first()
    return found.id if found else None
