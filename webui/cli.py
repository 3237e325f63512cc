"""The `vanthu` command line: a Flask CLI group whose commands call generator/ and archive/."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import FlaskGroup

import generator

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


def _create_app():
    from webui import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False, add_version_option=False,
             load_dotenv=False, help="vanthu: văn thư theo Nghị định 30/2020/NĐ-CP.")
def cli():
    pass


def fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


@cli.command("init", help="Tạo (hoặc nâng cấp) thư mục dữ liệu và tệp cài đặt.")
def init_cmd():
    path = generator.ensure_data_dir()
    click.echo(f"Thư mục dữ liệu: {path}")
    click.echo(f"Cài đặt: {path / 'vanthu.toml'}")


@cli.command("run", help="Chạy giao diện web.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def run_cmd(host: str, port: int):
    from werkzeug.serving import run_simple

    from webui import create_app

    app = create_app()
    click.echo(f"vanthu đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
    # Not app.run(): inside a `flask`-style CLI command Flask ignores app.run() and returns at once.
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
    for path in made:
        click.echo(str(path))


@cli.command("demo", help="Soạn các văn bản mẫu trong examples/ vào thư mục dữ liệu (Word và PDF).")
@click.option("--examples", type=click.Path(path_type=Path), default=None)
@click.option("--no-pdf", is_flag=True)
def demo_cmd(examples: Path | None, no_pdf: bool):
    from webui.demo import build_demo

    made = build_demo(examples, pdf=not no_pdf)
    click.echo(f"Đã soạn {len(made)} văn bản mẫu vào {generator.data_dir() / 'demo'}")


def main() -> None:
    cli(prog_name="vanthu")


if __name__ == "__main__":
    main()
