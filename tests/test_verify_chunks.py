"""verify and reindex read the archive a chunk at a time (issue 16): with the chunk lowered below the
archive's size they find exactly what one chunk holding everything finds."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, text, update

import archive
import index
from archive import blobs, store
from archive.schema import blob, outbox, version


@pytest.fixture()
def damaged(data_dir):
    """Twelve documents and one of every problem verify knows."""
    archive.upgrade()
    (data_dir / "vanthu.toml").write_text((data_dir / "vanthu.toml").read_text(encoding="utf-8")
                                          .replace("may_hold_secrets = false", "may_hold_secrets = true"),
                                          encoding="utf-8")
    ids = []
    with archive.writing() as conn:
        for i in range(12):
            ids.append(store.create_document(
                conn, {"kind": "cong_van", "so": i + 1, "ky_hieu": f"{i + 1}/T", "date": "2026-01-02",
                       "trich_yeu": f"việc {i}"}, actor="t", direction="incoming", may_hold_secrets=True,
                text=f"nội dung {i}", original=(f"tệp {i}".encode(), f"{i}.txt", "text/plain")))
        # a secret kept on paper that has a text after all
        ids.append(store.create_document(conn, {"kind": "cong_van", "do_mat": "Mật"}, actor="t", direction="incoming",
                                         may_hold_secrets=False))
        conn.execute(update(version).where(version.c.document_id == ids[-1]).values(text="lộ"))
        conn.execute(delete(outbox).where(outbox.c.document_id == ids[4]))  # not queued
        conn.execute(delete(version).where(version.c.document_id == ids[7]))  # no version
        sha = conn.execute(text("SELECT original_sha256 FROM version WHERE document_id = :i"), {"i": ids[2]}).scalar()
        conn.execute(delete(blob).where(blob.c.sha256 == sha))  # a file without its row
        altered = conn.execute(text("SELECT original_sha256 FROM version WHERE document_id = :i"),
                               {"i": ids[9]}).scalar()
        orphan = blobs.put(b"nobody's")  # a file and a row no version names
        conn.execute(insert(blob).values(sha256=orphan, size=8, created_at=store.now()))
    blobs.path_for(altered).write_bytes("sửa".encode())
    blobs.put(b"left by a crash")  # a file alone
    return ids


def test_verify_in_chunks_finds_what_one_chunk_finds(damaged):
    whole = archive.verify(chunk=10**6)
    assert len(whole.problems) == 8 and whole.documents == 13
    for chunk in (1, 2, 5):
        part = archive.verify(chunk=chunk)
        assert (part.problems, part.documents, part.blobs) == (whole.problems, whole.documents, whole.blobs), chunk
    archive.verify(repair=True, chunk=3)
    left = archive.verify(chunk=3).problems
    assert len(left) == 4 and not [p for p in left if "không thuộc văn bản nào" in p or "hàng đợi" in p]


def test_reindex_in_chunks_gives_the_index_one_chunk_gives(damaged):
    index.rebuild(chunk=10**6)
    whole = index.engine().versions()
    hits = index.search(index.Query(text="nội dung"))["total"]
    index.rebuild(chunk=2)
    assert index.engine().versions() == whole and len(whole) == 12  # the secret on paper is not indexed
    assert index.search(index.Query(text="nội dung"))["total"] == hits == 11  # ids[7] has no version, no text


def test_index_drift_in_chunks_is_the_drift_of_one_chunk(damaged):
    index.rebuild()
    eng = index.engine()
    with archive.writing() as conn:  # stale: a new version the index has not seen
        conn.execute(update(archive.schema.document).where(archive.schema.document.c.id == damaged[3])
                     .values(current_version=2))
    eng.delete([damaged[5]])  # missing
    extra = index.IndexDoc(id=damaged[-1] + 50, version=1, kind="cong_van", status="issued", secret=False,
                           issuing_body=None, year=None, date=None, signer=None, so=None, ky_hieu=None,
                           trich_yeu="thừa", cited=[], content="")
    eng.add([extra])  # extra, past the archive's last id
    whole = index.verify(chunk=10**6)
    assert len(whole) == 3
    for chunk in (1, 4):
        assert index.verify(chunk=chunk) == whole


def test_migration_0011_goes_down_and_up_and_counts_what_is_there(damaged):
    from alembic import command

    from archive import db, queries

    with db.engine().connect() as conn:
        command.downgrade(db._alembic_config(conn), "0010")
        conn.commit()
    with archive.writing() as conn:  # filed while the counts did not exist
        store.create_document(conn, {"kind": "to_trinh"}, actor="t", direction="internal", may_hold_secrets=False)
    db.upgrade()
    with archive.reading() as conn:
        assert queries.count_drift(conn) == []
        assert queries.total(conn, queries.Filters(), queries.Viewer()) == len(damaged) + 1
        assert queries.total(conn, queries.Filters(kind="to_trinh", status="draft"), queries.Viewer()) == 1
