"""Metadata of one document from its text: kind, số and ký hiệu, bodies, place and date, trích yếu,
Kính gửi, signer, Nơi nhận, căn cứ — the keys of interfaces.md, missing values null.

The components are found by the layout checker's reader (generator.checker.text.analyse), the one
place that knows where a Nghị định 30 document keeps each part; this module turns them into
values, as printed (a misspelt place stays misspelt: the archive records, it does not correct).
"""
from __future__ import annotations

import re
from datetime import date as _day

from generator.checker.sources import paras_from_text
from generator.checker.text import (_DATE, _DATE_SLASH, _KEM_THEO, QUOC_HIEU, TYPE_NAMES, _starts_section, analyse,
                                    clean, is_upper)
from generator import rules
from generator.rules import DO_KHAN, DO_MAT

from .citations import find_citations
from generator.checker import split_documents
from .webcopy import Repaired, rejoin_marks, repair
from .store import META_KEYS

_LEVEL = re.compile(r"\b(TỈNH|HUYỆN|XÃ|THÀNH PHỐ|QUẬN|PHƯỜNG|THỊ XÃ|THỊ TRẤN)\b|^BỘ\b|^BAN CHẤP HÀNH\b|"
                    r"^(TỈNH|THÀNH|HUYỆN|QUẬN|ĐẢNG) [ỦU][YỶ]\b")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|K/T|T/M|T/L)\s*[./]?\s*\S")
_SUBJECT_PREFIX = re.compile(r"^(V/v|Về việc)\s*:?\s*", re.IGNORECASE)
_BANNER = re.compile(r"^(Người ký|Ký bởi|Email|Cơ quan|Ngày ký|Thời gian ký)\s*:", re.IGNORECASE)
# a signer's title names a position; a line of a signature stamp laid over the block ("PHÒNG",
# "THÔNG TIN") does not, nor does "KT. PHÒNG" (one signs for a head, not for a unit)
_POSITION = re.compile(r"\b(GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG|PHÓ|CHÁNH|BÍ THƯ|THỦ TƯỚNG|BIÊN TẬP|ỦY VIÊN|THƯ KÝ|"
                       r"CHỦ NHIỆM|KẾ TOÁN|ĐỐC|CHỈ HUY|TƯ LỆNH|CHÍNH ỦY|THANH TRA|CHÁNH ÁN|TRỢ LÝ|KIỂM SÁT|"
                       r"THẨM PHÁN|ĐẠI SỨ|CHUYÊN VIÊN|CÁN BỘ|THỦ QUỸ|NGƯỜI)\b")
_ACTING_FOR = re.compile(r"^(KT|TL|TUQ|Q|K/T|T/L)\s*[./]?\s*")
_RANK = re.compile(r"^(Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá|"
                   r"Đại úy|Thượng úy|Trung úy|Thiếu úy)\s+")
_REPORTED = re.compile(r"[Nn]gày\s+(\d{1,2})/(\d{1,2})/(\d{4}),\s*(.{3,80}?)\s+(?:đã\s+)?(?:có|ban hành)\s+"
                       r"(Quyết định|Chỉ thị|Kế hoạch|Công văn|Nghị quyết|Thông báo)\s+số\s+(\d+)/(\S+?)\s+(.+?)\.?$")


_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
RIGHT_INDENT = 15


def unfold_columns(text: str) -> str:
    """A header or signature laid out in two columns and exported with spaces ("Số: 7/SNV-VP
    <spaces> Đắk Nông, ngày …", "Nơi nhận: <spaces> GIÁM ĐỐC") is read column by column: in each
    block of lines holding such gaps, the left column's lines first, then the right's (a line
    indented past RIGHT_INDENT belongs to the right).  Tabs are left alone: they separate the cells
    of a stamp, not columns of the page."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        if not _GAP.search(lines[k]):
            out.append(lines[k])
            k += 1
            continue
        j = k  # the block: this line and the non-blank lines after it
        while j < len(lines) and lines[j].strip():
            j += 1
        left, right = [], []
        for line in lines[k:j]:
            indent = len(line) - len(line.lstrip(" "))
            if indent >= RIGHT_INDENT:
                right.append(line.strip())
                continue
            parts = _GAP.split(line.strip(), maxsplit=1)
            left.append(parts[0])
            if len(parts) > 1:
                right.append(parts[1].strip())
        out += left + right
        k = j
    return "\n".join(out)


def _prepare(text: str) -> str:
    """Undo what extraction from Word/PDF did to the lines: two columns exported side by side
    (unfold_columns), a number split at its line end ("408-\\n/STTTT"), the Quốc hiệu glued to the
    body's name on one line."""
    text = text.replace("\r\n", "\n")
    # the blanks a draft or a stamped copy leaves ("Số:      /QĐ-UBND", "Số: 35     /2024/…",
    # "ngày      tháng    năm 2025") are not gaps between columns
    text = re.sub(r"(?m)(Số\s*:?)[ \t]*(\d*)[ \t]{2,}(?=[/.…])", r"\1 \2", text)
    text = re.sub(r"(?m)\b(ngày|tháng)((?:[ \t]+\d{1,2})?)[ \t]{2,}(?=(?:\d{1,2}[ \t]+)?(?:tháng|năm)\b)", r"\1\2 ", text)
    text = re.sub(r"(?m)\b(ngày)[ \t]{2,}(?=\d{1,2}[ \t]+tháng\b)", r"\1 ", text)
    text = unfold_columns(text)
    text = re.sub(r"(\d)-?[ \t]*\n[ \t]*/", r"\1/", text)
    # "Số: /BTNMT-ĐĐBĐVN Hà Nội, ngày …": the number's cell and the date's, on one line
    text = re.sub(r"(?m)^([ \t]*Số\s*:?\s*[\d.…]*\s*[/-]?\s*\S+(?:(?<=-)\s+\S+)?)[ \t]+"
                  r"(?=[^\W\d][^,\n]{0,40},\s*ngày\b)", r"\1\n", text)
    text = re.sub(r"(?m)^([ \t]*N[ơo]i nhận\s*:?)[ \t]+(?=(?:TM|KT|TL|TUQ|K/T|T/M|T/L)[./]?\s)", r"\1\n", text)
    text = re.sub(r"(?m)(ngày|tháng|năm)(?=\d)", r"\1 ", text)  # "tháng11"
    # a title glued to its trích yếu: "KẾ HOẠCH Thực hiện …"
    text = re.sub(r"(?m)^([ \t]*(?:" + "|".join(sorted(TYPE_NAMES, key=len, reverse=True)) +
                  r"))[ \t]+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])", r"\1\n", text)
    return re.sub(r"(?<=\S)[ \t]*(\*\*)?(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)", r"\n\2", text)


def parse_number(line: str) -> tuple[int | None, str | None]:
    """interfaces.md: 'Số: 40 /TTr-STTTT' → (40, 'TTr-STTTT'); 'Số 311 - CV/BTGTU' → (311, 'CV/BTGTU');
    'Số: 01/2023/QĐ-UBND' → (1, '2023/QĐ-UBND'); 'Số: /QĐ-UBND' → (None, 'QĐ-UBND')."""
    m = re.match(r"^Số\s*:?\s*(\d*)\s*(.*)$", clean(line))
    if not m:
        return None, None
    so = int(m.group(1)) if m.group(1) else None
    rest = m.group(2).strip()
    if so is None:
        rest = re.sub(r"^[.…_\s]+", "", rest)  # "Số: .../QĐ-UBND": dots hold a draft's number
    rest = re.sub(r"^[/\-]\s*", "", rest)
    ky_hieu = re.sub(r"\s+", "", rest).rstrip(".,;:") or None  # a symbol never ends with punctuation
    return so, ky_hieu


def parse_date(line: str) -> tuple[str | None, str | None]:
    """(place as printed, ISO date) of a date line: 'Đắk Nông, ngày 06 tháng 7 năm 2021' → ('Đắk Nông',
    '2021-07-06'); a blank day or month (a draft) or a day that does not exist → date None."""
    t = clean(line)
    m = _DATE.match(t) or _DATE_SLASH.match(t)
    if not m:
        return None, None
    d, mo, y = (x.strip() for x in (m.group("d"), m.group("m"), m.group("y")))
    iso = None
    if d.isdigit() and mo.isdigit():
        try:
            iso = _day(int(y), int(mo), int(d)).isoformat()
        except ValueError:  # "ngày 31 tháng 02": unknown rather than wrong
            iso = None
    return m.group("place").strip() or None, iso


_KIND_OF_ABBR = {abbr: kind for kind, name in rules.TYPE_NAMES.items()
                 if (abbr := rules.TYPE_ABBREVIATIONS.get(name))}


def _kind_of_symbol(ky_hieu: str) -> str | None:
    """'2005/QĐ-UBND' → quyet_dinh: a copy that lost its title still says its kind in its symbol
    (used only when there is no V/v either: 'CT-CS' is the công văn of Cục Thuế)."""
    first = re.split(r"[-/]", re.sub(r"^\d{4}/", "", ky_hieu))[0]
    return _KIND_OF_ABBR.get(first)


def _bodies(a) -> tuple[str | None, str | None]:
    """(issuing body, parent body) from the capital lines of the header."""
    stop = next((i for i in (a.number, a.quoc_hieu, a.date, a.type_line) if i is not None), None)
    lines = []
    for p in a.paras[:stop if stop is not None else 0]:
        t = p.text
        if _BANNER.match(t) or t == "*" or t == QUOC_HIEU or "ĐẢNG CỘNG SẢN" in t or t.startswith("Độc lập") \
                or re.match(r"^C[ỘO]NG H(?:ÒA|OÀ|OA) X[ÃA] H[ỘO]I\b", t) or re.match(r"^(SAO Y|SAO LỤC)\b", t):
            continue
        if is_upper(t) and len(t) < 80:
            lines.append(t)
    if a.quoc_hieu is not None and a.number is not None and a.number > a.quoc_hieu:
        lines = [p.text for p in a.paras[:a.quoc_hieu] if is_upper(p.text) and len(p.text) < 80
                 and not _BANNER.match(p.text) and "ĐẢNG CỘNG SẢN" not in p.text]
    if a.quoc_hieu is not None and a.tieu_ngu is not None and a.tieu_ngu > a.quoc_hieu + 1 and lines:
        # a header read row by row: the left column's second line sits between the right's two
        lines += [p.text for p in a.paras[a.quoc_hieu + 1:a.tieu_ngu] if is_upper(p.text) and len(p.text) < 80
                  and not _BANNER.match(p.text)]
    if not lines:
        return None, None
    if len(lines) > 1 and _LEVEL.search(lines[0]):
        return " ".join(lines[1:]), lines[0]
    return " ".join(lines), None


def _raw_line(lines: list[str], para) -> int | None:
    m = re.search(r"dòng (\d+)", para.where)
    return int(m.group(1)) - 1 if m else None


# the line that names who enacts ("ỦY BAN NHÂN DÂN TỈNH …", "CHỦ TỊCH …") closes a trích yếu in capitals
_ENACTING = re.compile(r"^(ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH|TỔNG|"
                       r"CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG BAN|BAN THƯỜNG VỤ|THƯỜNG TRỰC|CHÍNH PHỦ|QUỐC HỘI|BỘ |SỞ )")
_SESSION = re.compile(r"KH[OÓ][AÁ]\s+[IVXLC]+|KỲ HỌP")


def _subject_paras(a) -> list[int]:
    """A trích yếu in capitals runs over every capital line after the title (a web copy breaks it
    at the cell's width), up to the enacting line, a session line or the first section."""
    idx = list(a.subject)
    if a.type_line is None or not idx or not is_upper(a.text(idx[0])):
        return idx
    k = idx[-1] + 1
    while k < len(a.paras) and len(idx) < 8:
        t = a.text(k)
        if re.fullmatch(r"[\d\s\-–,.()/]+", t) and a.text(k - 1).endswith(("-", "–", ",")):
            idx.append(k)  # "… NĂM 2019 -" / "2020": a year carried to the next line
            k += 1
            continue
        if not is_upper(t) or t in TYPE_NAMES or _starts_section(t) or _KEM_THEO.match(t) or _SESSION.search(t) \
                or re.match(r"^([IVXLC]+|\d{1,2}|[A-ZĐ])[.)]\s|^(PHẦN|MỤC|CHƯƠNG)\s", t):  # a heading of the body
            break
        nxt = a.text(k + 1) if k + 1 < len(a.paras) else ""
        if _ENACTING.match(t) and (not is_upper(nxt) or _SESSION.search(nxt)):
            break
        idx.append(k)
        k += 1
    return idx


# the enacting body before a session line ("HỘI / ĐỒNG NHÂN DÂN TỈNH …" + "KHÓA XVIII, KỲ HỌP THỨ 13")
_ENACTING_TAIL = re.compile(r"\s+(?:HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN)\b[^,;]*$")

# the same, run into the trích yếu's own paragraph ("… ĐẾN NĂM 2030 HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI
# KHÓA XVIII, KỲ HỌP THỨ 13"): a council's session never belongs to a subject
_SESSION_TAIL = re.compile(r"\s+HỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b[^,;]{0,80}?\s+KH\s*[OÓ]\s*[AÁ]\s+[IVXLC]+\b,?\s*KỲ\s+HỌP\b.*$")


def _subject(a, raw: list[str]) -> str | None:
    if not a.subject:
        return None
    first = a.paras[a.subject[0]]
    paras = _subject_paras(a)
    text = " ".join(a.text(i) for i in paras)
    after = paras[-1] + 1 if paras else None
    if after is not None and after < len(a.paras) and _SESSION.search(a.text(after)):
        text = _ENACTING_TAIL.sub("", text)
    text = _SESSION_TAIL.sub("", text)
    k = _raw_line(raw, first)
    if k is not None and a.kind == "cong_van":
        # a V/v line wraps freely: take the lines that follow it up to a blank line
        parts = [clean(raw[k])]
        j = k + 1
        while j < len(raw) and clean(raw[j]) and not _DATE.match(clean(raw[j])) and \
                not clean(raw[j]).startswith(("Kính gửi", "Kinh gửi", "Số")) and not is_upper(clean(raw[j])):
            parts.append(clean(raw[j]))
            j += 1
        text = " ".join(parts)
    text = _SUBJECT_PREFIX.sub("", text).strip()
    return text.rstrip(".").strip() or None


def _kinh_gui(a) -> list[str]:
    if a.kinh_gui is None:
        return []
    p = a.paras[a.kinh_gui]
    first = re.sub(r"^K[íi]nh gửi\s*:?\s*", "", p.text).strip()
    out = [first.lstrip("-– ").strip()] if first else []
    k = a.kinh_gui + 1
    while k < len(a.paras) and a.paras[k].text.startswith(("-", "–")):
        out.append(a.paras[k].text.lstrip("-– ").strip())
        k += 1
    return [x for x in out if x]


def _signature(a) -> tuple[str | None, str | None, str | None]:
    """(name, title, authority) as printed."""
    block = [a.text(i) for i in a.signer]
    authority = [x for x in block if _AUTHORITY.match(x)
                 and (not _ACTING_FOR.match(x) or _POSITION.search(_ACTING_FOR.sub("", x)))]
    titles = [x for x in block if not _AUTHORITY.match(x) and _POSITION.search(x)]
    name = a.text(a.signer_name) if a.signer_name is not None else None
    if name is None:
        # no title lines at all: the name is the first proper name after the Nơi nhận list
        start = (a.noi_nhan_lines[-1] if a.noi_nhan_lines else a.noi_nhan or len(a.paras)) + 1
        for p in a.paras[start:start + 8]:
            words = _RANK.sub("", p.text).split()
            if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not is_upper(p.text) \
                    and not re.search(r"[\d:;.,@/()]", p.text):
                name = p.text
                break
    return name, (titles[-1] if titles else None), (" / ".join(authority) or None)


def _can_cu(a) -> list[str]:
    lines = [a.text(i) for i in a.can_cu if not re.match(r"^(Theo|Xét) đề nghị", a.text(i))]
    lines += [a.text(i) for i in a.body if a.text(i).startswith("Căn cứ") and i not in a.can_cu]
    out: list[str] = []
    for line in lines:
        out += [c for c in find_citations(line, basis=True) if c not in out]
    return out


def _date(a) -> tuple[str | None, str | None]:
    return parse_date(a.text(a.date)) if a.date is not None else (None, None)


def _stamps(a) -> tuple[str | None, str | None]:
    head = [p.text.upper() for p in a.paras[:30]]
    mat = next((x for x in DO_MAT[::-1] if x in head), None)
    khan = next((x for x in DO_KHAN[::-1] if x in head), None)
    return mat, khan


def _reported(text: str) -> dict:
    """A page that reports a decision ('Ngày 26/9/2019, UBND tỉnh đã có Quyết định số 3655/QĐ-UBND
    ban hành …') gives what it says of the decision."""
    for line in text.splitlines():
        m = _REPORTED.search(clean(line))
        if m:
            d, mo, y, body, _act, so, ky_hieu, what = m.groups()
            return {"so": int(so), "ky_hieu": ky_hieu, "date": f"{int(y):04d}-{int(mo):02d}-{int(d):02d}",
                    "issuing_body": body.strip(), "trich_yeu": what[:1].upper() + what[1:].rstrip(".")}
    return {}


_KIND_WORDS = {name.capitalize(): kind for kind, name in rules.TYPE_NAMES.items()} | {"Công văn": "cong_van",
                                                                                   "Kết luận": "other"}
_HEADLINE = re.compile(r"^(" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r")\s+"
                       r"(?:(?:số\s+)?(\d+)[-/]([A-ZĐ][A-ZĐa-z/&-]*[A-ZĐ])\s+)?(\S.{8,})$", re.IGNORECASE)
_ANNOUNCED = re.compile(r"\bban hành (" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)).lower() +
                        r")\b[^.]{0,80}\bnhư sau\s*:", re.IGNORECASE)


def _headless(text: str, a, meta: dict) -> None:
    """A page without the document's header: a headline that names the kind ('Giấy mời dự Lễ …',
    'Báo cáo công tác …'), a letter that opens at 'Kính gửi', or a plan that says 'ban hành Kế hoạch
    … như sau' tells the kind (and the headline the trích yếu); nothing else is guessed."""
    lines = [clean(x) for x in text.split("\n") if clean(x)][:6]
    for line in lines[:3]:
        m = _HEADLINE.match(line)
        if m and not line.isupper() and len(line) < 400:
            word = next(w for w in _KIND_WORDS if w.lower() == m.group(1).lower())
            meta["kind"] = _KIND_WORDS[word]
            if m.group(2) and meta["so"] is None:
                meta["so"], meta["ky_hieu"] = int(m.group(2)), m.group(3)
            if meta["trich_yeu"] is None:
                meta["trich_yeu"] = m.group(4).strip().rstrip(".")
            return
    if meta["kind"] != "other":
        return
    if any(x.lower().startswith(("kính gửi", "kinh gửi")) for x in lines[:3]):
        meta["kind"] = "cong_van"
        return
    m = _ANNOUNCED.search(" ".join(lines)[:1500])
    if m:
        meta["kind"] = _KIND_WORDS.get(m.group(1).capitalize(), "other")


def extract_metadata(text: str) -> dict:
    text = _prepare(text)
    raw = text.replace("\r\n", "\n").split("\n")
    a = analyse(paras_from_text(text))
    meta = dict.fromkeys(META_KEYS)
    meta["rule_set"] = a.rule_set
    meta["kind"] = a.kind or "other"
    if a.number is not None:
        meta["so"], meta["ky_hieu"] = parse_number(a.text(a.number))
    if a.type_line is None and not a.subject and meta["ky_hieu"]:
        meta["kind"] = _kind_of_symbol(meta["ky_hieu"]) or meta["kind"]
    meta["issuing_body"], meta["parent_body"] = _bodies(a)
    meta["place"], meta["date"] = _date(a)
    meta["trich_yeu"] = _subject(a, raw)
    meta["kinh_gui"] = _kinh_gui(a)
    meta["signer_name"], meta["signer_title"], meta["authority"] = _signature(a) if a.kind not in (
        "quy_che", "quy_dinh", "tong_hop_y_kien") or not a.attachment else (None, None, None)
    meta["noi_nhan"] = [a.text(i).lstrip("-–+ ").strip() for i in a.noi_nhan_lines]
    meta["can_cu"] = _can_cu(a)
    meta["do_mat"], meta["do_khan"] = _stamps(a)
    if a.rule_set == "unknown":
        meta.update({k: v for k, v in _reported(text).items()})
        _headless(text, a, meta)
    meta["status"] = "draft" if meta["so"] is None and meta["rule_set"] != "unknown" else "issued"
    return meta


SITE_FILLS = ("so", "ky_hieu", "issuing_body", "signer_name", "date")


def fill_from_site(meta: dict, site: dict) -> dict:
    """A portal's own table says what the document does not (its header was cut off): used only
    where the document is silent, never over what it prints."""
    for key in SITE_FILLS:
        if meta.get(key) is None and site.get(key) is not None:
            meta[key] = site[key]
    if meta.get("kind") == "other" and site.get("kind"):
        meta["kind"] = site["kind"]
    return meta


def extract_parts(text: str, pdf: bool = False, page_starts: list[int] | None = None) -> list[tuple[dict, str]]:
    """Every document of a text (split first), in order, with its own text; a web copy is
    repaired first and its portal's table fills what the first document leaves blank. A PDF's
    text is laid out by archive/pdftext already: only its loose tone marks are put back.
    Each document's `where` says on which page and line each field was read."""
    from .where import locate

    rep = Repaired(rejoin_marks(text)) if pdf else repair(text)
    parts = []
    for seg in split_documents(rep.text):
        meta = extract_metadata(seg.text)
        meta["where"] = locate(meta, seg.text, rep.text.count("\n", 0, seg.start), page_starts if pdf else None)
        parts.append((meta, seg.text))
    if parts and rep.site:
        fill_from_site(parts[0][0], rep.site)
    return parts


def extract_all(text: str, pdf: bool = False, page_starts: list[int] | None = None) -> list[dict]:
    return [meta for meta, _ in extract_parts(text, pdf, page_starts)]


__all__ = ["extract_all", "extract_metadata", "extract_parts", "parse_date", "parse_number"]
