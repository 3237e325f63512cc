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


def file_draft(data: dict, *, actor: str, kind: str | None = None, settings: Settings | None = None,
               unit: str | None = None) -> int:
    """Validate, render and file a document composed in vanthu (a draft, or already numbered)."""
    from .citations import find_citations
    from .ingest import enter_number, link_citations

    settings = settings or load_settings()
    doc = generator.load_document(data, kind, settings)
    docx = generator.render_bytes(doc)
    text, meta = text_of(docx), metadata_of(doc)
    # the letters it mentions ("Phúc đáp Công văn số 487/STP-VP …") are linked, so issuing it answers them
    mentioned = [] if doc.do_mat and not settings.may_hold_secrets else find_citations(text)
    with db.writing() as conn:
        doc_id = store.create_document(
            conn, meta, actor=actor, direction="outgoing", may_hold_secrets=settings.may_hold_secrets,
            docx=docx, text=text, source={"kind": "generated", "input": data}, mentioned=mentioned, unit=unit)
        link_citations(conn, doc_id, meta, mentioned, actor)
        if meta.get("so") is not None:
            enter_number(conn, doc_id, meta, actor, settings, direction="outgoing")
        return doc_id


class _Lost(Exception):
    """Another clerk took the number this file was rendered with; render again with the next."""


_ATTEMPTS = 50


def _row(conn, doc_id: int):
    row = conn.execute(select(document).where(document.c.id == doc_id)).first()
    if row is None:
        raise IssueError(f"không có văn bản số {doc_id} trong kho")
    if row.status != "draft":
        raise IssueError(f"văn bản {doc_id} không phải bản dự thảo (trạng thái: {row.status})")
    if row.direction == "incoming":
        raise IssueError(f"văn bản {doc_id} là văn bản của cơ quan khác gửi đến; chỉ cấp số cho văn bản "
                         "của cơ quan mình")
    return row


def _draft_docx(conn, row) -> bytes | None:
    """The Word file of an uploaded draft: its latest version's DOCX, or the file as it arrived."""
    from . import blobs
    from .schema import version

    for v in conn.execute(select(version).where(version.c.document_id == row.id).order_by(version.c.n.desc())):
        if v.docx_sha256:
            return blobs.get(v.docx_sha256)
        if v.original_sha256 and (v.original_name or "").lower().endswith(".docx"):
            return blobs.get(v.original_sha256)
    return None


def _plan(conn, row, settings: Settings) -> dict:
    """Which register the draft takes its number from, and what the issued file is made from."""
    from generator.rules import body_code_of

    source = row.source or {}
    secret = bool(row.do_mat)
    sequence = registers.sequence_for(row.kind, secret=secret, numbering=settings.numbering)
    if source.get("kind") == "generated" and "input" in source:
        try:
            draft = generator.load_document(copy.deepcopy(source["input"]), row.kind, settings)
        except generator.ValidationError as exc:  # e.g. the settings changed since it was composed
            raise IssueError(f"văn bản {row.id} không dựng lại được: " + "; ".join(str(e) for e in exc.errors)) \
                from None
        return {"how": "generated", "body_code": draft.body_code or body_code_of(draft.ky_hieu),
                "sequence": sequence, "ky_hieu": draft.ky_hieu}
    if not row.ky_hieu:
        raise IssueError(f"văn bản {row.id} chưa có ký hiệu (ví dụ QĐ-{settings.body_code or 'UBND'}); "
                         "sửa thông tin văn bản rồi cấp số")
    paper = store.is_secret_kept_on_paper({"do_mat": row.do_mat}, settings.may_hold_secrets)
    docx = None if paper else _draft_docx(conn, row)
    if docx is None and not paper:
        raise IssueError(f"văn bản {row.id} không có bản Word để ghi số và ngày vào; hãy nạp bản Word (.docx) "
                         "của dự thảo")
    return {"how": "docx", "body_code": body_code_of(row.ky_hieu), "sequence": sequence, "ky_hieu": row.ky_hieu,
            "docx": docx}


def _render(row, plan: dict, so: int, on: dt.date, settings: Settings) -> dict:
    """The issued file for number `so` (nothing written to the archive yet)."""
    from generator.fill import FillError, fill_number

    if plan["how"] == "generated":
        data = copy.deepcopy(row.source["input"])
        data["so"], data["date"] = so, on.isoformat()
        issued = generator.load_document(data, row.kind, settings)
        paper = store.is_secret_kept_on_paper({"do_mat": row.do_mat}, settings.may_hold_secrets)
        return {"docx": None if paper else generator.render_bytes(issued), "ky_hieu": issued.ky_hieu,
                "source": {**row.source, "input": data}}
    if plan.get("docx") is None:  # a secret kept on paper: the number and date only
        return {"docx": None, "ky_hieu": plan["ky_hieu"], "source": row.source}
    try:
        docx, code = fill_number(plan["docx"], so, on)
    except FillError as exc:
        raise IssueError(f"văn bản {row.id}: {exc}") from None
    if code != row.ky_hieu:  # the number would come from one register and the file name another body
        raise IssueError(f"văn bản {row.id}: ký hiệu trong bản Word ({code}) khác ký hiệu đã ghi trong kho "
                         f"({row.ky_hieu}); sửa cho khớp rồi cấp số")
    return {"docx": docx, "ky_hieu": row.ky_hieu, "source": row.source}


def _pdf_of(docx: bytes) -> tuple[bytes | None, str | None]:
    try:
        return generator.pdf_bytes(docx), None
    except generator.PdfError as exc:  # the issued Word file is whole; only its PDF is missing
        return None, str(exc)


def _reconcile(settings: Settings) -> None:
    """Numbers filed before the registers knew them are entered first, in their own transaction, so
    the number read next is the one the register will give."""
    with db.reading() as conn:
        pending = registers.needs_reconcile(conn, settings.numbering)
    if pending:
        with db.writing() as conn:
            registers.reconcile(conn, settings.numbering)


def preview_issue(doc_id: int, *, on: dt.date | None = None, settings: Settings | None = None) -> dict:
    """What issuing would do now — the number it would take — without taking it (the confirmation)."""
    settings = settings or load_settings()
    on = on or dt.date.today()
    _reconcile(settings)
    with db.reading() as conn:
        row = _row(conn, doc_id)
        plan = _plan(conn, row, settings)
        so = registers.next_number(conn, body_code=plan["body_code"], year=on.year, sequence=plan["sequence"])
    return {"id": doc_id, "so": so, "ky_hieu": plan["ky_hieu"], "date": on.isoformat(),
            "body_code": plan["body_code"], "sequence": plan["sequence"], "year": on.year}


def issue_document(doc_id: int, *, actor: str, on: dt.date | None = None, settings: Settings | None = None,
                   pdf: bool = True) -> dict:
    """Take the next number of the body's register, date the document, render the issued file
    (Word, and PDF through LibreOffice) as a new version.

    The file is rendered outside the write transaction (LibreOffice takes seconds) with the number
    the register would give; the transaction then takes the number and, if another clerk took that
    one meanwhile, gives nothing and the file is rendered again with the next."""
    settings = settings or load_settings()
    on = on or dt.date.today()
    for _ in range(_ATTEMPTS):
        _reconcile(settings)
        with db.reading() as conn:
            row = _row(conn, doc_id)
            plan = _plan(conn, row, settings)
            so = registers.next_number(conn, body_code=plan["body_code"], year=on.year, sequence=plan["sequence"])
        made = _render(row, plan, so, on, settings)
        pdf_bytes, pdf_error = _pdf_of(made["docx"]) if (pdf and made["docx"]) else (None, None)
        try:
            with db.writing() as conn:
                row = _row(conn, doc_id)  # issued by someone else meanwhile: said, nothing taken
                taken = registers.take_number(conn, body_code=plan["body_code"], year=on.year, direction="di",
                                              sequence=plan["sequence"], document_id=doc_id, actor=actor)
                if taken != so:
                    raise _Lost
                store.add_version(conn, doc_id, actor=actor, note=f"ban hành số {so:02d}/{made['ky_hieu']}",
                                  docx=made["docx"], pdf=pdf_bytes,
                                  text=text_of(made["docx"]) if made["docx"] else None,
                                  changes={"so": so, "ky_hieu": made["ky_hieu"], "issued_on": on, "status": "issued",
                                           "source": made["source"]})
                store.record_audit(conn, actor, "document.issue", doc_id, {"so": so, "ky_hieu": made["ky_hieu"]})
                _answers(conn, doc_id, actor)
        except _Lost:
            continue
        return {"id": doc_id, "so": so, "ky_hieu": made["ky_hieu"], "date": on.isoformat(),
                "pdf": pdf_bytes is not None, "pdf_error": pdf_error}
    raise IssueError("sổ văn bản đi đang được nhiều người cấp số cùng lúc; hãy thử lại")


def _answers(conn, doc_id: int, actor: str) -> None:
    """An issued document that cites a letter we received and have not answered yet answers it."""
    from .receipts import mark_answered

    mark_answered(conn, doc_id, actor)
