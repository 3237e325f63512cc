"""The layout check page (/check): upload Word, PDF or text files and read the report.

Uploads go to a private temporary folder that is removed before the response leaves: nothing a
reviewer checks is kept.  The checker itself is generator.checker; this page only shows it.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from werkzeug.utils import secure_filename

from generator import checker

bp = Blueprint("check", __name__, url_prefix="/check")

SUFFIXES = (".docx", ".pdf", ".txt")
SEVERITY = {"error": "lỗi", "warning": "cảnh báo", "notice": "ghi chú"}
MAX_FILES = 20


def check_uploads(files, as_template: bool) -> tuple[list[dict], list[str]]:
    """(reports as dicts for the page or the API, refusals) for uploaded FileStorage objects."""
    reports, refused = [], []
    tmp = Path(tempfile.mkdtemp(prefix="vanthu-check-", dir=_tmp_root()))
    try:
        for n, f in enumerate(files[:MAX_FILES]):
            shown = secure_filename(f.filename or "") or f"tep-{n + 1}"
            suffix = Path(f.filename or "").suffix.lower()
            if suffix not in SUFFIXES or (as_template and suffix != ".docx"):
                refused.append(f"{f.filename or shown}: chỉ kiểm tra được tệp "
                               f"{'.docx' if as_template else '.docx, .pdf hoặc .txt'}")
                continue
            path = tmp / f"{n:02d}{suffix}"  # our own name: the client's name is never a path
            f.save(path)
            report = checker.check_path(path, as_template=as_template)
            item = report.as_json() | {"path": f.filename or shown, "kind": report.kind,
                                       "counts": {s: sum(1 for x in report.findings if x.severity == s)
                                                  for s in SEVERITY}}
            if report.unreadable:
                item["error"] = report.unreadable.replace(str(path.name), f.filename or shown)
            reports.append(item)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return reports, refused


def _tmp_root() -> str:
    root = Path(current_app.config["DATA_DIR"]) / "tmp"
    root.mkdir(exist_ok=True)
    return str(root)


@bp.route("", methods=["GET", "POST"])
def check_page():
    reports, refused = [], []
    if request.method == "POST":
        files = [f for f in request.files.getlist("files") if f and f.filename]
        if not files:
            refused = ["Chưa chọn tệp nào để kiểm tra."]
        else:
            reports, refused = check_uploads(files, bool(request.form.get("template")))
    status = 422 if refused and not reports else 200
    return render_template("check.html", reports=reports, refused=refused, severity=SEVERITY), status


@bp.get("/rules")
def rules_page():
    return render_template("rules.html", rules=checker.rules_table(), version=checker.VERSION, severity=SEVERITY)
