"""The kept LibreOffice (unoserver) for single PDFs: started once, used again, started again when it
dies, and the batch path still there when it is switched off. A real LibreOffice, no stand-in."""
from __future__ import annotations

import io
import os
import signal

import pytest
from pypdf import PdfReader

from generator import load_document, office, pdf_bytes, render_bytes
from tests.conftest import example_inputs

office.keep()  # as the web server does
pytestmark = [pytest.mark.pdf, pytest.mark.skipif(not office.available(),
                                                  reason="Không có python3-uno hoặc unoserver (make deps cài)")]


def _docx(kind="to_trinh") -> bytes:
    return render_bytes(load_document(example_inputs()[kind]))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_one_office_serves_many_documents_and_comes_back_when_it_dies(monkeypatch):
    first = office.convert(_docx())
    pid = office._office._proc.pid
    second = office.convert(_docx("cong_van"))
    assert office._office._proc.pid == pid  # the same LibreOffice, kept
    assert "TỜ TRÌNH" in _text(first) and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _text(second)
    os.killpg(pid, signal.SIGKILL)  # it dies between two documents
    office._office._proc.wait(timeout=10)
    again = office.convert(_docx("thong_bao"))
    assert office._office._proc.pid != pid and "THÔNG BÁO" in _text(again)


def test_a_one_shot_command_does_not_start_one(monkeypatch):
    monkeypatch.setattr(office, "_kept", False)
    assert not office.available()


def test_switched_off_the_batch_path_makes_the_same_pdf(monkeypatch):
    kept = _text(pdf_bytes(_docx()))
    monkeypatch.setenv("VANTHU_KEPT_OFFICE", "0")
    assert not office.available()
    assert _text(pdf_bytes(_docx())) == kept
