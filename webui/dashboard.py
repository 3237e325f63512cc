"""The dashboard ("/"): what can be composed, the demo documents, the latest composed ones."""
from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from flask import Blueprint, abort, current_app, render_template, send_from_directory

import generator

from .compose import recent_results
from .labels import kind_name

bp = Blueprint("dashboard", __name__)

DEMO_SUFFIXES = (".docx", ".pdf")
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def demo_dir() -> Path:
    return Path(current_app.config["DATA_DIR"]) / "demo"


@lru_cache(maxsize=256)
def _docx_title(path: str, mtime: float) -> str | None:
    """The title the generator stores in the Word file's properties (its trích yếu)."""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    el = root.find(_DC_TITLE)
    return el.text if el is not None and el.text else None


def demo_documents() -> list[dict]:
    """One entry per demo document (made by `vanthu demo`): its DOCX and, if made, its PDF."""
    folder = demo_dir()
    if not folder.is_dir():
        return []
    out = []
    for docx in sorted(folder.glob("*.docx")):
        if docx.name.startswith("."):
            continue  # a temp file still being written
        pdf = docx.with_suffix(".pdf")
        kind = generator.normalise_kind(docx.stem.split("_quy_")[0]) or ""
        out.append({
            "docx": docx.name,
            "pdf": pdf.name if pdf.is_file() else None,
            "kind": kind_name(kind) if kind else docx.stem,
            "title": _docx_title(str(docx), docx.stat().st_mtime) or docx.stem,
        })
    return out


def waits() -> dict | None:
    """What waits for the office: drafts to issue, letters to register, letters late or due soon,
    rounds waiting for replies (None before the archive exists)."""
    import datetime as dt

    import archive
    from archive import receipts

    if not archive.is_current():
        return None
    today = dt.date.today()
    with archive.reading() as conn:
        from .auth import hides_secrets, viewer_draft_unit

        shown = not hides_secrets()
        out = {"drafts": receipts.drafts_to_issue(conn, 20, viewer_draft_unit(), secrets=shown),
               "unregistered": receipts.unregistered(conn, 20, secrets=shown),
               "late": receipts.waiting(conn, today, late=True, secrets=shown),
               "soon": receipts.waiting(conn, today, late=False, secrets=shown),
               "today": today, "soon_days": receipts.DUE_SOON_DAYS}
    from .rounds_views import visible_rounds

    from archive.reports import due_soon

    out["reports"] = due_soon(today, DUE_REPORTS_DAYS)
    out["reports_days"] = DUE_REPORTS_DAYS
    out["rounds"] = [r for r in visible_rounds() if r["status"] == "open" and r["replied"] < r["consulted"]]
    return out


DUE_REPORTS_DAYS = 15  # the reporting calendar: what is due in the next 15 days


@bp.get("/")
def index():
    kinds = [(k, kind_name(k)) for k in generator.GENERATED_KINDS]
    return render_template("dashboard.html", kinds=kinds, demos=demo_documents(), recent=recent_results(),
                           waits=waits())


@bp.get("/demo/<name>")
def demo_file(name: str):
    if not name.endswith(DEMO_SUFFIXES) or name.startswith("."):
        abort(404, "Không tìm thấy tệp mẫu này.")
    # send_from_directory joins safely: '..' or an absolute name gives 404, never a file outside.
    return send_from_directory(demo_dir(), name, as_attachment=True)
