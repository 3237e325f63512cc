"""`vanthu report`: a periodic report compiled from the archive (rules in archive/reports.py)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from webui.cli import EXIT_INVALID, EXIT_UNREADABLE, cli, fail


@cli.command("report", help="Báo cáo định kỳ từ số liệu của kho: kỳ --period (thang, quy, 6-thang, 9-thang, nam, "
                            "dot-xuat) năm --year; --json in kỳ và số liệu, -o ghi bản Word (dự thảo).")
@click.option("--period", "kind", required=True, help="thang | quy | 6-thang | 9-thang | nam | dot-xuat")
@click.option("--year", type=int, help="Năm báo cáo (kỳ năm 2026 tính từ 15/12/2025 đến 14/12/2026).")
@click.option("--month", type=int, help="Tháng, với --period thang.")
@click.option("--quarter", type=int, help="Quý (1–4), với --period quy.")
@click.option("--from", "start", help="Từ ngày (dd/mm/yyyy), với --period dot-xuat.")
@click.option("--to", "end", help="Đến ngày (dd/mm/yyyy), với --period dot-xuat.")
@click.option("--unit", help="Chỉ số liệu của một đơn vị (mã, ví dụ VP).")
@click.option("--type", "report_type", default="tong-hop", show_default=True,
              help="tong-hop (báo cáo định kỳ) | van-ban-den | van-ban-di (hai báo cáo của Phụ lục VI, Nghị định 30).")
@click.option("--sections", type=click.Path(path_type=Path),
              help="Tệp JSON các phần lời: ket_qua, ton_tai, nguyen_nhan, phuong_huong, de_xuat (và signer, kinh_gui).")
@click.option("--json", "as_json", is_flag=True, help="In kỳ (start, end, due) và số liệu dạng JSON, không ghi tệp.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tệp Word ra (.docx).")
@click.option("--save", is_flag=True, help="Lưu báo cáo vào kho như một dự thảo (in số văn bản trong kho).")
def report_cmd(kind, year, month, quarter, start, end, unit, report_type, sections, as_json, output, save):
    import archive
    import generator
    from archive import reports
    from archive.dates import typed_date
    from archive.periods import PeriodError

    if not archive.is_current():
        archive.upgrade()
    if not as_json and output is None and not save:
        fail("Ghi --json, -o TỆP.docx hoặc --save.", EXIT_INVALID)
    if output is not None and output.suffix.lower() != ".docx":
        fail("Tệp ra phải là .docx", EXIT_INVALID)
    extra = {}
    if sections is not None:
        try:
            extra = json.loads(sections.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            fail(f"Không đọc được tệp {sections}: {exc}", EXIT_UNREADABLE)
        if not isinstance(extra, dict):
            fail(f"{sections}: cần một đối tượng JSON {{ket_qua, ton_tai, …}}", EXIT_INVALID)
    try:
        first = typed_date(start) if start else None
        last = typed_date(end) if end else None
        if kind == "dot-xuat" and year is None and last is not None:
            year = last.year
        if year is None:
            raise PeriodError("cần năm báo cáo (--year)")
        p = reports.settings_period(kind, year, month if kind == "thang" else quarter if kind == "quy" else None,
                                    start=first, end=last)
        compiled = reports.compile_figures(p, unit=unit.upper() if unit else None)
    except (ValueError, PeriodError) as exc:
        fail(f"Chưa lập báo cáo: {exc}", EXIT_INVALID)
    if as_json:
        click.echo(json.dumps(compiled, ensure_ascii=False, indent=2))
    if output is None and not save:
        return
    try:
        data = reports.report_input(compiled, report_type=report_type, sections={k: extra.get(k) for k in
                                                        ("ket_qua", "ton_tai", "nguyen_nhan", "phuong_huong", "de_xuat")},
                                    subject=extra.get("subject"), signer=extra.get("signer"),
                                    kinh_gui=extra.get("kinh_gui"), noi_nhan=extra.get("noi_nhan"))
    except PeriodError as exc:
        fail(f"Chưa lập báo cáo: {exc}", EXIT_INVALID)
    try:
        doc = generator.load_document(data)
    except generator.ValidationError as exc:
        fail("Chưa lập báo cáo:\n" + "\n".join(f"  {e.path}: {e.message}" for e in exc.errors), EXIT_INVALID)
    if output is not None:
        generator.write_atomic(output, generator.render_bytes(doc))
        click.echo(f"Đã ghi báo cáo {compiled['period']['label']} vào {output}")
    if save:
        doc_id = reports.file_report(data, actor="vanthu report", unit=compiled["unit"])
        click.echo(f"Đã lưu dự thảo báo cáo vào kho: văn bản {doc_id}")
