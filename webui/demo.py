"""The demo that `make run` shows: every examples/*.json rendered into data/demo/ and filed in the
archive (once: running the demo again files nothing twice)."""
from __future__ import annotations

import json
from pathlib import Path

import generator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def demo_dir() -> Path:
    return generator.data_dir() / "demo"


def file_examples(inputs: list[dict]) -> int:
    """File each example as the demo's drafts and issued documents, unless already filed."""
    import archive
    from archive.schema import document
    from sqlalchemy import select

    archive.upgrade()
    with archive.reading() as conn:
        filed = [s.get("input") for s in conn.execute(select(document.c.source)).scalars() if s]
    count = 0
    for data in inputs:
        if data not in filed:
            archive.file_draft(data, actor="demo")
            count += 1
    return count


def build_demo(examples: Path | None = None, pdf: bool = True, archive_too: bool = True) -> list[Path]:
    settings = generator.load_settings()
    out_dir = demo_dir()
    made, inputs = [], []
    for src in sorted((examples or EXAMPLES).glob("*.json")):
        data = json.loads(src.read_text(encoding="utf-8"))
        doc = generator.load_document(data, settings=settings)
        made.append(generator.render_docx(doc, out_dir / f"{src.stem}.docx"))
        inputs.append(data)
    if pdf and made:
        generator.convert_to_pdf(made)
    if archive_too:
        file_examples(inputs)
    return made
