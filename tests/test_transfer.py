"""export(import(export A)) equals export A, file for file; import refuses damage and non-empty archives."""
from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest

import archive
from archive import db
from archive.transfer import TransferError, export_archive, import_archive
from tests.conftest import example_inputs


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def filled(data_dir):
    db.upgrade()
    inputs = example_inputs()
    ids = [archive.file_draft(data, actor="test") for data in inputs.values()]
    draft = next(i for i, data in zip(ids, inputs.values()) if data.get("so") is None)
    archive.issue_document(draft, actor="vt")
    with archive.writing() as conn:
        archive.take_number(conn, body_code="STP", year=2026, direction="den", actor="vt")
    # a comment round on a second draft: the round, its agencies, a letter, a comment and its response
    from archive import rounds

    draft = archive.file_draft(inputs["quyet_dinh_quy_che"], actor="test")
    rid = rounds.open_round(draft, ["Sở Tư pháp", "Sở Nội vụ"], "30/06/2026", "test")
    letter = ids[list(inputs).index("cong_van")]
    [added] = rounds.add_reply(rid, letter, "vt", received="2026-06-01")
    cid = rounds.add_comment(added["reply_id"], "cv", "Đề nghị làm rõ phạm vi.", target="Điều 1")
    rounds.respond(cid, "tiep_thu", "Đã làm rõ.", "cv")
    return ids + [draft]


def test_round_trip_is_file_for_file(filled, tmp_path, monkeypatch):
    first = tmp_path / "a"
    export_archive(first)
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["document"] == len(filled) and manifest["blobs"] > 0
    assert all(manifest["counts"][t] >= 1 for t in ("comment_round", "consultee", "reply", "comment", "response"))
    monkeypatch.setenv("VANTHU_DATA", str(tmp_path / "data2"))
    import_archive(first)
    assert archive.verify().clean
    second = tmp_path / "b"
    export_archive(second)
    assert files(first) == files(second)
    cmp = filecmp.dircmp(first, second)
    assert not cmp.diff_files and not cmp.left_only and not cmp.right_only
    # the round came across whole: the response still hangs on its comment
    from archive.rounds import round_state

    answered = [c for c in round_state(1)["comments"] if c["response"]]
    assert [(c["target"], c["response"]["status"]) for c in answered] == [("Điều 1", "tiep_thu")]
    # the imported archive goes on numbering where the exported one stopped
    with archive.writing() as conn:
        assert archive.take_number(conn, body_code="STP", year=2026, direction="den", actor="vt") == 2


def test_import_refuses_a_non_empty_archive(filled, tmp_path):
    out = tmp_path / "a"
    export_archive(out)
    with pytest.raises(TransferError, match="trống"):
        import_archive(out)


def test_import_refuses_a_damaged_blob(filled, tmp_path, monkeypatch):
    out = tmp_path / "a"
    export_archive(out)
    victim = next(p for p in (out / "blobs").rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    monkeypatch.setenv("VANTHU_DATA", str(tmp_path / "data2"))
    with pytest.raises(TransferError, match="bị sửa"):
        import_archive(out)


def test_export_needs_an_empty_folder(filled, tmp_path):
    out = tmp_path / "a"
    out.mkdir()
    (out / "x").write_text("x")
    with pytest.raises(TransferError, match="không trống"):
        export_archive(out)
    assert os.listdir(out) == ["x"]


# --- bounded memory (issue 16): chunks give the same bytes as the whole-table export did ----------

def _export_whole(target: Path) -> None:
    """The export as it was before it read in chunks (every table read whole, then written):
    the oracle the chunked export must match byte for byte."""
    import shutil

    from sqlalchemy import select

    from archive import blobs
    from archive.schema import TABLES, blob
    from archive.transfer import FORMAT, _plain

    (target / "tables").mkdir(parents=True)
    counts = {}
    with db.reading() as conn:
        revision = db.current_revision(conn)
        for table in TABLES:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            lines = [json.dumps({c: _plain(v) for c, v in r._mapping.items()}, ensure_ascii=False, sort_keys=True)
                     for r in rows]
            (target / "tables" / f"{table.name}.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
            counts[table.name] = len(rows)
        digests = conn.execute(select(blob.c.sha256).order_by(blob.c.sha256)).scalars().all()
    for digest in digests:
        dst = target / "blobs" / digest[:2] / digest[2:]
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(blobs.path_for(digest), dst)
    manifest = {"format": FORMAT, "schema": revision, "counts": counts, "blobs": len(digests)}
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                                          encoding="utf-8")


def test_export_in_small_chunks_is_byte_identical_to_the_whole_table_export(filled, tmp_path):
    # a text holding U+2028 (which str.splitlines takes for a line break) and one that looks like JSON
    with archive.writing() as conn:
        from archive import store

        store.create_document(conn, {"kind": "cong_van", "trich_yeu": "dòng\u2028tách \"ngoặc\" {}"}, actor="t",
                              direction="incoming", may_hold_secrets=False, text="a\u2028b\nc\r\nd")
    old = tmp_path / "old"
    _export_whole(old)
    rows = json.loads((old / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert rows["document"] > 3 and rows["audit"] > 3 and rows["blob"] > 3  # larger than the chunk below
    for chunk in (1, 3, 10**6):
        new = tmp_path / f"chunk-{chunk}"
        export_archive(new, chunk=chunk)
        assert files(new) == files(old), chunk


def test_import_in_small_chunks_round_trips(filled, tmp_path, monkeypatch):
    first = tmp_path / "a"
    export_archive(first, chunk=2)
    monkeypatch.setenv("VANTHU_DATA", str(tmp_path / "data2"))
    import_archive(first, chunk=2)
    second = tmp_path / "b"
    export_archive(second, chunk=5)
    assert files(first) == files(second)
    assert archive.verify(chunk=2).clean
