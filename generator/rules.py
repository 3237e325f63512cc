"""The rules of Nghị định 30/2020/NĐ-CP as small pure functions.

Each function turns model values into the exact text (or length) the decree
asks for; none of them knows about Word.  Section numbers refer to
`../shared/spec/nd30.md`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import layout, metrics

# --- kinds and their abbreviations (nd30.md §3) -------------------------------------------

# The whole vocabulary of Điều 7 (29 kinds, in its order) with the printed type name and the
# abbreviation of Phụ lục III, Mục I (nd30.md §3); plus the comment summary and "other".
# Công văn and thư công print no type name and have no abbreviation.
_VOCABULARY = (
    ("nghi_quyet", "NGHỊ QUYẾT", "NQ"), ("quyet_dinh", "QUYẾT ĐỊNH", "QĐ"), ("chi_thi", "CHỈ THỊ", "CT"),
    ("quy_che", "QUY CHẾ", "QC"), ("quy_dinh", "QUY ĐỊNH", "QyĐ"), ("thong_cao", "THÔNG CÁO", "TC"),
    ("thong_bao", "THÔNG BÁO", "TB"), ("huong_dan", "HƯỚNG DẪN", "HD"), ("chuong_trinh", "CHƯƠNG TRÌNH", "CTr"),
    ("ke_hoach", "KẾ HOẠCH", "KH"), ("phuong_an", "PHƯƠNG ÁN", "PA"), ("de_an", "ĐỀ ÁN", "ĐA"),
    ("du_an", "DỰ ÁN", "DA"), ("bao_cao", "BÁO CÁO", "BC"), ("bien_ban", "BIÊN BẢN", "BB"),
    ("to_trinh", "TỜ TRÌNH", "TTr"), ("hop_dong", "HỢP ĐỒNG", "HĐ"), ("cong_van", None, None),
    ("cong_dien", "CÔNG ĐIỆN", "CĐ"), ("ban_ghi_nho", "BẢN GHI NHỚ", "BGN"),
    ("ban_thoa_thuan", "BẢN THỎA THUẬN", "BTT"), ("giay_uy_quyen", "GIẤY ỦY QUYỀN", "GUQ"),
    ("giay_moi", "GIẤY MỜI", "GM"), ("giay_gioi_thieu", "GIẤY GIỚI THIỆU", "GGT"),
    ("giay_nghi_phep", "GIẤY NGHỈ PHÉP", "GNP"), ("phieu_gui", "PHIẾU GỬI", "PG"),
    ("phieu_chuyen", "PHIẾU CHUYỂN", "PC"), ("phieu_bao", "PHIẾU BÁO", "PB"), ("thu_cong", None, None),
    ("tong_hop_y_kien", "BẢN TỔNG HỢP Ý KIẾN GÓP Ý", None), ("other", None, None),
)

KINDS = tuple(kind for kind, _, _ in _VOCABULARY)
ND30_KINDS = KINDS[:29]  # the 29 of Điều 7

# kind → the type name printed above the trích yếu
TYPE_NAMES = {kind: name for kind, name, _ in _VOCABULARY if name}

# type name → abbreviation, for every type of Điều 7
TYPE_ABBREVIATIONS = {name: abbr for _, name, abbr in _VOCABULARY if abbr}

# How a clerk names each kind where none is printed.
KIND_WORDS = {kind: (name or {"cong_van": "CÔNG VĂN", "thu_cong": "THƯ CÔNG", "other": "VĂN BẢN KHÁC"}[kind])
              for kind, name, _ in _VOCABULARY}

# Only these tables map a kind to its abbreviation (interfaces.md).
ABBREVIATIONS = {kind: TYPE_ABBREVIATIONS[name] for kind, name in TYPE_NAMES.items()
                 if name in TYPE_ABBREVIATIONS}


_ABBREVIATION_SET = frozenset(TYPE_ABBREVIATIONS.values())


def normalise_kind(name: str) -> str | None:
    """'quyet-dinh' and 'quyet_dinh' are the same kind; None if unknown."""
    kind = name.strip().lower().replace("-", "_")
    return kind if kind in KINDS else None


def abbreviation(kind: str) -> str | None:
    return ABBREVIATIONS.get(kind)


# --- số and ký hiệu (§2.3) ------------------------------------------------------------------

CODE_RE = re.compile(r"^[A-ZĐ0-9&]+(?:[-&][A-ZĐ0-9&]+)*$")
DRAFT_NUMBER_GAP = " " * 6  # "Số:      /QĐ-UBND": room for the number written after signing


def valid_code(code: str) -> bool:
    """An abbreviation of a body or unit: capitals, digits, '&', groups joined by '-'."""
    return bool(CODE_RE.match(code))


def ky_hieu(kind: str, body_code: str, unit_code: str | None = None, year: int | None = None) -> str:
    """Ký hiệu of a document: 'QĐ-UBND' for a typed one, 'UBND-VX' for a công văn.

    A legal normative document carries its year first: '2023/QĐ-UBND'."""
    abbr = abbreviation(kind)
    if abbr:
        code = f"{abbr}-{body_code}"
    elif kind == "cong_van":
        if not unit_code:
            raise ValueError("công văn cần ký hiệu của đơn vị soạn thảo")
        code = f"{body_code}-{unit_code}"
    else:
        raise ValueError(f"loại văn bản {kind} không có ký hiệu")
    return f"{year}/{code}" if year else code


def body_code_of(code: str | None) -> str | None:
    """The body's abbreviation inside a ký hiệu, the inverse of `ky_hieu`: 'QĐ-UBND' and
    '2023/QĐ-UBND' → 'UBND'; a công văn's 'UBND-VX' → 'UBND' (its second part is the unit)."""
    if not code:
        return None
    parts = code.rsplit("/", 1)[-1].split("-")
    if len(parts) > 1 and parts[0] in _ABBREVIATION_SET:
        return parts[1] or None
    return parts[0] or None


def cited_number(so: int, ky_hieu: str, party: bool = False) -> str:
    """How a document is cited and looked up: '05/QĐ-UBND' (a number under 10 with its 0, §2.3); a
    Party document's '180-CV/BNCTU'.  The key `canonical_number` gives any citation of it."""
    return canonical_number(f"{so}-{ky_hieu}" if party else f"{so}/{ky_hieu}")


def canonical_number(number: str) -> str:
    """A cited number as `cited_number` writes it: 'Quyết định số 5/QĐ-UBND' cites the same act as
    '05/QĐ-UBND' and '005/QĐ-UBND'; a number without a leading figure is left as it is."""
    head = re.match(r"\d+", number)
    return f"{int(head.group()):02d}{number[head.end():]}" if head else number


def number_line(so: int | None, code: str) -> str:
    """'Số: 05/QĐ-UBND'; a draft leaves room for the number: 'Số:      /QĐ-UBND'."""
    if so is None:
        return f"Số:{DRAFT_NUMBER_GAP}/{code}"
    return f"Số: {so:02d}/{code}"


# --- place and date (§2.4) ------------------------------------------------------------------

BLANK = "…"  # a blank to fill in by hand on a draft


@dataclass(frozen=True)
class PartialDate:
    """A draft's date: the year, perhaps the month, never the day."""

    year: int
    month: int | None = None


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero (so 'tháng 01' is not read as 'tháng 10'); 3–12 do not."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | PartialDate) -> str:
    """'Đắk Nông, ngày 05 tháng 02 năm 2021'; a draft: 'Đắk Nông, ngày … tháng … năm 2026'."""
    if isinstance(date, dt.date):
        return f"{place}, ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"
    month = month_text(date.month) if date.month else BLANK
    return f"{place}, ngày {BLANK} tháng {month} năm {date.year}"


def date_words(date: dt.date | PartialDate) -> str:
    """The date without the place: 'ngày 05 tháng 02 năm 2021'."""
    return date_line("", date)[2:]


# --- trích yếu (§2.2, §4) -------------------------------------------------------------------

def subject_line(kind: str, trich_yeu: str, ve_viec: bool) -> str:
    """The line under the type name, or the 'V/v' line of a công văn."""
    if kind == "cong_van":
        return f"V/v {trich_yeu}"
    if ve_viec:
        return f"Về việc {trich_yeu}"
    return trich_yeu[:1].upper() + trich_yeu[1:]


def default_ve_viec(kind: str, has_attachment: bool) -> bool:
    """Mẫu 1.2 and 1.4 lead the trích yếu with 'Về việc'; Mẫu 1.3 ('Ban hành …') does not."""
    if kind == "quyet_dinh":
        return not has_attachment
    return kind in ("to_trinh", "thong_bao")


# --- lists: căn cứ, Kính gửi, Nơi nhận (§2.5, §2.8) -------------------------------------------

_END_PUNCT = re.compile(r"[\s;,.]+$")


def strip_end(text: str) -> str:
    """Drop the closing punctuation a user typed, so the rule can set it."""
    if text.endswith("./."):
        text = text[:-3]
    return _END_PUNCT.sub("", text)


def can_cu_lines(items: list[str], closing: str | None = None) -> list[str]:
    """One căn cứ a line, each ending ';', the last '.'; 'Theo đề nghị …' closes with '.' if given."""
    lines = [strip_end(x) for x in items] + ([strip_end(closing)] if closing else [])
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def kinh_gui_lines(items: list[str]) -> list[str]:
    """One recipient stays on the 'Kính gửi:' line as typed; several become '- X;' … '- Y.'."""
    items = [x.strip().lstrip("-–+• ").strip() for x in items]
    if len(items) == 1:
        return [items[0]]
    return [f"- {strip_end(x)}" + (";" if i < len(items) - 1 else ".") for i, x in enumerate(items)]


NHU_TREN = "Như trên"
_NHU_KINH_GUI = re.compile(r"^như\s+kính\s+gửi", re.IGNORECASE)
_LUU = re.compile(r"^lưu\s*:?\s*(.*)$", re.IGNORECASE)


def luu_line(units: list[str], copies: int | None = None) -> str:
    """'- Lưu: VT, TCCB.' (VT = văn thư keeps the original; then the drafting unit, then copies)."""
    parts = ["VT"] + [u for u in units if u and u.upper() != "VT"]
    tail = f" {copies:02d}" if copies else ""
    return f"- Lưu: {', '.join(parts)}{tail}."


def noi_nhan_lines(items: list[str], luu_units: list[str], nhu_tren: bool,
                   copies: int | None = None) -> list[str]:
    """Each recipient '- X;', 'Như trên' first where a Kính gửi block exists, '- Lưu: VT, ….' last.

    'Như kính gửi' is corrected to 'Như trên' and a typed 'Lưu VT, X' line is taken as the Lưu line."""
    lines: list[str] = []
    units = list(luu_units)
    for raw in items:
        text = strip_end(raw.strip().lstrip("-–+• ").strip())
        if not text:
            continue
        luu = _LUU.match(text)
        if luu:
            units += [u.strip() for u in luu.group(1).split(",") if u.strip()]
            continue
        text = _NHU_KINH_GUI.sub(NHU_TREN, text)
        lines.append(text)
    if nhu_tren and not (lines and lines[0].lower().startswith(NHU_TREN.lower())):
        lines.insert(0, NHU_TREN)
    seen: list[str] = []
    for u in units:  # 'Lưu VT, TTBCXB' typed twice or with VT again keeps one of each
        if u not in seen:
            seen.append(u)
    return [f"- {x};" for x in lines] + [luu_line(seen, copies)]


# --- signer block (§2.6) --------------------------------------------------------------------

AUTHORITY_MODES = ("TM", "KT", "Q", "TL", "TUQ")


def signer_lines(collective: str | None, mode: str | None, head_title: str | None,
                 title: str | None) -> list[str]:
    """'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH', in capitals."""
    lines = []
    if collective:
        lines.append(f"TM. {collective}")
    if mode and mode != "TM":
        lines.append(f"{mode}. {head_title}")
    if title:
        lines.append(title)
    return [line.upper() for line in lines]


# --- endings and numbering (§2.5) ---------------------------------------------------------

def with_closing_mark(text: str) -> str:
    """The body ends with './.'."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return (text[:-1] if text.endswith((".", ";", ",", ":")) else text) + "./."


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


# Điểm are lettered with the Vietnamese alphabet: no f, j, w, z; đ after d.
DIEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def diem_label(index: int) -> str:
    """0 → 'a)', 4 → 'đ)'; past 'y' the letters double ('aa)')."""
    n = len(DIEM_LETTERS)
    letters = DIEM_LETTERS[index % n] * (index // n + 1)
    return f"{letters})"


# --- rules (lines) under names and subjects (§2.2) ----------------------------------------------

def rule_indents(lines: list[str], size: float, bold: bool, width: int,
                 fraction: float = layout.RULE_FRACTION) -> tuple[int, int]:
    """Left and right indents (twips) that leave a centred rule of `fraction` × the longest printed line.

    A line too long for the column wraps, so what is measured is each line as it prints."""
    printed = [x for line in lines for x in metrics.wrap(line, size, width, bold)]
    longest = max((metrics.text_width_twips(x, size, bold) for x in printed), default=0)
    length = min(round(longest * fraction), width)
    side = max((width - length) // 2, 0)
    return side, width - length - side


DO_MAT = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
DO_KHAN = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")
