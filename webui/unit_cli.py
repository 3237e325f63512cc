"""`vanthu unit add|rename|close|open|list`: the office's units (rules in archive/units.py)."""
from __future__ import annotations

import click

from webui.cli import EXIT_INVALID, cli, fail


@cli.group("unit", help="Đơn vị (phòng, ban): thêm, đổi tên, ngừng, mở lại, liệt kê.")
def unit_group():
    pass


def _write(change, done: str) -> None:
    import archive
    from archive.units import UnitError

    if not archive.is_current():
        archive.upgrade()
    try:
        with archive.writing() as conn:
            change(conn)
    except UnitError as exc:
        fail(f"Chưa làm: {exc}", EXIT_INVALID)
    click.echo(done)


@unit_group.command("add", help="Thêm đơn vị CODE tên NAME.")
@click.argument("code")
@click.argument("name")
def add_cmd(code: str, name: str):
    from archive import units

    _write(lambda conn: units.add(conn, code, name, actor="vanthu unit"), f"Đã thêm đơn vị {code.upper()}.")


@unit_group.command("rename", help="Đổi tên đơn vị CODE thành NAME.")
@click.argument("code")
@click.argument("name")
def rename_cmd(code: str, name: str):
    from archive import units

    _write(lambda conn: units.rename(conn, code, name, actor="vanthu unit"), f"Đã đổi tên đơn vị {code.upper()}.")


@unit_group.command("close", help="Ngừng đơn vị CODE (giữ văn bản và người dùng của nó).")
@click.argument("code")
def close_cmd(code: str):
    from archive import units

    _write(lambda conn: units.set_active(conn, code, False, actor="vanthu unit"), f"Đã ngừng đơn vị {code.upper()}.")


@unit_group.command("open", help="Mở lại đơn vị CODE.")
@click.argument("code")
def open_cmd(code: str):
    from archive import units

    _write(lambda conn: units.set_active(conn, code, True, actor="vanthu unit"), f"Đã mở lại đơn vị {code.upper()}.")


@unit_group.command("list", help="Liệt kê đơn vị.")
def list_cmd():
    import archive
    from archive import units

    if not archive.is_current():
        archive.upgrade()
    with archive.reading() as conn:
        for u in units.listing(conn):
            click.echo(f"{u['code']:<10} {'' if u['active'] else '(đã ngừng) '}{u['name']}")
