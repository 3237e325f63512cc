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

from templates import template_path

from .context import build_context
from .model import Document


class RenderError(RuntimeError):
    pass


@lru_cache(maxsize=32)
def _template_bytes(kind: str, mtime: float) -> bytes:
    return template_path(kind).read_bytes()


def _template(kind: str) -> bytes:
    path = template_path(kind)
    if not path.exists():
        raise RenderError(f"Thiếu mẫu {path.name}; chạy 'make templates' để tạo lại các mẫu.")
    return _template_bytes(kind, path.stat().st_mtime)


def render_bytes(doc: Document) -> bytes:
    tpl = DocxTemplate(io.BytesIO(_template(doc.kind)))
    tpl.render(build_context(doc), autoescape=True)
    props = tpl.docx.core_properties
    props.title = doc.trich_yeu[:250]
    props.comments = ""
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> Path:
    """temp file in the same folder → fsync → rename: the file is whole or absent."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def render_docx(doc: Document, out: Path) -> Path:
    return write_atomic(Path(out), render_bytes(doc))
