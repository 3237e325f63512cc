"""Render a Document through its docxtpl template into a .docx file.

Autoescape is on: user text such as "853/UBND-VH&TT", "<b>" or "{{ x }}" must
come out exactly as typed, never as Word XML or a lost tail.  Files are
written to a temporary name and renamed, so a failure leaves no half-made file.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from . import zipout
from .context import build_context
from .model import Document


class RenderError(RuntimeError):
    pass


@lru_cache(maxsize=32)
def _template_bytes(path: str, mtime: float, size: int) -> bytes:
    return Path(path).read_bytes()


def _template(kind: str) -> bytes:
    from .custom_templates import active_path

    path = active_path(kind)  # the office's own template where the administrator gave one
    try:
        st = path.stat()
    except FileNotFoundError:
        raise RenderError(f"Thiếu mẫu {path.name}; chạy 'make templates' để tạo lại các mẫu.") from None
    return _template_bytes(str(path), st.st_mtime, st.st_size)


class _CachingEnvironment(SandboxedEnvironment):
    """docxtpl compiles the whole document XML with Jinja on every render; the XML of a template
    never changes between renders, so compile each distinct source once (keyed by the source itself).
    Sandboxed: a template (an office may upload its own) cannot reach Python's insides."""

    def __init__(self):
        super().__init__(autoescape=True)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) > 64:  # templates replaced many times: keep the cache bounded
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


_LISTING = re.compile("[\t\a\n\f]")


class _Template(DocxTemplate):
    """DocxTemplate whose tag clean-up (patch_xml, a dozen regexes over the XML) runs once per source,
    and whose pass turning tabs and line feeds of the text into Word's (resolve_listing, three nested
    regexes over every run) is skipped where the rendered XML holds none."""

    def resolve_listing(self, xml):
        return super().resolve_listing(xml) if _LISTING.search(xml) else xml

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml):
        out = self._patched.get(src_xml)
        if out is None:
            if len(self._patched) > 64:
                self._patched.clear()
            out = self._patched[src_xml] = super().patch_xml(src_xml)
        return out


_ENV = _CachingEnvironment()
_ENV.autoescape = True

CORE = "docProps/core.xml"
# docxtpl renders these core properties through Jinja too (DocxTemplate.render_properties)
_RENDERED_PROPS = ("author", "comments", "identifier", "language", "subject", "title")


def _stamp(props, doc: Document) -> None:
    """The core properties of a generated file: its subject as title, made now by vanthu."""
    import datetime as dt

    props.title = doc.trich_yeu[:250]
    props.comments = ""
    # the moment this file was made, not the template's fixed build date
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.last_modified_by = "vanthu"


class _Prepared:
    """A template read once per process: the XML docxtpl hands to Jinja for the body and each header
    and footer, and every other part as python-docx would save it.  A render is then Jinja plus one
    zip, with no Word package opened and saved (the file is the same, part for part, as docxtpl's
    own render gives; tests/test_render_fast.py)."""

    def __init__(self, data: bytes):
        import copy
        import zipfile

        tpl = _Template(io.BytesIO(data))
        tpl.render_init()
        docx = tpl.docx
        self.body = tpl.patch_xml(tpl.get_xml())
        self.root = copy.deepcopy(docx._element)
        self.parts = []  # (member name, patched XML, encoding) of headers then footers, as docxtpl goes
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                self.parts.append((part.partname.membername, tpl.patch_xml(xml), tpl.get_headers_footers_encoding(xml)))
        self.core = copy.deepcopy(docx.core_properties._element)
        self.fast = not any(p.content_type.endswith("footnotes+xml") for p in docx.part.package.iter_parts())
        saved = io.BytesIO()
        docx.save(saved)
        with zipfile.ZipFile(saved) as z:
            self.members = [zipout.pack(i.filename, z.read(i)) for i in z.infolist()]

    def render(self, context: dict, doc: Document) -> bytes:
        import copy

        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        helper = _Template(io.BytesIO())  # docxtpl's own steps, without a package behind them
        helper.current_rendering_part, helper.docx_ids_index = None, 1000
        tree = helper.fix_tables(helper.render_xml_part(self.body, None, context, _ENV))
        helper.fix_docpr_ids(tree)
        root = copy.deepcopy(self.root)
        root.replace(root.body, tree)
        new = {"word/document.xml": serialize_part_xml(root)}
        for name, src, encoding in self.parts:
            xml = helper.render_xml_part(src, None, context, _ENV).encode(encoding)
            new[name] = serialize_part_xml(parse_xml(xml))
        core = copy.deepcopy(self.core)
        props = CoreProperties(core)
        for key in _RENDERED_PROPS:
            setattr(props, key, _ENV.from_string(getattr(props, key)).render(context))
        _stamp(props, doc)
        new[CORE] = serialize_part_xml(core)
        return zipout.write([zipout.pack(m.name.decode(), new[m.name.decode()]) if m.name.decode() in new else m
                             for m in self.members])


@lru_cache(maxsize=16)
def _prepared(data: bytes) -> _Prepared:
    return _Prepared(data)


def _needs_package(context: dict) -> bool:
    """Tables and charts are Word objects bound to a package (a Subdoc, an InlineImage)."""
    blocks = list(context.get("blocks") or []) + list((context.get("attachment") or {}).get("blocks") or [])
    return any(b.get("style") in ("table", "chart", "subdoc", "image") for b in blocks)


def render_bytes(doc: Document, template: bytes | None = None, fast: bool = True) -> bytes:
    """The Word file of `doc`, through its kind's template (or the `template` given, for a trial)."""
    data = template if template is not None else _template(doc.kind)
    context = build_context(doc)
    if fast and not _needs_package(context):
        prepared = _prepared(data)
        if prepared.fast:
            return prepared.render(context, doc)
    tpl = _Template(io.BytesIO(data))
    from .tables import place

    context = place(tpl, context)  # tables and charts of a narrative body, as Word objects
    tpl.render(context, jinja_env=_ENV, autoescape=True)
    _stamp(tpl.docx.core_properties, doc)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def write_atomic(path: Path, data: bytes) -> Path:
    """temp file in the same folder → fsync → rename: the file is whole or absent.

    mkstemp makes the temporary file 0600; the finished file gets the mode any new file would."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def render_docx(doc: Document, out: Path) -> Path:
    return write_atomic(Path(out), render_bytes(doc))
