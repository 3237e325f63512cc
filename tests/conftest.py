"""Shared fixtures: a private data folder per test, the corpus, and the examples rendered once."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def corpus_dir() -> Path | None:
    path = Path(os.environ.get("VANTHU_CORPUS") or ROOT.parent / "shared" / "corpus")
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if path is None:
        pytest.skip("Không có bộ văn bản mẫu (corpus): đặt VANTHU_CORPUS hoặc để ở ../shared/corpus")
    return path


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every test writes into its own data folder, never into ./data."""
    path = tmp_path / "data"
    monkeypatch.setenv("VANTHU_DATA", str(path))
    return path


def example_inputs() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))}


def has_soffice() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.fixture(scope="session")
def rendered_examples(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every example rendered to DOCX, and all of them to PDF in one LibreOffice batch."""
    import generator

    out = tmp_path_factory.mktemp("examples")
    old = os.environ.get("VANTHU_DATA")
    os.environ["VANTHU_DATA"] = str(out / "data")
    try:
        settings = generator.load_settings()
        docx = {name: generator.render_docx(generator.load_document(data, settings=settings), out / f"{name}.docx")
                for name, data in example_inputs().items()}
    finally:
        if old is None:
            os.environ.pop("VANTHU_DATA", None)
        else:
            os.environ["VANTHU_DATA"] = old
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice): chạy 'make test' để cài")
    pdfs = generator.convert_to_pdf(list(docx.values()))
    return {name: {"docx": path, "pdf": pdf} for (name, path), pdf in zip(docx.items(), pdfs)}
