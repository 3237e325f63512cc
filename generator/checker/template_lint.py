"""Lint a docxtpl template: the mistakes docxtpl users hit most.

- a tag split across Word runs (Word splits text where formatting or spell-check marks change);
- curly quotes inside a tag (Word's AutoFormat turns "x" into “x”, and Jinja cannot parse it);
- `{% for %}` whose body spans table rows without `{%tr %}` (the row is left half-open);
- a Jinja syntax error;
- variables the generator never supplies (when the template is one of ours, or named for a kind).
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta
from lxml import etree

from .docx_reader import DocxError, _read_zip, q
from .model import Report

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
CURLY = "“”‘’„«»"
XML_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _paragraph_runs(root):
    for p in root.iter(q("w:p")):
        texts = [(t.text or "") for t in p.iter(q("w:t"))]
        yield p, texts


def _split_tags(name: str, root, report: Report) -> None:
    for n, (p, texts) in enumerate(_paragraph_runs(root), start=1):
        whole = "".join(texts)
        if "{" not in whole:
            continue
        for m in TAG.finditer(whole):
            start, end = m.span()
            pos = 0
            for t in texts:  # the tag must sit inside one w:t
                if pos <= start and end <= pos + len(t):
                    break
                pos += len(t)
            else:
                report.add("TPL-SPLIT-TAG", f"{name}, đoạn {n}",
                           f"Thẻ '{m.group(0)[:60]}' bị Word tách thành nhiều đoạn chữ (run): gõ lại cả thẻ một "
                           f"lần, không đổi định dạng giữa chừng.")
            if any(c in m.group(0) for c in CURLY):
                report.add("TPL-CURLY-QUOTE", f"{name}, đoạn {n}",
                           f"Thẻ '{m.group(0)[:60]}' có dấu nháy cong (“ ” ‘ ’): dùng dấu nháy thẳng \" hoặc '.")


def _table_loops(name: str, root, report: Report) -> None:
    """A for/if opened in one row and closed in another needs {%tr %} so the whole row repeats."""
    for t_no, tbl in enumerate(root.iter(q("w:tbl")), start=1):
        for r_no, row in enumerate(tbl.findall(q("w:tr")), start=1):
            text = "".join(t.text or "" for t in row.iter(q("w:t")))
            opened = len(re.findall(r"\{%-?\s*(for|if)\b", text))
            closed = len(re.findall(r"\{%-?\s*(endfor|endif)\b", text))
            plain_open = len(re.findall(r"\{%-?\s*(?:for|if)\b", text))
            if opened != closed and plain_open:
                report.add("TPL-TABLE-LOOP", f"{name}, bảng {t_no}, dòng {r_no}",
                           "Vòng lặp/điều kiện mở ở một dòng bảng và đóng ở dòng khác: dùng '{%tr for … %}' và "
                           "'{%tr endfor %}' để lặp cả dòng.")


def known_variables(kind: str | None) -> set[str] | None:
    """Names a template of this kind may use: the keys of the generator's context."""
    from .. import load_document
    from ..context import build_context

    sample = _SAMPLES.get(kind or "")
    if sample is None:
        return None
    ctx = build_context(load_document(sample))
    return set(ctx) | {"loop", "range", "true", "false", "none"}


_SAMPLE_SIGNER = {"name": "Nguyễn Văn A", "title": "GIÁM ĐỐC"}
_SAMPLES = {
    kind: {"kind": kind, "issuing_body": "SỞ TƯ PHÁP", "body_code": "STP", "unit_code": "VP", "place": "Lâm Đồng",
           "trich_yeu": "mẫu", "signer": _SAMPLE_SIGNER,
           **({"tham_quyen": "GIÁM ĐỐC SỞ TƯ PHÁP", "dieu": [{"text": "x"}]} if kind == "quyet_dinh"
              else {"noi_dung": ["x"]}),
           **({"kinh_gui": ["Sở Nội vụ"]} if kind == "cong_van" else {})}
    for kind in ("quyet_dinh", "to_trinh", "cong_van", "bao_cao", "ke_hoach", "thong_bao", "chi_thi")
}


def jinja_source(root) -> str:
    """The Jinja a part holds, one paragraph a line, as docxtpl will compile it."""
    source = "\n".join("".join(t for t in texts) for _, texts in _paragraph_runs(root))
    # docxtpl's paragraph/row/cell/run tags: {%p if … %} is Jinja's {% if … %}
    source = re.sub(r"\{%([prtc]|tr|tc)\s", "{% ", source)
    source = re.sub(r"\{\{([prtc]|tr|tc)\s", "{{ ", source)
    return "".join(c if c not in CURLY else '"' for c in source)


def lint_template(path: Path, kind: str | None = None) -> Report:
    report = Report(str(path), "template")
    try:
        parts = _read_zip(path)
    except DocxError as exc:
        report.unreadable = f"Không đọc được {Path(path).name}: {exc}"
        return report
    kind = kind or (Path(path).stem if Path(path).stem in _SAMPLES else None)
    report.kind = kind
    env = Environment()
    used: set[str] = set()
    for name, data in sorted(parts.items()):
        if not XML_PARTS.match(name):
            continue
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            report.add("TPL-SYNTAX", name, f"XML hỏng: {exc}")
            continue
        _split_tags(name, root, report)
        _table_loops(name, root, report)
        source = jinja_source(root)
        try:
            used |= meta.find_undeclared_variables(env.parse(source))
        except TemplateSyntaxError as exc:
            report.add("TPL-SYNTAX", f"{name}, dòng {exc.lineno}", f"Lỗi cú pháp Jinja: {exc.message}")
    known = known_variables(kind)
    if known is not None:
        for var in sorted(used - known):
            report.add("TPL-UNKNOWN-VAR", "mẫu", f"Biến '{var}' không có trong dữ liệu vanthu đưa vào mẫu "
                                                 f"{kind}: gõ nhầm tên?")
    return report


def template_ok(path) -> bool:
    return not lint_template(Path(path)).errors

