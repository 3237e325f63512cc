"""`vanthu round parse` (interfaces.md): read a draft and the reply letters, file nothing.

The group is a plain click group, not Flask's: reading files needs no app, and building one would
write into the data folder.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from webui.cli import EXIT_INVALID, EXIT_UNREADABLE, cli, fail

_DOCUMENT_WORDS = {"quyet_dinh": "dự thảo Quyết định", "quy_che": "dự thảo Quy chế"}
_TOPIC_WORDS = {"chung": "ý kiến chung", "can_cu": "phần căn cứ", "tham_quyen_ky": "thẩm quyền ký",
                "the_thuc": "thể thức, kỹ thuật trình bày"}


@cli.group("round", cls=click.Group, help="Vòng lấy ý kiến góp ý dự thảo.")
def round_group():
    pass


def _read(path: Path) -> str:
    import archive

    try:
        return archive.read_file(path).text
    except archive.ReadError as exc:
        fail(f"Không đọc được tệp {path}: {exc}", EXIT_UNREADABLE)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _replies_in(text: str, draft_name: str | None) -> list[str]:
    """A file of one letter is that letter; a file of several gives the replies among them."""
    from archive.rounds import pick
    from archive.split import split_documents

    if len(split_documents(text)) <= 1:
        return [text]
    return pick(text, draft_name).replies


def _print_human(read: list[tuple[dict, dict]], draft) -> None:
    from archive.rounds import resolve
    from archive.store import number_text

    agree = [r for r, _ in read if r["agrees_without_comment"]]
    click.echo(f"{len(read)} văn bản góp ý; {len(agree)} thống nhất, không có ý kiến khác.")
    for r, meta in read:
        number = number_text(r["so"], r["ky_hieu"], meta.get("rule_set"))
        click.echo(f"\n{r['agency'] or '(không rõ cơ quan)'} — {number}")
        if r["agrees_without_comment"]:
            click.echo("  Thống nhất với dự thảo, không có ý kiến khác.")
            continue
        if not r["comments"]:
            click.echo("  Không tìm thấy ý kiến góp ý nào trong văn bản.")
        for i, c in enumerate(r["comments"], start=1):
            where = _TOPIC_WORDS.get(c["target"], c["target"])
            click.echo(f"  {i}. [{where} — {_DOCUMENT_WORDS[c['document']]}] {_short(c['text'])}")
            if c["proposed"]:
                click.echo(f"       Đề nghị sửa thành: {_short(c['proposed'])}")
            if draft is not None and c["target"] not in ("chung", "the_thuc"):
                part = resolve(draft, c["target"], c["document"])
                shown = _short(part.full_text()) if part is not None else "(không còn trong dự thảo)"
                click.echo(f"       Dự thảo hiện nay: {shown}")


@round_group.command("parse", help="Đọc dự thảo và các văn bản góp ý (không lưu gì vào kho). "
                                   "DRAFT trước, sau đó các REPLY; --from-dossier khi mỗi tệp là cả hồ sơ.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from-dossier", is_flag=True,
              help="Tệp là cả hồ sơ: tự tìm dự thảo và các văn bản góp ý trong đó.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def parse_cmd(files: tuple[Path, ...], from_dossier: bool, as_json: bool):
    from archive.rounds import parse_draft, pick, read_round

    texts = [_read(f) for f in files]  # every file is checked before anything is read into a round
    if from_dossier:
        # the draft comes from the first file that holds one; the replies from every file
        picked = [pick(t) for t in texts]
        home = next((i for i, p in enumerate(picked) if p.draft), None)
        if home is None:
            fail("Không tìm thấy dự thảo (Quyết định hoặc Quy chế chưa có số) trong hồ sơ.", EXIT_INVALID)
        draft = parse_draft(picked[home].draft)
        replies = [r for i, t in enumerate(texts)
                   for r in (picked[i].replies if i == home else _replies_in(t, draft.name))]
    else:
        if len(texts) < 2:
            fail("Cần tệp dự thảo và ít nhất một văn bản góp ý; nếu tệp là cả hồ sơ, thêm --from-dossier.",
                 EXIT_INVALID)
        draft = parse_draft(texts[0])
        replies = [r for t in texts[1:] for r in _replies_in(t, draft.name)]
    if not replies:
        fail("Không tìm thấy văn bản góp ý nào.", EXIT_INVALID)
    read = read_round(draft, replies)
    if as_json:
        click.echo(json.dumps([r for r, _ in read], ensure_ascii=False, indent=2))
    else:
        _print_human(read, draft)
