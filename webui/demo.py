"""The demo that `make run` shows: every examples/*.json rendered into data/demo/ and filed in the
archive, then the comment round of examples/round/ on one of those drafts (once: running the demo again
files nothing twice)."""
from __future__ import annotations

import datetime as dt
import json
import sys
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


def _draft_id(data: dict) -> int | None:
    """The archive's draft filed from this example input (by file_examples)."""
    import archive
    from archive.schema import document
    from sqlalchemy import select

    with archive.reading() as conn:
        rows = conn.execute(select(document.c.id, document.c.source).where(document.c.status == "draft")
                            .order_by(document.c.id)).all()
    return next((r.id for r in rows if r.source and r.source.get("input") == data), None)


def file_round(examples: Path | None = None) -> int | None:
    """Open the round of examples/round/round.json on its draft, take its letters in and record its one
    answer, so that /rounds shows answered and unanswered comments. Only while the archive has no round:
    a second run (or a clerk's own round) files nothing. Returns the new round's id, or None."""
    from archive import rounds

    examples = examples or EXAMPLES
    spec_file = examples / "round" / "round.json"
    if not spec_file.is_file() or rounds.list_rounds():
        return None
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    draft = json.loads((examples / spec["draft"]).read_text(encoding="utf-8"))
    doc_id = _draft_id(draft)
    if doc_id is None:
        raise rounds.RoundError(f"không có dự thảo {spec['draft']} trong kho")
    letters = [examples / "round" / name for name in spec["letters"]]
    missing = [p.name for p in letters if not p.is_file()]
    if missing:  # checked before the round is opened, so a broken folder leaves no half-made round
        raise rounds.RoundError(f"thiếu văn bản góp ý {', '.join(missing)} trong {examples / 'round'}")
    # the deadline counts from the day the demo runs, so the round is never shown overdue on day one
    deadline = dt.date.today() + dt.timedelta(days=int(spec.get("deadline_days", 14)))
    rid = rounds.open_round(doc_id, spec["agencies"], deadline, actor="demo")
    for path in letters:
        rounds.add_reply(rid, path, actor="demo")  # files the letter through the ingest
    answer = spec.get("answer")
    if answer:
        found = [c for c in rounds.round_state(rid)["comments"] if c["agency"] == answer["agency"]
                 and c["target"] == answer["target"] and c["document"] == answer.get("document", c["document"])]
        if not found:
            raise rounds.RoundError(f"không thấy ý kiến của {answer['agency']} tại {answer['target']} để trả lời")
        rounds.respond(found[0]["id"], answer["status"], answer.get("giai_trinh"), actor="demo", round_id=rid)
    return rid


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
        try:
            file_round(examples)
        except Exception as exc:  # the round is an extra: the documents above stay made and filed
            from archive.rounds import RoundError

            why = str(exc) if isinstance(exc, RoundError) else f"{type(exc).__name__}: {exc}"
            print(f"Không lập được vòng lấy ý kiến mẫu: {why}", file=sys.stderr)
    return made
