"""A second round on a revised draft (seed 002): the answers of round 1 follow their text, not their number.

The revised draft is built here from the draft round 1 was sent: a new article is put at the top of the
Quy chế, so every Điều of the Quy chế moves down by one ("Điều 7 khoản 4" becomes "Điều 8 khoản 4"), and
it is filed as a new draft (the decision and its Quy chế, one dossier) through the ordinary ingest."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import archive
from archive import db
from archive.rounds import (add_comment, delete_comment, open_round, parse_draft, resolve, respond, round_state,
                            summary_data)
from archive.rounds.rules import draft_text, get_round
from tests.test_rounds_store import AFTER, AGENCIES, counts, full_round, seeded  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ["tiep_thu", "tiep_thu_mot_phan", "khong_tiep_thu", "ghi_nhan"]
NEW_ARTICLE = ("Điều 1. Căn cứ xây dựng Quy chế\n\n"
               "Quy chế này được xây dựng trên cơ sở Luật An ninh mạng, Luật Báo chí và các văn bản hướng dẫn "
               "thi hành.\n\n")
# round 1's Điều 3 khoản 1 (the meaning of "không gian mạng", on which Công an tỉnh commented)
DELETED = "1. Không gian mạng là mạng lưới kết nối"


@pytest.fixture()
def answered(full_round) -> dict:
    """Round 1 with every one of its 19 comments answered."""
    rid = full_round["round"]
    for i, c in enumerate(round_state(rid)["comments"]):
        respond(c["id"], STATUSES[i % 4], f"Giải trình số {i + 1} của cơ quan soạn thảo.", "chuyen_vien")
    state = round_state(rid, today=AFTER)
    assert state["counts"]["answered"] == 19
    return {**full_round, "state": state}


def revised(round_id: int, *, delete_first_definition: bool = False) -> str:
    """The draft of `round_id` with an article inserted at the top of its Quy chế, every later Điều of the
    Quy chế numbered one more; optionally without Điều 3 khoản 1 (its khoản 2 becoming khoản 1)."""
    with db.reading() as conn:
        r = get_round(conn, round_id)
        text = draft_text(conn, r.draft_document_id, r.draft_version, r.opened_at)
    cut = text.index("\nQUY CHẾ")
    decision, quy_che = text[:cut], text[cut:]
    quy_che = re.sub(r"(?m)^Điều (\d+)\.", lambda m: f"Điều {int(m.group(1)) + 1}.", quy_che)
    quy_che = quy_che.replace("Điều 2. Mục đích phối hợp", NEW_ARTICLE + "Điều 2. Mục đích phối hợp", 1)
    if delete_first_definition:
        line = next(x for x in quy_che.splitlines() if x.startswith(DELETED))
        quy_che = quy_che.replace(line + "\n", "", 1)
        quy_che = quy_che.replace("\n2. Thông tin xấu, độc: Là", "\n1. Thông tin xấu, độc: Là")
    return decision + quy_che


def file_draft_text(text: str, tmp_path: Path, name: str) -> int:
    """File the revised draft as a new document: the decision, with its Quy chế after it in one dossier."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    outcome = archive.ingest_file(path, actor="chuyen_vien")
    assert outcome.status == "filed" and [m["kind"] for m in outcome.documents] == ["quyet_dinh", "quy_che"]
    return outcome.document_ids[0]


def shifted(target: str, document: str) -> str:
    """Where a part of round 1 is after the insertion: one Điều further down in the Quy chế."""
    if document != "quy_che":
        return target
    return re.sub(r"^Điều (\d+)", lambda m: f"Điều {int(m.group(1)) + 1}", target)


def unlabelled(text: str) -> str:
    return re.sub(r"^Điều \d+\.\s*", "", text)


def test_every_response_follows_its_text_to_the_new_number(answered, tmp_path):
    first = answered["state"]
    new_draft = file_draft_text(revised(answered["round"]), tmp_path, "du_thao_lan_2.txt")
    second = open_round(new_draft, AGENCIES[:5], "30/06/2021", "chuyen_vien", previous_round_id=answered["round"])
    s = round_state(second, today=AFTER)
    assert s["number"] == 2 and s["previous_round_id"] == answered["round"]
    assert s["counts"]["carried"] == 19 and s["dropped"] == []
    by_comment = {c["comment_id"]: c for c in s["carried"]}
    assert set(by_comment) == {c["id"] for c in first["comments"]}  # none lost
    moved = 0
    for old in first["comments"]:
        new = by_comment[old["id"]]
        assert new["from_target"] == old["target"]
        assert new["target"] == shifted(old["target"], old["document"]), (old["agency"], old["target"])
        moved += new["target"] != old["target"]
        assert new["response"] == old["response"]  # status, giải trình, who and when: as given in round 1
        assert (new["agency"], new["text"], new["letter"]) == (old["agency"], old["text"],
                                                               next(r["number"] for r in first["replies"]
                                                                    if r["id"] == old["reply_id"]))
        if old["part"] is not None:  # the same words under the new number
            assert unlabelled(new["part"]["text"]) == unlabelled(old["part"]["text"])
            # a Chương / Điều / khoản / điểm is found by its words; the căn cứ and the signature are one of a kind
            assert new["similarity"] == (None if old["target"] in ("can_cu", "tham_quyen_ky") else 100)
    assert moved >= 10  # most comments are on the Quy chế, so most moved
    bnc = next(c for c in s["carried"] if c["from_target"] == "Điều 7 khoản 4 điểm a")
    assert bnc["target"] == "Điều 8 khoản 4 điểm a" and bnc["agency"] == "Ban Nội chính Tỉnh ủy"
    assert bnc["part"]["text"].startswith("a) Chủ trì việc nghiên cứu, theo dõi")
    # by number the comment would have landed on other words: Điều 7 khoản 4 of the new draft is the old Điều 6's
    with db.reading() as conn:
        text = draft_text(conn, new_draft, 1)
    assert resolve(parse_draft(text), "Điều 7 khoản 4", "quy_che").full_text().startswith("4. Xử lý hành vi đăng tải")
    assert resolve(parse_draft(text), "Điều 7 khoản 4 điểm a", "quy_che") is None
    # a third round on the same text carries round 2's carried answers on, still pointing at the letters of round 1
    third = open_round(new_draft, AGENCIES[:2], "15/07/2021", "cv", previous_round_id=second)
    t = round_state(third, today=AFTER)
    assert t["number"] == 3 and {c["comment_id"]: c["target"] for c in t["carried"]} == \
        {c["comment_id"]: c["target"] for c in s["carried"]}
    assert {c["from_round_id"] for c in t["carried"]} == {second}
    assert {c["first_round_id"] for c in t["carried"]} == {answered["round"]}


def test_a_deleted_part_drops_its_comment_into_the_report(answered, tmp_path):
    rid = answered["round"]
    first = answered["state"]
    # a comment typed in round 1 and not answered is not carried (nor dropped): it stays a question of round 1
    letter = next(r for r in first["replies"] if r["consultee"] == "Sở Tư pháp tỉnh Đắk Nông")
    open_question = add_comment(letter["id"], "cv", "Đề nghị rà soát Điều 9.", target="Điều 9")
    text = revised(rid, delete_first_definition=True)
    assert DELETED not in text
    new_draft = file_draft_text(text, tmp_path, "du_thao_lan_2.txt")
    second = open_round(new_draft, AGENCIES[:5], "30/06/2021", "chuyen_vien", previous_round_id=rid)
    s = round_state(second, today=AFTER)
    gone = [c for c in first["comments"] if c["target"] == "Điều 3 khoản 1" and c["document"] == "quy_che"]
    assert [c["agency"] for c in gone] == ["Công an tỉnh"]
    assert [d["comment_id"] for d in s["dropped"]] == [gone[0]["id"]]
    dropped = s["dropped"][0]
    assert dropped["from_target"] == "Điều 3 khoản 1" and dropped["target"] is None
    assert "không còn phần có nội dung này" in dropped["reason"]
    assert dropped["response"] == gone[0]["response"]  # what was answered is shown, not lost
    assert s["counts"]["carried"] == 18 and s["counts"]["dropped"] == 1
    assert open_question not in {c["comment_id"] for c in s["carried"] + s["dropped"]}
    # the khoản after the deleted one moved up: a comment there follows it (Điều 3 khoản 2 → Điều 4 khoản 1)
    targets = {c["from_target"]: c["target"] for c in s["carried"]}
    assert targets["Điều 3 khoản 2"] == "Điều 4 khoản 1"
    assert targets["Điều 7 khoản 4 điểm a"] == "Điều 8 khoản 4 điểm a"  # the rest moved by the inserted article
    # the round's summary says what was carried and what was dropped
    _, notices = summary_data(second, today=AFTER)
    assert any("18 ý kiến đã giải trình ở vòng trước được chuyển sang" in n for n in notices)
    assert any("không còn phần dự thảo tương ứng: Công an tỉnh — Điều 3 khoản 1" in n for n in notices)
    # a round-1 comment deleted as "not a comment after all" takes its carried copy with it
    some = s["carried"][0]
    delete_comment(some["comment_id"], "cv")
    assert some["comment_id"] not in {c["comment_id"] for c in round_state(second)["carried"]}


def test_cli_open_with_previous_and_show(answered, tmp_path, data_dir):
    new_draft = file_draft_text(revised(answered["round"], delete_first_definition=True), tmp_path, "lan2.txt")
    env = {**os.environ, "VANTHU_DATA": str(data_dir)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "webui.cli", *map(str, args)], capture_output=True, text=True,
                              cwd=ROOT, env=env)

    before = counts()
    proc = run("round", "open", new_draft, "--agency", "Sở Nội vụ", "--deadline", "30/06/2021", "--previous", 99)
    assert proc.returncode == 1 and "không có vòng lấy ý kiến số 99" in proc.stderr and counts() == before
    proc = run("round", "open", new_draft, "--agency", "Sở Nội vụ", "--deadline", "30/06/2021",
               "--previous", answered["round"])
    assert proc.returncode == 0, proc.stderr
    second = int(proc.stdout.strip())
    assert "18 ý kiến đã trả lời giữ nguyên" in proc.stderr and "1 ý kiến không còn phần dự thảo" in proc.stderr
    assert "bỏ: Công an tỉnh — Điều 3 khoản 1" in proc.stderr
    proc = run("round", "show", second)
    assert proc.returncode == 0, proc.stderr
    assert "[chuyển] Ban Nội chính Tỉnh ủy — Điều 8 khoản 4 điểm a (vòng trước: Điều 7 khoản 4 điểm a)" in proc.stdout
    assert "[bỏ] Công an tỉnh — Điều 3 khoản 1" in proc.stdout


def test_export_import_keeps_what_was_carried(answered, tmp_path, monkeypatch):
    from archive.transfer import export_archive, import_archive

    new_draft = file_draft_text(revised(answered["round"], delete_first_definition=True), tmp_path, "lan2.txt")
    second = open_round(new_draft, AGENCIES[:5], "30/06/2021", "cv", previous_round_id=answered["round"])
    state = round_state(second, today=AFTER)
    first = tmp_path / "a"
    manifest = export_archive(first)
    assert manifest["counts"]["carried_comment"] == 19
    monkeypatch.setenv("VANTHU_DATA", str(tmp_path / "data2"))
    import_archive(first)
    assert round_state(second, today=AFTER) == state
    export_archive(tmp_path / "b")
    files = lambda d: {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(first) == files(tmp_path / "b")
