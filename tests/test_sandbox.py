"""Untrusted files are read in a child with limits (generator/sandbox.py): the layout checker's PDF
reader too, so a PDF made to exhaust memory kills only the child, never the web server."""
from __future__ import annotations

import sys

import pytest

from generator.checker.pdf_reader import PdfReadError, read_pdf
from generator.sandbox import run_limited


def test_a_child_that_wants_too_much_memory_is_stopped():
    grab = run_limited([sys.executable, "-c", "x = bytearray(3 * 1024 ** 3); print('còn sống')"],
                       memory=512 * 1024 ** 2, capture_output=True, text=True, timeout=60)
    assert grab.returncode != 0 and "còn sống" not in grab.stdout
    fine = run_limited([sys.executable, "-c", "print('ok')"], capture_output=True, text=True, timeout=60)
    assert fine.returncode == 0 and fine.stdout.strip() == "ok"


def test_the_checker_reads_pdfs_in_the_child(tmp_path, monkeypatch):
    import generator
    from tests.conftest import example_inputs

    docx = generator.render_docx(generator.load_document(example_inputs()["cong_van"]), tmp_path / "cv.docx")
    pdf = generator.convert_to_pdf([docx])[0]
    # the parent never parses it: with pypdf made unusable here, the child still reads the file
    monkeypatch.setitem(sys.modules, "pypdf", None)
    pages = read_pdf(pdf)
    assert pages and "LiberationSerif" in " ".join(pages[0]["fonts"]) and "412/STP-HCTP" in pages[0]["text"]
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(PdfReadError, match="không đọc được tệp PDF"):
        read_pdf(bad)
