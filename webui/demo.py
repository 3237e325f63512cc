"""The demo that `make run` shows: every examples/*.json rendered into data/demo/."""
from __future__ import annotations

import json
from pathlib import Path

import generator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def demo_dir() -> Path:
    return generator.data_dir() / "demo"


def build_demo(examples: Path | None = None, pdf: bool = True) -> list[Path]:
    settings = generator.load_settings()
    out_dir = demo_dir()
    made = []
    for src in sorted((examples or EXAMPLES).glob("*.json")):
        doc = generator.load_document(json.loads(src.read_text(encoding="utf-8")), settings=settings)
        made.append(generator.render_docx(doc, out_dir / f"{src.stem}.docx"))
    if pdf and made:
        generator.convert_to_pdf(made)
    return made
