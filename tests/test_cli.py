"""`vanthu generate`: exit codes and messages of interfaces.md, nothing written on failure."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import EXAMPLES, has_soffice

VANTHU = [sys.executable, "-m", "webui.cli"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    return subprocess.run([*VANTHU, *map(str, args)], capture_output=True, text=True, cwd=cwd or ROOT)


def test_generate_example(tmp_path):
    out = tmp_path / "tt.docx"
    proc = run("generate", "to-trinh", EXAMPLES / "to_trinh.json", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "TỜ TRÌNH" in text


@pytest.mark.pdf
def test_generate_with_pdf(tmp_path):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    out = tmp_path / "cv.docx"
    proc = run("generate", "cong_van", EXAMPLES / "cong_van.json", "-o", out, "--pdf")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "cv.pdf").read_bytes().startswith(b"%PDF")


def test_invalid_input_exit_1_names_fields(tmp_path):
    data = json.loads((EXAMPLES / "to_trinh.json").read_text(encoding="utf-8"))
    data["trich_yeu"] = ""
    data["date"] = "32/13/2026"
    src = tmp_path / "sai.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run("generate", "to_trinh", src, "-o", tmp_path / "x.docx")
    assert proc.returncode == 1
    assert "trich_yeu" in proc.stderr and "date" in proc.stderr and "chưa hợp lệ" in proc.stderr
    assert not any(tmp_path.glob("*.docx")) and not any(tmp_path.glob(".*tmp"))


@pytest.mark.parametrize("content, needle", [
    (b'{"kind": "to_trinh",', "không phải JSON"),
    ("{\"trich_yeu\": \"xin\"}".encode("utf-16"), "UTF-8"),
])
def test_unreadable_file_exit_2(tmp_path, content, needle):
    src = tmp_path / "hong.json"
    src.write_bytes(content)
    proc = run("generate", "to_trinh", src, "-o", tmp_path / "x.docx")
    assert proc.returncode == 2 and needle in proc.stderr
    assert not (tmp_path / "x.docx").exists()


def test_missing_file_exit_2(tmp_path):
    proc = run("generate", "to_trinh", tmp_path / "khong_co.json")
    assert proc.returncode == 2 and "Không đọc được" in proc.stderr


def test_unknown_kind_exit_1(tmp_path):
    proc = run("generate", "giay_moi", EXAMPLES / "to_trinh.json", "-o", tmp_path / "x.docx")
    assert proc.returncode == 1 and "chưa soạn được" in proc.stderr


def test_output_must_be_docx(tmp_path):
    proc = run("generate", "to_trinh", EXAMPLES / "to_trinh.json", "-o", tmp_path / "x.pdf")
    assert proc.returncode == 1 and ".docx" in proc.stderr


def test_existing_output_kept_when_input_is_bad(tmp_path):
    out = tmp_path / "cu.docx"
    out.write_bytes(b"ban cu")
    src = tmp_path / "sai.json"
    src.write_text('{"kind": "to_trinh"}', encoding="utf-8")
    assert run("generate", "to_trinh", src, "-o", out).returncode == 1
    assert out.read_bytes() == b"ban cu"


def test_init_creates_settings(data_dir):
    proc = run("init")
    assert proc.returncode == 0
    assert "issuing_body" in (data_dir / "vanthu.toml").read_text(encoding="utf-8")


def test_help_and_check_write_nothing_into_the_data_folder(tmp_path):
    import os

    data = tmp_path / "data"
    env = {**os.environ, "VANTHU_DATA": str(data)}
    for args in (["--help"], ["round", "--help"], ["check", str(ROOT / "templates" / "to_trinh.docx"), "--template"]):
        proc = subprocess.run([*VANTHU, *args], capture_output=True, text=True, cwd=ROOT, env=env)
        assert proc.returncode == 0, proc.stderr
    assert not data.exists() or not any(data.iterdir())
