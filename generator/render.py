"""Render a Document through its docxtpl template into a .docx file.

Autoescape is on: user text such as "853/UBND-VH&TT", "<b>" or "{{ x }}" must
come out exactly as typed, never as Word XML or a lost tail.  Files are
written to a temporary name and renamed, so a failure leaves no half-made file.
"""
from __future__ import annotations

import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

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


class _Template(DocxTemplate):
    """DocxTemplate whose tag clean-up (patch_xml, a dozen regexes over the XML) runs once per source."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml):
        out = self._patched.get(src_xml)
        if out is None:
            if len(self._patched) > 64:
                self._patched.clear()
            out = self._patched[src_xml] = super().patch_xml(src_xml)
        return out


_ENV = _CachingEnvironment()


def render_bytes(doc: Document, template: bytes | None = None) -> bytes:
    """The Word file of `doc`, through its kind's template (or the `template` given, for a trial)."""
    tpl = _Template(io.BytesIO(template if template is not None else _template(doc.kind)))
    from .tables import place

    context = place(tpl, build_context(doc))  # tables and charts of a narrative body, as Word objects
    tpl.render(context, jinja_env=_ENV, autoescape=True)
    props = tpl.docx.core_properties
    props.title = doc.trich_yeu[:250]
    props.comments = ""
    # the moment this file was made, not the template's fixed build date
    import datetime as dt

    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.last_modified_by = "vanthu"
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
