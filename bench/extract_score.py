"""Extraction scored against the truth of ../shared/corpus/real/ (written by reading each document,
independently of any code), field by field.

    python bench/extract_score.py [--pdf] [--wrong]

prints one line per field (right/total) and the overall share, for the text copies and for the PDFs.
tests/test_extract_real.py asserts the floors. The comparison is the same for every file; its
normalisation is stated once, in `norm` and `same` below, and in the README:

- text: Unicode NFC, whitespace runs as one space, surrounding quotes and final punctuation
  (".,;:") dropped, compared without case (a title is printed in capitals or not), the old and new
  placement of the tone mark alike ("Hoà"/"Hòa", "Uỷ"/"Ủy");
- `ky_hieu` without the year of a legal normative document ("2024/QĐ-UBND" → "QĐ-UBND"), as the
  truth records it; `trich_yeu` without a leading "V/v" / "Về việc";
- `kinh_gui` and `cited` as lists of such texts, in any order; `cited` is compared with our `can_cu`;
- null and [] alike; `accept` alternatives count as right (whole values, or `field[i]` for item i);
  `truth_for_txt` replaces the main value when a text copy is scored.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS = ("kind", "so", "ky_hieu", "issuing_body", "parent_body", "place", "date", "trich_yeu",
          "signer_name", "signer_title", "authority", "kinh_gui", "cited")
OURS = {"cited": "can_cu"}

# old-style tone placement → the one Unicode NFC text most documents use (oà → òa)
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def corpus_root() -> Path:
    return Path(os.environ.get("VANTHU_CORPUS") or ROOT.parent / "shared" / "corpus")


def norm(value) -> str:
    t = unicodedata.normalize("NFC", str(value)).lower()
    for old, new in _TONES.items():
        t = t.replace(old, new)
    t = re.sub(r"\s+", " ", t).strip()
    t = t.strip("\"'“”‘’ ")
    return t.rstrip(".,;: ").strip()


def _field_norm(field: str, value):
    if value in (None, "", []):
        return None
    if field in ("kinh_gui", "cited"):
        items = sorted({norm(v) for v in value if norm(v)})
        return tuple(items) or None
    if field == "so":
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    t = norm(value)
    if field == "ky_hieu":
        t = re.sub(r"^\d{4}/", "", t.replace(" ", ""))
    if field == "trich_yeu":
        t = re.sub(r"^(v/v|về việc)\s*:?\s*", "", t)
    return t or None


def wanted(truth: dict, field: str, as_text: bool) -> list:
    """Every value that counts as right for one field of one document."""
    main = truth.get(field)
    if as_text and field in (truth.get("truth_for_txt") or {}):
        main = truth["truth_for_txt"][field]
    out = [main]
    accept = truth.get("accept") or {}
    out += list(accept.get(field, []))
    items = {int(k[len(field) + 1:-1]): v for k, v in accept.items() if k.startswith(field + "[")}
    if items and isinstance(main, list):  # one item's alternatives, the others as they are
        alt = list(main)
        for i, values in items.items():
            for v in values:
                alt = list(alt)
                if i < len(alt):
                    alt[i] = v
                out.append(list(alt))
    return out


def same(field: str, got, truth: dict, as_text: bool) -> bool:
    g = _field_norm(field, got)
    return any(g == _field_norm(field, w) for w in wanted(truth, field, as_text))


def score(items: list[tuple[dict, dict, bool]]) -> tuple[dict[str, int], int, list[tuple]]:
    """items: (truth, our metadata, scored as a text copy) → right per field, total, what differs."""
    right = dict.fromkeys(FIELDS, 0)
    wrong = []
    for truth, meta, as_text in items:
        for f in FIELDS:
            got = meta.get(OURS.get(f, f)) if meta else None
            if same(f, got, truth, as_text):
                right[f] += 1
            else:
                wrong.append((truth["file"], f, got, wanted(truth, f, as_text)[0]))
    return right, len(items), wrong


def first_document(metas: list[dict]) -> dict:
    """The document a file is about: its first (an attached Quy chế follows its Quyết định)."""
    return metas[0] if metas else {}


def run_text(corpus: Path) -> list[tuple[dict, dict, bool]]:
    from archive.extract import extract_all
    from archive.readers import read_file

    real = corpus / "real"
    out = []
    for t in json.loads((real / "truth.json").read_text(encoding="utf-8")):
        text = read_file(real / t["file"]).text
        out.append((t, first_document(extract_all(text)), True))
    return out


def run_pdf(corpus: Path) -> list[tuple[dict, dict, bool]]:
    from archive.extract import extract_all
    from archive.readers import read_file

    real = corpus / "real"
    out = []
    for t in json.loads((real / "truth.json").read_text(encoding="utf-8")):
        if t.get("original", "").endswith(".pdf"):
            text = read_file(real / t["original"]).text
            out.append((t, first_document(extract_all(text, pdf=True)), False))
    return out


def table(title: str, right: dict, total: int) -> list[str]:
    lines = [f"{title}: {total} documents"]
    for f in FIELDS:
        lines.append(f"  {f:<14} {right[f]:>3}/{total}  {right[f] / total:6.1%}")
    overall = sum(right.values()) / (total * len(FIELDS))
    lines.append(f"  {'overall':<14} {sum(right.values()):>3}/{total * len(FIELDS)}  {overall:6.1%}")
    return lines


def overall(right: dict, total: int) -> float:
    return sum(right.values()) / (total * len(FIELDS))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf", action="store_true", help="also the PDFs (reads them, OCR for the scans)")
    ap.add_argument("--wrong", action="store_true", help="list every field that differs")
    args = ap.parse_args()
    corpus = corpus_root()
    runs = [("text copies", run_text(corpus))] + ([("PDFs", run_pdf(corpus))] if args.pdf else [])
    for title, items in runs:
        right, total, wrong = score(items)
        print("\n".join(table(title, right, total)))
        if args.wrong:
            for w in wrong:
                print("   differs:", json.dumps(w, ensure_ascii=False)[:400])


if __name__ == "__main__":
    main()
