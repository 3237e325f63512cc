"""Two real documents of seed 002, retyped into vanthu and generated again.

From the "Số:" line to the signer's name (and, for the Quy chế, from its title to the closing
"./."), at least 97% of the seed's words must come back in order, and the only differences
allowed are the corrections Nghị định 30 asks for:
  "40 /TTr" → "40/TTr", "Lưu VT," → "Lưu: VT,", a Tờ trình's "V/v" → "Về việc",
  "Như kính gửi" → "Như trên".
A draft's blanks ("…", "...", or nothing between "ngày" and "tháng") are blanks on both sides.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

import generator
from tests import seed_input
from tests.docx_inspect import paragraph_texts

CORRECTIONS = [
    ("number_space", re.compile(r"^(Số:\s*\d+)\s+/", re.M), r"\1/"),
    ("luu_colon", re.compile(r"Lưu VT,"), "Lưu: VT,"),
    ("nhu_tren", re.compile(r"Như kính gửi"), "Như trên"),
]
TO_TRINH_SUBJECT = ("ve_viec", re.compile(r"^V/v ", re.M), "Về việc ")


def words(text: str) -> list[str]:
    text = text.replace("...", "…")
    return [w for w in text.split() if w != "…"]


def corrected(seed: str, extra=()) -> str:
    for _, pattern, repl in [*CORRECTIONS, *extra]:
        seed = pattern.sub(repl, seed)
    return seed


def between(paras: list[str], first: str, last: str, start: int = 0) -> tuple[list[str], int]:
    i = next(k for k in range(start, len(paras)) if paras[k].startswith(first))
    j = next(k for k in range(i, len(paras)) if paras[k] == last or paras[k].endswith(last))
    return paras[i:j + 1], j + 1


def check(seed_lines: list[str], ours: list[str], extra=()) -> float:
    seed_text = "\n".join(seed_lines)
    a, b = words(seed_text), words("\n".join(ours))
    kept = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    expected = words(corrected(seed_text, extra))
    if expected != b:
        diff = [(op, " ".join(expected[i1:i2]), " ".join(b[j1:j2]))
                for op, i1, i2, j1, j2 in SequenceMatcher(None, expected, b, autojunk=False).get_opcodes()
                if op != "equal"]
        pytest.fail(f"khác bản gốc ngoài các sửa theo Nghị định 30: {diff[:10]}")
    return kept / len(a)


def generate(tmp_path, data):
    doc = generator.load_document(data)
    return paragraph_texts(generator.render_docx(doc, tmp_path / f"{data['kind']}.docx"))


def test_reproduce_to_trinh(corpus, tmp_path):
    data, seed = seed_input.to_trinh(corpus)
    paras = [p for p in generate(tmp_path, data) if p.strip()]
    ours, _ = between(paras, "Số:", data["signer"]["name"])
    ratio = check(seed, ours, [TO_TRINH_SUBJECT])
    assert ratio >= 0.97, ratio
    assert ours[0] == "Số: 40/TTr-STTTT" and "Như trên (để trình)" in " ".join(ours)


def test_reproduce_quyet_dinh_quy_che(corpus, tmp_path):
    data, seed_qd, seed_qc = seed_input.quyet_dinh_quy_che(corpus)
    paras = [p for p in generate(tmp_path, data) if p.strip()]
    qd, after = between(paras, "Số:", data["signer"]["name"])
    assert check(seed_qd, qd) >= 0.97
    qc, _ = between(paras, "QUY CHẾ", "./.", after)
    assert check(seed_qc, qc) >= 0.97
    assert qd[0].split() == ["Số:", "/QĐ-UBND"]  # a draft: room for the number
    assert len([p for p in qc if re.match(r"^Điều \d+\.", p)]) == 9
