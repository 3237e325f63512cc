"""The Nghị định 30 layout checker: `check_path(path)` → Report for a DOCX, PDF or text file.

The rule set is versioned data (`ruleset.py`); text rules (`text.py`) apply to every file type,
layout rules (`layout_rules.py`) to DOCX, page and font rules to PDF.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import ruleset
from .docx_reader import DocxError, read_docx
from .layout_rules import A4, MM, check_layout
from .model import Finding, Para, Report
from .pdf_reader import PdfReadError, is_serif, paras_from_pdf, read_pdf
from .ruleset import ERROR, NOTICE, RULES, VERSION, WARNING
from .sources import paras_from_text
from .text import _KEM_THEO, TYPE_NAMES, analyse, check_text

__all__ = ["Finding", "Para", "RULES", "Report", "VERSION", "ERROR", "WARNING", "NOTICE", "check_path",
           "check_docx", "check_pdf", "check_text_content", "rules_table"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


def split_attachments(paras: list[Para]) -> list[list[Para]]:
    """A Quyết định and the Quy chế / Quy định issued with it, in one file, are checked as two
    documents: the attachment starts at its type name followed by '(Ban hành kèm theo …)'."""
    starts = [p.index for p in paras if p.text in TYPE_NAMES and p.index > 0
              and any(_KEM_THEO.match(q.text) for q in paras[p.index + 1:p.index + 4])]
    bounds = [0] + starts + [len(paras)]
    parts = []
    for lo, hi in zip(bounds, bounds[1:]):
        parts.append([dataclasses.replace(p, index=i) for i, p in enumerate(paras[lo:hi])])
    return [x for x in parts if x]


def _check_parts(paras: list[Para], path: str, layout_known: bool, doc=None) -> Report:
    # An empty file still gets a report (rule set unknown), not a crash.
    parts = split_attachments(paras) or [[]]
    main = analyse(parts[0])
    report = Report(path, main.rule_set)
    check_text(main, report, layout_known)
    if doc is not None and main.rule_set in ("nd30", "vbqppl"):
        check_layout(doc, main, report, document_rules=True)
    for part in parts[1:]:
        sub = analyse(part)
        sub.rule_set = main.rule_set
        kind = report.kind
        check_text(sub, report, layout_known)
        report.kind = kind
        if doc is not None and main.rule_set in ("nd30", "vbqppl"):
            check_layout(doc, sub, report, document_rules=False)
    return report


def check_text_content(text: str, path: str = "-") -> Report:
    return _check_parts(paras_from_text(text), path, layout_known=False)


def check_docx(path) -> Report:
    doc = read_docx(path)
    return _check_parts(doc.paras, str(path), layout_known=True, doc=doc)


def check_pdf(path) -> Report:
    pages = read_pdf(path)
    paras = paras_from_pdf(pages)
    report = _check_parts(paras, str(path), layout_known=False)
    if report.rule_set not in ("nd30", "vbqppl"):
        return report
    for page in pages:
        short, long_ = sorted((page["width"], page["height"]))
        if abs(short - 595.3) > 3 or abs(long_ - 841.9) > 3:
            report.add("ND30-PAGE-SIZE", f"trang {page['n']}",
                       f"Khổ giấy {short / 72 * 25.4:.0f} × {long_ / 72 * 25.4:.0f} mm; phải là A4 (210 × 297 mm).")
        elif page["width"] > page["height"] and report.kind != "tong_hop_y_kien":  # its table may need the width
            report.add("ND30-PAGE-ORIENTATION", f"trang {page['n']}", "Trình bày theo chiều dài khổ A4 (trang đứng).")
        bad = sorted(f for f in page["fonts"] if not is_serif(f) and "Symbol" not in f)
        if bad:
            report.add("ND30-FONT", f"trang {page['n']}",
                       f"Phông {', '.join(bad)}; phải dùng Times New Roman (trong PDF: Times New Roman hoặc "
                       f"Liberation Serif).")
    first = [p for p in paras if p.where.startswith("trang 1,")]
    if first and first[0].text.strip().isdigit() and len(pages) > 1:
        report.add("ND30-PAGE-NUMBER-FIRST", first[0].where, "Trang đầu không đánh số.")
    for page in pages[1:]:
        lines = [x.strip() for x in page["text"].splitlines() if x.strip()]
        head = " ".join(lines[:4]).upper()
        if not lines or lines[0].isdigit() or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in head:
            continue  # numbered, or the first page of a document attached (its own page 1)
        report.add("ND30-PAGE-NUMBER-MISSING", f"trang {page['n']}",
                   f"Trang {page['n']} không có số trang ở đầu trang (đánh số từ trang 2).")
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
