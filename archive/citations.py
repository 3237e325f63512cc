"""Legal bases cited in a text, normalised to their number: "Nghị định số 72/2013/NĐ-CP" →
"72/2013/NĐ-CP", "Kế hoạch số 31-KH/BCĐ" → "31-KH/BCĐ", a law by its name ("Luật Báo chí")."""
from __future__ import annotations

import re

ACTS = (r"Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư(?: liên tịch)?|Kế hoạch|Công văn|Văn bản|Tờ trình|"
        r"Thông báo|Hướng dẫn|Pháp lệnh|Báo cáo|Chương trình|Đề án")
# "Nghị định số 72/2013/NĐ-CP", "Quyết định 874/QĐ-BTTTT", "văn bản số 408-/STTTT-TTBCXB", "Quyết định số 31 ngày"
_NUMBERED = re.compile(rf"\b(?:{ACTS})\s+(?:số\s*:?\s*)?(\d[\w/\-&.]*[\w&]|\d)", re.IGNORECASE)
# a part of a law may be what is cited: "Căn cứ điểm a khoản 3 Điều 30 Luật …"
_PART = r"(?:(?:điểm\s+\w+|khoản\s+\d+|Điều\s+\d+\w?|mục\s+\d+|Chương\s+[IVXLC\d]+)[,\s]+)*(?:của\s+)?"
_LAW = re.compile(rf"^Căn cứ\s+{_PART}(Luật\b.+?)(?:\s+(?:(?:ngày|năm)\s+\d|số\s+\d|số\s+\S+/QH|đã được|\())"
                  rf".*$|^Căn cứ\s+{_PART}(Luật\b[^,;]+?)[\s;.,]*$")


def normalise(number: str) -> str:
    """'408-/STTTT-TTBCXB' → '408/STTTT-TTBCXB'; spaces and closing punctuation out."""
    number = re.sub(r"\s+", "", number).rstrip(".,;:")
    return re.sub(r"-/", "/", number)


def _described(text: str, at: int) -> bool:
    """An act named inside another's description ("Thông tư số 01/2018/TT-VPCP … hướng dẫn thi
    hành một số quy định của Nghị định số 61/2018/NĐ-CP"): after the first act of its part (parts
    are cut at ';'), right after 'của', 'hướng dẫn' or 'thi hành' (an amending act, "được sửa đổi
    tại … Thông tư số 130/2016/TT-BTC", is part of the basis)."""
    part_start = text.rfind(";", 0, at) + 1
    if not any(m.start() < at for m in _NUMBERED.finditer(text, part_start, at)):
        return False  # the first act of its part is what the part rests on
    return re.search(r"\b(?:của|hướng dẫn|thi hành)\s*$", text[part_start:at]) is not None


def find_citations(text: str, basis: bool = False) -> list[str]:
    """Every numbered act cited in `text`, in order of first mention, each once; plus a law named by
    a line that starts 'Căn cứ Luật …'. With `basis` (a Căn cứ line), only the acts the line rests
    on: an act named inside another's description is left out."""
    out: list[str] = []
    if text.strip().startswith("Căn cứ"):
        # every law of a basis line, each part between ';' ("Căn cứ Luật A ngày …; Luật B ngày …;")
        for part in text.strip().split(";"):
            law = _LAW.match(part.strip() if part.strip().startswith("Căn cứ") else "Căn cứ " + part.strip())
            name = law and (law.group(1) or law.group(2)).strip().rstrip(",.;")
            if name and name not in out:
                out.append(name)
    for m in _NUMBERED.finditer(text):
        if basis and _described(text, m.start()):
            continue
        n = normalise(m.group(1))
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", n):  # a date, not an act's number
            continue
        if n not in out:
            out.append(n)
    return out
