"""The Nghị định 30 layout checker: `check_path(path)` → Report for a DOCX, PDF or text file.

The rule set is versioned data (`ruleset.py`); text rules (`text.py`) apply to every file type,
layout rules (`layout_rules.py`) to DOCX, page and font rules to PDF.
"""
from __future__ import annotations

from pathlib import Path

from . import ruleset
from .docx_reader import DocxError, read_docx
from .layout_rules import A4, MM, check_layout
from .model import Finding, Para, Report
from .pdf_reader import PdfReadError, is_serif, paras_from_pdf, read_pdf
from .ruleset import ERROR, NOTICE, RULES, VERSION, WARNING
from .sources import paras_from_text
from .text import analyse, check_text

__all__ = ["Finding", "Para", "RULES", "Report", "VERSION", "ERROR", "WARNING", "NOTICE", "check_path",
           "check_docx", "check_pdf", "check_text_content", "rules_table"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


def check_text_content(text: str, path: str = "-") -> Report:
    paras = paras_from_text(text)
    a = analyse(paras)
    report = Report(path, a.rule_set)
    check_text(a, report, layout_known=False)
    return report


def check_docx(path) -> Report:
    doc = read_docx(path)
    a = analyse(doc.paras)
    report = Report(str(path), a.rule_set)
    check_text(a, report, layout_known=True)
    if a.rule_set in ("nd30", "vbqppl"):
        check_layout(doc, a, report)
    return report


def check_pdf(path) -> Report:
    pages = read_pdf(path)
    paras = paras_from_pdf(pages)
    a = analyse(paras)
    report = Report(str(path), a.rule_set)
    check_text(a, report, layout_known=False)
    if a.rule_set not in ("nd30", "vbqppl"):
        return report
    for page in pages:
        short, long_ = sorted((page["width"], page["height"]))
        if abs(short - 595.3) > 3 or abs(long_ - 841.9) > 3:
            report.add("ND30-PAGE-SIZE", f"trang {page['n']}",
                       f"Khổ giấy {short / 72 * 25.4:.0f} × {long_ / 72 * 25.4:.0f} mm; phải là A4 (210 × 297 mm).")
        elif page["width"] > page["height"]:
            report.add("ND30-PAGE-ORIENTATION", f"trang {page['n']}", "Trình bày theo chiều dài khổ A4 (trang đứng).")
        bad = sorted(f for f in page["fonts"] if not is_serif(f) and "Symbol" not in f)
        if bad:
            report.add("ND30-FONT", f"trang {page['n']}",
                       f"Phông {', '.join(bad)}; phải dùng Times New Roman (trong PDF: Times New Roman hoặc "
                       f"Liberation Serif).")
    first = [p for p in paras if p.where.startswith("trang 1,")]
    if first and first[0].text.strip().isdigit() and len(pages) > 1:
        report.add("ND30-PAGE-NUMBER-FIRST", first[0].where, "Trang đầu không đánh số.")
    return report


def check_path(path, as_template: bool = False) -> Report:
    """Check one file; an unreadable file gives a Report with `unreadable` set."""
    path = Path(path)
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
