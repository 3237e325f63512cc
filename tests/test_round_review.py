"""What a browser review of the comment-round workspace found, on the real round of seed 002: a part a person
names must be a part of the draft (with what the draft has, and the other document when it has the part);
a comment read from a letter keeps the part the letter names; no request letter past the deadline; answers
refused in words, not codes; topics in words in the form; summary file names in Vietnamese."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.rounds import (RoundError, add_comment, add_reply, edit_comment, request_letter, respond, round_state,
                            set_deadline)
from tests.test_rounds_store import LETTER, RECEIVED, comment_of, counts, full_round, seeded  # noqa: F401
from tests.test_web_rounds import client, html, text_of  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def vanthu(*args):
    return subprocess.run([sys.executable, "-m", "webui.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ})


def test_a_person_cannot_name_a_part_the_draft_lacks(full_round):
    rid = full_round["round"]
    s = round_state(rid)
    c = comment_of(s, "Công an tỉnh", "Điều 5")
    reply_id = c["reply_id"]
    before = counts()
    with pytest.raises(RoundError, match=r"^Dự thảo Quy chế không có Điều 99 \(có Điều 1 đến Điều 9\)$"):
        edit_comment(c["id"], "cv", target="Điều 99 khoản 88")
    with pytest.raises(RoundError, match=r"Dự thảo Quy chế không có Điều 7 khoản 88 \(Điều 7 có khoản 1 đến khoản 7\)"):
        add_comment(reply_id, "cv", "Đề nghị bổ sung.", target="Điều 7 khoản 88")
    with pytest.raises(RoundError, match="Dự thảo Quy chế không có Chương IX"):
        edit_comment(c["id"], "cv", target="Chương IX", document="quy_che")
    with pytest.raises(RoundError, match="chưa nêu điều nào"):
        edit_comment(c["id"], "cv", target="khoản 2")
    # only the Quy chế has an Điều 7: the message says to choose it
    with pytest.raises(RoundError, match=r"^Dự thảo Quyết định không có Điều 7 \(có Điều 1 và Điều 2\); Dự thảo Quy "
                                         r"chế có Điều 7 khoản 2: chọn Văn bản là Quy chế$"):
        edit_comment(c["id"], "cv", target="Điều 7 khoản 2", document="quyet_dinh")
    # the document alone changed to one without the part: refused too
    with pytest.raises(RoundError, match="Dự thảo Quyết định không có Điều 5"):
        edit_comment(c["id"], "cv", document="quyet_dinh")
    assert counts() == before
    assert comment_of(round_state(rid), "Công an tỉnh", "Điều 5")["target"] == "Điều 5"
    # a part the draft has, and the topics (typed as codes or words), are taken
    edit_comment(c["id"], "cv", target="khoản 2 Điều 7")
    assert next(x for x in round_state(rid)["comments"] if x["id"] == c["id"])["target"] == "Điều 7 khoản 2"
    for typed, code in [("Thẩm quyền ký", "tham_quyen_ky"), ("căn cứ", "can_cu"), ("the_thuc", "the_thuc"),
                        ("Chung", "chung")]:
        assert edit_comment(c["id"], "cv", target=typed)["target"] == code
    new = add_comment(reply_id, "cv", "Đề nghị rà soát căn cứ.", target="Căn cứ", document="quyet_dinh")
    assert next(x for x in round_state(rid)["comments"] if x["id"] == new)["target"] == "can_cu"


def test_a_letter_keeps_the_part_it_names(client, full_round, tmp_path):
    """A letter may cite a part of an older draft: read as written, and shown as not in this draft."""
    rid = full_round["round"]
    letter = tmp_path / "snv.txt"
    letter.write_text(LETTER.replace("khoản 2 Điều 9", "khoản 2 Điều 40"), encoding="utf-8")
    add_reply(rid, letter, "vt", received=RECEIVED)
    c = comment_of(round_state(rid), "Sở Nội vụ", "Điều 40 khoản 2")
    assert c["part_missing"] and c["part"] is None
    page = html(client.get(f"/rounds/{rid}"))
    card = page.xpath(f"//article[@id='y-{c['id']}']")[0]
    assert "Không có trong dự thảo này" in card.text_content() and "không còn" not in card.text_content()
    group = card.getparent()
    assert "không có trong dự thảo này" in group.xpath("./h3")[0].text_content()
    # its text corrected by a person: the letter's part stays as written
    edit_comment(c["id"], "cv", text=c["text"] + " (đã soát)")
    assert comment_of(round_state(rid), "Sở Nội vụ", "Điều 40 khoản 2")["confirmed"]


def test_the_web_edit_refuses_a_made_up_part(client, full_round):
    rid = full_round["round"]
    c = comment_of(round_state(rid), "Công an tỉnh", "Điều 5")
    before = counts()
    form = {"document": "quyet_dinh", "target": "Điều 7 khoản 2", "text": c["text"], "proposed": c["proposed"] or ""}
    r = client.post(f"/rounds/{rid}/comments/{c['id']}/edit", data=form)
    assert r.status_code == 422 and counts() == before
    card = html(r).xpath(f"//article[@id='y-{c['id']}']")[0]
    assert "Dự thảo Quy chế có Điều 7 khoản 2: chọn Văn bản là Quy chế" in text_of(card, ".//*[@role='alert']")
    bao = next(x for x in round_state(rid)["replies"] if x["consultee"] == "Báo Đắk Nông")
    r = client.post(f"/rounds/{rid}/replies/{bao['id']}/comments",
                    data={"document": "quy_che", "target": "Điều 99 khoản 88", "text": "Bổ sung.", "proposed": ""})
    assert r.status_code == 422 and "Dự thảo Quy chế không có Điều 99 (có Điều 1 đến Điều 9)" in r.get_data(as_text=True)
    assert counts() == before


def test_topics_in_words_in_the_form(client, full_round):
    rid = full_round["round"]
    c = comment_of(round_state(rid), "Sở Tư pháp tỉnh Đắk Nông", "tham_quyen_ky")
    card = html(client.get(f"/rounds/{rid}")).xpath(f"//article[@id='y-{c['id']}']")[0]
    assert card.xpath(".//input[@name='target']/@value") == ["Thẩm quyền ký"]
    hint = text_of(card, ".//p[@class='hint']")
    assert "Thẩm quyền ký" in hint and "Căn cứ" in hint and "tham_quyen_ky" not in hint and "can_cu" not in hint
    # sent back as shown: no change to the part, the code kept
    form = {"document": c["document"], "target": "Thẩm quyền ký", "text": c["text"] + " Rõ hơn.",
            "proposed": c["proposed"] or ""}
    assert client.post(f"/rounds/{rid}/comments/{c['id']}/edit", data=form).status_code == 303
    got = next(x for x in round_state(rid)["comments"] if x["id"] == c["id"])
    assert got["target"] == "tham_quyen_ky" and got["text"].endswith("Rõ hơn.")
    # typed as a word: stored as the code
    assert client.post(f"/rounds/{rid}/comments/{c['id']}/edit", data={**form, "target": "Căn cứ"}).status_code == 303
    assert next(x for x in round_state(rid)["comments"] if x["id"] == c["id"])["target"] == "can_cu"


@pytest.mark.parametrize("status, words", [
    ("", "Chưa chọn ý kiến tiếp thu: Tiếp thu, Tiếp thu một phần, Không tiếp thu hoặc Ghi nhận."),
    ("dong_y", "chọn một trong: Tiếp thu, Tiếp thu một phần, Không tiếp thu hoặc Ghi nhận."),
])
def test_a_missing_status_is_said_in_words(client, full_round, status, words):
    rid = full_round["round"]
    cid = round_state(rid)["comments"][3]["id"]
    r = client.post(f"/rounds/{rid}/comments/{cid}/response", data={"status": status, "giai_trinh": ""})
    assert r.status_code == 422
    alert = text_of(html(r).xpath(f"//article[@id='y-{cid}']")[0], ".//*[@role='alert']")
    assert words in alert
    assert not any(code in alert for code in ("tiep_thu", "ghi_nhan", "khong_tiep_thu", "''"))
    # the command line, where the code is typed, lists the codes it takes
    proc = vanthu("round", "respond", rid, cid, "--status", "dong_y")
    assert proc.returncode != 0 and "tiep_thu_mot_phan" in proc.stderr and "Tiếp thu một phần" in proc.stderr


def test_no_request_letter_past_the_deadline(client, full_round, tmp_path):
    rid = full_round["round"]  # hạn 31/05/2021
    message = ("Hạn góp ý của vòng (31/05/2021) đã qua; hãy sửa hạn của vòng trước khi gửi công văn xin ý kiến")
    with pytest.raises(RoundError, match=r"Hạn góp ý của vòng \(31/05/2021\) đã qua; hãy sửa hạn"):
        request_letter(rid, today=dt.date(2021, 6, 1))
    assert "trước ngày 31/05/2021" in " ".join(request_letter(rid, today=dt.date(2021, 5, 10))["noi_dung"])
    out = tmp_path / "x.docx"
    proc = vanthu("round", "request", rid, "-o", out)
    assert proc.returncode == 1 and message in proc.stderr and not out.exists()
    r = client.get(f"/rounds/{rid}/cong-van/xin-y-kien.docx")
    assert r.status_code == 422 and message in r.get_data(as_text=True)
    # the deadline moved on: the letter is made, asking for the new day
    before = counts()
    bad = client.post(f"/rounds/{rid}/deadline", data={"deadline": "31/02/2099"})
    assert bad.status_code == 422 and "không phải là ngày" in bad.get_data(as_text=True) and counts() == before
    assert client.post(f"/rounds/{rid}/deadline", data={"deadline": "30/06/2099"}).status_code == 303
    assert round_state(rid)["deadline"] == "2099-06-30"
    assert client.get(f"/rounds/{rid}/cong-van/xin-y-kien.docx").status_code == 200
    assert "trước ngày 30/06/2099" in " ".join(request_letter(rid)["noi_dung"])
    proc = vanthu("round", "deadline", rid, "15/07/2099")
    assert proc.returncode == 0 and "15/07/2099" in proc.stdout
    assert set_deadline(rid, "2099-07-15", "cv") == dt.date(2099, 7, 15)


def test_summary_file_names_in_vietnamese(client, full_round):
    rid = full_round["round"]
    for group_by, name in (("agency", "theo-co-quan"), ("article", "theo-dieu")):
        r = client.get(f"/rounds/{rid}/summary?group_by={group_by}")
        assert r.status_code == 200
        assert f'filename="tong-hop-y-kien-vong-{rid}-{name}.docx"' in r.headers["Content-Disposition"]
