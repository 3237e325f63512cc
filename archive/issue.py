"""Drafts vanthu composed, filed with their input; `issue` numbers, dates and renders them again.

The number comes from the register inside the same transaction that stores the issued file, so a
number is either given to a document that exists, or not given at all.
"""
from __future__ import annotations

import copy
import datetime as dt

from sqlalchemy import select

import generator
from generator import Document, Settings, load_settings

from . import db, registers, store
from .schema import document


class IssueError(ValueError):
    pass


def metadata_of(doc: Document) -> dict:
    """The archive's metadata (interfaces.md keys) of a document vanthu composed."""
    date = doc.date if isinstance(doc.date, dt.date) else None
    return {
        "kind": doc.kind, "rule_set": "nd30", "so": doc.so, "ky_hieu": doc.ky_hieu,
        "issuing_body": " ".join(doc.issuing_body.split()), "parent_body":
            " ".join(doc.parent_body.split()) if doc.parent_body else None,
        "place": doc.place, "date": date.isoformat() if date else None, "trich_yeu": doc.trich_yeu,
        "kinh_gui": doc.kinh_gui or None, "signer_name": doc.signer.name,
        "signer_title": doc.signer.title or (doc.signer.lines()[-1] if doc.signer.lines() else None),
        # as interfaces.md and the gold file read a signature: the TM./KT./… lines are the authority,
        # the last line the signer's own title
        "authority": " / ".join(x for x in doc.signer.lines() if x.split(". ")[0] in generator.rules.AUTHORITY_MODES)
                     or None,
        "noi_nhan": doc.noi_nhan or None,
        "can_cu": _citations(doc), "do_mat": doc.do_mat, "do_khan": doc.do_khan, "status": doc.status,
    }


def _citations(doc: Document) -> list[str] | None:
    try:
        from .citations import find_citations
    except ImportError:  # the citation reader arrives with the extraction step
        return None
    found = []
    for line in doc.can_cu + ([doc.theo_de_nghi] if doc.theo_de_nghi else []):
        found += [c for c in find_citations(line) if c not in found]
    return found or None


def text_of(docx: bytes) -> str:
    """The words of a rendered file, for search."""
    import io

    from generator.checker.docx_reader import read_docx

    return "\n".join(p.text for p in read_docx(io.BytesIO(docx)).paras if p.text)


def file_draft(data: dict, *, actor: str, kind: str | None = None, settings: Settings | None = None) -> int:
    """Validate, render and file a document composed in vanthu (a draft, or already numbered)."""
    settings = settings or load_settings()
    doc = generator.load_document(data, kind, settings)
    docx = generator.render_bytes(doc)
    with db.writing() as conn:
        return store.create_document(
            conn, metadata_of(doc), actor=actor, direction="outgoing", may_hold_secrets=settings.may_hold_secrets,
            docx=docx, text=text_of(docx), source={"kind": "generated", "input": data})


def issue_document(doc_id: int, *, actor: str, on: dt.date | None = None, settings: Settings | None = None) -> dict:
    """Take the next number of the body's register, date the document, render the issued file."""
    settings = settings or load_settings()
    on = on or dt.date.today()
    with db.writing() as conn:
        row = conn.execute(select(document).where(document.c.id == doc_id)).first()
        if row is None:
            raise IssueError(f"không có văn bản số {doc_id} trong kho")
        if row.status != "draft":
            raise IssueError(f"văn bản {doc_id} không phải bản dự thảo (trạng thái: {row.status})")
        source = row.source or {}
        if source.get("kind") != "generated" or "input" not in source:
            raise IssueError(f"văn bản {doc_id} không do vanthu soạn nên không dựng lại được bản ban hành")
        data = copy.deepcopy(source["input"])
        draft = generator.load_document(data, row.kind, settings)
        sequence = registers.sequence_for(row.kind, secret=bool(row.do_mat), numbering=settings.numbering)
        so = registers.take_number(conn, body_code=draft.body_code or draft.ky_hieu.split("-")[-1], year=on.year,
                                   direction="di", sequence=sequence, document_id=doc_id, actor=actor)
        data["so"], data["date"] = so, on.isoformat()
        issued = generator.load_document(data, row.kind, settings)
        docx = None if store.is_secret_kept_on_paper({"do_mat": row.do_mat}, settings.may_hold_secrets) \
            else generator.render_bytes(issued)
        store.add_version(conn, doc_id, actor=actor, note=f"ban hành số {so:02d}/{issued.ky_hieu}", docx=docx,
                          text=text_of(docx) if docx else None,
                          changes={"so": so, "ky_hieu": issued.ky_hieu, "issued_on": on, "status": "issued",
                                   "source": {**source, "input": data}})
        store.record_audit(conn, actor, "document.issue", doc_id, {"so": so, "ky_hieu": issued.ky_hieu})
    return {"id": doc_id, "so": so, "ky_hieu": issued.ky_hieu, "date": on.isoformat()}
