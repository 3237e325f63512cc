"""`vanthu round request` and `vanthu round remind` on the real round of seed 002: the công văn xin ý kiến
to the 30 agencies and the công văn đôn đốc to those that have not replied, both composed by the generator
as cong_van. Each letter is read back twice: by the layout checker, and by the archive's own header reader
(archive.extract), which knows nothing of how the letter was made."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

import archive
from archive.extract import extract_metadata
from archive.rounds import (RoundError, add_reply, close_round, file_request, open_round, reminder_letter,
                            request_letter, round_state, set_deadline)
from generator.checker import check_path
from tests.test_rounds_store import (AFTER, AGENCIES, DEADLINE, LETTER, OTHERS, counts, full_round,  # noqa: F401
                                     seeded)

ROOT = Path(__file__).resolve().parent.parent
DRAFT_NAME = "Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng"


def vanthu(*args):
    return subprocess.run([sys.executable, "-m", "webui.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ})


def read_back(path: Path) -> tuple[dict, str]:
    """(the header as the archive reads it, the whole text)."""
    text = archive.read_file(path).text
    return extract_metadata(text), " ".join(text.split())


def addressed(meta: dict) -> list[str]:
    return [x.rstrip(";.") for x in meta["kinh_gui"] or []]


def errors(path: Path) -> list:
    report = check_path(path)
    assert report.kind == "cong_van"
    return [(f.rule, f.message) for f in report.findings if f.severity == "error"]


def test_request_letter_goes_to_every_agency(full_round, tmp_path):
    set_deadline(full_round["round"], "31/05/2099", "cv")  # a request asks for replies by a day still to come
    out = tmp_path / "xin_y_kien.docx"
    proc = vanthu("round", "request", full_round["round"], "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    assert errors(out) == []
    meta, text = read_back(out)
    assert addressed(meta) == AGENCIES  # all 30, in the order of the list sent
    assert meta["trich_yeu"] == f"xin ý kiến góp ý dự thảo {DRAFT_NAME}"
    assert f"đã xây dựng dự thảo {DRAFT_NAME} (gửi kèm theo Công văn này)" in text
    # our body (the settings: Sở Tư pháp), the unit it goes through, and the round's deadline
    assert "gửi ý kiến về Sở Tư pháp (qua Văn phòng Sở) trước ngày 31/05/2099" in text
    assert meta["noi_nhan"] == ["Như trên;", "Lưu: VT, VP."]
    # a draft: no number, no day, the signer's name left for the user
    assert meta["status"] == "draft" and meta["so"] is None and meta["ky_hieu"] == "STP-VP"
    assert "Số: /STP-VP" in text and "ngày … tháng …" in text
    assert meta["signer_name"] is None and "GIÁM ĐỐC" in text


def test_reminder_names_exactly_the_agencies_without_a_reply(full_round, tmp_path):
    rid = full_round["round"]
    data = reminder_letter(rid, today=AFTER)
    assert data["kinh_gui"] == OTHERS and len(OTHERS) == 19
    assert data["trich_yeu"] == f"đôn đốc góp ý dự thảo {DRAFT_NAME}"
    body = " ".join(data["noi_dung"])
    # no request letter filed: the reminder cites the draft and the first deadline, and gives a new one
    assert "đề nghị gửi ý kiến trước ngày 31/05/2021" in body and "Công văn số" not in body
    assert "trước ngày 08/06/2021" in body  # a week after the day it is written, the deadline being past
    # Sở Nội vụ answers: it is no longer reminded
    letter = tmp_path / "snv.txt"
    letter.write_text(LETTER, encoding="utf-8")
    add_reply(rid, letter, "vt", received=AFTER)
    assert reminder_letter(rid, today=AFTER)["kinh_gui"] == [a for a in OTHERS if a != "Sở Nội vụ"]
    # the command: the Word file is a clean cong_van addressed to the 18 left
    out = tmp_path / "don_doc.docx"
    proc = vanthu("round", "remind", rid, "-o", out, "--new-deadline", "15/06/2099")
    assert proc.returncode == 0, proc.stderr
    assert "Gửi 18 cơ quan chưa trả lời" in proc.stderr
    assert errors(out) == []
    meta, text = read_back(out)
    assert addressed(meta) == [a for a in OTHERS if a != "Sở Nội vụ"]
    assert "trước ngày 15/06/2099" in text and meta["status"] == "draft"


def test_the_filed_request_is_issued_and_cited_by_the_reminder(full_round, tmp_path):
    rid = full_round["round"]
    set_deadline(rid, "31/05/2099", "cv")
    out = tmp_path / "xin_y_kien.docx"
    proc = vanthu("round", "request", rid, "-o", out, "--file", "--signer-name", "Nguyễn Văn Hùng",
                  "--signer-title", "PHÓ GIÁM ĐỐC")
    assert proc.returncode == 0, proc.stderr
    doc_id = round_state(rid)["request_document_id"]
    assert doc_id is not None and f"vanthu issue {doc_id}" in proc.stderr
    with archive.reading() as conn:
        filed = archive.get_document(conn, doc_id)
    assert filed["kind"] == "cong_van" and filed["status"] == "draft" and filed["signer_name"] == "Nguyễn Văn Hùng"
    # still a draft: the reminder cannot cite a number yet
    assert "Công văn số" not in " ".join(reminder_letter(rid, today=AFTER)["noi_dung"])
    issued = archive.issue_document(doc_id, actor="vt", on=dt.date(2021, 5, 12))
    assert issued["ky_hieu"] == "STP-VP"
    data = reminder_letter(rid, today=AFTER, new_deadline="10/06/2021")
    body = " ".join(data["noi_dung"])
    assert f"Ngày 12/05/2021, Sở Tư pháp có Công văn số {issued['so']:02d}/STP-VP xin ý kiến góp ý" in body
    assert "trước ngày 10/06/2021" in body
    assert data["signer"]["name"] == "Nguyễn Văn Hùng"  # the request's signer signs its reminder too
    import generator

    path = generator.render_docx(generator.load_document(data, "cong_van", generator.load_settings()),
                                 tmp_path / "don_doc.docx")
    assert errors(path) == []


def test_refusals_write_and_file_nothing(full_round, tmp_path):
    rid = full_round["round"]
    set_deadline(rid, "31/05/2099", "cv")
    before = counts()
    with pytest.raises(RoundError, match="hạn góp ý mới .* phải sau hôm nay"):
        reminder_letter(rid, today=AFTER, new_deadline="01/06/2021")
    # filing needs a named signer: it is to be issued
    with pytest.raises(RoundError, match="cần họ tên và chức vụ người ký"):
        file_request(rid, request_letter(rid), "cv")
    out = tmp_path / "a.docx"
    proc = vanthu("round", "request", rid, "-o", out, "--file")
    assert proc.returncode == 1 and "người ký" in proc.stderr and not out.exists()
    assert counts() == before
    # a round has one request letter
    file_request(rid, request_letter(rid, signer={"title": "GIÁM ĐỐC", "name": "Nguyễn Văn Hùng"}), "cv")
    before = counts()
    proc = vanthu("round", "request", rid, "-o", out, "--file", "--signer-name", "Lê Văn Tám")
    assert proc.returncode == 1 and "đã có công văn xin ý kiến" in proc.stderr and not out.exists()
    assert counts() == before
    # everyone has replied: nobody to remind
    small = open_round(full_round["draft"], ["Sở Tư pháp tỉnh Đắk Nông"], DEADLINE, "cv")
    add_reply(small, full_round["letters"][(487, "STP-VP")], "vt", received=AFTER)
    with pytest.raises(RoundError, match="đã trả lời, không cần đôn đốc"):
        reminder_letter(small, today=AFTER)
    proc = vanthu("round", "remind", small, "-o", out)
    assert proc.returncode == 1 and "không cần đôn đốc" in proc.stderr and not out.exists()
    # a closed round sends no reminder
    close_round(rid, "cv")
    proc = vanthu("round", "remind", rid, "-o", out)
    assert proc.returncode == 1 and "đã kết thúc" in proc.stderr and not out.exists()
    # no such round; an output that is not Word
    proc = vanthu("round", "request", 999, "-o", out)
    assert proc.returncode == 1 and "không có vòng lấy ý kiến số 999" in proc.stderr and not out.exists()
    set_deadline(small, "31/05/2099", "cv")
    proc = vanthu("round", "request", small, "-o", tmp_path / "a.pdf")
    assert proc.returncode == 1 and ".docx" in proc.stderr and not (tmp_path / "a.pdf").exists()
