"""The documents of one file: a dossier (hồ sơ) holds several, each checked on its own.

The file is cut where ingest cuts it (split.split_documents, on the paragraphs' text, one line per
paragraph); a Quy chế / Quy định issued with a decision stays with that decision, whose number it
shares (the checker reads it as the decision's attachment).
"""
from __future__ import annotations

import dataclasses

from .model import Para
from .split import split_documents
from .text import analyse


def _reindexed(paras: list[Para]) -> list[Para]:
    return [dataclasses.replace(p, index=i) for i, p in enumerate(paras)]


def documents_of(paras: list[Para]) -> list[list[Para]]:
    """The paragraphs of each document, in order; one list when the file holds one document."""
    text = "\n".join(p.text.replace("\n", " ") for p in paras)
    segments = split_documents(text)
    if len(segments) <= 1:
        return [paras]
    starts = sorted({text.count("\n", 0, s.start) for s in segments} | {0})
    bounds = starts + [len(paras)]
    docs: list[list[Para]] = []
    for lo, hi in zip(bounds, bounds[1:]):
        part = paras[lo:hi]
        if not part:
            continue
        if docs and analyse(_reindexed(part)).attachment:
            docs[-1] = docs[-1] + part  # the decision's Quy chế: one document with it
        else:
            docs.append(part)
    return [_reindexed(d) for d in docs]


def label(n: int, paras: list[Para]) -> str:
    """'văn bản 2 (trang 3, dòng 1): TỜ TRÌNH, Số: 40 /TTr-STTTT' — which document a report is about."""
    a = analyse(paras)
    name = a.type_name or ("Công văn" if a.kind == "cong_van" else None)
    bits = [x for x in (name, a.text(a.number) if a.number is not None else None) if x]
    where = paras[0].where if paras else "-"
    return f"văn bản {n} ({where})" + (f": {', '.join(bits)}" if bits else "")
