"""Splitting and metadata extraction against the gold file (written independently of any code)."""
from __future__ import annotations

import json

import pytest

from archive.citations import find_citations
from archive.extract import extract_all, extract_metadata, parse_number
from archive.split import split_documents
from archive.store import META_KEYS

FIELDS = ["kind", "rule_set", "so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu",
          "kinh_gui", "signer_name", "signer_title", "authority", "noi_nhan", "can_cu"]
MUST_BE_EXACT = {"so", "ky_hieu", "date", "kind"}
# floors a little under what is reached today (see README), so a regression fails
FLOOR = {f: 1.0 for f in FIELDS} | {"signer_name": 0.95, "signer_title": 0.95, "authority": 0.95}


def gold(corpus) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for g in json.loads((corpus / "gold" / "seeds_metadata.json").read_text(encoding="utf-8")):
        out.setdefault(g["file"], []).append(g)
    return out


def same(field: str, got, want) -> bool:
    if field == "rule_set" and want == "other":
        want = "unknown"  # interfaces.md names it "unknown"; the gold file writes "other"
    if want in (None, []) and got in (None, []):
        return True
    return got == want


def test_split_counts_and_starts(corpus):
    for name, docs in gold(corpus).items():
        text = (corpus / "seeds" / name).read_text(encoding="utf-8")
        segs = split_documents(text)
        assert len(segs) == len(docs), name
        for seg, g in zip(segs, docs):
            assert seg.text.lstrip().startswith(g["starts_with"]), (name, g["index"], seg.text[:60])
        # nothing lost: the documents follow each other to the end, and only blank lines come before
        assert all(a.end == b.start for a, b in zip(segs, segs[1:])) and segs[-1].end == len(text)
        assert not text[:segs[0].start].strip()


def test_every_field_against_gold(corpus):
    right = {f: 0 for f in FIELDS}
    wrong: list[tuple] = []
    total = 0
    for name, docs in gold(corpus).items():
        metas = extract_all((corpus / "seeds" / name).read_text(encoding="utf-8"))
        for g, m in zip(docs, metas):
            total += 1
            assert list(m) == list(META_KEYS)
            for f in FIELDS:
                if same(f, m[f], g[f]):
                    right[f] += 1
                else:
                    wrong.append((name[:3], g["index"], f, m[f], g[f]))
    print("\nper-field accuracy over", total, "documents:")
    for f in FIELDS:
        print(f"  {f:<14} {right[f]}/{total} = {right[f] / total:.0%}")
    for w in wrong:
        print("  differs:", w)
    for f in FIELDS:
        floor = 1.0 if f in MUST_BE_EXACT else FLOOR[f]
        assert right[f] / total >= floor, (f, [w for w in wrong if w[2] == f])


@pytest.mark.parametrize("line, so, ky_hieu", [
    ("Số: 40 /TTr-STTTT", 40, "TTr-STTTT"), ("Số 311 - CV/BTGTU", 311, "CV/BTGTU"),
    ("Số: 01/2023/QĐ-UBND", 1, "2023/QĐ-UBND"), ("Số: /QĐ-UBND", None, "QĐ-UBND"),
    ("Số:      /TTr-STP", None, "TTr-STP"), ("Số 585 /STTTT- TTBCXB", 585, "STTTT-TTBCXB"),
    ("Số: 110CV-VHTT", 110, "CV-VHTT"), ("**Số: 853 /UBND-VH&TT**", 853, "UBND-VH&TT"),
])
def test_number_and_symbol(line, so, ky_hieu):
    assert parse_number(line) == (so, ky_hieu)


def test_citations_are_normalised():
    assert find_citations("Căn cứ Nghị định số 27/2018/NĐ-CP … của Nghị định số 72/2013/NĐ-CP;") == [
        "27/2018/NĐ-CP", "72/2013/NĐ-CP"]
    assert find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;") == [
        "Luật Tổ chức chính quyền địa phương"]
    assert find_citations("tại văn bản số 408-/STTTT-TTBCXB, ngày 29/4/2021") == ["408/STTTT-TTBCXB"]
    assert find_citations("Kế hoạch số 31-KH/BCĐ ngày 6/4/2021") == ["31-KH/BCĐ"]
    assert find_citations("ngày 26/10/2021 về việc") == []


def test_draft_date_and_generated_document_round_trip(tmp_path):
    """A document vanthu generates reads back as what was typed."""
    import generator
    from tests.conftest import example_inputs

    data = example_inputs()["cong_van"]
    path = generator.render_docx(generator.load_document(data), tmp_path / "cv.docx")
    from archive.readers import read_file

    meta = extract_metadata(read_file(path).text)
    assert (meta["so"], meta["ky_hieu"], meta["date"]) == (data["so"], "STP-HCTP", data["date"])
    assert meta["kind"] == "cong_van" and meta["trich_yeu"].startswith("góp ý dự thảo")
    assert meta["signer_name"] == data["signer"]["name"]
