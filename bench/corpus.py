"""A seeded, reproducible synthetic archive made from the corpus, for every benchmark.

Each document has a real header shape (issuing bodies, kinds and symbols taken from the seeds),
a fresh number and date, and a body of the seeds' own sentences recombined.  The same seed gives
the same documents, byte for byte.

    python bench/corpus.py OUT_DIR N [--seed S]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("VANTHU_CORPUS") or ROOT.parent / "shared" / "corpus")

BODIES = [  # (parent, issuing body, body code, place) of the kinds of bodies in the seeds
    ("UBND TỈNH ĐẮK NÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Đắk Nông"),
    ("UBND TỈNH ĐẮK NÔNG", "SỞ TƯ PHÁP", "STP", "Đắk Nông"),
    ("", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "UBND", "Đắk Nông"),
    ("BỘ CÔNG AN", "CÔNG AN TỈNH ĐẮK NÔNG", "CAT", "Đắk Nông"),
    ("", "ỦY BAN NHÂN DÂN HUYỆN TRIỆU SƠN", "UBND", "Triệu Sơn"),
    ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "SNV", "Lâm Đồng"),
]
KINDS = [("QUYẾT ĐỊNH", "QĐ"), ("TỜ TRÌNH", "TTr"), ("BÁO CÁO", "BC"), ("KẾ HOẠCH", "KH"), ("THÔNG BÁO", "TB"),
         (None, None)]  # None: công văn
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Trung", "Phạm Minh Châu", "Đoàn Ngọc Vinh",
           "Võ Thị Ngọc Hà", "Hoàng Đức Long", "Bùi Thị Thu Trang"]


def sentences(corpus: Path) -> list[str]:
    """The seeds' body sentences: long enough, no header, stamp or list noise."""
    out = []
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").replace("*", "").splitlines():
            line = line.strip()
            if len(line) < 60 or line.isupper() or line.startswith(("-", "Số", "Nơi nhận", "Kính gửi")):
                continue
            out += [s.strip() for s in re.split(r"(?<=[.;])\s+", line) if len(s.strip()) > 40]
    return sorted(set(out))


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)  # nd30.md §2.4


def document(rng: random.Random, pool: list[str], n: int, used: set | None = None) -> str:
    parent, body, code, place = rng.choice(BODIES)
    type_name, abbr = rng.choice(KINDS)
    so = rng.randint(1, 999)
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    ky_hieu = f"{abbr}-{code}" if abbr else f"{code}-{rng.choice(['VP', 'TH', 'KGVX', 'VHTT', 'TCHC'])}"
    if used is not None:  # one body never gives one number twice in a year (ingest would call it a duplicate)
        while (so, ky_hieu, body, year) in used:
            so = so % 9999 + 1
        used.add((so, ky_hieu, body, year))
    subject = rng.choice(pool)[:120].rstrip(".;,")
    subject = subject[:1].lower() + subject[1:]
    lines = [x for x in (parent, body) if x]
    lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
              f"Số: {so:02d}/{ky_hieu}",
              f"{place}, ngày {day:02d} tháng {month_text(month)} năm {year}", ""]
    if type_name:
        lines += [type_name, f"Về việc {subject}" if abbr in ("QĐ", "TTr", "TB") else subject[:1].upper() + subject[1:]]
    else:
        lines += [f"V/v {subject}", "", "Kính gửi: Ủy ban nhân dân tỉnh"]
    lines.append("")
    body_sentences = rng.sample(pool, k=min(len(pool), rng.randint(4, 14)))
    for i in range(0, len(body_sentences), 2):
        lines += [" ".join(body_sentences[i:i + 2]), ""]
    lines[-2] = lines[-2].rstrip(".;") + "./."
    lines += ["Nơi nhận:", "- Như trên;", f"- Lưu: VT, {rng.choice(['VP', 'TH', 'KGVX'])}.", "",
              rng.choice(["KT. GIÁM ĐỐC", "GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"]),
              rng.choice(["PHÓ GIÁM ĐỐC", "CHỦ TỊCH", "PHÓ CHỦ TỊCH"]), "", rng.choice(SIGNERS),
              f"(tài liệu tổng hợp số {n})"]
    return "\n".join(lines) + "\n"


def make(out: Path, n: int, seed: int = 2026, corpus: Path = CORPUS) -> list[Path]:
    if not (corpus / "seeds").is_dir():
        sys.exit(f"Không có bộ văn bản mẫu ở {corpus}: đặt VANTHU_CORPUS")
    rng = random.Random(seed)
    pool = sentences(corpus)
    out.mkdir(parents=True, exist_ok=True)
    paths, used = [], set()
    for i in range(n):
        p = out / f"{i:06d}.txt"
        p.write_text(document(rng, pool, i, used), encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    made = make(args.out, args.n, args.seed)
    print(f"documents: {len(made)}")
