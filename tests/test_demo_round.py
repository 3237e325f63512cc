"""`vanthu demo` files a comment round from examples/round/ (not from the corpus, which a fresh clone may not
have): the draft Quyết định with its Quy chế, 5 agencies consulted, 3 letters in — one agreeing, two with
comments naming parts of the draft — and one comment answered; once, however often the demo runs."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from archive.rounds import list_rounds, round_state
from tests.conftest import EXAMPLES
from tests.test_rounds_store import counts
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
SPEC = json.loads((EXAMPLES / "round" / "round.json").read_text(encoding="utf-8"))
# consultee → its letter's comments (read from the letters in examples/round/)
COMMENTS = {"Phòng Văn hóa - Xã hội xã": 3, "Trung tâm Phục vụ hành chính công xã": 2}
AGREED = ["Phòng Kinh tế xã"]
NOT_REPLIED = ["Công an xã Đạ Huoai", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đạ Huoai"]


def demo(data_dir: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "VANTHU_DATA": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "webui.cli", "demo", "--no-pdf", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env)


@pytest.fixture()
def demoed(data_dir) -> subprocess.CompletedProcess:
    proc = demo(data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "vòng lấy ý kiến" not in proc.stderr  # no failure reported
    return proc


def test_the_demo_files_one_round(demoed):
    (r,) = list_rounds()
    s = round_state(r["id"])
    assert s["title"] == "Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua Cổng dịch vụ công"
    assert s["consulted"] == SPEC["agencies"] and s["status"] == "open"
    assert s["deadline"] == (dt.date.today() + dt.timedelta(days=14)).isoformat() and not s["deadline_passed"]
    assert s["counts"]["letters"] == 3 and s["counts"]["replied"] == 3 and s["counts"]["not_on_list"] == 0
    assert s["agreed_without_comment"] == AGREED
    assert sorted(s["with_comments"]) == sorted(COMMENTS)
    assert s["not_replied"] == NOT_REPLIED and s["overdue"] == []
    per_agency = {}
    for c in s["comments"]:
        per_agency[c["agency"]] = per_agency.get(c["agency"], 0) + 1
        # each names a part the draft has, and that part's text is shown beside it
        assert c["part"] is not None and not c["part_missing"], c
        assert c["part"]["text"].strip()
    assert per_agency == COMMENTS
    assert {(c["document"], c["target"]) for c in s["comments"]} == {
        ("quy_che", "Điều 2 khoản 1"), ("quy_che", "Điều 2 khoản 2 điểm a"), ("quyet_dinh", "Điều 3"),
        ("quy_che", "Điều 1"), ("quy_che", "Điều 3")}
    # one answered, the others waiting: the workspace shows both
    assert s["counts"]["answered"] == 1 and s["counts"]["unanswered"] == 4
    (answered,) = [c for c in s["comments"] if c["response"]]
    assert (answered["agency"], answered["target"]) == (SPEC["answer"]["agency"], SPEC["answer"]["target"])
    assert answered["response"]["status"] == "tiep_thu_mot_phan" and answered["response"]["giai_trinh"]


def test_the_round_is_listed_and_its_workspace_opens(demoed, data_dir):
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True, "PDF_EXPORT": False}).test_client()
    page = lxml.html.fromstring(client.get("/rounds").get_data(as_text=True))
    rows = page.xpath("//table[contains(@class,'rounds')]//tr[td]")
    assert len(rows) == 1
    row = " ".join(rows[0].text_content().split())
    assert "Quy chế tiếp nhận, xử lý phản ánh" in row and "Đang lấy ý kiến" in row
    rid = list_rounds()[0]["id"]
    work = client.get(f"/rounds/{rid}")
    assert work.status_code == 200
    text = " ".join(lxml.html.fromstring(work.get_data(as_text=True)).text_content().split())
    assert "Phòng Kinh tế xã" in text and "Công an xã Đạ Huoai" in text and "hằng tháng" in text


def test_a_second_demo_run_changes_nothing(demoed, data_dir):
    before, state = counts(), round_state(list_rounds()[0]["id"])
    again = demo(data_dir)
    assert again.returncode == 0 and again.stderr == ""
    assert counts() == before
    assert len(list_rounds()) == 1
    assert round_state(state["id"])["counts"] == state["counts"]


def test_a_failing_round_does_not_stop_the_demo(data_dir, tmp_path):
    """A letter missing from examples/round/: the documents are still made and filed, the reason is
    printed in Vietnamese, the command succeeds — and no half-made round is left."""
    examples = tmp_path / "examples"
    shutil.copytree(EXAMPLES, examples)
    (examples / "round" / "03_trung_tam_phuc_vu_hanh_chinh_cong.txt").unlink()
    proc = demo(data_dir, "--examples", examples)
    assert proc.returncode == 0, proc.stderr
    assert "Đã soạn 8 văn bản mẫu" in proc.stdout
    assert "Không lập được vòng lấy ý kiến mẫu" in proc.stderr
    assert counts()["document"] == 8 and list_rounds() == []
