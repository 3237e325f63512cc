"""The office's loop in the archive: numbers already filed, issuing any draft of ours, the year
boundary, duplicates by number, and the sổ văn bản đến from registration to answer."""
from __future__ import annotations

import copy
import datetime as dt
import io
import multiprocessing as mp
import os

import pytest
from sqlalchemy import delete, select

import archive
import generator
from archive import db, receipts, registers
from archive.ingest import ingest_file
from archive.schema import document, register, register_entry
from tests.conftest import example_inputs

EXAMPLES = example_inputs()


@pytest.fixture()
def arch(data_dir):
    db.upgrade()
    return data_dir


def _docx(data: dict, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(generator.render_bytes(generator.load_document(data)))
    return str(path)


def _numbered(tmp_path, kind: str, so: int, date: str = "2026-03-02", **extra) -> dict:
    data = copy.deepcopy(EXAMPLES[kind])
    data.update(so=so, date=date, **extra)
    out = ingest_file(_docx(data, tmp_path, f"{kind}-{so}-{date}.docx"), actor="vt")
    return {"outcome": out, "data": data}


def _draft(kind: str = "to_trinh") -> int:
    data = copy.deepcopy(EXAMPLES[kind])
    data.pop("so", None)
    data["date"] = "2026"
    return archive.file_draft(data, actor="cv")


def _letter(tmp_path, so: int = 487, body: str = "SỞ NỘI VỤ", code: str = "SNV", **extra):
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data.update(issuing_body=body, body_code=code, unit_code="VP", so=so, date="2026-03-10",
                trich_yeu="đề nghị báo cáo tình hình tiếp nhận hồ sơ lý lịch tư pháp", **extra)
    return ingest_file(_docx(data, tmp_path, f"letter-{code}-{so}.docx"), actor="vt")


def test_numbers_already_filed_move_the_register(arch, tmp_path):
    for kind, so in (("quyet_dinh", 5), ("bao_cao", 87), ("cong_van", 412)):
        assert _numbered(tmp_path, kind, so)["outcome"].status == "filed"
    doc_id = _draft()
    assert archive.preview_issue(doc_id, on=dt.date(2026, 3, 5))["so"] == 413
    done = archive.issue_document(doc_id, actor="vt", on=dt.date(2026, 3, 5), pdf=False)
    assert (done["so"], done["ky_hieu"]) == (413, "TTr-STP")


def test_a_number_held_by_another_document_is_refused_with_it(arch, tmp_path):
    first = _numbered(tmp_path, "bao_cao", 87)["outcome"]
    # one shared sequence: 87/TB-STP clashes with 87/BC-STP
    clash = _numbered(tmp_path, "thong_bao", 87, issuing_body="SỞ TƯ PHÁP", body_code="STP")["outcome"]
    assert clash.status == "refused" and "87" in clash.reason and str(first.document_ids[0]) in clash.reason
    assert clash.document_ids == first.document_ids
    with db.reading() as conn:
        assert conn.execute(select(document.c.id).where(document.c.ky_hieu == "TB-STP")).first() is None


def test_another_year_is_another_register(arch, tmp_path):
    _numbered(tmp_path, "bao_cao", 87, date="2025-11-03")
    a, b = _draft(), _draft()
    assert archive.issue_document(a, actor="vt", on=dt.date(2026, 12, 31), pdf=False)["so"] == 1
    assert archive.issue_document(b, actor="vt", on=dt.date(2027, 1, 2), pdf=False)["so"] == 1
    c = _draft()
    assert archive.issue_document(c, actor="vt", on=dt.date(2025, 12, 30), pdf=False)["so"] == 88


def test_documents_filed_before_the_register_knew_them_are_entered(arch, tmp_path):
    _numbered(tmp_path, "cong_van", 412)
    with db.writing() as conn:  # an archive made before numbers of filed documents were entered
        conn.execute(delete(register_entry))
    doc_id = _draft()
    assert archive.issue_document(doc_id, actor="vt", on=dt.date(2026, 4, 1), pdf=False)["so"] == 413


def test_an_uploaded_draft_is_issued_in_its_own_word_file_and_pdf(arch, tmp_path):
    from docx import Document as Docx
    from pypdf import PdfReader

    _numbered(tmp_path, "cong_van", 412)
    data = copy.deepcopy(EXAMPLES["quyet_dinh"])
    data.pop("so", None)
    data["date"] = "2026"
    up = ingest_file(_docx(data, tmp_path, "du-thao-qd.docx"), actor="cv")
    assert up.status == "filed" and up.documents[0]["status"] == "draft"
    doc_id = up.document_ids[0]
    done = archive.issue_document(doc_id, actor="vt", on=dt.date(2026, 4, 7))
    assert done["so"] == 413 and done["pdf"], done
    with db.reading() as conn:
        last = archive.versions(conn, doc_id)[-1]
        row = archive.get_document(conn, doc_id)
    assert row["status"] == "issued" and row["so"] == 413 and row["date"] == "2026-04-07"
    from archive import blobs

    words = [p.text for p in Docx(io.BytesIO(blobs.get(last["docx_sha256"]))).paragraphs]
    cells = [p.text for t in Docx(io.BytesIO(blobs.get(last["docx_sha256"]))).tables
             for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "Số: 413/QĐ-STP" in cells + words
    assert any("ngày 07 tháng 4 năm 2026" in t for t in cells + words)
    pdf_text = PdfReader(io.BytesIO(blobs.get(last["pdf_sha256"]))).pages[0].extract_text()
    assert "413/QĐ-STP" in pdf_text and "07 tháng 4 năm 2026" in pdf_text
    with pytest.raises(archive.IssueError, match="không phải bản dự thảo"):
        archive.issue_document(doc_id, actor="vt", pdf=False)


def test_a_received_letter_is_not_issued(arch, tmp_path):
    letter = _letter(tmp_path)
    with pytest.raises(archive.IssueError):
        archive.issue_document(letter.document_ids[0], actor="vt", pdf=False)


def test_the_same_letter_twice_is_a_duplicate_by_number(arch, tmp_path):
    first = _letter(tmp_path)
    again = _letter(tmp_path, noi_nhan=["Lưu: VT"])  # another file, the same số, ký hiệu and body
    assert first.status == "filed"
    assert again.status == "duplicate" and again.same_number and again.document_ids == first.document_ids
    assert "487/SNV-VP" in again.reason
    other_body = _letter(tmp_path, body="SỞ XÂY DỰNG", code="SNV")  # same number, another body: not a duplicate
    assert other_body.status == "filed"
    forced = ingest_file(_docx({**_letter_data(), "noi_nhan": ["Lưu: VT", "x"]}, tmp_path, "again.docx"),
                         actor="vt", allow_same_number=True)
    assert forced.status == "filed"


def _letter_data() -> dict:
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data.update(issuing_body="SỞ NỘI VỤ", body_code="SNV", unit_code="VP", so=487, date="2026-03-10",
                trich_yeu="đề nghị báo cáo tình hình tiếp nhận hồ sơ lý lịch tư pháp")
    return data


def test_received_registered_directed_answered(arch, tmp_path):
    letters = [_letter(tmp_path, so=n).document_ids[0] for n in (487, 488, 489)]
    with db.writing() as conn:
        nums = [receipts.register_incoming(conn, d, body_code="STP", received_on=dt.date(2026, 3, 11), actor="vt",
                                           medium=m) for d, m in zip(letters, ("dien_tu", "giay", "dien_tu"))]
    assert nums == [1, 2, 3]  # one yearly sequence for paper and electronic
    with db.writing() as conn, pytest.raises(receipts.ReceiptError, match="đã vào sổ đến"):
        receipts.register_incoming(conn, letters[0], body_code="STP", received_on=dt.date(2026, 3, 11), actor="vt")
    with db.writing() as conn:
        receipts.direct(conn, letters[0], chu_tri="Phòng Hành chính tư pháp", phoi_hop="Văn phòng Sở",
                        deadline=dt.date(2026, 3, 20), actor="ld", on=dt.date(2026, 3, 12))
        assert [r["id"] for r in receipts.waiting(conn, dt.date(2026, 3, 21), late=True)] == [letters[0]]
        assert [r["id"] for r in receipts.waiting(conn, dt.date(2026, 3, 18), late=False)] == [letters[0]]
    # the answer: a công văn of ours that cites the letter, composed, filed, issued
    data = copy.deepcopy(EXAMPLES["cong_van"])
    data.pop("so")
    data["date"] = "2026"
    data["noi_dung"] = ["Phúc đáp Công văn số 487/SNV-VP ngày 10 tháng 3 năm 2026 của Sở Nội vụ, Sở Tư pháp "
                        "báo cáo như sau."] + data["noi_dung"][1:]
    answer_id = archive.file_draft(data, actor="cv")
    with db.reading() as conn:
        assert receipts.get(conn, letters[0])["status"] == "dang_giai_quyet"  # a draft answers nothing yet
    archive.issue_document(answer_id, actor="vt", on=dt.date(2026, 3, 19), pdf=False)
    with db.reading() as conn:
        r = receipts.get(conn, letters[0])
        assert (r["status"], r["answer_document_id"], r["answered_on"]) == ("da_tra_loi", answer_id, dt.date(2026, 3, 19))
        assert receipts.waiting(conn, dt.date(2026, 3, 21), late=True) == []
        assert receipts.get(conn, letters[1])["status"] == "cho_phan_cong"


def test_an_outgoing_document_is_not_registered_as_received(arch, tmp_path):
    own = _numbered(tmp_path, "bao_cao", 87)["outcome"].document_ids[0]
    with db.writing() as conn, pytest.raises(receipts.ReceiptError, match="không phải văn bản đến"):
        receipts.register_incoming(conn, own, body_code="STP", received_on=dt.date(2026, 3, 11), actor="vt")


def _issue_many(data_dir: str, ids: list[int], queue) -> None:
    os.environ["VANTHU_DATA"] = data_dir
    queue.put([archive.issue_document(i, actor=f"p{os.getpid()}", on=dt.date(2026, 5, 4), pdf=False)["so"]
               for i in ids])


def test_eight_processes_issuing_at_once_get_distinct_consecutive_numbers(arch):
    ids = [_draft() for _ in range(24)]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_issue_many, args=(str(arch), ids[i::8], queue)) for i in range(8)]
    for p in procs:
        p.start()
    got = sorted(n for _ in procs for n in queue.get(timeout=300))
    for p in procs:
        p.join(timeout=60)
    assert got == list(range(1, 25))
    with db.reading() as conn:
        taken = conn.execute(select(register_entry.c.so, register_entry.c.document_id)).all()
    assert sorted(t.so for t in taken) == got and len({t.document_id for t in taken}) == 24


def test_body_code_of_a_ky_hieu():
    from generator.rules import body_code_of

    assert [body_code_of(x) for x in ("QĐ-UBND", "2023/QĐ-UBND", "UBND-VX", "STP-HCTP", "TTr-STP", None)] == \
        ["UBND", "UBND", "UBND", "STP", "STP", None]
    assert registers.register_of({"so": 5, "ky_hieu": "QĐ-STP", "date": "2026-01-02", "kind": "quyet_dinh"},
                                 "theo_loai") == ("STP", 2026, "quyet_dinh")


def test_the_register_of_our_body_holds_only_ours(arch):
    from archive import books

    for kind in ("quyet_dinh", "ke_hoach"):  # ours (STP), and a Kế hoạch of the Sở Khoa học và Công nghệ
        archive.file_draft(copy.deepcopy(EXAMPLES[kind]), actor="vt")
    with db.reading() as conn:
        ours = books.rows(conn, "di", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "STP")
        every = books.rows(conn, "di", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [r[0] for r in ours] == ["05/QĐ-STP"]
    assert [r[0] for r in every] == ["05/QĐ-STP", "126/KH-SKHCN"]
    # the numbered documents composed and saved took their numbers in their own registers
    with db.reading() as conn:
        assert registers.next_number(conn, body_code="STP", year=2026) == 6
        assert registers.next_number(conn, body_code="SKHCN", year=2026) == 127


def test_the_same_number_another_year_is_another_document(arch, tmp_path):
    first = _letter(tmp_path)
    data = _letter_data()
    data["date"] = "2027-03-10"  # numbers restart each 1 January: 487/SNV-VP of 2027 is another letter
    later = ingest_file(_docx(data, tmp_path, "letter-2027.docx"), actor="vt")
    assert first.status == later.status == "filed"


def test_the_preview_and_the_issue_agree_after_an_old_number_is_entered(arch, tmp_path):
    _numbered(tmp_path, "cong_van", 412)
    with db.writing() as conn:  # an archive made before registers knew the numbers filed: no register at all
        conn.execute(delete(register_entry))
        conn.execute(delete(register))
    doc_id = _draft()
    assert archive.preview_issue(doc_id, on=dt.date(2026, 4, 1))["so"] == 413
    assert archive.issue_document(doc_id, actor="vt", on=dt.date(2026, 4, 1), pdf=False)["so"] == 413


def test_an_uploaded_draft_whose_file_names_another_symbol_is_refused(arch, tmp_path):
    data = copy.deepcopy(EXAMPLES["quyet_dinh"])
    data.pop("so", None)
    data["date"] = "2026"
    up = ingest_file(_docx(data, tmp_path, "du-thao.docx"), actor="cv",
                     corrections=None)
    with db.writing() as conn:  # the clerk corrected the symbol on the archive's side only
        from sqlalchemy import update

        conn.execute(update(document).where(document.c.id == up.document_ids[0]).values(ky_hieu="QĐ-SNV"))
    with pytest.raises(archive.IssueError, match="khác ký hiệu"):
        archive.issue_document(up.document_ids[0], actor="vt", pdf=False)
    with db.reading() as conn:
        assert conn.execute(select(register_entry)).all() == []  # nothing taken


def test_an_answer_answers_the_latest_letter_of_that_number(arch, tmp_path):
    old = _letter(tmp_path).document_ids[0]  # 487/SNV-VP of 2026
    data = _letter_data()
    data["date"] = "2027-03-10"
    new = ingest_file(_docx(data, tmp_path, "letter-2027.docx"), actor="vt").document_ids[0]  # of 2027
    with db.writing() as conn:
        receipts.register_incoming(conn, old, body_code="STP", received_on=dt.date(2026, 3, 11), actor="vt")
        receipts.register_incoming(conn, new, body_code="STP", received_on=dt.date(2027, 3, 11), actor="vt")
    reply = copy.deepcopy(EXAMPLES["cong_van"])
    reply.pop("so")
    reply["date"] = "2027"
    reply["noi_dung"] = ["Phúc đáp Công văn số 487/SNV-VP ngày 10 tháng 3 năm 2027 của Sở Nội vụ."]
    answer_id = archive.file_draft(reply, actor="cv")
    archive.issue_document(answer_id, actor="vt", on=dt.date(2027, 3, 15), pdf=False)
    with db.reading() as conn:
        assert receipts.get(conn, new)["status"] == "da_tra_loi"
        assert receipts.get(conn, old)["status"] == "cho_phan_cong"  # last year's letter of that number is not it
        # two registers of incoming letters, one per year, each from 01
        assert receipts.get(conn, old)["so_den"] == receipts.get(conn, new)["so_den"] == 1


def test_a_cancelled_number_stays_in_the_printed_register(arch):
    from archive import books

    a, b = _draft(), _draft()
    today = dt.date.today()
    archive.issue_document(a, actor="vt", on=today, pdf=False)
    with db.writing() as conn:
        so = registers.take_number(conn, body_code="STP", year=today.year, actor="vt")
        rid = conn.execute(select(register_entry.c.register_id)).scalar()
        registers.cancel_number(conn, register_id=rid, so=so, actor="vt", note="ký nhầm, hủy")
    archive.issue_document(b, actor="vt", on=today, pdf=False)
    with db.reading() as conn:
        rows = books.rows(conn, "di", today, today, "STP")
    assert [r[0] for r in rows] == ["01/TTr-STP", "02", "03/TTr-STP"]
    assert rows[1][-1] == "Số đã hủy: ký nhầm, hủy"
