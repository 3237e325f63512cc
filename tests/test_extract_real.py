"""Extraction on documents as offices receive them (../shared/corpus/real/: web copies, signed and
scanned PDFs), scored field by field against truth written by reading them (bench/extract_score.py
holds the scorer; its normalisation is the README's, the same for every file).

The issue's goal is 95% on the text copies and 90% on the PDFs; the floors below are what the code
reaches today (README, "Reading what offices receive"), so that any regression fails."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.extract_score import FIELDS, overall, run_text, same, score, table

ROOT = Path(__file__).resolve().parent.parent
TEXT_FLOOR = 0.95
PDF_FLOOR = 0.80


def _print(title, right, total, wrong):
    print("\n" + "\n".join(table(title, right, total)))
    for w in wrong:
        print("   differs:", json.dumps(w, ensure_ascii=False)[:300])


def test_text_copies_against_truth(corpus):
    right, total, wrong = score(run_text(corpus))
    _print("text copies", right, total, wrong)
    assert total == 39
    assert overall(right, total) >= TEXT_FLOOR, overall(right, total)


@pytest.fixture(scope="module")
def ingested_pdfs(corpus, tmp_path_factory):
    """Every real PDF filed by `vanthu ingest` with a path relative to where it is run (the PDF
    child process runs elsewhere: this failed for every PDF once)."""
    data = tmp_path_factory.mktemp("pdfdata")
    env = {**os.environ, "VANTHU_DATA": str(data)}
    real = corpus / "real"
    names = sorted(p.name for p in (real / "docs").glob("*.pdf"))
    vanthu = [sys.executable, "-m", "webui.cli"]
    subprocess.run(vanthu + ["init"], env=env, check=True, capture_output=True, cwd=ROOT)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(vanthu + ["ingest"] + [f"docs/{n}" for n in names], env=env, cwd=real,
                          capture_output=True, text=True, timeout=900)
    return names, proc, data


def test_every_real_pdf_ingested_by_relative_path(ingested_pdfs):
    names, proc, _ = ingested_pdfs
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for n in names:
        assert re.search(rf"đã lưu\s+{re.escape(n)}: \d+ văn bản", proc.stdout), (n, proc.stdout)
    assert "không đọc được" not in proc.stdout and "FileNotFoundError" not in proc.stdout
    # the scans say they were read by OCR, for the clerk to check
    assert re.search(r"05_ke_hoach\.pdf.*\n(?:\s+lưu ý: .*\n)*\s+lưu ý: trang 1 là bản quét", proc.stdout)
    # OCR says how far it is, page by page, on the terminal
    assert re.search(r"nhận dạng chữ \(OCR\) 05_ke_hoach\.pdf: trang (\d+)/\1\n", proc.stderr), proc.stderr[-500:]
    # 06's number and day are stamped as a picture, outside its text layer: the clerk is told
    block = {n: re.search(rf"{re.escape(n)}: .*\n((?:\s{{9}}.*\n)*)", proc.stdout)[1] for n in names}
    assert "lớp chữ của PDF ghi (trống), hình trang ghi 2362" in block["06_quyet_dinh.pdf"], block["06_quyet_dinh.pdf"]
    assert not any("hình trang ghi" in b for n, b in block.items() if n in ("04_thong_bao.pdf", "39_quyet_dinh.pdf"))


def test_pdfs_against_truth(corpus, ingested_pdfs, monkeypatch):
    names, proc, data = ingested_pdfs
    monkeypatch.setenv("VANTHU_DATA", str(data))
    from archive import db
    from archive.store import get_document

    truth = {t["original"]: t for t in json.loads((corpus / "real" / "truth.json").read_text(encoding="utf-8"))
             if t.get("original")}
    items = []
    with db.reading() as conn:
        for n in names:
            first = int(re.search(rf"đã lưu\s+{re.escape(n)}: \d+ văn bản \(số trong kho: (\d+)", proc.stdout)[1])
            items.append((truth[f"docs/{n}"], get_document(conn, first), False))
    right, total, wrong = score(items)
    _print("PDFs (filed by vanthu ingest)", right, total, wrong)
    assert total == 6
    assert overall(right, total) >= PDF_FLOOR, overall(right, total)


def test_scorer_is_strict():
    t = {"file": "x", "so": 35, "ky_hieu": "QĐ-UBND", "trich_yeu": "Về việc ban hành Quy chế", "kinh_gui": ["A", "B"],
         "accept": {"kinh_gui[1]": ["C"]}, "truth_for_txt": {"so": None}}
    assert same("so", 35, t, False) and not same("so", 35, t, True) and same("so", None, t, True)
    assert same("ky_hieu", "2024/QĐ-UBND", t, False) and not same("ky_hieu", "QĐ-UBNDX", t, False)
    assert same("trich_yeu", "BAN HÀNH QUY CHẾ", t, False) and not same("trich_yeu", "ban hành Quy", t, False)
    assert same("kinh_gui", ["B", "A"], t, False) and same("kinh_gui", ["A", "C"], t, False)
    assert not same("kinh_gui", ["A"], t, False) and "cited" in FIELDS


def test_loose_tone_marks_put_back():
    from archive.webcopy import rejoin_marks

    # a PDF pasted into a web page sets the marks after the words they belong to
    assert rejoin_marks("V/v báo cáo nhanh tinh hình bị thiêt hai ̀ ̣ ̣ do lũ") == \
        "V/v báo cáo nhanh tình hình bị thiệt hại do lũ"
    assert rejoin_marks("cua nganh Giao duc và Đao tao. ̉ ̀ ́ ̣ ̀ ̣") == "của ngành Giáo dục và Đào tạo."
    assert rejoin_marks("Hà Nội, ngày 5") == "Hà Nội, ngày 5"  # nothing loose: unchanged


def test_broken_font_map_repaired():
    from archive.pdftext import repair_font_map

    assert repair_font_map("Trҫn Sӻ Thanh; Thjnh viên Hội đӗng; Văn phzng; Đҧng") == \
        "Trần Sỹ Thanh; Thành viên Hội đồng; Văn phòng; Đảng"
    assert repair_font_map("www.jazz.vn, Hội đồng") == "www.jazz.vn, Hội đồng"  # no broken font: untouched


def test_portal_table_fills_only_what_the_document_is_silent_on():
    from archive.extract import extract_all

    page = ("Số hiệu: | 9/KH-UBND | Loại văn bản: | Kế hoạch |\nNgười ký: | Lê Văn A | Ngày ban hành: | 02/03/2024 |\n"
            "ỦY BAN NHÂN DÂN TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc |\n"
            "Số: 8/KH-UBND | Lào Cai, ngày 01 tháng 3 năm 2024 |\nKẾ HOẠCH\nTRIỂN KHAI VIỆC A\nI. MỤC ĐÍCH\n")
    meta = extract_all(page)[0]
    assert (meta["so"], meta["ky_hieu"], meta["date"]) == (8, "KH-UBND", "2024-03-01")  # the document's own
    assert meta["signer_name"] == "Lê Văn A"  # the page is cut before the signature: the portal says who
    assert meta["issuing_body"] == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" and meta["kind"] == "ke_hoach"
    assert meta["trich_yeu"] == "TRIỂN KHAI VIỆC A"


def test_signed_pdfs_carry_their_signatures(corpus, ingested_pdfs, monkeypatch):
    """The real signed PDFs: each signature read (pyHanko), unchanged since signing, its chain not
    checked because this archive has no root installed, and the clerk told how to install one."""
    names, proc, data = ingested_pdfs
    monkeypatch.setenv("VANTHU_DATA", str(data))
    from archive import db
    from archive.store import get_document

    truth = {t["original"]: t for t in json.loads((corpus / "real" / "truth.json").read_text(encoding="utf-8"))
             if t.get("original")}
    signed = {}
    with db.reading() as conn:
        for n in names:
            first = int(re.search(rf"đã lưu\s+{re.escape(n)}: \d+ văn bản \(số trong kho: (\d+)", proc.stdout)[1])
            raw = (corpus / "real" / "docs" / n).read_bytes()
            sigs = (get_document(conn, first)["source"] or {}).get("signatures") or []
            assert bool(sigs) == (b"/ByteRange" in raw), n
            if sigs:
                signed[n] = sigs
    assert len(signed) >= 3, signed.keys()
    for n, sigs in signed.items():
        for s in sigs:
            assert s["intact"] and s["trusted"] is None and s["signer"] and s["issuer"], (n, s)
            assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$", s["signed_at"]), s
            assert "data/trust" in s["note"]
    # a minister or chairman who signs with a personal certificate is the document's signer
    personal = [n for n, sigs in signed.items() if truth[f"docs/{n}"]["signer_name"]
                in {s["signer"] for s in sigs}]
    assert personal, "no personal signature matched a signer in truth.json"
    assert "chữ ký số của" in proc.stdout and "ca.gov.vn" in proc.stdout


@pytest.mark.parametrize("name", ["04_thong_bao.pdf", "06_quyet_dinh.pdf", "24_nghi_quyet.txt", "47_cong_van.txt"])
def test_where_each_field_was_read(corpus, name):
    """Every field's page and line point at a line of what was read that holds the value."""
    from archive.extract import extract_parts
    from archive.readers import read_file
    from archive.webcopy import repair

    ft = read_file(corpus / "real" / "docs" / name)
    pdf = name.endswith(".pdf")
    meta, _ = extract_parts(ft.text, pdf, ft.page_starts)[0]
    where = meta["where"]
    assert {"ky_hieu", "issuing_body", "trich_yeu"} <= set(where), where
    lines = (ft.text if pdf else repair(ft.text).text).split("\n")
    starts = ft.page_starts or [0]
    assert (len(starts) > 1) is pdf  # a PDF's pages are known; a text file is one page
    for field, w in where.items():
        assert ("page" in w) is pdf, w
        line = lines[starts[w.get("page", 1) - 1] + w["line"] - 1]
        value = meta[field][0] if isinstance(meta[field], list) else str(meta[field])
        if field == "so":
            assert re.search(rf"Số\D{{0,6}}0*{value}\b", line), (field, line)
        elif field == "date":
            assert "ngày" in line and value[:4] in line, (field, line)
        else:
            first = " ".join(value.split()[:4]).casefold()
            assert first in " ".join(line.split()).casefold(), (field, value, line)
