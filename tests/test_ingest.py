"""Ingest of the seeds: a dossier splits into its documents, filed in order, linked by what they cite."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

import archive
from archive import db
from archive.schema import document, link


@pytest.fixture()
def filed(data_dir, corpus):
    db.upgrade()
    return archive.ingest_file(corpus / "seeds" / "002_c86d25cbeb24d76d.txt", actor="test")


def test_dossier_of_17_filed_in_order(filed):
    assert filed.status == "filed" and len(filed.document_ids) == 17 and filed.dossier_id
    with archive.reading() as conn:
        rows = conn.execute(select(document).where(document.c.dossier_id == filed.dossier_id)
                            .order_by(document.c.dossier_pos)).all()
    assert [r.dossier_pos for r in rows] == list(range(1, 18))
    assert [(r.so, r.ky_hieu) for r in rows][:3] == [(691, "VPUBND-KGVX"), (40, "TTr-STTTT"), (585, "STTTT-TTBCXB")]
    assert {r.kind for r in rows} >= {"cong_van", "to_trinh", "quyet_dinh", "quy_che", "tong_hop_y_kien"}
    assert archive.verify().clean


def test_links_follow_what_documents_cite(filed):
    with archive.reading() as conn:
        by_number = {(r.so, r.ky_hieu): r.id for r in conn.execute(select(document))}
        links = {(r.from_id, r.to_id) for r in conn.execute(select(link))}
    to_trinh = by_number[(40, "TTr-STTTT")]
    review = by_number[(691, "VPUBND-KGVX")]
    draft = next(i for (so, kh), i in by_number.items() if so is None and kh == "QĐ-UBND")
    assert (review, to_trinh) in links and (draft, to_trinh) in links


def test_same_file_twice_is_a_duplicate(filed, corpus):
    again = archive.ingest_file(corpus / "seeds" / "002_c86d25cbeb24d76d.txt", actor="test")
    assert again.status == "duplicate" and "đã có trong kho" in again.reason
    with archive.reading() as conn:
        assert len(conn.execute(select(document.c.id)).all()) == 17


def test_dry_run_files_nothing(data_dir, corpus):
    db.upgrade()
    out = archive.ingest_file(corpus / "seeds" / "000_c3688429987c37c0.txt", actor="test", dry_run=True)
    assert out.status == "checked" and [m["kind"] for m in out.documents] == ["quyet_dinh", "quy_che"]
    with archive.reading() as conn:
        assert conn.execute(select(document.c.id)).first() is None


def test_incoming_letters_are_received_and_ours_outgoing(data_dir, tmp_path):
    db.upgrade()
    ours = tmp_path / "di.txt"
    ours.write_text("SỞ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Số: 12/STP-VP\nLâm Đồng, ngày 05 tháng 02 năm 2026\nV/v góp ý\n\nKính gửi: Sở Nội vụ\n\n"
                    "Nội dung./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n",
                    encoding="utf-8")
    out = archive.ingest_file(ours, actor="vt")
    with archive.reading() as conn:
        doc = archive.get_document(conn, out.document_ids[0])
    assert doc["direction"] == "outgoing" and doc["so"] == 12 and doc["date"] == "2026-02-05"


@pytest.mark.parametrize("parent, direction, status", [
    ("UBND TỈNH LÂM ĐỒNG", "outgoing", "issued"),  # our parent, written short
    ("UBND TỈNH ĐẮK NÔNG", "incoming", "received"),  # another province's Sở Tư pháp
])
def test_a_body_of_our_name_under_another_parent_is_not_us(data_dir, tmp_path, parent, direction, status):
    db.upgrade()
    letter = tmp_path / "cv.txt"
    letter.write_text(f"{parent}\nSỞ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Số: 487/STP-VP\nĐắk Nông, ngày 10 tháng 5 năm 2021\nV/v góp ý\n\nKính gửi: Sở Nội vụ\n\n"
                      "Nội dung./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n",
                      encoding="utf-8")
    out = archive.ingest_file(letter, actor="vt")
    with archive.reading() as conn:
        doc = archive.get_document(conn, out.document_ids[0])
    assert (doc["direction"], doc["status"]) == (direction, status)


def test_extract_command_prints_metadata(corpus, data_dir):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "extract", str(corpus / "seeds" / "000_c3688429987c37c0.txt"),
                           "--json"], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert [i["kind"] for i in items] == ["quyet_dinh", "quy_che"]
    assert all(i["file"].endswith("000_c3688429987c37c0.txt") for i in items)


def test_ingest_command_twice_over_a_folder(corpus, data_dir, tmp_path):
    """Running ingest again over the same folder files nothing more and is no error; a refused
    file is (exit 1), and its neighbours are still filed."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus / "seeds" / "001_ff2b6d5ebca8fb93.txt", folder)

    def ingest(*paths):
        return subprocess.run([sys.executable, "-m", "webui.cli", "ingest", *map(str, paths)], capture_output=True,
                              text=True, cwd=root, env={**os.environ, "VANTHU_DATA": str(data_dir)})

    first = ingest(folder)
    assert first.returncode == 0 and "đã lưu" in first.stdout, first.stdout + first.stderr
    again = ingest(folder)
    assert again.returncode == 0 and "đã có" in again.stdout and "1 đã có trong kho" in again.stdout
    (folder / "rong.docx").write_bytes(b"")
    shutil.copy(corpus / "seeds" / "004_d9009245234ee8a0.txt", folder)
    mixed = ingest(folder)
    assert mixed.returncode == 1 and "từ chối  rong.docx" in mixed.stdout
    with archive.reading() as conn:
        assert conn.execute(select(document.c.id)).all().__len__() == 2


def _letter(so: str, code: str, body: str) -> str:
    return ("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Số: {so}/{code}\nLâm Đồng, ngày 10 tháng 5 năm 2026\nV/v triển khai\n\nKính gửi: Sở Tư pháp\n\n"
            f"{body}./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n")


@pytest.mark.parametrize("cited, filed_as", [("05", "05"), ("5", "05"), ("05", "5")])
def test_a_citation_links_however_the_number_is_written(data_dir, tmp_path, cited, filed_as):
    """A letter citing "Công văn số 05/SNV-VP", filed before the letter numbered "5/SNV-VP", links to it
    when that one comes, and the other way round (issue 16's live bug)."""
    db.upgrade()
    citing, cited_doc = tmp_path / "a.txt", tmp_path / "b.txt"
    citing.write_text(_letter("40", "SNV-VP", f"Thực hiện Công văn số {cited}/SNV-VP của Sở, đề nghị"), encoding="utf-8")
    cited_doc.write_text(_letter(filed_as, "SNV-VP", "Đề nghị các đơn vị báo cáo"), encoding="utf-8")
    first = archive.ingest_file(citing, actor="vt").document_ids[0]
    second = archive.ingest_file(cited_doc, actor="vt").document_ids[0]
    with archive.reading() as conn:
        links = {(r.from_id, r.to_id, r.type) for r in conn.execute(select(link))}
    assert (first, second, "cites") in links
    # and the search finds the citing letter by either spelling of the number
    import index
    from index.model import Query

    index.drain()
    for spelling in ("5/SNV-VP", "05/SNV-VP"):
        assert first in [h["id"] for h in index.search(Query(text="", cited=spelling))["hits"]], spelling


def test_an_archive_filed_before_the_citation_key_is_mended_on_upgrade(data_dir):
    """Migration 0009: an archive of 0008 whose letter cites "5/SNV-VP" and whose document 05/SNV-VP
    was never linked gets the citation's key and the missed link."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import text

    from archive.db import _alembic_config, engine

    db.ensure_data_dir()
    with engine().connect() as conn:
        command.upgrade(_alembic_config(conn), "0008")
        conn.commit()
        now = dt.datetime(2026, 5, 10)
        for i, so in ((1, 40), (2, 5)):
            conn.execute(text("INSERT INTO document (id, kind, rule_set, direction, status, so, ky_hieu, current_version,"
                              " created_by, created_at, revoked) VALUES (:i, 'cong_van', 'nd30', 'incoming', 'received',"
                              " :so, 'SNV-VP', 1, 'vt', :t, 0)"), {"i": i, "so": so, "t": now})
        conn.execute(text("INSERT INTO citation (document_id, number, basis) VALUES (1, '5/SNV-VP', 0)"))
        conn.commit()
    db.upgrade()
    with archive.reading() as conn:
        assert conn.execute(text("SELECT number, number_key FROM citation")).all() == [("5/SNV-VP", "05/SNV-VP")]
        assert conn.execute(text("SELECT from_id, to_id, type FROM link")).all() == [(1, 2, "cites")]
