"""`vanthu search` and `vanthu reindex` (interfaces.md)."""
from __future__ import annotations

import json
import re
import sys

import click

from webui.cli import EXIT_INVALID, cli, fail


def _plain(snippet: str) -> str:
    import html

    return html.unescape(re.sub(r"</?mark>", "", snippet))


@cli.command("search", help="Tìm văn bản trong kho (có dấu hoặc không dấu, số/ký hiệu, cụm từ trong ngoặc kép).")
@click.argument("text")
@click.option("--kind", help="Loại văn bản, ví dụ quyet_dinh.")
@click.option("--year", help="Năm ban hành.")
@click.option("--from", "date_from", help="Từ ngày (dd/mm/yyyy).")
@click.option("--to", "date_to", help="Đến ngày (dd/mm/yyyy).")
@click.option("--body", "issuing_body", help="Cơ quan ban hành.")
@click.option("--signer", help="Người ký.")
@click.option("--cited", help="Văn bản được trích dẫn, ví dụ 72/2013/NĐ-CP.")
@click.option("--status", help="draft, issued, received hoặc archived.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--page", default="1", show_default=True)
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def search_cmd(text: str, as_json: bool, limit: int, **fields):
    import archive
    import index
    from archive.store import number_text

    if not archive.is_initialised():
        archive.upgrade()
    args = {"q": text, "from": fields.pop("date_from"), "to": fields.pop("date_to"), **fields}
    try:
        q = index.query_from_args({k: v for k, v in args.items() if v is not None}, per_page=limit,
                                  facets=not as_json)
    except index.QueryError as exc:
        fail(str(exc), EXIT_INVALID)
    res = index.search(q)
    if as_json:
        click.echo(json.dumps([{k: h[k] for k in ("id", "kind", "so", "ky_hieu", "trich_yeu", "date", "score")}
                               | {"snippet": _plain(h["snippet"])} for h in res["hits"]],
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{res['total']} văn bản.")
    for h in res["hits"]:
        number = number_text(h["so"], h["ky_hieu"], h.get("rule_set"))
        click.echo(f"[{h['id']}] {number} {h['date'] or ''} — {h['trich_yeu'] or ''}")
        click.echo(f"      {_plain(h['snippet'])[:200]}")


@cli.command("reindex", help="Dựng lại chỉ mục tìm kiếm từ kho, từng phần (dừng giữa chừng thì chạy lại để tiếp tục).")
def reindex_cmd():
    import archive
    import index

    from index.malloc import one_arena

    if not archive.is_initialised():
        archive.upgrade()
    one_arena()  # before tantivy starts its threads: see index/malloc.py
    with click.progressbar(length=1, label="Đang dựng chỉ mục", file=sys.stderr) as bar:
        def progress(done, total):
            bar.length = max(total, 1)
            bar.update(done - bar.pos)
        total = index.rebuild(progress=progress)
    click.echo(f"Đã dựng lại chỉ mục: {total} văn bản.")
