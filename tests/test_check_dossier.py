"""`vanthu check` on a dossier (hồ sơ): the file is cut into its documents as ingest cuts it, and
each document is reported on its own; the exit code is 1 when any of them has an error."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfWriter

from generator.checker import check_path
from tests.docx_inspect import paragraph_texts

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "webui.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)


def test_pdf_dossier_of_two_generated_documents(rendered_examples, tmp_path):
    writer = PdfWriter()
    for name in ("cong_van", "to_trinh"):
        writer.append(str(rendered_examples[name]["pdf"]))
    dossier = tmp_path / "ho_so.pdf"
    with dossier.open("wb") as f:
        writer.write(f)
    proc = run("check", dossier, "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["path"] == str(dossier) and item["rule_set"] == "nd30"
    docs = item["documents"]
    assert [d["kind"] for d in docs] == ["cong_van", "to_trinh"]
    assert "412/STP-HCTP" in docs[0]["label"] and "TỜ TRÌNH" in docs[1]["label"]
    assert not [f for d in docs for f in d["findings"] if f["severity"] == "error"]


def test_text_dossier_reports_the_error_in_its_own_document(rendered_examples, tmp_path):
    first = paragraph_texts(rendered_examples["cong_van"]["docx"])
    second = [t.replace("Nơi nhận:", "Nơi nhận") for t in paragraph_texts(rendered_examples["to_trinh"]["docx"])]
    dossier = tmp_path / "ho_so.txt"
    dossier.write_text("\n".join(first + [""] + second), encoding="utf-8")
    proc = run("check", dossier, "--json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    (item,) = json.loads(proc.stdout)
    one, two = item["documents"]
    assert one["kind"] == "cong_van" and two["kind"] == "to_trinh"
    assert not [f for f in one["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in two["findings"] if f["severity"] == "error"] == ["ND30-NOI-NHAN-LABEL"]
    # the whole file's findings name the document each one is about
    (where,) = [f["where"] for f in item["findings"] if f["rule"] == "ND30-NOI-NHAN-LABEL"]
    assert where.startswith("văn bản 2, ")
    text = run("check", dossier).stdout
    assert "hồ sơ gồm 2 văn bản" in text and "văn bản 2" in text


def test_corpus_dossier_is_checked_document_by_document(corpus):
    """Seed 002 (corpus README: a whole hồ sơ trình): 17 documents, the draft's Quy chế read with
    its Quyết định, so 16 reports; each error stays with the letter that has it."""
    report = check_path(corpus / "seeds" / "002_c86d25cbeb24d76d.txt")
    docs = report.documents
    assert len(docs) == 16
    numbers = ["691/VPUBND-KGVX", "40 /TTr-STTTT", "585 /STTTT", "/QĐ-UBND", None, "487/STP-VP", "1012 /UBND-VHTT",
               "311 - CV/BTGTU", "180 -CV/BNCTU", "709 /CAT-PA03", "41-CV/BDN", "90 /PTTH-TCHC", "1826/UBND-VHTT",
               "110CV-VHTT", "853 /UBND-VH&TT", "51 /VHTT"]
    for doc, number in zip(docs, numbers):
        assert number is None or number in doc.label, (number, doc.label)
    assert docs[4].kind == "tong_hop_y_kien"
    assert [d.rule_set for d in docs].count("dang") == 3  # the Party's letters: out of scope, no error
    assert all(not d.errors for d in docs if d.rule_set == "dang")
    # "Số: 40 /TTr-STTTT": the space is the Tờ trình's, not the Quyết định's nor the dossier's first letter's
    spaced = [n for n, d in enumerate(docs) if any(f.rule == "ND30-NUMBER" and "khoảng trắng" in f.message
                                                   for f in d.findings)]
    assert 1 in spaced and 0 not in spaced and 3 not in spaced
    assert len(report.findings) == sum(len(d.findings) for d in docs)


def test_single_document_has_no_documents_list(rendered_examples):
    """A decision with its Quy chế is one document (one number): no dossier list."""
    item = check_path(rendered_examples["quyet_dinh_quy_che"]["docx"]).as_json()
    assert "documents" not in item and item["rule_set"] == "nd30"
