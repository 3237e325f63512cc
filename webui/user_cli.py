"""`vanthu user add|passwd|role|disable|enable|clearance|list`: the people who sign in (rules in archive/users.py)."""
from __future__ import annotations

import sys

import click

from webui.cli import EXIT_INVALID, cli, fail


@cli.group("user", help="Người dùng: thêm, đổi mật khẩu, khóa, mở khóa, liệt kê.")
def user_group():
    pass


def _password(from_stdin: bool) -> str:
    if from_stdin:  # for scripts: the first line of standard input, never on the command line
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")


def _write(change, refused: str) -> None:
    """One change of people in one transaction; a refusal said in Vietnamese, exit 1, nothing written."""
    import archive
    from archive import users

    _ready()
    try:
        with archive.writing() as conn:
            change(conn)
    except users.UserError as exc:
        fail(f"{refused}: {exc}", EXIT_INVALID)


def _ready():
    import archive

    if not archive.is_current():
        archive.upgrade()


@user_group.command("add", help="Thêm người dùng LOGIN.")
@click.argument("login")
@click.option("--name", "full_name", required=True, help="Họ và tên.")
@click.option("--role", required=True, help="chuyen_vien | van_thu | lanh_dao | phap_che | admin")
@click.option("--unit", help="Đơn vị (mã trong vanthu.toml, ví dụ VP).")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.")
def add_cmd(login: str, full_name: str, role: str, unit: str | None, password_stdin: bool):
    from archive import users

    _ready()
    password = _password(password_stdin)
    _write(lambda conn: users.add(conn, login=login, full_name=full_name, role=role, unit=unit,
                                  password=password, actor="vanthu user"), "Chưa thêm")
    click.echo(f"Đã thêm {login.lower()} ({users.ROLES[role]}).")


@user_group.command("passwd", help="Đặt mật khẩu mới cho LOGIN (mọi phiên đăng nhập cũ hết hiệu lực).")
@click.argument("login")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.")
def passwd_cmd(login: str, password_stdin: bool):
    from archive import users

    _ready()
    password = _password(password_stdin)
    _write(lambda conn: users.set_password(conn, login, password, actor="vanthu user"), "Chưa đổi")
    click.echo(f"Đã đổi mật khẩu của {login.lower()}.")


def _set_active(login: str, active: bool) -> None:
    from archive import users

    _ready()
    _write(lambda conn: users.set_active(conn, login, active, actor="vanthu user"), "Chưa làm")
    click.echo(f"Đã {'mở khóa' if active else 'khóa'} {login.lower()}.")


@user_group.command("disable", help="Khóa LOGIN: không đăng nhập được, mọi phiên đang mở kết thúc.")
@click.argument("login")
def disable_cmd(login: str):
    _set_active(login, False)


@user_group.command("enable", help="Mở khóa LOGIN.")
@click.argument("login")
def enable_cmd(login: str):
    _set_active(login, True)


@user_group.command("clearance", help="Cho (--on) hoặc thôi (--off) quyền xem văn bản mật của LOGIN, "
                                         "hoặc của mọi người có vai trò --role.")
@click.argument("login", required=False)
@click.option("--role", help="Vai trò thay cho LOGIN: chuyen_vien | van_thu | lanh_dao | phap_che | admin")
@click.option("--on/--off", "cleared", required=True)
def clearance_cmd(login: str | None, role: str | None, cleared: bool):
    from archive import users

    if bool(login) == bool(role):
        fail("Ghi một người dùng (LOGIN) hoặc một vai trò (--role), không cả hai.", EXIT_INVALID)
    _ready()
    if role:
        _write(lambda conn: users.set_role_clearance(conn, role, cleared, actor="vanthu user"), "Chưa làm")
        click.echo(f"Vai trò {users.ROLES[role]}: {'được' if cleared else 'không được'} xem văn bản mật.")
        return
    _write(lambda conn: users.set_clearance(conn, login, cleared, actor="vanthu user"), "Chưa làm")
    click.echo(f"{login.lower()}: {'được' if cleared else 'không được'} xem văn bản mật.")


@user_group.command("role", help="Đổi vai trò hoặc đơn vị của LOGIN (có hiệu lực từ trang kế tiếp).")
@click.argument("login")
@click.option("--role", required=True, help="chuyen_vien | van_thu | lanh_dao | phap_che | admin")
@click.option("--unit", help="Đơn vị (mã, ví dụ VP); bỏ trống: giữ đơn vị cũ.")
def role_cmd(login: str, role: str, unit: str | None):
    import archive
    from archive import users

    _ready()
    if unit is None:
        with archive.reading() as conn:
            unit = (users.get(conn, login=login) or {}).get("unit")
    _write(lambda conn: users.set_role(conn, login, role, unit, actor="vanthu user"), "Chưa đổi")
    click.echo(f"{login.lower()}: {users.ROLES[role]}{f', đơn vị {unit.upper()}' if unit else ''}.")


@user_group.command("list", help="Liệt kê người dùng.")
def list_cmd():
    import archive
    from archive import users

    _ready()
    with archive.reading() as conn:
        roles = users.secret_roles(conn)
        if roles:
            click.echo("Vai trò được xem văn bản mật: " + ", ".join(users.ROLES[r] for r in sorted(roles)))
        for u in users.listing(conn):
            click.echo(f"{u['login']:<20} {users.ROLES[u['role']]:<12} {u['unit'] or '-':<8} "
                       f"{'' if u['active'] else '(đã khóa) '}{'(xem văn bản mật) ' if u['secret_clearance'] else ''}"
                       f"{u['full_name']}")
