"""The archive's commands: ingest, extract, issue, verify (names and exit codes of interfaces.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from webui.cli import EXIT_INVALID, EXIT_UNREADABLE, cli, fail

INGESTABLE = (".docx", ".pdf", ".txt")


def _files(paths: tuple[Path, ...]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in INGESTABLE)
        else:
            out.append(p)
    return out


def _ready() -> None:
    import archive

    if not archive.is_initialised():
        archive.upgrade()  # the first command on a fresh data folder makes the archive


@cli.command("ingest", help="Nạp tệp (.docx, .pdf, .txt) hoặc thư mục vào kho; --dry-run chỉ đọc, không lưu.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Đọc và trích thông tin, không lưu gì.")
@click.option("--actor", default="vanthu", show_default=True, help="Người nạp (ghi vào nhật ký).")
def ingest_cmd(paths: tuple[Path, ...], dry_run: bool, actor: str):
    import archive

    _ready()
    files = _files(paths)
    if not files:
        fail("Không có tệp .docx, .pdf hay .txt nào để nạp.", EXIT_INVALID)
    from archive.ingest import ingest_many

    def pages(name: str, done: int, total: int) -> None:  # a scan's OCR, page by page, under the bar
        click.echo(f"\r  nhận dạng chữ (OCR) {name}: trang {done}/{total}" + ("\n" if done == total else ""),
                   err=True, nl=False)

    with click.progressbar(length=len(files), label="Đang nạp", file=sys.stderr, show_pos=True) as bar:
        outcomes = ingest_many(files, actor=actor, dry_run=dry_run, progress=bar.update, pages=pages)
    refused = 0
    for o in outcomes:
        if o.status == "filed":
            ids = ", ".join(map(str, o.document_ids))
            click.echo(f"đã lưu   {o.name}: {len(o.document_ids)} văn bản (số trong kho: {ids})")
        elif o.status == "checked":
            click.echo(f"đọc thử  {o.name}: {len(o.documents)} văn bản, chưa lưu")
        elif o.status == "duplicate":  # running ingest again over a folder is no error
            click.echo(f"đã có    {o.name}: {o.reason}")
        else:
            refused += 1
            click.echo(f"từ chối  {o.name}: {o.reason}")
        for n in o.notices:
            click.echo(f"         lưu ý: {n}")
        _echo_signatures(o.signatures)
    duplicates = sum(o.status == "duplicate" for o in outcomes)
    click.echo(f"Tổng: {len(outcomes)} tệp, {duplicates} đã có trong kho, {refused} bị từ chối.")
    if refused:
        sys.exit(EXIT_INVALID)


def _echo_signatures(signatures: list[dict]) -> None:
    from archive.signatures import ROOT_HINT, summary

    for sig in signatures:
        click.echo(f"         {summary(sig)}")
    if any(ROOT_HINT in (sig.get("note") or "") for sig in signatures):
        click.echo(f"         ({ROOT_HINT})")


@cli.command("extract", help="In thông tin trích được của mọi văn bản trong tệp; không lưu gì.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON (mặc định).")
def extract_cmd(files: tuple[Path, ...], as_json: bool):
    from archive.ingest import _extract
    from archive.readers import ReadError, read_file

    out, unreadable = [], False
    for f in files:
        try:
            ft = read_file(f)
        except ReadError as exc:
            click.echo(f"Không đọc được {f}: {exc}", err=True)
            unreadable = True
            continue
        from archive.crosscheck import disagreements

        for k, (meta, _) in enumerate(_extract(ft.text, ft.media_type == "application/pdf", ft.page_starts)):
            notices = ft.notices + (disagreements(meta, ft.header_image) if k == 0 else [])
            out.append({"file": str(f), **meta, "signatures": ft.signatures, "notices": notices})
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if unreadable:
        sys.exit(EXIT_UNREADABLE)


@cli.command("issue", help="Lấy số tiếp theo trong sổ cho bản dự thảo DOC_ID, ghi ngày và dựng bản ban hành "
                           "(Word và PDF).")
@click.argument("doc_id", type=int)
@click.option("--actor", default="vanthu", show_default=True)
@click.option("--date", "on", help="Ngày ban hành (dd/mm/yyyy; mặc định hôm nay).")
@click.option("--no-pdf", is_flag=True, help="Không xuất PDF (LibreOffice).")
def issue_cmd(doc_id: int, actor: str, on: str | None, no_pdf: bool):
    import archive
    from archive.dates import far_warning, typed_date

    _ready()
    try:
        day = typed_date(on) if on else None
    except ValueError as exc:
        fail(f"--date: {exc}", EXIT_INVALID)
    if (w := far_warning(day, "Ngày ban hành")):
        click.echo(f"cảnh báo: {w}", err=True)
    try:
        done = archive.issue_document(doc_id, actor=actor, on=day, pdf=not no_pdf)
    except (archive.IssueError, archive.RegisterError) as exc:
        fail(f"Chưa cấp số: {exc}", EXIT_INVALID)
    if done.get("pdf_error"):
        click.echo(f"cảnh báo: chưa xuất được PDF: {done['pdf_error']}", err=True)
    click.echo(f"{done['so']:02d}/{done['ky_hieu']}")


@cli.command("receive", help="Vào sổ văn bản đến cho văn bản DOC_ID đã nạp; in số đến.")
@click.argument("doc_id", type=int)
@click.option("--ngay-den", help="Ngày đến (dd/mm/yyyy; mặc định hôm nay).")
@click.option("--giay", is_flag=True, help="Bản giấy (mặc định: văn bản điện tử).")
@click.option("--nguoi-nhan", help="Đơn vị hoặc người nhận.")
@click.option("--han", help="Thời hạn giải quyết (dd/mm/yyyy).")
@click.option("--actor", default="vanthu", show_default=True)
def receive_cmd(doc_id: int, ngay_den: str | None, giay: bool, nguoi_nhan: str | None, han: str | None, actor: str):
    import datetime as dt

    import generator
    from archive import RegisterError, db, receipts
    from archive.dates import far_warning, typed_date

    _ready()
    try:
        day = typed_date(ngay_den) if ngay_den else dt.date.today()
        deadline = typed_date(han) if han else None
    except ValueError as exc:
        fail(f"Ngày sai: {exc}", EXIT_INVALID)
    if (w := far_warning(day, "Ngày đến")):
        click.echo(f"cảnh báo: {w}", err=True)
    try:
        with db.writing() as conn:
            so_den = receipts.register_incoming(conn, doc_id, body_code=generator.load_settings().body_code or "CQ",
                                                received_on=day, actor=actor, medium="giay" if giay else "dien_tu",
                                                recipient=nguoi_nhan, deadline=deadline)
    except (receipts.ReceiptError, RegisterError) as exc:
        fail(f"Chưa vào sổ: {exc}", EXIT_INVALID)
    click.echo(f"{so_den:02d}")


@cli.command("register", help="In sổ BOOK (di: sổ đăng ký văn bản đi, den: sổ đăng ký văn bản đến, theo_doi: sổ "
                              "theo dõi giải quyết văn bản đến) theo mẫu Phụ lục IV, ra tệp .docx hoặc .pdf.")
@click.argument("book", type=click.Choice(["di", "den", "theo_doi"]))
@click.option("--from", "start", help="Từ ngày (dd/mm/yyyy; mặc định 01/01 năm nay).")
@click.option("--to", "end", help="Đến ngày (dd/mm/yyyy; mặc định hôm nay).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tệp ra (.docx hoặc .pdf).")
@click.option("--json", "as_json", is_flag=True, help="In các dòng của sổ dạng JSON, không ghi tệp.")
def register_cmd(book: str, start: str | None, end: str | None, output: Path | None, as_json: bool):
    import datetime as dt

    import generator
    from archive import books, db
    from archive.dates import typed_date

    _ready()
    today = dt.date.today()
    try:
        first = typed_date(start) if start else dt.date(today.year, 1, 1)
        last = typed_date(end) if end else today
        with db.reading() as conn:
            rows = books.rows(conn, book, first, last, generator.load_settings().body_code or None)
    except (ValueError, books.BookError) as exc:
        fail(f"Chưa in sổ: {exc}", EXIT_INVALID)
    title, columns = books.BOOKS[book]
    if as_json or output is None:
        click.echo(json.dumps({"book": book, "title": title, "start": first.isoformat(), "end": last.isoformat(),
                               "columns": list(columns), "rows": rows}, ensure_ascii=False, indent=2))
        return
    if output.suffix.lower() not in (".docx", ".pdf"):
        fail("Tệp ra phải là .docx hoặc .pdf", EXIT_INVALID)
    s = generator.load_settings()
    docx = generator.render_register(title=title, columns=columns, rows=rows, issuing_body=s.issuing_body,
                                     parent_body=s.parent_body,
                                     period=f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")
    try:
        data = generator.pdf_bytes(docx) if output.suffix.lower() == ".pdf" else docx
    except generator.PdfError as exc:
        fail(str(exc), EXIT_INVALID)
    generator.write_atomic(output, data)
    click.echo(f"Đã ghi {title.lower()} ({len(rows)} dòng) vào {output}")


@cli.command("verify", help="Kiểm tra kho: văn bản, phiên bản, tệp, hàng đợi chỉ mục; --repair sửa phần sửa được.")
@click.option("--repair", is_flag=True)
def verify_cmd(repair: bool):
    import archive

    _ready()
    import index

    rep = archive.verify(repair=repair)
    drift = index.verify(repair=repair)  # after the archive is whole, the index must match it
    if repair:
        rep.repaired += [f"{d} (đã sửa)" for d in drift]
    else:
        rep.problems += drift
    for line in rep.repaired:
        click.echo(f"đã sửa: {line}")
    for line in rep.problems:
        click.echo(f"lỗi: {line}")
    click.echo(f"{rep.documents} văn bản, {rep.blobs} tệp: " + ("kho nguyên vẹn." if rep.clean else
                                                              f"{len(rep.problems)} vấn đề."))
    if not rep.clean:
        sys.exit(EXIT_INVALID)


@cli.command("export", help="Xuất toàn bộ kho (bảng và tệp) ra thư mục DIR.")
@click.argument("target", type=click.Path(path_type=Path))
def export_cmd(target: Path):
    from archive.transfer import TransferError, export_archive

    _ready()
    try:
        manifest = export_archive(target)
    except TransferError as exc:
        fail(f"Chưa xuất: {exc}", EXIT_INVALID)
    click.echo(f"Đã xuất {manifest['counts']['document']} văn bản, {manifest['blobs']} tệp vào {target}")


@cli.command("import", help="Nhập một bản xuất (DIR) vào kho trống.")
@click.argument("source", type=click.Path(path_type=Path))
def import_cmd(source: Path):
    from archive.transfer import TransferError, import_archive

    try:
        manifest = import_archive(source)
    except TransferError as exc:
        fail(f"Chưa nhập: {exc}", EXIT_INVALID)
    click.echo(f"Đã nhập {manifest['counts']['document']} văn bản, {manifest['blobs']} tệp.")
