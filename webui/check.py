"""The layout check page (/check): upload Word, PDF or text files and read the report.

Uploads go to a private temporary folder that is removed before the response leaves: nothing a
reviewer checks is kept.  The checker itself is generator.checker; this module only runs it on
uploads and shapes its Report for the page, the JSON API and the compose result page.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from werkzeug.utils import secure_filename

import generator
from generator import checker

from .labels import RULE_SET_NAMES, SEVERITY_WORDS

bp = Blueprint("check", __name__, url_prefix="/check")

SUFFIXES = (".docx", ".pdf", ".txt")
MAX_FILES = 20  # one batch a reviewer reads on one page; more is refused by name, never dropped


def _counts(report) -> dict[str, int]:
    return {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_WORDS}


def report_item(report, shown: str) -> dict:
    """A Report as the page and the API show it: `Report.as_json()` (what `vanthu check --json`
    prints) under the name the user knows, plus kind and counts for the page."""
    item = report.as_json()
    item["path"] = shown
    item.update(kind=report.kind, counts=_counts(report), rule_set_name=RULE_SET_NAMES.get(report.rule_set, ""))
    return item


def _crashed(path: Path, shown: str, rule_set: str, exc: Exception):
    """A checker failure is a bug in generator.checker, but the reviewer still gets a page, not a 500."""
    current_app.logger.exception("layout checker failed on %s", shown)
    return checker.Report(str(path), rule_set, unreadable=(
        f"Không đọc được {shown}: bộ kiểm tra gặp lỗi bất ngờ ({type(exc).__name__}); "
        "hãy báo quản trị kèm tệp này."))


_D = str.maketrans({"đ": "d", "Đ": "D"})


def display_name(client_name: str) -> str:
    """The client's file name made safe to show: secure_filename, after spelling đ/Đ as d/D, which
    ASCII folding would otherwise drop ("Công văn đúng.docx" → "Cong_van_dung.docx", not "…_ung")."""
    return secure_filename(client_name.translate(_D))


def _internal_name(client_name: str, suffix: str, as_template: bool) -> str:
    """The name the upload gets on disk: ours, never the client's.

    One exception, from an allowlist: the template linter infers the kind (and so the variables it
    knows) from a file named like our templates (cong_van.docx), as `vanthu check --template` does."""
    stem = Path(secure_filename(client_name)).stem
    if as_template and stem in generator.GENERATED_KINDS:
        return f"{stem}{suffix}"
    return f"tep{suffix}"


def check_uploads(files, as_template: bool) -> tuple[list[dict], list[str]]:
    """(report items for the page or the API, refusals) for uploaded FileStorage objects."""
    reports, refused = [], []
    allowed = (".docx",) if as_template else SUFFIXES
    tmp = Path(tempfile.mkdtemp(prefix="vanthu-check-", dir=_tmp_root()))  # mode 0700
    try:
        for n, f in enumerate(files):
            client_name = f.filename or ""
            suffix = Path(client_name).suffix.lower()
            # secure_filename only for display (it also drops any folder part the browser sent)
            shown = display_name(client_name) or f"tep-{n + 1}{suffix if suffix in SUFFIXES else ''}"
            if n >= MAX_FILES:
                refused.append(f"{shown}: mỗi lần chỉ kiểm tra tối đa {MAX_FILES} tệp; gửi tệp này ở lần sau.")
                continue
            if suffix not in allowed:
                refused.append(f"{shown}: chỉ kiểm tra được tệp "
                               + (".docx khi kiểm tra mẫu docxtpl" if as_template else ".docx, .pdf hoặc .txt"))
                continue
            folder = tmp / f"{n:02d}"  # one folder per file: allowlisted names may repeat
            folder.mkdir()
            path = folder / _internal_name(client_name, suffix, as_template)
            f.save(path)
            try:
                report = checker.check_path(path, as_template=as_template)
            except Exception as exc:  # noqa: BLE001 — see _crashed
                report = _crashed(path, shown, "template" if as_template else "unknown", exc)
            finally:
                path.unlink(missing_ok=True)  # at once: the folder goes below too, even on error
            item = report_item(report, shown)
            # the checker names the file it read; show the user's name, never our temp path
            if item.get("error"):
                item["error"] = item["error"].replace(str(path), shown).replace(path.name, shown)
            for finding in item["findings"]:
                finding["message"] = finding["message"].replace(str(path), shown)
            reports.append(item)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return reports, refused


def check_saved(path: Path) -> dict:
    """The report on a file vanthu itself wrote (a compose result), for its meta.json.

    Never raises: a checker failure must not lose the document that was just composed."""
    try:
        report = checker.check_path(path)
    except Exception as exc:  # noqa: BLE001
        report = _crashed(path, path.name, "unknown", exc)
    item = report_item(report, path.name)
    item["version"] = checker.VERSION
    return item


def _tmp_root() -> str:
    root = Path(current_app.config["DATA_DIR"]) / "tmp"
    root.mkdir(exist_ok=True)
    return str(root)


@bp.route("", methods=["GET", "POST"])
def check_page():
    reports, refused = [], []
    as_template = bool(request.form.get("template"))
    if request.method == "POST":
        files = [f for f in request.files.getlist("files") if f and f.filename]
        if not files:
            refused = ["Chưa chọn tệp nào để kiểm tra."]
        else:
            reports, refused = check_uploads(files, as_template)
    # 422 when nothing at all could be checked (no file, wrong types, unreadable files), as /api/check
    checked = [r for r in reports if not r.get("error")]
    status = 422 if request.method == "POST" and not checked else 200
    return render_template("check.html", reports=reports, refused=refused, as_template=as_template,
                           severity=SEVERITY_WORDS, version=checker.VERSION, max_files=MAX_FILES,
                           max_mb=_max_mb()), status


def _max_mb() -> int:
    return (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)


@bp.get("/rules")
def rules_page():
    return render_template("rules.html", rules=checker.rules_table(), version=checker.VERSION,
                           severity=SEVERITY_WORDS)
