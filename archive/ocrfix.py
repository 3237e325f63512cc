"""What Tesseract gets wrong in the words every header has, put right.

OCR of a Vietnamese scan confuses marks most on capitals ("KẺ HOẠCH" for KẾ HOẠCH, "THÀNH PHÓ CẢN
THƠ" for THÀNH PHỐ CẦN THƠ, "HỘI ĐÓNG" for HỘI ĐỒNG) and drops them from small print ("TM. UY BAN
NHAN DAN"). The header's words are few and known: the printed names of the kinds, the names of
bodies and titles, the provinces. A run of words that equals one of them once marks are set
aside, in the same case, is that phrase. Nothing else is touched: body text keeps what OCR read.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.rules import TYPE_NAMES

# Bodies, titles and the lines of the national motto: written in capitals in a header
HEADER_WORDS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ", "TỈNH",
    "ỦY BAN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
    "CHÁNH VĂN PHÒNG", "VĂN PHÒNG", "THƯỜNG TRỰC", "BAN THƯỜNG VỤ", "TỈNH ỦY", "THÀNH ỦY",
    "CHÍNH PHỦ", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "QUỐC HỘI", "NHÂN DÂN", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
    "THỊ XÃ", "ĐẶC KHU", "NƠI NHẬN",
)  # two words at least: one ("SỐ", "SỞ", "TÍNH", "TỈNH") folds into too many others

# The 63 provinces and cities before the 2025 merger; the 34 after it are among them
PROVINCES = (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "An Giang", "Bà Rịa - Vũng Tàu",
    "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
    "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)


# Phrases of every administrative text, put right in whatever case they are written; none folds
# into another phrase of the language ("căn cứ" is left out: it folds into "cần cù")
COMMON = (
    "sửa đổi", "bổ sung", "chính quyền", "địa phương", "thẩm quyền", "tổ chức", "thực hiện", "kế hoạch",
    "quy định", "nghị quyết", "quyết định", "nghị định", "thông tư", "dân chủ", "tình hình",
    "thành phố", "nhà nước", "ủy ban", "nhân dân", "hội đồng", "ngân sách", "triển khai",
    "chủ tịch", "công văn", "tờ trình", "thông báo", "báo cáo", "một số điều", "đầu tư", "đấu thầu",
    "quy hoạch",
)  # left out, for what they fold into: "cơ quan" (có quan), "tài sản" (tại sân), "văn bản" (vẫn bán)


def fold(text: str) -> str:
    """Letters without their marks, lower case: 'PHÓ' and 'PHỐ' are both 'pho'."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _phrases() -> dict[int, dict[str, str]]:
    """Word count → folded phrase → the phrase in capitals (kinds, bodies, titles, provinces)."""
    upper = {unicodedata.normalize("NFC", p.upper())
             for p in (*TYPE_NAMES.values(), *HEADER_WORDS, *PROVINCES, *COMMON)}
    out: dict[int, dict[str, str]] = {}
    # a province with its level ("TỈNH SƠN LA", read "TÍNH SƠN LA"): specific enough to put right
    upper |= {f"{level} {p.upper()}" for level in ("TỈNH", "THÀNH PHỐ") for p in PROVINCES}
    for p in upper:
        words = p.split()
        if len(words) >= 2:
            out.setdefault(len(words), {})[fold(p)] = p
    return out


_PLACES = {fold(p): p for p in PROVINCES}
_COMMON = {fold(p) for p in COMMON}


def _each_word_like(phrase: str, original: str) -> str | None:
    """The phrase with the case of each of the original's words (upper, capitalised, lower)."""
    a, b = phrase.split(), original.split()
    if len(a) != len(b):
        return None
    out = []
    for w, o in zip(a, b):
        out.append(w.upper() if o.isupper() else w[:1].upper() + w[1:].lower() if o[:1].isupper() else w.lower())
    return " ".join(out)


def _case_like(phrase_upper: str, original: str) -> str | None:
    if original.isupper():
        return phrase_upper
    if fold(phrase_upper) in _COMMON:
        return _each_word_like(phrase_upper, original)
    place = _PLACES.get(fold(phrase_upper))
    # a province written as a name ("Cân Thơ, ngày …") is put right as a name; other words only in capitals
    if place and all(w[:1].isupper() for w in original.split() if w != "-"):
        return place
    return None


def _fix_line(line: str) -> str:
    # a phrase never runs across two columns ("… thành      PHÓ CHỦ TỊCH")
    return "".join(_fix_cell(part) if k % 2 == 0 else part for k, part in enumerate(re.split(r"(\s{2,})", line)))


def _fix_cell(line: str) -> str:
    words = list(re.finditer(r"\S+", line))
    if not words:
        return line
    phrases = _phrases()
    longest = max(phrases)
    out, k = [], 0
    last_end = 0
    while k < len(words):
        done = False
        for n in range(min(longest, len(words) - k), 0, -1):
            span = words[k:k + n]
            raw = line[span[0].start():span[-1].end()]
            core = raw.strip(",.;:()“”\"")
            lead = raw[:raw.index(core)] if core else ""
            key = fold(re.sub(r"\s+", " ", core))
            hit = phrases.get(n, {}).get(key)
            if not hit:
                continue
            fixed = _case_like(hit, core)
            if fixed and fixed != core:
                out.append(line[last_end:span[0].start()] + lead + fixed + raw[len(lead) + len(core):])
                last_end = span[-1].end()
            if fixed:  # right or put right: its words are not read again as shorter phrases
                k += n
                done = True
                break
        if not done:
            k += 1
    out.append(line[last_end:])
    return "".join(out)


# Digits read as letters inside a date ("ngày II tháng 09", "tháng I1 năm 2024"): only there is
# it certain that a number was printed
_DIGITISH = str.maketrans({"I": "1", "l": "1", "|": "1", "]": "1", "[": "1", "!": "1", "O": "0", "o": "0",
                           "Š": "5", "S": "5"})
_DATE = re.compile(r"\b(ngày|tháng|năm)(\s+)([0-9IlO|\[\]!Š]{1,4})(?=\s+(?:tháng|năm)\b|[\s,;.)]|$)")


def _digits(m: re.Match) -> str:
    word = m[3]
    if re.fullmatch(r"[IVX]{3,}", word) or (m[1] == "năm" and re.fullmatch(r"[IVX]{2,}", word)):
        return m[0]  # "năm III", "năm II" could be roman numerals
    top = {"ngày": 31, "tháng": 12, "năm": 2100}[m[1]]
    for candidate in (word, word.strip("[]|!")):  # a stroke beside a digit is noise of the scan
        fixed = candidate.translate(_DIGITISH)
        if fixed.isdigit() and 0 < int(fixed) <= top:
            return m[1] + m[2] + fixed
    return m[0]


def _act_numbers(text: str) -> str:
    """An act's number as OCR breaks it: "151/201 7/NĐ-CP", "11 4/2024/NĐ- CP", "131⁄2017NĐ- CP"."""
    text = text.replace("⁄", "/")
    # only after "số" or an act's name: "STT 1 15/2024/QĐ-UBND" is a row number and a number
    act = r"(\b(?:số|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Công văn|Kế hoạch)\s*:?\s*)"
    text = re.sub(act + r"(\d{1,4})/(\d{3}) (\d)(?=/[A-ZĐ])", r"\1\2/\3\4", text)
    text = re.sub(act + r"(\d{1,3}) (\d{1,3})(?=/(?:19|20)\d\d/[A-ZĐ])", r"\1\2\3", text)
    text = re.sub(r"(/(?:19|20)\d\d)(?=[A-ZĐ]{2,}-)", r"\1/", text)
    return re.sub(r"\b([A-ZĐ]{2,})- (?=[A-ZĐ]{2,}\b)", r"\1-", text)


def repair_ocr(text: str) -> str:
    text = text.replace("Ð", "Đ").replace("ð", "đ")  # Tesseract's Icelandic eth for Đ
    text = _DATE.sub(_digits, text)
    text = _act_numbers(text)
    # "Nơinhậm", "ơi nhận:" — the label of the recipients' list, the signature part's landmark
    text = re.sub(r"(?m)^(\s*)N?[ơo]i\s?nh[ậâa][nm](?=[:;.]|\s{2,}|\s*$)[:;.]?(?=(\S)?)",
                  lambda m: m[1] + "Nơi nhận:" + (" " if m[2] else ""), text)
    return "\n".join(_fix_line(x) for x in text.split("\n"))
