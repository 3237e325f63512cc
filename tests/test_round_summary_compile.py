"""Compiling a round's Bản tổng hợp (issue 15) on seed 002's real round: the header is the drafting
body's (the draft is the People's Committee's, not our settings' Sở Tư pháp), the date is the day it was
compiled and stays so when rendered again, the conclusion, signer and Nơi nhận given are kept with the
round, the "Nội dung dự thảo" column holds the draft's own text — the same through
archive.rounds.compile_summary, `vanthu round compile`, the workspace's form and the JSON route."""
from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import generator
from archive import db
from archive.rounds import compile_summary, round_state, summary_data
from archive.schema import audit
from generator.checker import check_path
from generator.nobreak import plain
from tests.test_rounds_store import AGENCIES, full_round, seeded  # noqa: F401  (fixtures)
from tests.test_web_rounds import DOCX_MIME, client  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
AFTER = dt.date(2021, 6, 20)
SIGNER = {"title": "PHÓ CHỦ TỊCH", "name": "Trần Văn B"}
NOI_NHAN = ["Thường trực Tỉnh ủy (b/c)", "Sở Tư pháp", "Lưu: VT, KGVX"]


def texts(source) -> list[str]:
    """Every paragraph of the file, tables included, in order, as a reader sees it."""
    d = docx.Document(source if not isinstance(source, bytes) else io.BytesIO(source))
    out = [plain("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in d.element.body.iter(qn("w:p"))]
    return [x for x in out if x.strip()]


def head_row(source) -> list[str]:
    d = docx.Document(source if not isinstance(source, bytes) else io.BytesIO(source))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "STT")
    return [c.text for c in table.rows[0].cells], table


def render(data: dict) -> bytes:
    from generator.summary import render_summary_bytes

    return render_summary_bytes(generator.load_summary(data))


def test_an_old_round_renders_with_the_drafts_header_and_the_defaults(full_round):
    """Never compiled (as every round stored before): dated the day it is rendered, the draft's body in
    the header, the head's title over a blank to sign, Nơi nhận the file copy, no wording column."""
    data, _ = summary_data(full_round["round"], today=AFTER)
    assert data["date"] == "2021-06-20"
    assert data["issuing_body"] == "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"  # the draft's, not settings' SỞ TƯ PHÁP
    assert generator.load_settings().issuing_body == "SỞ TƯ PHÁP"
    lines = texts(render(data))
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" and "SỞ TƯ PHÁP" not in lines[:4]
    assert "Đắk Nông, ngày 20 tháng 6 năm 2021" in lines
    assert lines[-6:] == ["Trên đây là tổng hợp ý kiến góp ý của các cơ quan, đơn vị đối với dự thảo Quy chế phối hợp "
                          "theo dõi, xử lý thông tin xấu, độc trên không gian mạng; 19 ý kiến đang được nghiên cứu, "
                          "tiếp thu, giải trình./.",
                          "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "…"]
    assert "Nội dung dự thảo" not in head_row(render(data))[0]
    assert round_state(full_round["round"])["compiled_on"] is None


def test_compiling_keeps_the_date_and_what_was_given(full_round, tmp_path):
    rid = full_round["round"]
    data, _ = compile_summary(rid, "chuyen_vien", on="09/06/2021", ket_luan="Kính trình UBND tỉnh xem xét",
                              signer=SIGNER, noi_nhan=NOI_NHAN, cot_du_thao=True, today=AFTER)
    s = round_state(rid)
    assert s["compiled_on"] == "2021-06-09"
    assert s["summary"] == {"ket_luan": "Kính trình UBND tỉnh xem xét", "signer": SIGNER, "noi_nhan": NOI_NHAN,
                            "cot_du_thao": True}
    # rendered again a month later (the web's download): the same date and ending
    again, _ = summary_data(rid, today=dt.date(2021, 7, 20))
    assert again == data
    body = render(again)
    lines = texts(body)
    assert "Đắk Nông, ngày 09 tháng 6 năm 2021" in lines
    end = lines[lines.index("Kính trình UBND tỉnh xem xét./."):]
    assert end == ["Kính trình UBND tỉnh xem xét./.", "Nơi nhận:", "- Thường trực Tỉnh ủy (b/c);", "- Sở Tư pháp;",
                   "- Lưu: VT, KGVX.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn B"]
    head, table = head_row(body)
    assert head[2] == "Nội dung dự thảo"
    # the wording of the part each comment names, from the draft the round sent out
    state = {c["text"]: c for c in s["comments"]}
    rows = [[plain(c.text) for c in r.cells] for r in table.rows[1:] if r.cells[0].text.strip().isdigit()]
    with_part = [r for r in rows if state.get(r[3]) and (state[r[3]]["part"] or {}).get("text")]
    assert len(with_part) >= 10
    for r in with_part:
        assert r[2].split("\n") == [" ".join(x.split()) for x in state[r[3]]["part"]["text"].splitlines() if x.strip()]
    assert all(r[2] == "" for r in rows if r[1] in ("Chung", "Thể thức, kỹ thuật trình bày"))
    path = tmp_path / "tong_hop.docx"
    path.write_bytes(body)
    assert check_path(path).errors == []
    with db.reading() as conn:
        rows = conn.execute(audit.select().where(audit.c.action == "round.compile")).all()
    assert len(rows) == 1 and rows[0].actor == "chuyen_vien" and rows[0].detail["compiled_on"] == "2021-06-09"


def test_a_second_compile_keeps_what_it_is_not_told(full_round):
    rid = full_round["round"]
    compile_summary(rid, "cv", on="09/06/2021", signer=SIGNER, noi_nhan=NOI_NHAN, today=AFTER)
    data, _ = compile_summary(rid, "cv", ket_luan="Đề nghị Sở Tư pháp thẩm định", today=AFTER)
    assert data["date"] == "2021-06-20"  # compiled again: today
    assert data["signer"] == SIGNER and data["noi_nhan"] == NOI_NHAN and data["ket_luan"].startswith("Đề nghị")
    assert not data["cot_du_thao"]


def test_a_wrong_compile_keeps_nothing(full_round):
    rid = full_round["round"]
    with pytest.raises(generator.ValidationError) as exc:
        compile_summary(rid, "cv", on="09/06/2021", signer={"title": "GIÁM ĐỐC", "name": "TS. Nguyễn Văn C"},
                        today=AFTER)
    assert any(e.path == "signer.name" for e in exc.value.errors)
    from archive.rounds import RoundError

    with pytest.raises(RoundError):
        compile_summary(rid, "cv", on="31/02/2021", today=AFTER)
    for bad in ({"signer": "Trần Văn B"}, {"noi_nhan": "Sở Tư pháp"}, {"cot_du_thao": "có"}, {"ket_luan": 1}):
        with pytest.raises(RoundError):
            compile_summary(rid, "cv", today=AFTER, **bad)
    s = round_state(rid)
    assert s["compiled_on"] is None and s["summary"] == {}


def test_the_command_line_compiles_the_same(full_round, tmp_path):
    out = tmp_path / "tong_hop.docx"
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(full_round["round"]),
                           "-o", str(out), "--date", "09/06/2021", "--signer-title", "Phó Chủ tịch",
                           "--signer-name", "Trần Văn B", "--noi-nhan", "Sở Tư pháp", "--noi-nhan", "Lưu: VT, KGVX",
                           "--cot-du-thao"], capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    lines = texts(str(out))
    assert "Đắk Nông, ngày 09 tháng 6 năm 2021" in lines
    assert lines[-6:] == ["Nơi nhận:", "- Sở Tư pháp;", "- Lưu: VT, KGVX.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn B"]
    assert head_row(str(out))[0][2] == "Nội dung dự thảo"
    s = round_state(full_round["round"])
    assert s["compiled_on"] == "2021-06-09" and s["summary"]["signer"] == {"title": "Phó Chủ tịch",
                                                                           "name": "Trần Văn B"}


def test_the_workspace_form_and_the_json_route(client, full_round):
    rid = full_round["round"]
    page = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert 'id="form-lap-tong-hop"' in page and 'name="ket_luan"' in page and 'name="cot_du_thao"' in page
    r = client.post(f"/rounds/{rid}/summary", data={
        "ngay_tong_hop": "09/06/2021", "group_by": "article", "ket_luan": "", "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Trần Văn B", "noi_nhan": "Sở Tư pháp\r\nLưu: VT, KGVX\r\n"})
    assert r.status_code == 200 and r.mimetype == DOCX_MIME
    lines = texts(r.data)
    assert "Đắk Nông, ngày 09 tháng 6 năm 2021" in lines and lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                                          "Trần Văn B"]
    assert "Nội dung dự thảo" not in head_row(r.data)[0]  # off unless ticked
    # the plain download afterwards says the same; the form shows what was kept
    assert texts(client.get(f"/rounds/{rid}/summary?group_by=article").data) == lines
    page = client.get(f"/rounds/{rid}").get_data(as_text=True)
    assert "đã lập ngày 09/06/2021" in page and 'value="Trần Văn B"' in page
    bad = client.post(f"/rounds/{rid}/summary", data={"ngay_tong_hop": "31/02/2021", "signer_name": "X"})
    assert bad.status_code == 422 and "Chưa lập được bản tổng hợp" in bad.get_data(as_text=True)
    assert round_state(rid)["compiled_on"] == "2021-06-09"
    # JSON: the same function, the same names
    j = client.post(f"/api/rounds/{rid}/summary", json={"ngay_tong_hop": "2021-06-10", "cot_du_thao": True,
                                                        "noi_nhan": ["Sở Tư pháp"], "ket_luan": "Kính trình"})
    assert j.status_code == 200 and j.mimetype == DOCX_MIME
    assert head_row(j.data)[0][2] == "Nội dung dự thảo" and "Kính trình./." in texts(j.data)
    assert round_state(rid)["summary"]["signer"] == {"title": "PHÓ CHỦ TỊCH", "name": "Trần Văn B"}
    wrong = client.post(f"/api/rounds/{rid}/summary", json={"ngay": "2021-06-10"})
    assert wrong.status_code == 422 and wrong.get_json()["errors"][0]["field"] == "ngay"


def test_a_round_filed_before_migration_0010_still_renders(full_round):
    """Back to the schema before the compile columns and up again: the round is kept, its summary is
    dated the day it is rendered, with the defaults."""
    from alembic import command

    rid = full_round["round"]
    compile_summary(rid, "cv", on="09/06/2021", signer=SIGNER, today=AFTER)
    with db.engine().connect() as conn:
        command.downgrade(db._alembic_config(conn), "0009")
        conn.commit()
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(db._alembic_config(None)).get_current_head()
    assert db.upgrade() == head and head >= "0010"  # up again through 0010 and whatever came after it
    s = round_state(rid)
    assert s["compiled_on"] is None and s["summary"] == {} and len(s["comments"]) == 19
    data, _ = summary_data(rid, today=AFTER)
    assert data["date"] == "2021-06-20" and data["signer"]["title"] == "CHỦ TỊCH"
    assert "Đắk Nông, ngày 20 tháng 6 năm 2021" in texts(render(data))
