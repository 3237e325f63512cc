"""The office loop on the command line: issue an uploaded draft, register a letter, print a register."""
from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

from docx import Document as Docx
from pypdf import PdfReader

import generator
from tests.conftest import example_inputs

VANTHU = [sys.executable, "-m", "webui.cli"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([*VANTHU, *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_issue_receive_and_print(tmp_path, data_dir):
    ex = example_inputs()
    draft = copy.deepcopy(ex["quyet_dinh"])
    draft.pop("so")
    draft["date"] = "2026"
    assert run("init").returncode == 0
    letter = copy.deepcopy(ex["cong_van"])
    letter.update(issuing_body="SỞ NỘI VỤ", body_code="SNV", unit_code="VP", so=33, date="2026-03-10")
    p1, p2 = tmp_path / "du-thao.docx", tmp_path / "cv-33.docx"
    p1.write_bytes(generator.render_bytes(generator.load_document(draft)))
    p2.write_bytes(generator.render_bytes(generator.load_document(letter)))
    assert run("ingest", p1, p2).returncode == 0
    import archive
    from sqlalchemy import select

    from archive.schema import document

    with archive.reading() as conn:
        ids = dict(conn.execute(select(document.c.direction, document.c.id)).all())
    bad_date = run("issue", ids["outgoing"], "--date", "30/02/2026", "--no-pdf")
    assert bad_date.returncode == 1 and "30/2/2026 không có" in bad_date.stderr
    issued = run("issue", ids["outgoing"], "--date", "07/04/2026", "--no-pdf")
    assert issued.returncode == 0 and issued.stdout.strip() == "01/QĐ-STP", issued.stderr
    again = run("issue", ids["outgoing"], "--no-pdf")
    assert again.returncode == 1 and "không phải bản dự thảo" in again.stderr
    assert run("receive", ids["outgoing"]).returncode == 1  # ours: not a letter received
    got = run("receive", ids["incoming"], "--ngay-den", "11/03/2026", "--giay", "--nguoi-nhan", "Văn phòng Sở")
    assert got.returncode == 0 and got.stdout.strip() == "01", got.stderr
    assert "đã vào sổ đến" in run("receive", ids["incoming"]).stderr
    rows = json.loads(run("register", "den", "--from", "01/03/2026", "--to", "31/03/2026", "--json").stdout)
    assert rows["rows"] == [["11/03/2026", "01", "SỞ NỘI VỤ", "33/SNV-VP", "10/03/2026",
                             f"Công văn: {letter['trich_yeu']}", "Văn phòng Sở", "", "", "Bản giấy"]]
    out = tmp_path / "so-di.pdf"
    printed = run("register", "di", "--from", "01/04/2026", "--to", "30/04/2026", "-o", out)
    assert printed.returncode == 0, printed.stderr
    text = "".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert "SỔĐĂNGKÝVĂNBẢNĐI" in text and "01/QĐ-STP" in text and "07/04/2026" in text
    word = tmp_path / "so-den.docx"
    assert run("register", "den", "--from", "01/01/2026", "-o", word).returncode == 0
    assert Docx(io.BytesIO(word.read_bytes())).tables[0].rows[2].cells[3].text == "33/SNV-VP"
    assert run("register", "den", "--from", "10/05/2026", "--to", "01/05/2026").returncode == 1
