"""Comment rounds filed in the archive, on the real seed 002: the round on the draft, the 11 reply letters,
the comments read from them, the responses; refusals that change nothing; the command line; export/import.

Letter 408, with the list of the ~30 agencies consulted, is not in the seed: AGENCIES is that list as a
drafter would type it — the 11 that replied (written the drafter's way, not the letters' way) and 19
others of the province.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import archive
from archive import db
from archive.rounds import (ReplyFileError, RoundError, add_comment, add_reply, close_round, confirm_comment,
                            delete_comment, edit_comment, edit_reply, list_rounds, open_round, respond, round_state)
from archive.schema import TABLES, audit, document

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/002_c86d25cbeb24d76d.txt"

AGREED = ["Báo Đắk Nông", "Đài Phát thanh - Truyền hình tỉnh", "UBND huyện Đắk Song", "UBND huyện Cư Jút",
          "UBND huyện Krông Nô", "UBND huyện Đắk Mil"]
# consultee → how many comments its letter makes (test_round_parse.py reads them one by one)
COMMENTED = {"Sở Tư pháp tỉnh Đắk Nông": 2, "UBND thành phố Gia Nghĩa": 2, "Ban Tuyên giáo Tỉnh ủy": 5,
             "Ban Nội chính Tỉnh ủy": 4, "Công an tỉnh": 6}
OTHERS = ["Bộ Chỉ huy Quân sự tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Giáo dục và Đào tạo",
          "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
          "Sở Lao động - Thương binh và Xã hội", "Sở Tài nguyên và Môi trường",
          "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh",
          "Liên đoàn Lao động tỉnh", "Hội Nhà báo tỉnh", "UBND huyện Đắk R'lấp", "UBND huyện Đắk Glong",
          "UBND huyện Tuy Đức"]
AGENCIES = list(COMMENTED)[:2] + OTHERS[:5] + list(COMMENTED)[2:] + AGREED + OTHERS[5:]
DEADLINE = dt.date(2021, 5, 31)
RECEIVED = dt.date(2021, 5, 25)
IN_TIME, AFTER = dt.date(2021, 5, 30), dt.date(2021, 6, 1)


@pytest.fixture()
def seeded(data_dir, corpus) -> dict:
    """The seed filed: the draft decision (with its Quy chế after it) and the 11 letters, by number."""
    db.upgrade()
    outcome = archive.ingest_file(corpus / SEED, actor="test")
    assert outcome.status == "filed" and len(outcome.document_ids) == 17
    docs = dict(zip(outcome.document_ids, outcome.documents))
    draft = next(i for i, m in docs.items() if m["kind"] == "quyet_dinh" and m["status"] == "draft")
    letters = {(m["so"], m["ky_hieu"]): i for i, m in docs.items()
               if m["kind"] == "cong_van" and "góp ý" in (m["trich_yeu"] or "")}
    assert len(letters) == 11
    return {"draft": draft, "letters": letters}


@pytest.fixture()
def full_round(seeded) -> dict:
    rid = open_round(seeded["draft"], AGENCIES, "31/05/2021", "chuyen_vien")
    for doc_id in seeded["letters"].values():
        add_reply(rid, doc_id, "van_thu", received=RECEIVED)
    return {**seeded, "round": rid}


def counts() -> dict[str, int]:
    with db.reading() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in TABLES}


def comment_of(state: dict, agency: str, target: str) -> dict:
    return next(c for c in state["comments"] if c["agency"] == agency and c["target"] == target)


# --- the round on seed 002 ----------------------------------------------------------------------------------

def test_the_eleven_letters_of_seed_002(full_round):
    s = round_state(full_round["round"], today=IN_TIME)
    assert s["title"].startswith("Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc")  # read from the draft
    assert s["draft"] == {"document_id": full_round["draft"], "version": 1, "number": "…/QĐ-UBND",
                          "kind": "quyet_dinh"}
    assert s["consulted"] == AGENCIES and s["counts"]["consulted"] == 30
    assert s["counts"]["replied"] == 11 and s["counts"]["letters"] == 11
    assert sorted(s["agreed_without_comment"]) == sorted(AGREED)
    assert sorted(s["with_comments"]) == sorted(COMMENTED)
    # not replied: exactly the other 19, in the order of the list sent
    assert s["not_replied"] == OTHERS
    assert s["not_on_list"] == [] and s["overdue"] == [] and not s["deadline_passed"]
    # every letter found its agency, though none prints the name the way the list writes it
    by_letter = {(r["so"], r["ky_hieu"]): r["consultee"] for r in s["replies"]}
    assert by_letter[(487, "STP-VP")] == "Sở Tư pháp tỉnh Đắk Nông"  # "SỞ TƯ PHÁP"
    assert by_letter[(90, "PTTH-TCHC")] == "Đài Phát thanh - Truyền hình tỉnh"  # "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH"
    # two letters from a "PHÒNG VĂN HÓA VÀ THÔNG TIN", each answering for its district
    assert by_letter[(110, "CV-VHTT")] == "UBND huyện Cư Jút" and by_letter[(51, "VHTT")] == "UBND huyện Đắk Mil"
    assert by_letter[(1826, "UBND-VHTT")] == "UBND huyện Đắk Song"  # "ỦY BAN NHÂN DÂN HUYỆN ĐẮK SONG"
    # the comments: 19, each a proposal until a person confirms it
    per_agency = {}
    for c in s["comments"]:
        per_agency[c["agency"]] = per_agency.get(c["agency"], 0) + 1
    assert per_agency == COMMENTED
    assert s["counts"]["comments"] == 19 and s["counts"]["unconfirmed"] == 19 and s["counts"]["unanswered"] == 19
    assert all(c["response"] is None and not c["confirmed"] for c in s["comments"])


def test_each_comment_shows_the_part_it_names(full_round):
    s = round_state(full_round["round"], today=IN_TIME)
    ca = comment_of(s, "Công an tỉnh", "Điều 3 khoản 1")
    assert ca["document"] == "quy_che" and ca["part"]["text"].startswith("1. Không gian mạng là mạng lưới")
    assert "khái niệm về không gian mạng" in ca["text"]
    bnc = comment_of(s, "Ban Nội chính Tỉnh ủy", "Điều 7 khoản 4 điểm a")
    assert bnc["part"]["text"].startswith("a) Chủ trì việc nghiên cứu, theo dõi")
    assert bnc["proposed"].startswith("a) Tăng cường công tác chỉ đạo")
    gn = comment_of(s, "UBND thành phố Gia Nghĩa", "can_cu")  # the decision's căn cứ, from the draft decision
    assert gn["document"] == "quyet_dinh" and "Luật An ninh mạng" in gn["part"]["text"]
    assert "TM. ỦY BAN NHÂN DÂN" in comment_of(s, "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")["part"]["text"]
    # a comment about the layout is about the whole draft: no part to show, nothing missing either
    layout = comment_of(s, "Sở Tư pháp tỉnh Đắk Nông", "the_thuc")
    assert layout["part"] is None and not layout["part_missing"]
    assert not any(c["part_missing"] for c in s["comments"])


def test_deadline_passed_names_the_overdue(full_round):
    s = round_state(full_round["round"], today=AFTER)
    assert s["deadline_passed"] and s["overdue"] == OTHERS and s["counts"]["overdue"] == 19
    assert not any(r["late"] for r in s["replies"])
    late = open_round(full_round["draft"], ["Sở Nội vụ", "Sở Tư pháp"], DEADLINE, "cv")
    add_reply(late, full_round["letters"][(487, "STP-VP")], "vt", received=AFTER)
    s = round_state(late, today=AFTER)
    assert s["overdue"] == ["Sở Nội vụ"] and [r["late"] for r in s["replies"]] == [True]


def test_opening_and_every_letter_are_in_the_audit(full_round):
    with db.reading() as conn:
        rows = conn.execute(select(audit.c.action, audit.c.document_id, audit.c.actor, audit.c.detail)
                            .where(audit.c.action.like("round.%")).order_by(audit.c.id)).all()
    assert [r.action for r in rows] == ["round.open"] + ["round.reply"] * 11
    assert rows[0].document_id == full_round["draft"] and rows[0].actor == "chuyen_vien"
    assert rows[0].detail["agencies"] == 30 and rows[0].detail["deadline"] == "2021-05-31"
    assert {r.document_id for r in rows[1:]} == set(full_round["letters"].values())
    assert sum(r.detail["comments"] for r in rows[1:]) == 19


def test_responses(full_round):
    rid = full_round["round"]
    s = round_state(rid, today=IN_TIME)
    first = comment_of(s, "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")
    layout = comment_of(s, "Công an tỉnh", "the_thuc")
    respond(first["id"], "tiep_thu", "Điều chỉnh thẩm quyền ký là “Ủy ban nhân dân tỉnh”.", "cv", round_id=rid)
    respond(layout["id"], "khong_tiep_thu", "Dự thảo đã theo Nghị định 30/2020/NĐ-CP.", "cv")
    s = round_state(rid, today=IN_TIME)
    got = comment_of(s, "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")
    assert got["response"]["status"] == "tiep_thu" and got["response"]["status_words"] == "tiếp thu"
    assert got["response"]["giai_trinh"].startswith("Điều chỉnh thẩm quyền ký") and got["response"]["by"] == "cv"
    assert got["confirmed"]  # whoever answers a comment has read it
    assert s["counts"]["answered"] == 2 and s["counts"]["unanswered"] == 17 and s["counts"]["unconfirmed"] == 17
    # a second answer replaces the first; the first stays in the audit
    respond(layout["id"], "tiep_thu_mot_phan", "Sửa lỗi chính tả; các căn cứ giữ nguyên.", "lanh_dao")
    s = round_state(rid, today=IN_TIME)
    assert comment_of(s, "Công an tỉnh", "the_thuc")["response"]["status"] == "tiep_thu_mot_phan"
    assert counts()["response"] == 2
    with db.reading() as conn:
        last = conn.execute(select(audit.c.detail).where(audit.c.action == "response.set")
                            .order_by(audit.c.id.desc())).scalars().first()
    assert last["before"]["status"] == "khong_tiep_thu" and last["status"] == "tiep_thu_mot_phan"


def test_a_person_corrects_what_was_read(full_round):
    rid = full_round["round"]
    s = round_state(rid, today=IN_TIME)
    btg = comment_of(s, "Ban Tuyên giáo Tỉnh ủy", "Điều 7 khoản 5")
    # the letter's "Khoản 5, Điều 7" is khoản 4 of the revised draft: the drafter points it there
    edit_comment(btg["id"], "cv", target="khoản 4, Điều 7")
    s = round_state(rid, today=IN_TIME)
    moved = next(c for c in s["comments"] if c["id"] == btg["id"])
    assert moved["target"] == "Điều 7 khoản 4" and moved["confirmed"]
    assert moved["part"]["text"].startswith("4. Đề nghị Ban Tuyên giáo Tỉnh ủy")
    ca = comment_of(s, "Công an tỉnh", "Điều 5")
    confirm_comment(ca["id"], "cv")
    assert next(c for c in round_state(rid)["comments"] if c["id"] == ca["id"])["confirmed"]
    # a comment the reading missed in an agreeing letter: the agency moves to those with comments
    bao = next(r for r in s["replies"] if r["consultee"] == "Báo Đắk Nông")
    new = add_comment(bao["id"], "cv", "Đề nghị bổ sung Báo Đắk Nông vào khoản 6.", target="Điều 7 khoản 6")
    s = round_state(rid, today=IN_TIME)
    assert "Báo Đắk Nông" in s["with_comments"] and "Báo Đắk Nông" not in s["agreed_without_comment"]
    assert next(c for c in s["comments"] if c["id"] == new)["confirmed"]
    # … and it was not a comment after all: deleted, with its response, and the letter agrees again
    respond(new, "ghi_nhan", None, "cv")
    delete_comment(new, "cv")
    assert counts()["response"] == 0
    edit_reply(bao["id"], "cv", agrees_without_comment=True)
    assert "Báo Đắk Nông" in round_state(rid)["agreed_without_comment"]
    with db.reading() as conn:
        actions = conn.execute(select(audit.c.action).where(audit.c.action.like("comment.%"))
                               .order_by(audit.c.id)).scalars().all()
        gone = conn.execute(select(audit.c.detail).where(audit.c.action == "comment.delete")).scalar_one()
    assert actions == ["comment.edit", "comment.confirm", "comment.add", "comment.delete"]
    assert gone["response"]["status"] == "ghi_nhan" and gone["text"].startswith("Đề nghị bổ sung Báo")


# --- refusals change nothing ------------------------------------------------------------------------------

def test_refusals_change_nothing(full_round, corpus):
    rid = full_round["round"]
    cid = round_state(rid)["comments"][0]["id"]
    first_reply = round_state(rid)["replies"][0]["id"]  # Sở Tư pháp's letter, with two comments
    before = counts()
    refusals = [
        (lambda: respond(cid, "dong_y", "x", "cv"), "Ý kiến tiếp thu đã chọn không có trong danh sách"),
        (lambda: respond(cid, "khong_tiep_thu", "  ", "cv"), "giải trình"),
        (lambda: respond(99999, "tiep_thu", "x", "cv"), "không có ý kiến góp ý số 99999"),
        (lambda: respond(cid, "tiep_thu", "x", "cv", round_id=99), "không có vòng lấy ý kiến số 99"),
        (lambda: add_reply(rid, full_round["letters"][(487, "STP-VP")], "vt"), "đã có trong vòng lấy ý kiến"),
        # the whole seed file again: its letters are the ones already in the round
        (lambda: add_reply(rid, corpus / SEED, "vt"), "đã có trong vòng lấy ý kiến"),
        (lambda: add_reply(99, full_round["letters"][(487, "STP-VP")], "vt"), "không có vòng lấy ý kiến số 99"),
        (lambda: add_reply(rid, 99999, "vt"), "không có văn bản số 99999"),
        (lambda: add_reply(rid, full_round["draft"], "vt"), "chính dự thảo"),
        (lambda: round_state(99), "không có vòng lấy ý kiến số 99"),
        (lambda: open_round(full_round["letters"][(41, "CV/BDN")], ["Sở Tư pháp"], DEADLINE, "cv"),
         "không phải dự thảo"),
        (lambda: open_round(full_round["draft"], [" ", ""], DEADLINE, "cv"), "ít nhất một cơ quan"),
        (lambda: open_round(full_round["draft"], ["Sở Tư pháp"], "31/02/2021", "cv"), "không phải là ngày"),
        (lambda: open_round(full_round["draft"], ["Sở Tư pháp"], DEADLINE, "cv", previous_round_id=99),
         "không có vòng lấy ý kiến số 99"),
        (lambda: open_round(99999, ["Sở Tư pháp"], DEADLINE, "cv"), "không có văn bản số 99999"),
        (lambda: edit_comment(cid, "cv", target="đâu đó"), "không hiểu phần dự thảo"),
        (lambda: edit_comment(cid, "cv", document="ke_hoach"), "không phải văn bản của dự thảo"),
        (lambda: edit_comment(cid, "cv", text=" "), "không được để trống"),
        (lambda: edit_comment(99999, "cv", text="x"), "không có ý kiến góp ý số 99999"),
        (lambda: delete_comment(99999, "cv"), "không có ý kiến góp ý số 99999"),
        (lambda: add_comment(99999, "cv", "x"), "không có văn bản góp ý số 99999"),
        (lambda: edit_reply(first_reply, "cv", agrees_without_comment=True), "xóa các ý kiến"),
        (lambda: edit_reply(first_reply, "cv", consultee_id=99999), "không có trong danh sách"),
    ]
    for call, words in refusals:
        with pytest.raises(RoundError, match=words):
            call()
        assert counts() == before, words
    # a closed round takes no more letters
    other = open_round(full_round["draft"], ["Sở Nội vụ"], DEADLINE, "cv")
    close_round(other, "cv")
    before = counts()
    with pytest.raises(RoundError, match="đã kết thúc"):
        add_reply(other, full_round["letters"][(41, "CV/BDN")], "vt")
    with pytest.raises(RoundError, match="đã kết thúc"):
        close_round(other, "cv")
    assert counts() == before


LETTER = """UBND TỈNH ĐẮK NÔNG
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 215/SNV-VP
Đắk Nông, ngày 20 tháng 5 năm 2021

V/v góp ý dự thảo Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng

Kính gửi: Sở Thông tin và Truyền thông

Phúc đáp Công văn số 408/STTTT-TTBCXB của Sở Thông tin và Truyền thông về việc lấy ý kiến góp ý dự thảo Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng, Sở Nội vụ có ý kiến như sau:

1. Tại khoản 2 Điều 9 dự thảo Quy chế, đề nghị sửa thành “Sở Nội vụ phối hợp đưa kết quả thực hiện vào đánh giá thi đua hằng năm”.

2. Về thể thức, đề nghị rà soát lỗi chính tả.

Trên đây là ý kiến của Sở Nội vụ, gửi Sở Thông tin và Truyền thông tổng hợp./.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC



Nguyễn Văn Hùng
"""


def test_a_letter_from_a_file_is_filed_and_read(full_round, tmp_path):
    rid = full_round["round"]
    path = tmp_path / "snv_215.txt"
    path.write_text(LETTER, encoding="utf-8")
    before = counts()
    [added] = add_reply(rid, path, "vt", received=RECEIVED)
    assert added["consultee"] == "Sở Nội vụ" and added["comments"] == 2 and not added["agrees_without_comment"]
    after = counts()
    assert after["document"] == before["document"] + 1 and after["reply"] == before["reply"] + 1
    assert after["comment"] == before["comment"] + 2
    with db.reading() as conn:
        filed = conn.execute(select(document.c.status, document.c.so)
                             .where(document.c.id == added["document_id"])).first()
    assert tuple(filed) == ("received", 215)  # filed through the ingest, as an incoming letter
    s = round_state(rid, today=IN_TIME)
    assert "Sở Nội vụ" not in s["not_replied"] and "Sở Nội vụ" in s["with_comments"]
    snv = [c for c in s["comments"] if c["agency"] == "Sở Nội vụ"]
    assert [c["target"] for c in snv] == ["Điều 9 khoản 2", "the_thuc"]
    assert snv[0]["proposed"].startswith("Sở Nội vụ phối hợp") and snv[0]["part"]["text"].startswith("2.")
    # the same file again: the archive has it already, and the round has its letter
    with pytest.raises(RoundError, match="215/SNV-VP của SỞ NỘI VỤ đã có"):
        add_reply(rid, path, "vt")
    assert counts() == after
    # the same letter from another file (scanned again, saved again): refused before it is filed twice
    copy = tmp_path / "snv_215_ban_sao.txt"
    copy.write_text(LETTER + "\n", encoding="utf-8")
    with pytest.raises(RoundError, match="215/SNV-VP của SỞ NỘI VỤ đã có"):
        add_reply(rid, copy, "vt")
    assert counts() == after
    # a letter from a body not on the list is kept, and named as such
    path2 = tmp_path / "syt.txt"
    path2.write_text(LETTER.replace("SỞ NỘI VỤ", "BỆNH VIỆN ĐA KHOA TỈNH").replace("215/SNV-VP", "88/BV-KHTH"),
                     encoding="utf-8")
    [stray] = add_reply(rid, path2, "vt")
    assert stray["consultee"] is None
    assert round_state(rid)["not_on_list"] == ["BỆNH VIỆN ĐA KHOA TỈNH"]
    # a file that cannot be read is refused before anything is written
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    before = counts()
    with pytest.raises(ReplyFileError, match="không nạp được tệp rong.txt"):
        add_reply(rid, empty, "vt")
    assert counts() == before


def test_second_round_and_list(full_round):
    second = open_round(full_round["draft"], ["Sở Tư pháp", "- Sở Tư pháp;", "Ủy ban nhân dân huyện Đắk Song",
                                              "UBND huyện Đắk Song"], "15/06/2021", "cv", title="Dự thảo lần 2",
                        previous_round_id=full_round["round"])
    s = round_state(second)
    # the same agency written twice is consulted once
    assert s["number"] == 2 and s["previous_round_id"] == full_round["round"] and s["title"] == "Dự thảo lần 2"
    assert s["consulted"] == ["Sở Tư pháp", "Ủy ban nhân dân huyện Đắk Song"]
    rounds = list_rounds()
    assert [(r["id"], r["number"], r["replied"], r["consulted"]) for r in rounds] == \
        [(second, 2, 0, 2), (full_round["round"], 1, 11, 30)]


def test_export_import_keeps_the_round(full_round, tmp_path, monkeypatch):
    from archive.transfer import export_archive, import_archive

    rid = full_round["round"]
    cid = round_state(rid)["comments"][3]["id"]
    respond(cid, "tiep_thu", "Đã bổ sung căn cứ.", "cv")
    state = round_state(rid, today=IN_TIME)
    first = tmp_path / "a"
    manifest = export_archive(first)
    assert manifest["counts"]["comment_round"] == 1 and manifest["counts"]["comment"] == 19
    assert manifest["counts"]["response"] == 1 and manifest["counts"]["consultee"] == 30
    monkeypatch.setenv("VANTHU_DATA", str(tmp_path / "data2"))
    import_archive(first)
    assert round_state(rid, today=IN_TIME) == state
    second = tmp_path / "b"
    export_archive(second)
    files = lambda d: {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(first) == files(second)


# --- the command line ---------------------------------------------------------------------------------------

def vanthu(data: Path, *args):
    env = {**os.environ, "VANTHU_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "webui.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def test_cli_round_trip(seeded, data_dir, tmp_path):
    listed = tmp_path / "co_quan.txt"
    listed.write_text("\n".join(AGENCIES[1:]) + "\n", encoding="utf-8")
    proc = vanthu(data_dir, "round", "open", seeded["draft"], "--agency", AGENCIES[0], "--agencies-file", listed,
                  "--deadline", "31/05/2021")
    assert proc.returncode == 0, proc.stderr
    rid = int(proc.stdout.strip())
    proc = vanthu(data_dir, "round", "reply", rid, *seeded["letters"].values(), "--received", "25/05/2021")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("đã thêm") == 11 and "Sở Tư pháp tỉnh Đắk Nông: 2 ý kiến" in proc.stdout
    proc = vanthu(data_dir, "round", "show", rid, "--json")
    assert proc.returncode == 0, proc.stderr
    state = json.loads(proc.stdout)
    assert state["consulted"] == AGENCIES and state["not_replied"] == OTHERS
    assert sorted(state["agreed_without_comment"]) == sorted(AGREED) and state["counts"]["comments"] == 19
    cid = comment_of(state, "Ban Nội chính Tỉnh ủy", "Điều 7 khoản 4 điểm a")["id"]
    proc = vanthu(data_dir, "round", "respond", rid, cid, "--status", "tiep_thu_mot_phan",
                  "--giai-trinh", "Chuyển điểm b lên khoản 2; giữ điểm a.")
    assert proc.returncode == 0, proc.stderr
    # refusals: exit 1, a Vietnamese reason on stderr, nothing changed
    snapshot = counts()
    proc = vanthu(data_dir, "round", "respond", rid, cid, "--status", "dong_y")
    assert proc.returncode == 1 and "trạng thái tiếp thu 'dong_y' không có" in proc.stderr
    proc = vanthu(data_dir, "round", "reply", rid, seeded["letters"][(487, "STP-VP")])
    assert proc.returncode == 1 and "đã có trong vòng lấy ý kiến" in proc.stderr
    proc = vanthu(data_dir, "round", "show", 99)
    assert proc.returncode == 1 and "không có vòng lấy ý kiến số 99" in proc.stderr
    proc = vanthu(data_dir, "round", "reply", rid, tmp_path / "khong_co.txt")
    assert proc.returncode == 2 and "không có tệp này" in proc.stderr
    proc = vanthu(data_dir, "round", "open", seeded["draft"], "--agency", "Sở Nội vụ", "--deadline", "31/13/2021")
    assert proc.returncode == 1 and "không phải là ngày" in proc.stderr
    assert counts() == snapshot
    # the readable report and the list
    proc = vanthu(data_dir, "round", "show", rid)
    assert proc.returncode == 0, proc.stderr
    assert "Đã lấy ý kiến 30 cơ quan; 11 đã trả lời (6 thống nhất, không có ý kiến khác; 5 có ý kiến); " \
           "19 chưa trả lời." in proc.stdout
    assert "Chưa trả lời (quá hạn): Bộ Chỉ huy Quân sự tỉnh; Sở Nội vụ" in proc.stdout
    assert "Trả lời: tiếp thu một phần — Chuyển điểm b lên khoản 2" in proc.stdout
    assert "Dự thảo hiện nay: a) Chủ trì việc nghiên cứu" in proc.stdout
    proc = vanthu(data_dir, "round", "list")
    assert proc.returncode == 0 and "11/30 đã trả lời" in proc.stdout and "Quy chế phối hợp theo dõi" in proc.stdout
