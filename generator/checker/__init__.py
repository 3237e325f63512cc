"""The Nghị định 30 layout checker: `check_path(path)` → Report for a DOCX, PDF or text file.

The rule set is versioned data (`ruleset.py`); text rules (`text.py`) apply to every file type,
layout rules (`layout_rules.py`) to DOCX, page and font rules to PDF.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import ruleset
from .docx_reader import DocxError, read_docx
from .documents import documents_of
from .documents import label as document_label
from .layout_rules import A4, MM, check_components, check_layout
from .model import Finding, Para, Report
from .pdf_layout import check_margins, check_page_numbers, check_pages
from .pdf_reader import PdfReadError, read_pdf
from .ruleset import ERROR, NOTICE, RULES, VERSION, WARNING
from .sources import paras_from_pdf, paras_from_text
from .split import Segment, split_documents
from .split import _header_like as header_like
from .text import _KEM_THEO, TYPE_NAMES, analyse, check_text

__all__ = ["Finding", "Para", "RULES", "Report", "Segment", "split_documents", "documents_of", "VERSION", "ERROR", "WARNING", "NOTICE", "check_path",
           "check_docx", "check_pdf", "check_text_content", "rules_table"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


def split_attachments(paras: list[Para]) -> list[list[Para]]:
    """A Quyết định and the Quy chế / Quy định issued with it, in one file, are checked as two
    documents: the attachment starts at its type name followed by '(Ban hành kèm theo …)', or
    above it at its own header (body name, Quốc hiệu, Tiêu ngữ) when it has one — a header that
    opens the file is the attachment's, not a document of its own."""
    starts = []
    for p in paras:
        if not (p.text in TYPE_NAMES and p.index > 0
                and any(_KEM_THEO.match(q.text) for q in paras[p.index + 1:p.index + 4])):
            continue
        k, floor = p.index, (starts[-1] + 1 if starts else 0)
        while k - 1 >= floor and header_like(paras[k - 1].text):
            k -= 1
        if k > 0:
            starts.append(k)
    bounds = [0] + starts + [len(paras)]
    parts = []
    for lo, hi in zip(bounds, bounds[1:]):
        parts.append([dataclasses.replace(p, index=i) for i, p in enumerate(paras[lo:hi])])
    return [x for x in parts if x]


def _check_parts(paras: list[Para], path: str, layout_known: bool, layout=None) -> Report:
    """`layout(analysis, report, first)`: the file type's layout rules, for each document part
    (`first`: the main one, where rules on the whole file are checked once)."""
    # An empty file still gets a report (rule set unknown), not a crash.
    parts = split_attachments(paras) or [[]]
    main = analyse(parts[0])
    report = Report(path, main.rule_set)
    check_text(main, report, layout_known)
    if layout is not None and main.rule_set in ("nd30", "vbqppl"):
        layout(main, report, True)
    for part in parts[1:]:
        sub = analyse(part)
        sub.rule_set = main.rule_set
        kind = report.kind
        check_text(sub, report, layout_known)
        report.kind = kind
        if layout is not None and main.rule_set in ("nd30", "vbqppl"):
            layout(sub, report, False)
    return report


def _check_file(paras: list[Para], path: str, layout_known: bool, layout=None) -> Report:
    """One report per file; a dossier's report holds one per document (`documents`), and its
    findings are all of theirs, each place named by its document."""
    docs = documents_of(paras)
    if len(docs) <= 1:
        return _check_parts(paras, path, layout_known, layout)
    reports = []
    for n, part in enumerate(docs, start=1):
        hook = None if layout is None else (lambda a, rep, first, once=(n == 1): layout(a, rep, first and once))
        report = _check_parts(part, path, layout_known, hook)
        report.label = document_label(n, part)
        reports.append(report)
    known = [r.rule_set for r in reports if r.rule_set != "unknown"]
    file_report = Report(path, known[0] if known else "unknown", kind=reports[0].kind, documents=reports)
    for n, r in enumerate(reports, start=1):
        file_report.findings += [Finding(f.rule, f.severity, f"văn bản {n}, {f.where}", f.message) for f in r.findings]
    return file_report


def check_text_content(text: str, path: str = "-") -> Report:
    return _check_file(paras_from_text(text), path, layout_known=False)


def check_docx(path) -> Report:
    doc = read_docx(path)
    return _check_file(doc.paras, str(path), layout_known=True,
                       layout=lambda a, report, first: check_layout(doc, a, report, document_rules=first))


def check_pdf(path) -> Report:
    pages = read_pdf(path)
    paras = paras_from_pdf(pages)

    def layout(a, report, first):
        check_components(a, report)
        check_margins(a, pages, report)

    report = _check_file(paras, str(path), layout_known=False, layout=layout)
    if report.rule_set not in ("nd30", "vbqppl"):
        return report
    check_pages(pages, report)
    check_page_numbers(pages, paras, report)
    return report


def check_path(path, as_template: bool = False) -> Report:
    """Check one file; an unreadable file gives a Report with `unreadable` set."""
    path = Path(path)
    if not path.is_file():
        return Report(str(path), "unknown", unreadable=f"Không đọc được {path}: không có tệp này.")
    try:
        if as_template:
            from .template_lint import lint_template

            return lint_template(path)
        suffix = path.suffix.lower()
        if suffix == ".docx":
            return check_docx(path)
        if suffix == ".pdf":
            return check_pdf(path)
        if suffix in (".txt", ".text", ".md", ""):
            if path.stat().st_size > MAX_TEXT_BYTES:
                raise ValueError("tệp văn bản quá lớn (trên 20 MB)")
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ValueError("tệp không phải văn bản UTF-8") from exc
            return check_text_content(text, str(path))
        raise ValueError(f"không kiểm tra được tệp '{suffix}': chỉ nhận .docx, .pdf hoặc .txt")
    except (OSError, ValueError, DocxError, PdfReadError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Report(str(path), "unknown", unreadable=f"Không đọc được {path.name}: {reason}")


def rules_table() -> list[dict]:
    return [{"rule": r.id, "severity": r.severity, "source": r.source, "title": r.title} for r in RULES.values()]
