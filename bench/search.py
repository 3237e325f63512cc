"""Index and search speed at 100,000 documents of the seeded synthetic corpus; one line per figure.

    index_docs_per_s    documents indexed per second (bulk, chunks of 2,000, as `vanthu reindex`)
    index_peak_rss_mb   peak resident memory of the process while indexing
    index_size_mb       size of the index folder
    search_p50_ms       median time of one search: top 20, facets, snippets
    search_p95_ms       95th percentile, over a fixed mix of 60 queries (words, phrases, folded,
                        numbers, filtered, sorted), each run 3 times

Run: .venv/bin/python bench/search.py [--n 100000] [--engine tantivy|whoosh]  (default: the default engine)
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS, document, sentences  # noqa: E402
from index import ENGINES, make_engine  # noqa: E402
from index.model import IndexDoc, Query  # noqa: E402
from index.snippets import snippet  # noqa: E402

KIND_OF = {"QUYẾT ĐỊNH": "quyet_dinh", "TỜ TRÌNH": "to_trinh", "BÁO CÁO": "bao_cao", "KẾ HOẠCH": "ke_hoach",
           "THÔNG BÁO": "thong_bao"}


def synthetic(n: int, seed: int = 2026):
    """IndexDocs straight from bench/corpus.py's documents (the header read by position)."""
    rng = random.Random(seed)
    pool = sentences(CORPUS)
    for i in range(n):
        text = document(rng, pool, i)
        lines = text.splitlines()
        number = next(x for x in lines if x.startswith("Số: "))
        so, _, ky_hieu = number[4:].partition("/")
        date_line = next(x for x in lines if ", ngày " in x)
        parts = date_line.split()
        day, month, year = int(parts[-5]), int(parts[-3]), int(parts[-1])
        kind = next((KIND_OF[x] for x in lines if x in KIND_OF), "cong_van")
        body = lines[1] if lines[1].isupper() and not lines[1].startswith("CỘNG") else lines[0]
        subject_i = next(k for k, x in enumerate(lines) if x.startswith(("Về việc", "V/v")) or
                         (k > 0 and lines[k - 1] in KIND_OF))
        yield IndexDoc(id=i + 1, version=1, kind=kind, status="issued", secret=(i % 97 == 0), issuing_body=body,
                       year=year, date=year * 10000 + month * 100 + day, signer=lines[-2], so=int(so),
                       ky_hieu=ky_hieu, trich_yeu=lines[subject_i], cited=[], content=text)


QUERIES = [
    Query(text="quy chế phối hợp"), Query(text="quy che phoi hop"), Query(text="thông tin xấu độc"),
    Query(text="thong tin xau doc"), Query(text="không gian mạng"), Query(text="khong gian mang"),
    Query(text='"theo dõi, xử lý thông tin"'), Query(text='"ban chỉ đạo"'), Query(text="an ninh mạng"),
    Query(text="Nghị định 72/2013"), Query(text="72/2013/NĐ-CP"), Query(text="Luật Báo chí"),
    Query(text="đắk nông"), Query(text="dak nong"), Query(text="triệu sơn"), Query(text="trieu son"),
    Query(text="mạng xã hội"), Query(text="mang xa hoi facebook"), Query(text="tuyên truyền phổ biến"),
    Query(text="tuyen truyen pho bien giao duc phap luat"), Query(text="Công an tỉnh"),
    Query(text="cong an tinh phoi hop"), Query(text="báo chí", kind="cong_van"), Query(text="quy chế", year=2021),
    Query(text="thông tin", kind="quyet_dinh", year=2020), Query(text="kế hoạch", sort="date"),
    Query(text="ủy ban nhân dân", sort="date"), Query(text="thẩm định", date_from=20200101, date_to=20211231),
    Query(text="xử lý vi phạm"), Query(text="xu ly vi pham hanh chinh"), Query(text="Bộ Thông tin và Truyền thông"),
    Query(text="bo thong tin va truyen thong"), Query(text="bí mật nhà nước"), Query(text="bi mat nha nuoc"),
    Query(text='"Sở Thông tin và Truyền thông"'), Query(text="chủ trì phối hợp"), Query(text="chu tri phoi hop"),
    Query(text="Nghị định 15/2020"), Query(text="15/2020/NĐ-CP"), Query(text="Chỉ thị 22/CT-BTTTT"),
    Query(text="đấu tranh phản bác quan điểm sai trái"), Query(text="dau tranh phan bac"),
    Query(text="lợi dụng"), Query(text="loi dung mang xa hoi"), Query(text="góp ý dự thảo"),
    Query(text="gop y du thao", kind="cong_van"), Query(text="Mocha35"), Query(text="Internet"),
    Query(text="thông tin sai sự thật", sort="date"), Query(text="Đài Phát thanh và Truyền hình"),
    Query(text="dai phat thanh truyen hinh"), Query(text="Phòng Văn hóa và Thông tin"),
    Query(text="phong van hoa thong tin", year=2019), Query(text="cổng thông tin điện tử"),
    Query(text="cong thong tin dien tu"), Query(text="hội nhà báo"), Query(text="hoi nha bao"),
    Query(text="an toàn thông tin mạng", kind="to_trinh"), Query(text=""), Query(text="", kind="bao_cao"),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--engine", choices=ENGINES, default=ENGINES[0])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanthu-bench-") as tmp:
        eng = make_engine(args.engine, Path(tmp) / args.engine)
        texts: dict[int, str] = {}
        t0 = time.perf_counter()
        chunk: list[IndexDoc] = []
        for d in synthetic(args.n):
            texts[d.id] = d.content
            chunk.append(d)
            if len(chunk) == 2000:
                eng.add(chunk, bulk=True)
                chunk = []
        eng.add(chunk, bulk=True)
        eng.optimize()
        elapsed = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in (Path(tmp) / args.engine).rglob("*") if p.is_file()) / 1e6
        print(f"index_docs_per_s: {args.n / elapsed:.0f}  ({args.engine}, n={args.n})")
        print(f"index_peak_rss_mb: {rss:.0f}")
        print(f"index_size_mb: {size:.0f}")
        times = []
        for _ in range(3):
            for q in QUERIES:
                t0 = time.perf_counter()
                res = eng.search(q)
                for h in res.hits:
                    snippet(texts[h.id], res.terms, exact_terms=res.exact_terms)
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(f"search_p50_ms: {statistics.median(times):.1f}")
        print(f"search_p95_ms: {times[int(len(times) * 0.95) - 1]:.1f}")
        eng.close()


if __name__ == "__main__":
    main()
