"""An office's own templates: the administrator uploads a .docx made from one of ours (a letterhead,
a logo, another signature block) and documents of that kind are rendered through it from then on.

An uploaded file is untrusted. Before it is taken it must be a Word file by its content (not its
name), within the size limits, a zip with no part that unpacks beyond reason (zip bomb) and no name
that climbs out of a folder; its tags must pass the template lint (generator/checker/template_lint);
and the kind's example must render through it, in a child process with memory and CPU limits, into
a document the layout checker finds no error in. Rendering always uses Jinja's SandboxedEnvironment
(generator/render.py), so a tag cannot reach Python's insides. The template replaced is kept.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from templates import template_path as builtin_path

from .model import GENERATED_KINDS
from .settings import data_dir

MAX_BYTES = 10 * 1024 * 1024  # a template with a logo is well under 1 MB
MAX_ENTRIES = 2000
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed, for a part over 1 MB
TRIAL_TIMEOUT_S = 90
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The kinds whose template an office may replace (the comment summary's table is ours alone).
KINDS = GENERATED_KINDS


class TemplateError(ValueError):
    """Why an uploaded template is refused; `problems` lists each thing to fix, in Vietnamese."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


def folder() -> Path:
    return data_dir() / "templates"


def custom_path(kind: str) -> Path:
    return folder() / f"{kind}.docx"


def active_path(kind: str) -> Path:
    """The template documents of this kind are rendered through: the office's, or ours."""
    own = custom_path(kind) if kind in KINDS else None
    return own if own is not None and own.is_file() else builtin_path(kind)


def status() -> list[dict]:
    """For each kind: whether the office's own template is in use, since when, its fingerprint."""
    out = []
    for kind in KINDS:
        own = custom_path(kind)
        item = {"kind": kind, "custom": own.is_file(), "since": None, "sha256": None,
                "kept": sorted(p.name for p in (folder() / "cu").glob(f"{kind}-*.docx")) if (folder() / "cu").is_dir() else []}
        if item["custom"]:
            data = own.read_bytes()
            item["since"] = dt.datetime.fromtimestamp(own.stat().st_mtime)
            item["sha256"] = hashlib.sha256(data).hexdigest()
        out.append(item)
    return out


def check_zip(data: bytes) -> None:
    """A Word file by its content, and a zip that is safe to open."""
    if len(data) == 0:
        raise TemplateError("tệp rỗng")
    if len(data) > MAX_BYTES:
        raise TemplateError(f"tệp lớn quá {MAX_BYTES // (1024 * 1024)} MB")
    if not data.startswith(b"PK\x03\x04"):
        raise TemplateError("tệp không phải Word .docx (nội dung không phải tệp nén của Word; tệp .doc cũ hãy lưu lại thành .docx)")
    import io

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TemplateError("tệp Word hỏng (không mở được như tệp nén)") from exc
    if len(infos) > MAX_ENTRIES:
        raise TemplateError(f"tệp có {len(infos)} phần, quá {MAX_ENTRIES}: không phải một mẫu văn bản")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise TemplateError(f"tệp có phần tên '{name[:80]}' trỏ ra ngoài thư mục: bị từ chối")
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(f"phần {name[:80]} nén bất thường (nghi là tệp nén độc hại)")
    if total > MAX_UNPACKED:
        raise TemplateError(f"tệp giải nén ra hơn {MAX_UNPACKED // (1024 * 1024)} MB: bị từ chối")
    if "word/document.xml" not in z.namelist():
        raise TemplateError("không có word/document.xml: không phải tệp Word .docx")


# The Jinja an office template may use: what ours use — values, attributes, if, for over the lists
# vanthu supplies, comparisons. No range(), no arithmetic, no calls, no set/macro/include: rendering
# then takes time in proportion to the document, whatever the template (the sandbox stops the rest).
_ALLOWED_NODES = {"Template", "Output", "TemplateData", "Name", "Getattr", "Getitem", "Const", "For", "If",
                  "Compare", "Operand", "And", "Or", "Not", "CondExpr", "Tuple", "List", "Test", "Filter"}
_ALLOWED_FILTERS = {"upper", "lower", "e", "escape", "default", "d", "trim", "capitalize", "title", "length"}


def tag_problems(path: Path) -> list[str]:
    """What an uploaded template uses beyond the tags vanthu's own templates use."""
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.sandbox import SandboxedEnvironment
    from lxml import etree

    from .checker.docx_reader import _read_zip
    from .checker.template_lint import XML_PARTS, jinja_source

    env, problems = SandboxedEnvironment(), []
    for name, data in sorted(_read_zip(path).items()):
        if not (XML_PARTS.match(name) or name.startswith("word/")) or not name.endswith(".xml"):
            continue
        try:
            root = etree.fromstring(data)
            tree = env.parse(jinja_source(root))
        except (etree.XMLSyntaxError, TemplateSyntaxError):
            continue  # said by the lint
        for node in tree.find_all(nodes.Node):
            kind = type(node).__name__
            if kind not in _ALLOWED_NODES:
                problems.append(f"{name}: mẫu dùng '{kind}' (chỉ được dùng biến, if, for trên dữ liệu của vanthu)")
            elif kind == "Filter" and node.name not in _ALLOWED_FILTERS:
                problems.append(f"{name}: bộ lọc '{node.name}' không được dùng trong mẫu")
            elif kind == "Name" and node.name == "range":
                problems.append(f"{name}: mẫu không được dùng range()")
    return sorted(set(problems))


def trial(kind: str, path: Path) -> list[str]:
    """Render the kind's example through the template at `path` in a limited child process and check
    the result; the problems found, in Vietnamese (none: the template may be used)."""
    from .sandbox import run_limited

    with tempfile.TemporaryDirectory(prefix="vanthu-mau-") as tmp:
        try:
            done = run_limited([sys.executable, "-m", "generator.custom_templates", kind, str(path),
                                str(Path(tmp) / "thu.docx")], memory=1024 * 1024 * 1024, cpu_s=TRIAL_TIMEOUT_S,
                               capture_output=True, text=True, timeout=TRIAL_TIMEOUT_S, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return [f"soạn thử bằng mẫu này quá {TRIAL_TIMEOUT_S} giây: mẫu có vòng lặp quá lớn?"]
    if done.returncode != 0 or not done.stdout.strip():
        return ["soạn thử bằng mẫu này không được (hết bộ nhớ hoặc thời gian cho phép)"]
    return json.loads(done.stdout.strip().splitlines()[-1])["problems"]


def _trial_child(kind: str, template: Path, out: Path) -> list[str]:
    """In the child: lint, render the example, check the Word file made."""
    from jinja2 import TemplateError as JinjaError
    from jinja2.sandbox import SecurityError

    from . import load_document
    from .checker import check_docx
    from .checker.template_lint import lint_template
    from .render import render_bytes, write_atomic

    lint = lint_template(template, kind)
    if lint.unreadable:
        return [lint.unreadable]
    problems = [f"{f.where}: {f.message}" for f in lint.errors]
    if problems:
        return problems
    doc = load_document(json.loads((EXAMPLES / f"{kind}.json").read_text(encoding="utf-8")))
    try:
        write_atomic(out, render_bytes(doc, template=template.read_bytes()))
    except SecurityError as exc:
        return [f"mẫu dùng lệnh không được phép: {exc}"]
    except (JinjaError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f"soạn thử bằng mẫu này bị lỗi: {exc}"]
    report = check_docx(out)
    problems = [f"Bản soạn thử, {f.where}: {f.message} ({f.rule})" for f in report.errors]
    # what the clerk typed must all be there: a template that drops a field is not one to use
    from .checker.docx_reader import read_docx

    text = " ".join(" ".join(p.text.split()) for p in read_docx(out).paras).lower()
    for label, typed in (("trích yếu", doc.trich_yeu), ("họ tên người ký", doc.signer.name),
                         ("nơi nhận", (doc.noi_nhan or [""])[0])):
        words = " ".join((typed or "").split()).lower()
        if words and words[:60] not in text:
            problems.append(f"Bản soạn thử thiếu {label} ('{typed[:60]}'): mẫu đã bỏ mất chỗ điền của nó?")
    return problems


from contextlib import contextmanager


@contextmanager
def _locked():
    """One change of templates at a time (two administrators uploading at once)."""
    import fcntl

    folder().mkdir(parents=True, exist_ok=True)
    with open(folder() / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def install(kind: str, data: bytes) -> str:
    """Check an uploaded template and, if it passes, use it for `kind`; returns its sha256.
    Nothing changes when it is refused (TemplateError)."""
    if kind not in KINDS:
        raise TemplateError(f"không thay được mẫu '{kind}'; chọn một trong: {', '.join(KINDS)}")
    check_zip(data)
    target = custom_path(kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{kind}-", suffix=".docx", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        problems = tag_problems(tmp) or trial(kind, tmp)
        if problems:
            raise TemplateError("mẫu chưa dùng được", problems)
        with _locked():
            if target.is_file():  # the one replaced is kept, to go back to (a copy: ours stays in place)
                kept = target.parent / "cu"
                kept.mkdir(exist_ok=True)
                shutil.copy2(target, kept / f"{kind}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.docx")
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return hashlib.sha256(data).hexdigest()


def reset(kind: str) -> bool:
    """Go back to our template for `kind` (the office's is kept); False if ours was in use."""
    if kind not in KINDS:
        return False
    own = custom_path(kind)
    with _locked():
        if not own.is_file():
            return False
        kept = own.parent / "cu"
        kept.mkdir(exist_ok=True)
        os.replace(own, kept / f"{kind}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.docx")
    return True


if __name__ == "__main__":  # the trial child: python -m generator.custom_templates KIND TEMPLATE OUT
    found = _trial_child(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    print(json.dumps({"problems": found}, ensure_ascii=False))
