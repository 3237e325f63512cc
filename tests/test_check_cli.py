"""`vanthu check`: output and exit codes of interfaces.md, and the template linter."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import generator
from generator.checker import check_path
from tests.conftest import example_inputs

VANTHU = [sys.executable, "-m", "webui.cli"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([*VANTHU, *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture()
def good(tmp_path) -> Path:
    return generator.render_docx(generator.load_document(example_inputs()["cong_van"]), tmp_path / "cv.docx")


def test_clean_file_exit_0_json_shape(good):
    proc = run("check", good, "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["path"] == str(good) and item["rule_set"] == "nd30"
    assert all(set(f) == {"rule", "severity", "where", "message"} for f in item["findings"])


def test_errors_exit_1_and_readable_report(tmp_path, corpus):
    seed = tmp_path / "to_trinh.txt"
    text = (corpus / "seeds" / "002_c86d25cbeb24d76d.txt").read_text(encoding="utf-8")
    start = text.index("Số: 40 /TTr")
    seed.write_text(text[start:text.index("Đoàn Ngọc Vinh", start) + 20], encoding="utf-8")
    proc = run("check", seed)
    assert proc.returncode == 1
    assert "[lỗi] ND30-NUMBER" in proc.stdout and "khoảng trắng" in proc.stdout


def test_party_letter_is_out_of_scope_not_an_error(tmp_path):
    letter = tmp_path / "dang.txt"
    letter.write_text("TỈNH ỦY X\nBAN TUYÊN GIÁO\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 311 - CV/BTGTU\n"
                      "Nơi nhận:\n- Như Kính gửi,\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nNguyễn Văn A\n", encoding="utf-8")
    proc = run("check", letter, "--json")
    assert proc.returncode == 0
    (item,) = json.loads(proc.stdout)
    assert item["rule_set"] == "dang" and [f["rule"] for f in item["findings"]] == ["SCOPE-DANG"]


def test_unreadable_exit_2_even_beside_good_files(good, tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    proc = run("check", good, broken, "--json")
    assert proc.returncode == 2
    items = json.loads(proc.stdout)
    assert items[1]["error"].startswith("Không đọc được")
    assert run("check", tmp_path / "khong_co.docx").returncode == 2


def test_folder_is_expanded(good):
    proc = run("check", good.parent, "--json")
    assert [i["path"] for i in json.loads(proc.stdout)] == [str(good)]


def test_rules_listing():
    proc = run("check", "--rules", "--json")
    data = json.loads(proc.stdout)
    ids = {r["rule"] for r in data["rules"]}
    assert {"ND30-DATE", "ND30-NUMBER", "ND30-AUTHORITY", "TPL-SPLIT-TAG"} <= ids
    assert all(r["source"] for r in data["rules"])


# --- template linter -------------------------------------------------------------------------

def rewrite(src: Path, dst: Path, fn) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = fn(data.decode()).encode()
            zout.writestr(info, data)
    return dst


@pytest.mark.parametrize("kind", ["to_trinh", "quyet_dinh", "cong_van"])
def test_our_templates_lint_clean(kind):
    assert not check_path(ROOT / "templates" / f"{kind}.docx", as_template=True).findings


TEMPLATE_MUTATIONS = {
    "split": (lambda x: x.replace("{{ number_line }}", "{{ number_</w:t></w:r><w:r><w:t>line }}"), "TPL-SPLIT-TAG"),
    "curly": (lambda x: x.replace("b.style == 'muc'", "b.style == ‘muc’"), "TPL-CURLY-QUOTE"),
    "unknown_var": (lambda x: x.replace("{{ number_line }}", "{{ number_lien }}"), "TPL-UNKNOWN-VAR"),
    "syntax": (lambda x: x.replace("{%p endfor %}", "{%p endfor", 1), "TPL-SYNTAX"),
    "row_loop": (lambda x: x.replace("{%p for line in signer_lines %}", "{% for line in signer_lines %}")
                 .replace("<w:tr>", "<w:tr><w:tc><w:p><w:r><w:t>{% for x in noi_nhan %}</w:t></w:r></w:p></w:tc>", 1),
                 "TPL-TABLE-LOOP"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_MUTATIONS))
def test_template_mistake_is_caught(tmp_path, name):
    fn, rule = TEMPLATE_MUTATIONS[name]
    path = rewrite(ROOT / "templates" / "to_trinh.docx", tmp_path / "to_trinh.docx", fn)
    report = check_path(path, as_template=True)
    assert rule in report.rules_fired(), [(f.rule, f.message) for f in report.findings]


def test_template_cli_exit_codes(tmp_path):
    bad = rewrite(ROOT / "templates" / "to_trinh.docx", tmp_path / "to_trinh.docx",
                  TEMPLATE_MUTATIONS["unknown_var"][0])
    assert run("check", "--template", bad).returncode == 1
    shutil.copy(ROOT / "templates" / "cong_van.docx", tmp_path / "cong_van.docx")
    assert run("check", "--template", tmp_path / "cong_van.docx").returncode == 0


# --- files with nothing to check: a report, never a crash -------------------------------------

def _strip_docx(src: Path, dst: Path, drop: set[str], body: str | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            if body is not None and info.filename == "word/document.xml":
                text = data.decode()
                start = text.index("<w:body>") + len("<w:body>")
                data = (text[:start] + body + "</w:body></w:document>").encode()
            zout.writestr(info, data)
    return dst


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"])
def test_empty_text_file_gets_a_report(tmp_path, content):
    empty = tmp_path / "trong.txt"
    empty.write_text(content, encoding="utf-8")
    report = check_path(empty)
    assert report.rule_set == "unknown"
    proc = run("check", empty, "--json")
    assert proc.returncode in (0, 1), proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["rule_set"] == "unknown" and "error" not in item


def test_docx_without_paragraphs_gets_a_report(good, tmp_path):
    empty = _strip_docx(good, tmp_path / "trong.docx", set(), body="<w:sectPr/>")
    assert check_path(empty).rule_set == "unknown"


def test_docx_without_styles_part_is_still_checked(good, tmp_path):
    bare = _strip_docx(good, tmp_path / "khong_styles.docx", {"word/styles.xml"})
    report = check_path(bare)
    assert report.rule_set == "nd30" and report.kind == "cong_van"
