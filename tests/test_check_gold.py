"""The checker on the real seed texts, against the slips a reader wrote down in
gold/seeds_metadata.json, independently of any code.

Each gold slip is either a layout slip (the rule that must catch it is named below) or left out,
with the reason: spelling and capitalisation inside sentences are beyond any layout checker.
"""
from __future__ import annotations

import json

import pytest

from generator.checker import check_text_content

# (file prefix, index, words of the slip) → rule that must report it (error or warning)
LAYOUT = {
    ("000", 1, "'Lưu VT, VHTT' without colon"): "ND30-LUU",
    ("000", 1, "does not end with ';'"): "ND30-CAN-CU",
    ("000", 1, "without its ký hiệu"): "ND30-CITATION",
    ("000", 1, "stray space in cited date"): "ND30-CITATION",
    ("000", 2, "point letters"): "ND30-DIEM",
    ("000", 2, "attachment line"): "ND30-ATTACHMENT-LINE",
    ("000", 2, "on one line"): "ND30-CHUONG",
    ("002", 2, "space between number and '/'"): "ND30-NUMBER",
    ("002", 2, "'V/v' before the trích yếu"): "ND30-VV",
    ("002", 2, "lacks 'Căn cứ'"): "ND30-CAN-CU-LEAD",
    ("002", 2, "without colon"): "ND30-LUU",
    ("002", 3, "'Số' without colon"): "ND30-NUMBER",
    ("002", 3, "spaces inside số/ký hiệu"): "ND30-NUMBER",
    ("002", 3, "en dashes"): "ND30-TIEU-NGU",
    ("002", 3, "body ends"): "ND30-CLOSING-MARK",
    ("002", 3, "without colon"): "ND30-LUU",
    ("002", 4, "no 'Điều 3.' label"): "ND30-DIEU",
    ("002", 5, "point 'c.'"): "ND30-DIEM",
    ("002", 5, "on one line"): "ND30-CHUONG",
    ("002", 6, "without leading zero"): "ND30-DATE",
    ("002", 7, "without colon"): "ND30-LUU",
    ("002", 7, "en dashes"): "ND30-TIEU-NGU",
    ("002", 8, "space between number and '/'"): "ND30-NUMBER",
    ("002", 8, "en dashes"): "ND30-TIEU-NGU",
    ("002", 8, "without colon"): "ND30-LUU",
    ("002", 8, "stray space in cited symbol"): "ND30-CITATION",
    ("002", 11, "space between number and '/'"): "ND30-NUMBER",
    ("002", 11, "not the last Nơi nhận line"): "ND30-LUU",
    ("002", 11, "does not end with './.'"): "ND30-CLOSING-MARK",
    ("002", 13, "space between number and '/'"): "ND30-NUMBER",
    ("002", 13, "'Về việc' written out"): "ND30-VV",
    ("002", 13, "'Nơi nhận' without colon"): "ND30-NOI-NHAN-LABEL",
    ("002", 13, "'KT/'"): "ND30-AUTHORITY",
    ("002", 14, "en dashes"): "ND30-TIEU-NGU",
    ("002", 14, "without colon"): "ND30-LUU",
    ("002", 14, "without space after 'KT.'"): "ND30-AUTHORITY",
    ("002", 14, "signer name in capitals"): "ND30-SIGNER-NAME",
    ("002", 15, "without '/'"): "ND30-NUMBER",
    ("002", 15, "'CV' type code"): "ND30-KY-HIEU",
    ("002", 15, "without leading zero"): "ND30-DATE",
    ("002", 15, "en dashes"): "ND30-TIEU-NGU",
    ("002", 15, "capital 'P' in tiêu ngữ"): "ND30-TIEU-NGU",
    ("002", 15, "space inside the symbol"): "ND30-CITATION",
    ("002", 16, "space between number and '/'"): "ND30-NUMBER",
    ("002", 17, "space between number and '/'"): "ND30-NUMBER",
    ("004", 1, "trích yếu printed in capitals"): "ND30-TRICH-YEU",
}

# Slips left out, and why (matched by words of the slip).
NOT_LAYOUT = {
    "misspelt": "chính tả: không checker thể thức nào thấy được",
    " for '": "chính tả (một từ gõ sai thành từ khác)",
    "mid-sentence capital": "viết hoa giữa câu (Phụ lục II): cần hiểu nghĩa của câu",
    "(should be '": "viết hoa tên riêng, tên cơ quan (Phụ lục II)",
    "missing 'tử'": "thiếu chữ trong câu",
    "misplaced comma": "dấu câu giữa câu",
    "omits the issuing body": "nội dung trích dẫn: cần biết cơ quan ban hành văn bản được dẫn",
    "names a Kế hoạch": "nội dung: tiêu đề nêu nhầm loại văn bản",
    "'Bộ' missing": "thiếu chữ trong câu",
    "'Tờ Trình' capitalised": "viết hoa giữa câu (Phụ lục II)",
}


def slices(corpus):
    gold = json.loads((corpus / "gold" / "seeds_metadata.json").read_text(encoding="utf-8"))
    by_file: dict[str, list] = {}
    for g in gold:
        by_file.setdefault(g["file"], []).append(g)
    for name, docs in by_file.items():
        text = (corpus / "seeds" / name).read_text(encoding="utf-8")
        starts, pos = [], 0
        for g in docs:  # each document begins where the gold file says it does
            i = text.find(g["starts_with"], pos)
            assert i >= 0, (name, g["index"])
            starts.append(i)
            pos = i + 1
        for k, g in enumerate(docs):
            yield g, text[starts[k]:starts[k + 1] if k + 1 < len(starts) else len(text)]


def classify(g, slip: str) -> tuple[str | None, str | None]:
    for (prefix, index, words), rule in LAYOUT.items():
        if g["file"].startswith(prefix) and g["index"] == index and words in slip:
            return rule, None
    for words, reason in NOT_LAYOUT.items():
        if words in slip:
            return None, reason
    return None, None


@pytest.fixture(scope="module")
def checked(corpus):
    return [(g, check_text_content(text, f"{g['file']}#{g['index']}")) for g, text in slices(corpus)]


def test_every_gold_slip_is_classified(checked):
    for g, _ in checked:
        for slip in g.get("slips") or []:
            rule, reason = classify(g, slip)
            assert rule or reason, f"{g['file']}#{g['index']}: chưa phân loại lỗi '{slip}'"


def test_layout_slips_are_found(checked):
    missed, found = [], 0
    for g, report in checked:
        fired = report.rules_fired("error") | report.rules_fired("warning")
        for slip in g.get("slips") or []:
            rule, _ = classify(g, slip)
            if rule is None:
                continue
            if rule in fired:
                found += 1
            else:
                missed.append((g["file"][:3], g["index"], slip, rule))
    total = found + len(missed)
    print(f"\nrecall: {found}/{total} = {found / total:.0%} of the gold file's layout slips")
    assert not missed, missed


def test_scope_of_each_document(checked):
    for g, report in checked:
        expected = {"nd30": "nd30", "dang": "dang", "vbqppl": "vbqppl"}.get(g["rule_set"], "unknown")
        assert report.rule_set == expected, (g["file"], g["index"], report.rule_set)
        if expected == "dang":
            assert report.rules_fired() == {"SCOPE-DANG"}  # out of scope, never an error
        if expected == "nd30":
            assert report.kind == g["kind"], (g["file"], g["index"], report.kind)


def test_no_error_where_the_gold_file_records_none(checked):
    for g, report in checked:
        if not g.get("slips"):
            assert not report.errors, (g["file"], g["index"], [(f.rule, f.message) for f in report.errors])


def test_no_error_on_a_document_for_an_unrecorded_reason(checked):
    """Precision: every error on a state document points at something the gold file records."""
    for g, report in checked:
        if g["rule_set"] != "nd30":
            continue
        recorded = {classify(g, s)[0] for s in g.get("slips") or []}
        extra = [(f.rule, f.where, f.message) for f in report.errors if f.rule not in recorded]
        assert not extra, (g["file"], g["index"], extra)
