"""A judged set of queries over the corpus: each names the one document (a split document, not a
file) a reader means by it.  The queries were written from the documents' own content — numbers,
names, places, phrases — with and without diacritics; the measure is the mean reciprocal rank."""
from __future__ import annotations

import pytest
from sqlalchemy import select

import archive
import index
from archive.schema import document

# (query, file prefix, document index within the file as in the gold file)
JUDGED = [
    ("40/TTr-STTTT", "002", 2),
    ("Số: 40 /TTr-STTTT", "002", 2),
    ("691/VPUBND-KGVX", "002", 1),
    ("thẩm tra hồ sơ Quyết định ban hành Quy chế", "002", 1),
    ("tham tra ho so quyet dinh", "002", 1),
    ("Nguyễn Thị Chín", "002", 1),
    ("585/STTTT-TTBCXB", "002", 3),
    ("Tôn Thị Ngọc Hạnh", "002", 4),
    ("bản tổng hợp ý kiến góp ý", "002", 6),
    ("487/STP-VP", "002", 7),
    ("Sở Tư pháp góp ý thể thức", "002", 7),
    ("1012/UBND-VHTT Gia Nghĩa", "002", 8),
    ("vo an hoa gia nghia", "002", 8),
    ("311 - CV/BTGTU", "002", 9),
    ("Ban Tuyên giáo Nguyễn Hữu Khánh", "002", 9),
    ("180-CV/BNCTU", "002", 10),
    ("Dương Huy Toàn", "002", 10),
    ("709/CAT-PA03", "002", 11),
    ("Phức đáp công an", "002", 11),
    ("Hồ Quang Thắng", "002", 11),
    ("41-CV/BDN", "002", 12),
    ("Nguyễn Phi Long Báo Đắk Nông", "002", 12),
    ("90/PTTH-TCHC", "002", 13),
    ("dai phat thanh truyen hinh Phan Quoc Ly", "002", 13),
    ("1826/UBND-VHTT", "002", 14),
    ("dak song", "002", 14),
    ("110CV-VHTT Cư Jút", "002", 15),
    ("Trương Quang Quảng", "002", 15),
    ("853/UBND-VH&TT", "002", 16),
    ("krong no", "002", 16),
    ("51/VHTT Đắk Mil", "002", 17),
    ("Lê Quang Trung", "000", 1),
    ("Ngọc Hồi tăng cường công tác chỉ đạo định hướng", "001", 1),
    ("ngoc hoi Y Lan", "001", 1),
    ("Quang Binh Portal 3655", "003", 1),
    ("Bình Định chỉ thị thông tin điện tử", "004", 1),
    ("binh dinh chi thi", "004", 1),
    ('"Ban Chi đạo của Tỉnh ủy về bảo vệ nền tảng tư tưởng"', "002", 6),
]


@pytest.fixture(scope="module")
def seeded(corpus, tmp_path_factory):
    import os

    folder = tmp_path_factory.mktemp("judged")
    old = os.environ.get("VANTHU_DATA")
    os.environ["VANTHU_DATA"] = str(folder / "data")
    try:
        archive.upgrade()
        for seed in sorted((corpus / "seeds").glob("*.txt")):
            archive.ingest_file(seed, actor="test")
        index.drain()
        with archive.reading() as conn:
            where = {(s["name"][:3], s["part"]): i for i, s in conn.execute(select(document.c.id, document.c.source))}
        yield where, folder / "data"
    finally:
        index.close_all()
        if old is None:
            os.environ.pop("VANTHU_DATA", None)
        else:
            os.environ["VANTHU_DATA"] = old


def rank_of(query: str, target: int) -> int | None:
    hits = index.search(index.Query(text=query, facets=False))["hits"]
    ids = [h["id"] for h in hits]
    return ids.index(target) + 1 if target in ids else None


def test_mean_reciprocal_rank(seeded, monkeypatch):
    seeded, folder = seeded
    monkeypatch.setenv("VANTHU_DATA", str(folder))  # the module's archive, not this test's empty one
    assert len(JUDGED) >= 30
    ranks = []
    for query, prefix, part in JUDGED:
        ranks.append((query, rank_of(query, seeded[(prefix, part)])))
    mrr = sum(1 / r for _, r in ranks if r) / len(ranks)
    print(f"\nMRR over {len(ranks)} judged queries: {mrr:.3f}")
    for q, r in ranks:
        if r != 1:
            print(f"  rank {r}: {q}")
    assert mrr >= 0.9
