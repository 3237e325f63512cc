"""Build, at run time, the JSON input of two real documents of corpus seed 002.

The seed is plain text extracted from the originals; this module reads it the way a clerk would
retype it into vanthu: fields from their lines, the body as typed, the structure from the
"Điều 1." / "1." / "a)" labels.  Nothing of the seed's text is stored in the repository.
"""
from __future__ import annotations

import re
from pathlib import Path

SEED = "seeds/002_c86d25cbeb24d76d.txt"

_NUMBER = re.compile(r"^Số:?\s*(\d*)\s*/\s*(\S+)$")
_DATE = re.compile(r"^(?P<place>[^,]+), ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})$")
_DIEU = re.compile(r"^Điều\s+(\d+)\.\s*(.*)$")
_KHOAN = re.compile(r"^(\d{1,2})\.\s+(.*)$")
_DIEM = re.compile(r"^[a-zđ]\)\s+(.*)$")
_CHUONG = re.compile(r"^Chương\s+([IVX]+)\s*(.*)$")


def seed_lines(corpus: Path) -> list[str]:
    text = (corpus / SEED).read_text(encoding="utf-8").replace("**", "")
    return [line.strip() for line in text.splitlines()]


def segment(lines: list[str], start: str, end: str, after: int = 0) -> tuple[int, int]:
    """Indexes of the first line starting with `start` (at or after `after`) and of the next line equal
    to (or ending with) `end`."""
    i = next(k for k in range(after, len(lines)) if lines[k].startswith(start))
    j = next(k for k in range(i, len(lines)) if lines[k] == end or lines[k].endswith(end))
    return i, j


def paragraphs(lines: list[str]) -> list[str]:
    """Non-empty lines; a line broken mid-sentence (next starts in lower case) is joined back."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        labelled = _DIEM.match(line) or _KHOAN.match(line) or line.startswith("- ")
        if out and line[:1].islower() and not labelled and not out[-1].endswith((".", ";", ":", "!")):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _date(line: str) -> tuple[str, str]:
    m = _DATE.match(line)
    assert m, line
    y, mo, d = m["y"], m["m"], m["d"]
    if d and mo:
        return m["place"], f"{y}-{int(mo):02d}-{int(d):02d}"
    return m["place"], f"{y}-{int(mo):02d}" if mo else y


def _signer(block: list[str]) -> dict:
    """'TM. X' / 'KT. Y' / title lines in capitals, then the name, as printed."""
    signer: dict = {"name": block[-1]}
    titles = []
    for line in block[:-1]:
        if line.startswith("TM. "):
            signer["collective"], signer["mode"] = line[4:], "TM"
        elif m := re.match(r"^(KT|Q|TL|TUQ)\. (.+)$", line):
            signer["mode"], signer["head_title"] = m[1], m[2]
        else:
            titles.append(line)
    if titles:
        signer["title"] = " ".join(titles)
    return signer


def _signature(lines: list[str], start: int) -> tuple[list[str], dict, int]:
    """Nơi nhận lines and the signer block from `start` ('Nơi nhận:'); returns the index of the name."""
    k = start + 1
    noi_nhan = []
    while not lines[k] or lines[k].startswith("- "):
        if lines[k]:
            noi_nhan.append(lines[k][2:])
        k += 1
    block = []
    while True:  # title lines are in capitals; the first line that is not is the signer's name
        if lines[k]:
            block.append(lines[k])
            if not lines[k].isupper():
                return noi_nhan, _signer(block), k
        k += 1


def to_trinh(corpus: Path) -> tuple[dict, list[str]]:
    """The Tờ trình 40/TTr-STTTT: its input and the seed's lines from 'Số:' to the signer's name."""
    lines = seed_lines(corpus)
    i, _ = segment(lines, "Số: 40 /TTr", "TỜ TRÌNH")
    so, ky_hieu = _NUMBER.match(lines[i]).groups()
    body = paragraphs(lines[i + 1:])
    place, date = _date(body[0])
    assert body[1] == "TỜ TRÌNH"
    trich_yeu = re.sub(r"^V/v\s+", "", body[2])
    kinh_gui = body[3].removeprefix("Kính gửi:").strip()
    k = 4
    can_cu = []
    while body[k].startswith("Căn cứ") or body[k].endswith(";"):
        can_cu.append(body[k])
        k += 1
    noi_dung = []
    while body[k] != "Nơi nhận:":
        noi_dung.append(body[k])
        k += 1
    nn_start = lines.index("Nơi nhận:", i)
    noi_nhan, signer, end = _signature(lines, nn_start)
    data = {
        "kind": "to_trinh",
        # the seed keeps the Sở's header only on its next letter (same body); it lies outside the comparison
        "issuing_body": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "parent_body": "UBND TỈNH ĐẮK NÔNG",
        "body_code": ky_hieu.split("-", 1)[1], "place": place, "so": int(so), "ky_hieu": ky_hieu,
        "date": date, "trich_yeu": trich_yeu, "kinh_gui": [kinh_gui], "can_cu": can_cu,
        "noi_dung": noi_dung, "noi_nhan": noi_nhan, "signer": signer,
    }
    return data, lines[i:end + 1]


def _legal_tree(paras: list[str]) -> tuple[list[dict], list[dict]]:
    """Chapters (or bare articles) from 'Chương' / 'Điều N.' / 'N.' / 'a)' paragraphs; any other
    paragraph belongs to the deepest open node, as it does on the page."""
    chapters: list[dict] = []
    articles: list[dict] = []
    pending_title = None
    stack: list[dict] = []  # open nodes: article, khoản, điểm
    for p in paras:
        if m := _CHUONG.match(p):
            pending_title = m[2] or None
            chapters.append({"tieu_de": pending_title or "", "dieu": []})
            articles = chapters[-1]["dieu"]
            stack = []
            continue
        if chapters and not chapters[-1]["tieu_de"]:
            chapters[-1]["tieu_de"] = p
            continue
        if m := _DIEU.match(p):
            node = {"text": m[2]} if m[2].endswith(".") else {"tieu_de": m[2]}
            articles.append(node)
            stack = [node]
        elif (m := _KHOAN.match(p)) and stack:
            node = {"text": m[2]}
            stack = stack[:1]
            stack[0].setdefault("noi_dung", []).append(node)
            stack.append(node)
        elif (m := _DIEM.match(p)) and len(stack) >= 2:
            node = {"text": m[1]}
            stack = stack[:2]
            stack[1].setdefault("noi_dung", []).append(node)
            stack.append(node)
        else:
            stack[-1].setdefault("noi_dung", []).append(p)
    return chapters, articles


def quyet_dinh_quy_che(corpus: Path) -> tuple[dict, list[str], list[str]]:
    """The draft Quyết định with its Quy chế: input, the seed's Quyết định lines ('Số:' → signer's
    name) and its Quy chế lines (title → the closing './.')."""
    lines = seed_lines(corpus)
    i = next(k for k, line in enumerate(lines) if line.startswith("Số:") and "/QĐ-UBND" in line)
    _, ky_hieu = _NUMBER.match(lines[i]).groups()
    body = paragraphs(lines[i + 1:])
    place, date = _date(body[0])
    assert body[1] == "QUYẾT ĐỊNH"
    k = 2
    trich_yeu = body[k]
    while not body[k + 1].isupper():  # a title broken over two lines
        k += 1
        trich_yeu += " " + body[k]
    tham_quyen = body[k + 1]
    k += 2
    can_cu = []
    while body[k].startswith("Căn cứ"):
        can_cu.append(body[k])
        k += 1
    theo_de_nghi = body[k] if body[k].startswith("Theo đề nghị") else None
    k += 1 if theo_de_nghi else 0
    assert body[k] == "QUYẾT ĐỊNH:"
    k += 1
    dieu_paras = []
    while body[k] != "Nơi nhận:":
        dieu_paras.append(body[k])
        k += 1
    _, dieu = _legal_tree(dieu_paras)
    nn_start = lines.index("Nơi nhận:", i)
    noi_nhan, signer, end = _signature(lines, nn_start)

    q_start = lines.index("QUY CHẾ", end)
    q_end = next(n for n in range(q_start, len(lines)) if lines[n].endswith("./."))
    q = paragraphs(lines[q_start + 1:q_end + 1])
    q_title = q[0]
    kem_theo = q[1]
    assert kem_theo.startswith("(Ban hành kèm theo"), kem_theo
    cua = re.search(r" của (.+)\)$", kem_theo)[1]
    chapters, _ = _legal_tree(q[2:])
    data = {
        "kind": "quyet_dinh", "issuing_body": tham_quyen, "parent_body": None,
        "body_code": ky_hieu.split("-", 1)[1], "place": place, "so": None, "date": date,
        "trich_yeu": trich_yeu, "tham_quyen": tham_quyen, "can_cu": can_cu, "theo_de_nghi": theo_de_nghi,
        "dieu": dieu, "noi_nhan": noi_nhan, "signer": signer,
        "van_ban_kem_theo": {"kind": "quy_che", "trich_yeu": q_title, "cua": cua, "chuong": chapters},
    }
    return data, lines[i:end + 1], lines[q_start:q_end + 1]
