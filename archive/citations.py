"""Legal bases cited in a text, normalised to their number: "Nghị định số 72/2013/NĐ-CP" →
"72/2013/NĐ-CP", "Kế hoạch số 31-KH/BCĐ" → "31-KH/BCĐ", a law by its name ("Luật Báo chí")."""
from __future__ import annotations

import re

ACTS = (r"Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư(?: liên tịch)?|Kế hoạch|Công văn|Văn bản|Tờ trình|"
        r"Thông báo|Hướng dẫn|Pháp lệnh|Báo cáo|Chương trình|Đề án")
# "Nghị định số 72/2013/NĐ-CP", "Quyết định 874/QĐ-BTTTT", "văn bản số 408-/STTTT-TTBCXB", "Quyết định số 31 ngày"
_NUMBERED = re.compile(rf"\b(?:{ACTS})\s+(?:số\s*:?\s*)?(\d[\w/\-&.]*[\w&]|\d)", re.IGNORECASE)
_LAW = re.compile(r"^Căn cứ\s+(Luật\b.+?)(?:\s+(?:(?:ngày|năm)\s+\d|số\s+\d|số\s+\S+/QH|đã được)).*$|"
                  r"^Căn cứ\s+(Luật\b[^,;]+?)[\s;.,]*$")


def normalise(number: str) -> str:
    """'408-/STTTT-TTBCXB' → '408/STTTT-TTBCXB'; spaces and closing punctuation out."""
    number = re.sub(r"\s+", "", number).rstrip(".,;:")
    return re.sub(r"-/", "/", number)


def find_citations(text: str) -> list[str]:
    """Every numbered act cited in `text`, in order of first mention, each once; plus a law named by
    a line that starts 'Căn cứ Luật …'."""
    out: list[str] = []
    if text.strip().startswith("Căn cứ"):
        # every law of a basis line, each part between ';' ("Căn cứ Luật A ngày …; Luật B ngày …;")
        for part in text.strip().split(";"):
            law = _LAW.match(part.strip() if part.strip().startswith("Căn cứ") else "Căn cứ " + part.strip())
            name = law and (law.group(1) or law.group(2)).strip().rstrip(",.;")
            if name and name not in out:
                out.append(name)
    for m in _NUMBERED.finditer(text):
        n = normalise(m.group(1))
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", n):  # a date, not an act's number
            continue
        if n not in out:
            out.append(n)
    return out
