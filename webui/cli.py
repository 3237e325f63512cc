"""The `vanthu` command line: a Flask CLI group whose commands call generator/ and archive/."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

import generator
from webui.labels import SEVERITY_WORDS  # one wording for the terminal and the web

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


# A plain click group, not Flask's: FlaskGroup builds the web app for every command (even --help),
# which writes a secret key and settings into the data folder; only `run` needs the app.
@click.group(help="vanthu: văn thư theo Nghị định 30/2020/NĐ-CP.")
def cli():
    pass


def fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


@cli.command("init", help="Tạo (hoặc nâng cấp) thư mục dữ liệu, tệp cài đặt và kho lưu trữ.")
def init_cmd():
    import archive

    path = generator.ensure_data_dir()
    click.echo(f"Thư mục dữ liệu: {path}")
    click.echo(f"Cài đặt: {path / 'vanthu.toml'}")
    click.echo(f"Kho lưu trữ: phiên bản lược đồ {archive.upgrade()}")
    trust = path / "trust"
    trust.mkdir(exist_ok=True)
    roots = [f for f in trust.iterdir() if f.suffix.lower() in (".cer", ".crt", ".pem", ".der")]
    click.echo(f"Chứng thư gốc để kiểm tra chữ ký số: {trust} ({len(roots)} tệp)")
    from archive import users

    with archive.writing() as conn:
        made = users.first_admin(conn)
    secret = path / "mat-khau-admin.txt"
    if made:  # a new archive: someone must be able to sign in; the password is shown once and kept 0600
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{made[0]}\n{made[1]}\n")
        click.echo(f"Đã tạo tài khoản quản trị: đăng nhập '{made[0]}', mật khẩu '{made[1]}' "
                   f"(ghi trong {secret}; đổi bằng 'vanthu user passwd {made[0]}')")
    elif secret.exists():
        click.echo(f"Tài khoản quản trị ban đầu: xem {secret} (xóa tệp này sau khi đổi mật khẩu)")


@cli.command("run", help="Chạy giao diện web.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def run_cmd(host: str, port: int):
    from werkzeug.serving import run_simple

    from webui import create_app

    from generator import office

    app = create_app()
    office.warm()  # the kept LibreOffice starts while the first page loads
    click.echo(f"vanthu đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
    run_simple(host, port, app, threaded=True, use_reloader=False)


def read_json(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fail(f"Không đọc được tệp {path}: {exc.strerror or exc}", EXIT_UNREADABLE)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"Tệp {path} không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.", EXIT_UNREADABLE)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"Tệp {path} không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
             EXIT_UNREADABLE)


def generate_files(kind: str, data: dict, out: Path, pdf: bool) -> list[Path]:
    settings = generator.load_settings()
    doc = generator.load_document(data, kind, settings)
    made = [generator.render_docx(doc, out)]
    if pdf:
        made += generator.convert_to_pdf(made)
    return made


@cli.command("generate", help="Soạn văn bản KIND từ tệp JSON thành Word (và PDF).")
@click.argument("kind")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tệp .docx ra (mặc định: cạnh tệp JSON).")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF qua LibreOffice.")
def generate_cmd(kind: str, file: Path, output: Path | None, pdf: bool):
    normal = generator.normalise_kind(kind)
    if normal not in generator.GENERATED_KINDS:
        fail(f"Loại văn bản '{kind}' chưa soạn được; chọn một trong: "
             f"{', '.join(generator.GENERATED_KINDS)}", EXIT_INVALID)
    data = read_json(file)
    out = output or file.with_suffix(".docx")
    if out.suffix.lower() != ".docx":
        fail(f"Tệp ra phải có đuôi .docx: {out}", EXIT_INVALID)
    try:
        made = generate_files(normal, data, out, pdf)
    except generator.ValidationError as exc:
        click.echo(f"Dữ liệu trong {file} chưa hợp lệ, chưa tạo văn bản:", err=True)
        for e in exc.errors:
            click.echo(f"  - {e}", err=True)
        sys.exit(EXIT_INVALID)
    except generator.SettingsError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    except generator.PdfError as exc:
        fail(f"Đã tạo {out} nhưng chưa xuất được PDF: {exc}", EXIT_UNREADABLE)
    except (generator.RenderError, OSError) as exc:
        fail(f"Chưa tạo được {out}: {exc}", EXIT_UNREADABLE)
    for path in made:
        click.echo(str(path))


CHECKABLE = (".docx", ".pdf", ".txt")


def _expand(paths: tuple[Path, ...], template: bool) -> list[Path]:
    """Files as given; a folder stands for the checkable files inside it."""
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in
                          ((".docx",) if template else CHECKABLE))
        else:
            out.append(p)
    return out


def _summary(report) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_WORDS}
    return ", ".join(f"{n} {SEVERITY_WORDS[s]}" for s, n in counts.items() if n) or "không có lỗi"


def _print_report(report) -> None:
    if report.unreadable:
        click.echo(f"{report.path}: {report.unreadable}")
        return
    if report.documents:  # a dossier: each document with its own findings
        click.echo(f"{report.path} — hồ sơ gồm {len(report.documents)} văn bản: {_summary(report)}")
        for d in report.documents:
            kind = f" ({d.kind})" if d.kind else ""
            click.echo(f"  {d.label} — {d.rule_set}{kind}: {_summary(d)}")
            for f in d.findings:
                click.echo(f"    [{SEVERITY_WORDS[f.severity]}] {f.rule} ({f.where}): {f.message}")
        return
    kind = f" ({report.kind})" if report.kind else ""
    click.echo(f"{report.path} — {report.rule_set}{kind}: {_summary(report)}")
    for f in report.findings:
        click.echo(f"  [{SEVERITY_WORDS[f.severity]}] {f.rule} ({f.where}): {f.message}")


@cli.command("check", help="Kiểm tra thể thức văn bản (Word, PDF, văn bản thuần) theo Nghị định 30; "
                           "--template kiểm tra mẫu docxtpl.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--template", is_flag=True, help="Kiểm tra tệp .docx là mẫu docxtpl.")
@click.option("--rules", "list_rules", is_flag=True, help="Liệt kê bộ quy tắc.")
def check_cmd(paths: tuple[Path, ...], as_json: bool, template: bool, list_rules: bool):
    from generator import checker

    if list_rules:
        table = checker.rules_table()
        if as_json:
            click.echo(json.dumps({"version": checker.VERSION, "rules": table}, ensure_ascii=False, indent=2))
        else:
            click.echo(f"Bộ quy tắc {checker.VERSION}:")
            for r in table:
                click.echo(f"  {r['rule']:<24} {SEVERITY_WORDS[r['severity']]:<9} {r['title']} — {r['source']}")
        return
    if not paths:
        fail("Cần ít nhất một tệp hoặc thư mục để kiểm tra.", EXIT_UNREADABLE)
    files = _expand(paths, template)
    if not files:
        fail("Không có tệp .docx, .pdf hay .txt nào để kiểm tra.", EXIT_UNREADABLE)
    reports = [checker.check_path(f, as_template=template) for f in files]
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports], ensure_ascii=False, indent=2))
    else:
        for r in reports:
            _print_report(r)
    if any(r.unreadable for r in reports):
        sys.exit(EXIT_UNREADABLE)
    if any(r.errors for r in reports):
        sys.exit(EXIT_INVALID)


@cli.command("demo", help="Soạn các văn bản mẫu trong examples/ vào thư mục dữ liệu (Word và PDF).")
@click.option("--examples", type=click.Path(path_type=Path), default=None)
@click.option("--no-pdf", is_flag=True)
def demo_cmd(examples: Path | None, no_pdf: bool):
    from webui.demo import build_demo

    made = build_demo(examples, pdf=not no_pdf)
    click.echo(f"Đã soạn {len(made)} văn bản mẫu vào {generator.data_dir() / 'demo'}")


from webui import archive_cli, search_cli  # noqa: E402,F401 — register the archive's and the index's commands
from webui import round_cli  # noqa: E402,F401 — register the comment rounds' commands
from webui import user_cli  # noqa: E402,F401 — register the people's commands
from webui import unit_cli  # noqa: E402,F401 — register the units' commands
from webui import report_cli  # noqa: E402,F401 — register the periodic report


def main() -> None:
    cli(prog_name="vanthu")


if __name__ == "__main__":
    # run as `python -m webui.cli`: the commands other modules register live on the imported
    # module's group, not on this __main__ copy
    from webui.cli import main as _main

    _main()
