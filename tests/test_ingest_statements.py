"""SQL statements sent per document filed, counted on a real SQLite file: a batch pays its
lookups and inserts once (one executemany per table), not once per document."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, func, select

import archive
from archive import db
from archive.ingest import ingest_many
from archive.schema import audit, citation, link, outbox, register_entry, version
from bench.corpus import make

BOUND = 3  # statements per document filed; per-document INSERTs and lookups sent 14 before batching

OURS = ("UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: {so}/STP-VP\nLâm Đồng, ngày 05 tháng 02 năm 2026\nV/v góp ý lần {so}\n\nKính gửi: Sở Nội vụ\n\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP; theo Công văn số {cited}/STP-VP.\n\nNội dung./.\n\nNơi nhận:\n"
        "- Như trên;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n")


def count_statements(run) -> tuple[int, object]:
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    engine = db.engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        result = run()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), result


def inputs(corpus: Path, folder: Path) -> list[Path]:
    """Synthetic letters from elsewhere, a dossier of 17, and letters of ours that take register
    numbers and cite each other."""
    files = make(folder / "synth", 120, corpus=corpus)
    files.append(corpus / "seeds" / "002_c86d25cbeb24d76d.txt")
    for so in range(1, 31):
        p = folder / f"ours-{so:02d}.txt"
        p.write_text(OURS.format(so=so, cited=max(so - 1, 1)), encoding="utf-8")
        files.append(p)
    return files


def test_statements_per_document_filed(data_dir, corpus, tmp_path):
    db.upgrade()
    files = inputs(corpus, tmp_path)
    n, outcomes = count_statements(lambda: ingest_many(files, actor="test"))
    filed = sum(len(o.document_ids) for o in outcomes if o.status == "filed")
    assert filed == 120 + 17 + 30, [(o.name, o.status, o.reason) for o in outcomes if o.status != "filed"]
    assert n / filed <= BOUND, (n, filed)
    # and nothing was skipped for it: every row a document brings is there
    with db.reading() as conn:
        count = lambda t, *w: conn.execute(select(func.count()).select_from(t).where(*w)).scalar()  # noqa: E731
        assert count(version) == filed and count(outbox) == filed
        assert count(audit, audit.c.action == "document.create") == filed
        assert count(register_entry) == 30  # ours take their numbers
        links = count(link)
        assert links >= 29 + 2 and count(audit, audit.c.action == "link.add") == links  # 02 cites 01, …
        assert count(citation) > filed
    assert archive.verify().clean


def test_a_second_batch_finds_the_first(data_dir, corpus, tmp_path):
    """Duplicates and links across batches are looked up in the archive, not only in memory."""
    db.upgrade()
    files = inputs(corpus, tmp_path)
    ingest_many(files[:-15], actor="test", batch=7)
    outcomes = ingest_many(files, actor="test", batch=7)
    assert [o.status for o in outcomes].count("filed") == 15
    assert all(o.status == "duplicate" for o in outcomes[:-15])
    with db.reading() as conn:
        assert conn.execute(select(func.count()).select_from(link)).scalar() >= 29 + 2
    assert archive.verify().clean
