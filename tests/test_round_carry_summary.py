"""The Bản tổng hợp of a second round (seed 002): the answers carried from round 1 are in the table, under
the part they are at now and marked as of the round before; the counts above the table are round 2's.

Round 1 is the seed's round with its 19 comments answered; round 2 is sent on the revised draft of
test_round_carry.py (an article inserted at the top of the Quy chế, Điều 3 khoản 1 deleted) to four
agencies, two of which reply: Sở Nội vụ with two comments, Sở Tài chính agreeing."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import docx

from archive.rounds import add_reply, open_round, respond, round_state, summary_data
from generator import render_summary, tong_hop_paragraph
from generator.checker import check_path
from tests.docx_inspect import paragraph_texts
from tests.test_round_carry import answered, file_draft_text, revised  # noqa: F401
from tests.test_rounds_store import LETTER, full_round, seeded  # noqa: F401
from tests.test_summary_docx import HEAD, groups_of, items_of, summary_table

ROOT = Path(__file__).resolve().parent.parent
ROUND2 = ["Sở Tư pháp tỉnh Đắk Nông", "Ban Nội chính Tỉnh ủy", "Sở Nội vụ", "Sở Tài chính"]
TODAY = dt.date(2021, 7, 1)  # after round 2's deadline
SNV = LETTER.replace("215/SNV-VP", "260/SNV-VP").replace("ngày 20 tháng 5 năm 2021", "ngày 20 tháng 6 năm 2021")
STC = """UBND TỈNH ĐẮK NÔNG
SỞ TÀI CHÍNH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1123/STC-VP
Đắk Nông, ngày 22 tháng 6 năm 2021

V/v góp ý dự thảo Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng

Kính gửi: Sở Thông tin và Truyền thông

Sở Tài chính nhận được Công văn của Sở Thông tin và Truyền thông về việc lấy ý kiến góp ý dự thảo Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không gian mạng (lần 2). Sở Tài chính thống nhất với nội dung dự thảo, không có ý kiến khác.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC



Trần Văn Bình
"""
MARK = "(vòng 1)"  # how the Cơ quan góp ý cell says a row is round 1's


def second_round(answered, tmp_path) -> tuple[int, dict]:  # noqa: F811
    new_draft = file_draft_text(revised(answered["round"], delete_first_definition=True), tmp_path, "lan2.txt")
    rid = open_round(new_draft, ROUND2, "30/06/2021", "chuyen_vien", previous_round_id=answered["round"])
    for name, text in (("snv_260.txt", SNV), ("stc_1123.txt", STC)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        add_reply(rid, tmp_path / name, "van_thu", received="2021-06-25")
    state = round_state(rid, today=TODAY)
    assert state["replied"] == ["Sở Nội vụ", "Sở Tài chính"] and state["agreed_without_comment"] == ["Sở Tài chính"]
    assert state["counts"]["comments"] == 2 and state["counts"]["carried"] == 18 and len(state["dropped"]) == 1
    for c in state["comments"]:
        respond(c["id"], "tiep_thu", "Đã chỉnh sửa tại dự thảo.", "chuyen_vien")
    return rid, round_state(rid, today=TODAY)


def test_summary_data_lists_the_carried_answers(answered, tmp_path):  # noqa: F811
    rid, state = second_round(answered, tmp_path)
    data, notices = summary_data(rid, today=TODAY)
    own = [i for i in data["items"] if not i.get("carried")]
    carried = [i for i in data["items"] if i.get("carried")]
    assert [i["agency"] for i in own] == ["Sở Nội vụ", "Sở Nội vụ"]
    assert len(carried) == 18 and {i["round"] for i in carried} == {1}
    # as round 1 named the agency and its letter; the part as the revised draft numbers it; the answer as given
    bnc = next(i for i in carried if i["agency"] == "Ban Nội chính Tỉnh ủy" and i["target"] == "Điều 8 khoản 4 điểm a")
    old = next(c for c in answered["state"]["comments"]
               if c["agency"] == "Ban Nội chính Tỉnh ủy" and c["target"] == "Điều 7 khoản 4 điểm a")
    assert bnc["letter"] == "180-CV/BNCTU" and bnc["text"] == old["text"] and bnc["proposed"] == old["proposed"]
    assert (bnc["status"], bnc["giai_trinh"]) == (old["response"]["status"], old["response"]["giai_trinh"])
    # the dropped one (its part deleted) is not in the table, only said
    assert not any(i["agency"] == "Công an tỉnh" and "không gian mạng" in i["text"] and i["target"] == "Điều 3 khoản 1"
                   for i in carried)
    assert any("18 ý kiến đã giải trình ở vòng trước" in n and "có trong bảng" in n for n in notices)
    assert any("Công an tỉnh — Điều 3 khoản 1" in n for n in notices)
    # the Tờ trình's paragraph counts round 2 only
    # (the drafting body is the settings' own, whatever they say)
    assert ("xin ý kiến góp ý của 4 cơ quan, đơn vị; đã nhận được ý kiến của 2 cơ quan, đơn vị, trong đó 1 cơ quan, "
            "đơn vị thống nhất với dự thảo, 1 cơ quan, đơn vị có ý kiến góp ý cụ thể (2 ý kiến); 2 cơ quan, đơn vị "
            "chưa có ý kiến.") in tong_hop_paragraph(data)
    assert "đã tiếp thu 2 ý kiến và hoàn thiện dự thảo" in tong_hop_paragraph(data)
    assert state["title"] in data["draft_name"]


def test_compiled_table_has_the_carried_rows_in_both_groupings(answered, tmp_path):  # noqa: F811
    rid, state = second_round(answered, tmp_path)
    # by agency, through the command: round 2's letters first, then round 1's answers in a group of their own
    out = tmp_path / "tong_hop_vong_2.docx"
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(rid), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    assert "18 ý kiến đã giải trình ở vòng trước" in proc.stderr and "Công an tỉnh — Điều 3 khoản 1" in proc.stderr
    _, rows = summary_table(out)
    assert rows[0] == HEAD
    assert groups_of(rows) == ["I. Sở Nội vụ", "II. Ý kiến các vòng trước (đã tiếp thu, giải trình)"]
    numbered = items_of(rows)
    assert [r[0] for r in numbered] == [str(n) for n in range(1, 21)]  # one numbering through both
    marked = [r for r in numbered if r[3].endswith(MARK)]
    assert len(marked) == 18 and numbered[2:] == marked
    assert [r[1] for r in numbered[:2]] == ["Điều 9, khoản 2", "Thể thức, kỹ thuật trình bày"]
    bnc = next(r for r in marked if r[1] == "Điều 8, khoản 4, điểm a")
    assert bnc[3] == f"Ban Nội chính Tỉnh ủy\n(Văn bản số 180-CV/BNCTU)\n{MARK}"
    gone = " ".join(state["dropped"][0]["text"].split())
    assert not any(gone in " ".join(r[2].split()) for r in numbered)  # dropped: its part is gone
    # an agency's carried answers stay together, in round 1's order of letters
    agencies = [r[3].split("\n")[0] for r in marked]
    assert agencies == sorted(agencies, key=agencies.index) and len(set(agencies)) == 5
    report = check_path(out)
    assert report.kind == "tong_hop_y_kien"
    assert not report.errors, [(f.rule, f.where, f.message) for f in report.errors]

    # the counts are round 2's, then one sentence on round 1's answers
    texts = [x for x in paragraph_texts(out) if x.strip()]
    start = next(i for i, x in enumerate(texts) if x.endswith("xin ý kiến góp ý của 4 cơ quan, đơn vị."))
    assert texts[start + 1:start + 6] == [
        "Đã nhận được ý kiến của 2/4 cơ quan, đơn vị, trong đó:",
        "- 1 cơ quan, đơn vị thống nhất với dự thảo, không có ý kiến khác: Sở Tài chính;",
        "- 1 cơ quan, đơn vị có ý kiến góp ý cụ thể (2 ý kiến): Sở Nội vụ.",
        "Có 2 cơ quan, đơn vị chưa có ý kiến: Sở Tư pháp tỉnh Đắk Nông, Ban Nội chính Tỉnh ủy.",
        f"{texts[start].split(' đã gửi ')[0]} đã nghiên cứu, tiếp thu 2 ý kiến. Ngoài ra, 18 ý kiến góp ý của vòng "
        "trước đã được tiếp thu, giải trình, nay được tổng hợp lại theo điều, khoản tương ứng của dự thảo này. Ý kiến "
        "góp ý và việc tiếp thu, giải trình cụ thể như sau:"]

    # by article: round 1's answers sit at their article among round 2's, marked in the Cơ quan góp ý cell
    data, _ = summary_data(rid, group_by="article", today=TODAY)
    path = render_summary(data, tmp_path / "tong_hop_vong_2_dieu.docx")
    _, rows = summary_table(path)
    numbered = items_of(rows)
    assert len(numbered) == 20 and len([r for r in numbered if r[3].endswith(MARK)]) == 18
    assert not any("vòng trước" in g for g in groups_of(rows))
    groups = groups_of(rows)
    assert groups.index("VIII. Điều 8") < groups.index("IX. Điều 9")  # the draft's order, new numbers
    at_8 = rows[rows.index(["VIII. Điều 8"]) + 1:rows.index(["IX. Điều 9"])]
    assert "Điều 8, khoản 4, điểm a" in [r[1] for r in at_8] and all(r[3].endswith(MARK) for r in at_8)
    at_9 = rows[rows.index(["IX. Điều 9"]) + 1:]
    at_9 = at_9[:next((i for i, r in enumerate(at_9) if len(r) == 1), len(at_9))]
    assert at_9[0][1] == "Điều 9, khoản 2" and not at_9[0][3].endswith(MARK)  # round 2's own comment
    report = check_path(path)
    assert not report.errors, [(f.rule, f.where, f.message) for f in report.errors]
    assert len(docx.Document(str(path)).tables) >= 2
