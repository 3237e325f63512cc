"""`vanthu round compile`: a filed round of seed 002 → its Bản tổng hợp ý kiến góp ý, checked by
opening the Word file, by the layout checker, and by what the round says."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from archive.rounds import RoundError, edit_reply, respond, round_state, summary_data
from generator.checker import check_path
from tests.test_rounds_store import AFTER, AGENCIES, AGREED, COMMENTED, full_round, seeded  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def table_texts(path: Path) -> list[list[str]]:
    """The summary table: the one headed STT (the header and the signature are tables too)."""
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "STT")
    return [[c.text for c in row.cells] for row in table.rows]


def test_summary_data_says_what_the_round_says(full_round):
    s = round_state(full_round["round"], today=AFTER)
    first = s["comments"][0]
    respond(first["id"], "khong_tiep_thu", "Giữ như dự thảo vì đã có quy định tại Điều 5.", "chuyen_vien")
    data, notices = summary_data(full_round["round"], today=AFTER)
    assert data["consulted"] == AGENCIES and sorted(data["agreed"]) == sorted(AGREED)
    assert sorted(data["replied"]) == sorted(AGREED + list(COMMENTED))
    assert len(data["items"]) == sum(COMMENTED.values())
    answered = [i for i in data["items"] if i["status"]]
    assert len(answered) == 1 and answered[0]["giai_trinh"].startswith("Giữ như dự thảo")
    assert any("chưa có ý kiến tiếp thu" in n and str(len(data["items"]) - 1) in n for n in notices)
    assert all(i["letter"] for i in data["items"])


def test_compile_both_groupings_pass_the_checker(full_round, tmp_path):
    env = {**os.environ, "VANTHU_DATA": os.environ["VANTHU_DATA"]}
    for group_by in ("agency", "article"):
        out = tmp_path / f"tong_hop_{group_by}.docx"
        proc = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(full_round["round"]),
                               "-o", str(out), "--group-by", group_by], capture_output=True, text=True, cwd=ROOT,
                              env=env)
        assert proc.returncode == 0, proc.stderr
        assert "chưa có ý kiến tiếp thu" in proc.stderr  # nothing answered yet: said, not hidden
        report = check_path(out)
        assert report.kind == "tong_hop_y_kien"
        assert not [f for f in report.findings if f.severity == "error"], [(f.rule, f.message) for f in report.findings]
        rows = table_texts(out)
        assert rows[0][0] == "STT" and "Nội dung góp ý" in rows[0][2]
        numbered = [r for r in rows[1:] if r[0].strip().isdigit()]
        assert len(numbered) == sum(COMMENTED.values())
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "BẢN TỔNG HỢP Ý KIẾN GÓP Ý" in text and f"{len(AGENCIES)} cơ quan" in text


def test_compile_refused_while_a_letter_has_no_agency(full_round, tmp_path):
    s = round_state(full_round["round"], today=AFTER)
    edit_reply(s["replies"][0]["id"], "tester", consultee_id=None)
    with pytest.raises(RoundError, match="chưa rõ cơ quan"):
        summary_data(full_round["round"], today=AFTER)


def test_compile_refuses_a_wrong_output_and_unknown_round(full_round, tmp_path):
    env = {**os.environ}
    bad = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(full_round["round"]), "-o",
                          str(tmp_path / "x.pdf")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert bad.returncode == 1 and ".docx" in bad.stderr and not (tmp_path / "x.pdf").exists()
    unknown = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", "999", "-o",
                              str(tmp_path / "y.docx")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert unknown.returncode == 1 and not (tmp_path / "y.docx").exists()


def test_compile_prints_the_to_trinh_paragraph(full_round, tmp_path):
    out = tmp_path / "tong_hop.docx"
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(full_round["round"]), "-o",
                           str(out), "--to-trinh"], capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    paragraph = proc.stdout.split("quá trình xây dựng dự thảo):", 1)[1]
    assert f"{len(AGENCIES)} cơ quan, đơn vị" in paragraph and "11 cơ quan, đơn vị" in paragraph
    assert f"{len(AGREED)} cơ quan, đơn vị thống nhất" in paragraph


def test_compile_with_pdf(full_round, tmp_path):
    from pypdf import PdfReader

    from tests.conftest import has_soffice

    if not has_soffice():
        pytest.skip("LibreOffice (soffice) không có trên máy này")
    out = tmp_path / "tong_hop.docx"
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "round", "compile", str(full_round["round"]), "-o",
                           str(out), "--pdf"], capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    pdf = out.with_suffix(".pdf")
    assert str(pdf) in proc.stdout.split()
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "BẢN TỔNG HỢP" in text and "Công an tỉnh" in text
