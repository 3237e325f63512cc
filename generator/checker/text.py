"""Text rules: what Nghị định 30 asks of the words themselves, for DOCX, PDF and plain text alike.

`analyse` finds the components (Quốc hiệu, số line, date, type name, căn cứ, body, Nơi nhận,
signer) by their wording, decides the rule set, and `check_text` applies the text rules.  The
layout checks of DOCX reuse the components found here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import nobreak, rules
from .model import Para, Report
from .ruleset import ERROR, WARNING

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
SUMMARY_TITLES = ("BẢN TỔNG HỢP Ý KIẾN GÓP Ý", "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý")
# both titles of the comment summary (interfaces.md) are the one kind tong_hop_y_kien
NAME_TO_KIND = {name: kind for kind, name in rules.TYPE_NAMES.items()} | {t: "tong_hop_y_kien" for t in SUMMARY_TITLES}
TYPE_NAMES = set(rules.TYPE_ABBREVIATIONS) | set(SUMMARY_TITLES)

HEAD = 25  # paragraphs where the header components may sit

_QUOC_HIEU = re.compile(r"^C[ỘO]NG H[ÒOÓ]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM", re.IGNORECASE)
_NUMBER = re.compile(r"^Số(?P<colon>\s*:)?(?P<sp1>\s*)(?P<so>\d*)(?P<sp2>\s*)(?P<slash>/?)(?P<rest>.*)$")
_DANG_NUMBER = re.compile(r"^Số\s*:?\s*\d+\s*-\s*[A-ZĐ]+\s*/")
_VBQPPL_NUMBER = re.compile(r"^Số\s*:?\s*\d+\s*/\s*(19|20)\d\d\s*/")
_DATE = re.compile(r"^(?P<place>[^,\d]{2,60}),\s*ngày\b(?P<d>[^a-zđ]*?)tháng\b(?P<m>[^a-zđ]*?)năm\s*(?P<y>\d{4})")
_DATE_SLASH = re.compile(r"^(?P<place>[^,\d]{2,60}),\s*(?:ngày\s*)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s*$")
_AUTHORITY_OK = re.compile(r"^(TM|KT|Q|TL|TUQ)\. \S")
_AUTHORITY_BAD = re.compile(r"^(K/T|T/M|T/L|KT/|TM/|TL/|TUQ/|Q/|(?:TM|KT|TL|TUQ)\.(?=\S)|(?:TM|KT|TL|TUQ)(?=\s+[A-ZĐ]{2}))")
_ACADEMIC = re.compile(r"^(?:GS|PGS|TS|ThS|TSKH|BS|KS|CN|LS)\.", re.IGNORECASE)
_BARE_AUTHORITY = ("KT.", "KT", "TM.", "Q.", "TL.", "TUQ.")  # an authority with no title after it
_TITLE_WORDS = ("GIÁM ĐỐC", "CHỦ TỊCH", "TRƯỞNG", "PHÓ", "ỦY BAN", "UBND", "SỞ", "CHÁNH", "BỘ",
                "THỦ TƯỚNG", "BÍ THƯ", "VIỆN", "CỤC", "TỔNG", "BAN", "HỘI ĐỒNG", "ĐỐC", "QUYỀN", "PHÒNG")
_CHUONG = re.compile(r"^Chương\s+(?P<num>\S+)(?P<rest>.*)$")
_DIEU = re.compile(r"^Điều\s+(\d+)\s*\.")
_KHOAN = re.compile(r"^\d{1,2}\.\s")
_DIEM = re.compile(r"^(?P<letter>[a-zđ])(?P<mark>[\).])\s")
_NOI_NHAN = re.compile(r"^N[ơo]i nh[ậa]n\b(?P<colon>\s*:)?", re.IGNORECASE)
_LUU = re.compile(r"^-?\s*Lưu\b", re.IGNORECASE)
_LUU_OK = re.compile(r"^- Lưu: VT\b.*\.$")
_CAN_CU = re.compile(r"^Căn cứ\b")
_DE_NGHI = re.compile(r"^(Theo|Xét) đề nghị\b")
_KEM_THEO = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b")
_FOOTNOTE = re.compile(r"^[⁽(]?[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_STRAY_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/ \d{4}\b|\b\d{1,2}/ \d{1,2}/\d{4}\b")
_STRAY_SYMBOL = re.compile(r"\d+/[A-ZĐ][A-ZĐa-z&]*(?:- | -)[A-ZĐ]|\b[A-ZĐ]{2,} -[A-ZĐ]{2,}\b")
_NO_SYMBOL = re.compile(r"\b(Quyết định|Nghị định|Thông tư|Chỉ thị|Công văn|Kế hoạch|Văn bản|Thông báo)\s+số\s+\d+\s+ngày\b")


_BREAK_IN_SYMBOL = re.compile(r"(?<=[A-ZĐ]-)[ ]*\n[ ]*(?=[A-ZĐ])|(?<=\d/[A-ZĐ])[ ]*\n[ ]*(?=-[A-ZĐ])|"
                              r"(?<=[A-ZĐ]{2})[ ]*\n[ ]*(?=-[A-ZĐ]{2})")


def clean(text: str) -> str:
    """One line as a reader sees it: NFC, no Markdown bold markers, single spaces; the non-breaking
    hyphen, no-break space and word joiner a summary's cells hold (generator/nobreak.py) as plain text."""
    text = nobreak.plain(unicodedata.normalize("NFC", text)).replace("\t", " ")
    if "\n" in text:  # a line break inside a symbol is no space in it: "30/2020/NĐ-" ⏎ "CP", "NĐ" ⏎ "-CP"
        text = _BREAK_IN_SYMBOL.sub("", text).replace("\n", " ")
    text = text.replace("**", "").replace("*", "") if "*" in text else text
    return re.sub(r" {2,}", " ", text).strip()


def is_upper(text: str) -> bool:
    # str.isupper: some cased letter, none lower case (every Vietnamese letter is cased)
    return text.isupper()


@dataclass
class Analysis:
    """Where each component is (indexes into the paragraph list), and what the document is."""

    paras: list[Para]
    rule_set: str = "unknown"
    kind: str | None = None
    type_name: str | None = None
    attachment: bool = False  # a Quy chế / Quy định issued with a Quyết định, read on its own
    quoc_hieu: int | None = None
    tieu_ngu: int | None = None
    number: int | None = None
    date: int | None = None
    type_line: int | None = None
    subject: list[int] = field(default_factory=list)
    kinh_gui: int | None = None
    can_cu: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    noi_nhan: int | None = None
    noi_nhan_lines: list[int] = field(default_factory=list)
    signer: list[int] = field(default_factory=list)
    signer_name: int | None = None
    issuing_body: list[int] = field(default_factory=list)
    parent_body: list[int] = field(default_factory=list)
    kem_theo: int | None = None

    def text(self, i: int | None) -> str:
        return self.paras[i].text if i is not None else ""


def _first(paras: list[Para], test, start: int = 0, stop: int | None = None) -> int | None:
    for p in paras[start:stop]:
        if test(p.text):
            return p.index
    return None


def decide_rule_set(paras: list[Para]) -> str:
    head = paras[:HEAD]
    texts = [p.text for p in head]
    if any("ĐẢNG CỘNG SẢN VIỆT NAM" in t.upper() for t in texts) or any(_DANG_NUMBER.match(t) for t in texts):
        return "dang"
    if any(_VBQPPL_NUMBER.match(t) for t in texts):
        return "vbqppl"
    if any(_QUOC_HIEU.match(t) for t in texts) or any(_NUMBER.match(t) and "/" in t for t in texts) \
            or any(t.upper() == t and t in TYPE_NAMES for t in texts[:12]):
        return "nd30"
    return "unknown"


def analyse(paras: list[Para]) -> Analysis:
    a = Analysis(paras)
    a.rule_set = decide_rule_set(paras)
    n = len(paras)
    a.quoc_hieu = _first(paras, _QUOC_HIEU.match, 0, HEAD)
    a.tieu_ngu = _first(paras, lambda t: t.lower().startswith("độc lập"), 0, HEAD)
    a.number = _first(paras, lambda t: bool(_NUMBER.match(t)) and ("/" in t or re.match(r"^Số\s*:?\s*\d", t)), 0, HEAD)
    a.date = _first(paras, lambda t: bool(_DATE.match(t) or _DATE_SLASH.match(t)), 0, HEAD)
    head_end = max(x for x in (a.number, a.date, a.tieu_ngu, a.quoc_hieu, -1) if x is not None) + 1
    a.type_line = _first(paras, lambda t: t in TYPE_NAMES, 0, min(n, max(head_end, 0) + 8))
    if a.type_line is not None:
        a.type_name = paras[a.type_line].text
        a.kind = NAME_TO_KIND.get(a.type_name, "other")
        k = a.type_line + 1
        # the trích yếu is one paragraph (extracted text joins its wrapped lines); a Word file may
        # break it into centred bold paragraphs, which belong to it too
        while k < n and len(a.subject) < 3 and not _starts_section(paras[k].text) and not is_upper(paras[k].text) \
                and not _KEM_THEO.match(paras[k].text):
            if a.subject and not (paras[k].has_layout and paras[k].align == "center"
                                  and all(r.bold for r in paras[k].runs if r.text.strip())):
                break
            a.subject.append(k)
            k += 1
            if paras[k - 1].text.endswith((".", ";", ":")):
                break
        if not a.subject and k < n and is_upper(paras[k].text) and paras[k].text not in TYPE_NAMES \
                and not _starts_section(paras[k].text):
            a.subject.append(k)  # a trích yếu typed in capitals is still the trích yếu
        a.kem_theo = _first(paras, _KEM_THEO.match, a.type_line + 1, a.type_line + 5)
        a.attachment = a.kind in ("quy_che", "quy_dinh") and a.kem_theo is not None
    else:
        vv = _first(paras, lambda t: t.startswith(("V/v", "Về việc")), 0, min(n, HEAD))
        if vv is not None:
            a.subject = [vv]
        if a.rule_set != "unknown":
            a.kind = "cong_van"
    a.kinh_gui = _first(paras, lambda t: t.lower().startswith(("kính gửi", "kinh gửi")), 0, min(n, HEAD + 10))
    _find_header_bodies(a)
    _find_signature(a)
    _find_can_cu(a)
    _find_body(a)
    return a


def _starts_section(text: str) -> bool:
    return bool(_CAN_CU.match(text) or _CHUONG.match(text) or _DIEU.match(text) or text.startswith("Kính gửi"))


def _find_header_bodies(a: Analysis) -> None:
    """Lines above the number (or the Quốc hiệu) that are not the Quốc hiệu block: the body names."""
    stop = a.number if a.number is not None else a.quoc_hieu
    if stop is None:
        return
    names = [p.index for p in a.paras[:stop] if is_upper(p.text) and not _QUOC_HIEU.match(p.text)
             and p.index != a.tieu_ngu and len(p.text) < 80]
    bold = [i for i in names if a.paras[i].runs and all(r.bold for r in a.paras[i].runs if r.text.strip())]
    if bold:
        first_bold = bold[0]
        a.parent_body = [i for i in names if i < first_bold]
        a.issuing_body = [i for i in names if i >= first_bold]
    else:
        a.issuing_body = names


def _looks_like_name(text: str) -> bool:
    """'Trần Minh Khang': two to six words, each capitalised, no title word, no digits or marks."""
    words = _ACADEMIC.sub("", text).split()
    return (2 <= len(words) <= 6 and all(w[:1].isupper() for w in words)
            and not any(w in text.upper() for w in _TITLE_WORDS) and not re.search(r"[\d:;.,@/()]", _ACADEMIC.sub("", text)))


def _LIST_ITEM(text: str) -> bool:  # noqa: N802 — reads as the test it is
    return text.startswith(("-", "+", "–"))


def _beside_list(text: str) -> bool:
    """A line of the signer's column read between the Nơi nhận list's lines, the two columns of the
    signature part flattened into one (extracted text): authority, title, name."""
    return bool(_AUTHORITY_OK.match(text) or _AUTHORITY_BAD.match(text)) or is_upper(text) or _looks_like_name(text) \
        or (len(text) < 40 and len(text.split()) <= 6 and text[:1].isupper() and not re.search(r"[;:.]$", text))


def _find_signature(a: Analysis) -> None:
    paras, n = a.paras, len(a.paras)
    a.noi_nhan = next((p.index for p in reversed(paras) if _NOI_NHAN.match(p.text) and len(p.text) < 20), None)
    if a.noi_nhan is not None:
        k = a.noi_nhan + 1
        while k < n:
            if _LIST_ITEM(paras[k].text):
                a.noi_nhan_lines.append(k)
            elif not (paras[k].in_table is None and _beside_list(paras[k].text)
                      and any(_LIST_ITEM(q.text) for q in paras[k + 1:k + 3])):
                break
            k += 1
    # The signer block: capital lines (authority, titles), then the name.
    start_from = (a.type_line or a.number or 0) + 1
    # the comment summary's table (3+ columns) quotes the letters, "TM. ỦY BAN NHÂN DÂN" and all:
    # nothing in it is the summary's own signer
    quoted = {p.in_table[0] for p in paras if a.kind == "tong_hop_y_kien" and p.in_table and p.in_table[2] >= 2}
    own = [p for p in paras[start_from:] if not (p.in_table and p.in_table[0] in quoted)]
    candidates = [p.index for p in own if
                  (_AUTHORITY_OK.match(p.text) or _AUTHORITY_BAD.match(p.text) or p.text.strip() in _BARE_AUTHORITY)
                  and len(p.text) < 80]
    if candidates:
        first = candidates[0]
    else:
        # an individual signer: a capital title line followed (within 4 lines) by a proper name
        first = None
        for p in own:
            if p.index in a.noi_nhan_lines or p.index == a.noi_nhan:
                continue
            # a title has no figures: "1012/UBND-VHTT)" is a number quoted in a summary's table
            if is_upper(p.text) and any(w in p.text for w in _TITLE_WORDS) and len(p.text) < 60 \
                    and not re.search(r"\d", p.text):
                nxt = [q for q in paras[p.index + 1:p.index + 9]]  # past the room left for the signature
                if any(_looks_like_name(q.text) and not is_upper(q.text) for q in nxt):
                    first = p.index
    if first is None:
        return
    k = first
    while k < n and is_upper(paras[k].text) and len(paras[k].text) < 80 and k not in a.noi_nhan_lines:
        a.signer.append(k)
        k += 1
    # the name follows the titles, perhaps after a signature stamp's lines
    later = next((p.index for p in paras[k:k + 12] if _looks_like_name(p.text) and not is_upper(p.text)
                  and p.index not in a.noi_nhan_lines), None)
    after = next((p.index for p in paras[k:k + 6] if p.text.strip()), None)
    if later is not None:
        a.signer_name = later
    elif after is not None and is_upper(a.text(after)) and _looks_like_name(a.text(after)):
        a.signer_name = after  # a name typed in capitals, after the space for the signature
    elif len(a.signer) >= 2 and _looks_like_name(paras[a.signer[-1]].text) \
            and not _AUTHORITY_OK.match(paras[a.signer[-1]].text):
        a.signer_name = a.signer.pop()  # a name in capitals right under the titles


def _find_can_cu(a: Analysis) -> None:
    """The căn cứ block: consecutive lines that start 'Căn cứ' (or, between two such, end ';'),
    then perhaps 'Theo đề nghị …', right after the title, Kính gửi or thẩm quyền line."""
    start = max(x for x in (a.type_line, a.kinh_gui, a.number, a.date, -1) if x is not None) + 1
    start = max([start] + [i + 1 for i in a.subject])
    paras, n = a.paras, len(a.paras)
    k = start
    while k < n and k < start + 4 and not _CAN_CU.match(paras[k].text):
        k += 1
    if k >= n or not _CAN_CU.match(paras[k].text):
        return
    while k < n:
        t = paras[k].text
        if _CAN_CU.match(t):
            a.can_cu.append(k)
        elif t.endswith(";") and k + 1 < n and _CAN_CU.match(paras[k + 1].text) and len(t) > 30:
            a.can_cu.append(k)  # a căn cứ that lost its 'Căn cứ'
        elif _DE_NGHI.match(t):
            a.can_cu.append(k)
            break
        else:
            break
        k += 1


def _find_body(a: Analysis) -> None:
    start = max([x for x in (a.type_line, a.kinh_gui, a.number, a.date, a.tieu_ngu, a.kem_theo) if x is not None]
                + a.subject + a.can_cu + [-1]) + 1
    if a.kinh_gui is not None:
        k = a.kinh_gui + 1
        while k < len(a.paras) and a.paras[k].text.startswith("-") and k <= a.kinh_gui + 30:
            k += 1
        start = max(start, k)
    ends = [x for x in (a.noi_nhan, a.signer[0] if a.signer else None) if x is not None and x >= start]
    end = min(ends) if ends else len(a.paras)
    skip = set(a.noi_nhan_lines) | set(a.signer)
    # the header table and the signature table (Nơi nhận | signer) hold no body text
    tables = {a.paras[i].in_table[0] for i in [*a.signer, a.number, a.quoc_hieu, a.signer_name]
              if i is not None and a.paras[i].in_table}
    a.body = [p.index for p in a.paras[start:end] if p.text.strip() and p.index not in skip
              and not _FOOTNOTE.match(p.text) and not (p.in_table and p.in_table[0] in tables)]


# --- the rules ------------------------------------------------------------------------------

def check_text(a: Analysis, report: Report, layout_known: bool) -> None:
    """Apply every text rule; missing header components are errors only where the file keeps its
    layout (DOCX), warnings in extracted text where headers often get lost."""
    report.kind = a.kind
    if a.rule_set == "dang":
        report.add("SCOPE-DANG", a.paras[0].where if a.paras else "-",
                   "Văn bản của Đảng (ĐẢNG CỘNG SẢN VIỆT NAM, số dạng 311-CV/…, K/T, T/M) trình bày theo "
                   "Hướng dẫn của Văn phòng Trung ương; không kiểm tra theo Nghị định 30.")
        return
    if a.rule_set == "unknown":
        report.add("SCOPE-UNKNOWN", a.paras[0].where if a.paras else "-",
                   "Không thấy Quốc hiệu, dòng 'Số:' hay tên loại văn bản: không kiểm tra thể thức.")
        return
    if a.rule_set == "vbqppl":
        report.add("SCOPE-VBQPPL", a.paras[a.number].where if a.number is not None else "-",
                   "Văn bản quy phạm pháp luật (số có năm ban hành): chỉ kiểm tra phần chung với Nghị định 30.")
    missing = ERROR if layout_known else WARNING
    # a Quy chế issued with a Quyết định, and the comment summary (an unnumbered attachment),
    # have no number, date line or signature block of their own
    own_header = not a.attachment and a.kind != "tong_hop_y_kien"
    if own_header:
        _check_quoc_hieu(a, report, missing)
        _check_number(a, report, missing)
        _check_date(a, report, missing)
    elif a.date is not None:
        _check_date(a, report, missing)
    _check_subject(a, report)
    _check_kinh_gui(a, report)
    _check_can_cu(a, report)
    _check_closing(a, report)
    if a.kind != "tong_hop_y_kien":  # it quotes the draft's points out of order
        _check_structure(a, report)
    _check_citations(a, report)
    if own_header:
        _check_noi_nhan(a, report, missing)
        _check_signer(a, report)


def _check_quoc_hieu(a: Analysis, report: Report, missing: str) -> None:
    if a.quoc_hieu is None:
        report.add("ND30-QUOC-HIEU", "đầu văn bản", f"Thiếu Quốc hiệu '{QUOC_HIEU}'.", missing)
    elif a.text(a.quoc_hieu) != QUOC_HIEU:
        report.add("ND30-QUOC-HIEU", a.paras[a.quoc_hieu].where,
                   f"Quốc hiệu phải viết đúng '{QUOC_HIEU}' (in hoa), không phải '{a.text(a.quoc_hieu)}'.")
    if a.tieu_ngu is None:
        if a.quoc_hieu is not None:
            report.add("ND30-TIEU-NGU", "đầu văn bản", f"Thiếu Tiêu ngữ '{TIEU_NGU}'.", missing)
        return
    t = a.text(a.tieu_ngu)
    if t != TIEU_NGU:
        why = []
        if "–" in t or "—" in t:
            why.append("nối các cụm từ bằng gạch nối '-' (không dùng gạch dài '–')")
        if re.search(r"\S-|-\S", t):
            why.append("có một khoảng trắng mỗi bên gạch nối")
        if "Hạnh Phúc" in t or "Tự Do" in t or "Độc Lập" in t:
            why.append("chỉ viết hoa chữ đầu mỗi cụm từ ('Hạnh phúc')")
        report.add("ND30-TIEU-NGU", a.paras[a.tieu_ngu].where,
                   f"Tiêu ngữ phải là '{TIEU_NGU}'" + (f": {'; '.join(why)}." if why else f", không phải '{t}'."))


def _check_number(a: Analysis, report: Report, missing: str) -> None:
    if a.number is None:
        report.add("ND30-NUMBER", "đầu văn bản", "Thiếu dòng 'Số: …/…' (số và ký hiệu văn bản).", missing)
        return
    p = a.paras[a.number]
    m = _NUMBER.match(p.text)
    so, rest = m.group("so"), m.group("rest").strip()
    if not m.group("colon"):
        report.add("ND30-NUMBER", p.where, f"Sau chữ 'Số' phải có dấu hai chấm: 'Số: {so or '…'}/…'.")
    if not m.group("slash"):
        if so:
            report.add("ND30-NUMBER", p.where, f"Giữa số và ký hiệu phải có dấu '/': 'Số: {so}/{rest}'.")
            _check_ky_hieu(a, report, p, re.sub(r"\s+", "", rest))
        return
    if so and m.group("sp2"):
        report.add("ND30-NUMBER", p.where, f"Không để khoảng trắng giữa số và dấu '/': 'Số: {so}/…'.")
    if not so:
        report.add("ND30-DRAFT-NUMBER", p.where, "Bản dự thảo: số văn bản để trống, ghi khi ban hành.")
    elif int(so) < 10 and len(so) < 2:
        report.add("ND30-NUMBER", p.where, f"Số dưới 10 phải thêm số 0 phía trước: '0{so}', không phải '{so}'.")
    raw = m.group("rest")
    ky_hieu = re.sub(r"\s+", "", raw)
    if re.search(r"\s", raw.rstrip()):
        report.add("ND30-NUMBER", p.where, f"Không có khoảng trắng trong số, ký hiệu: '{ky_hieu}'.")
    _check_ky_hieu(a, report, p, ky_hieu)


def _check_ky_hieu(a: Analysis, report: Report, p: Para, ky_hieu: str) -> None:
    parts = ky_hieu.split("/")[-1].split("-")
    first = parts[0]
    known = set(rules.TYPE_ABBREVIATIONS.values())
    if a.kind == "cong_van":
        if first in known or first == "CV":
            report.add("ND30-KY-HIEU", p.where,
                       f"Công văn không có chữ viết tắt tên loại trong ký hiệu ('{first}'): ghi "
                       f"<tên cơ quan>-<đơn vị soạn thảo>, ví dụ 'UBND-VX'.")
        return
    if a.type_name in rules.TYPE_ABBREVIATIONS and not a.attachment:
        want = rules.TYPE_ABBREVIATIONS[a.type_name]
        if first != want:
            report.add("ND30-KY-HIEU", p.where,
                       f"Ký hiệu của {a.type_name.lower()} phải bắt đầu bằng '{want}' "
                       f"(Phụ lục III), không phải '{first}'.")
        elif len(parts) < 2 or not parts[1]:
            report.add("ND30-KY-HIEU", p.where,
                       f"Sau '{want}-' phải có chữ viết tắt tên cơ quan ban hành, ví dụ '{want}-UBND'.")


def _check_date(a: Analysis, report: Report, missing: str) -> None:
    if a.date is None:
        report.add("ND30-DATE", "đầu văn bản", "Thiếu dòng địa danh và ngày tháng ('…, ngày … tháng … năm …').",
                   missing)
        return
    p = a.paras[a.date]
    m = _DATE.match(p.text)
    if not m:
        report.add("ND30-DATE", p.where,
                   "Ghi ngày tháng bằng chữ và số: '<Địa danh>, ngày 05 tháng 02 năm 2021', không dùng dấu '/'.")
        return
    d, mo = m.group("d").strip(), m.group("m").strip()
    blank = lambda s: not s or set(s) <= set("….  /")  # noqa: E731
    if blank(d) or blank(mo):
        report.add("ND30-DRAFT-DATE", p.where, "Bản dự thảo: ngày, tháng để trống, ghi khi ban hành.")
    if d and not blank(d):
        if not d.isdigit():
            report.add("ND30-DATE", p.where, f"Ngày phải là số Ả Rập, không phải '{d}'.")
        elif len(d) == 1:
            report.add("ND30-DATE", p.where, f"Ngày dưới 10 phải thêm số 0: 'ngày 0{d}', không phải 'ngày {d}'.")
    if mo and not blank(mo):
        if not mo.isdigit():
            report.add("ND30-DATE", p.where, f"Tháng phải là số Ả Rập, không phải '{mo}'.")
        elif int(mo) in (1, 2) and len(mo) == 1:
            report.add("ND30-DATE", p.where, f"Tháng 1 và 2 phải thêm số 0: 'tháng 0{mo}'.")
        elif int(mo) >= 3 and mo.startswith("0"):
            report.add("ND30-DATE", p.where, f"Tháng 3 đến 12 không thêm số 0: 'tháng {int(mo)}', không phải "
                                              f"'tháng {mo}'.")


def _check_subject(a: Analysis, report: Report) -> None:
    if not a.subject:
        if a.type_line is not None and not a.attachment and a.kind not in ("tong_hop_y_kien",):
            report.add("ND30-TRICH-YEU", a.paras[a.type_line].where, "Thiếu trích yếu ngay dưới tên loại văn bản.",
                       WARNING)
        return
    first = a.paras[a.subject[0]]
    text = " ".join(a.text(i) for i in a.subject)
    if a.kind == "cong_van":
        if text.startswith("Về việc"):
            report.add("ND30-VV", first.where, "Trích yếu của công văn mở đầu bằng 'V/v', không viết 'Về việc'.")
        return
    if text.startswith(("V/v", "V/V")):
        report.add("ND30-VV", first.where,
                   f"'V/v' chỉ dùng cho công văn; trích yếu của {(a.type_name or 'văn bản').lower()} ghi "
                   f"'Về việc …' hoặc nêu thẳng nội dung.")
    if is_upper(text) and len(text) > 12:
        report.add("ND30-TRICH-YEU", first.where, "Trích yếu viết chữ thường (in đậm), không viết in hoa cả dòng.")


def _check_kinh_gui(a: Analysis, report: Report) -> None:
    if a.kinh_gui is None:
        return
    p = a.paras[a.kinh_gui]
    if not re.match(r"^K[íi]nh gửi\s*:", p.text):
        report.add("ND30-KINH-GUI", p.where, "Sau 'Kính gửi' phải có dấu hai chấm: 'Kính gửi: …'.")
    lines = []
    k = a.kinh_gui + 1
    while k < len(a.paras) and a.paras[k].text.startswith("-") and len(lines) < 30:
        lines.append(a.paras[k])
        k += 1
    for i, line in enumerate(lines):
        want = "." if i == len(lines) - 1 else ";"
        if not line.text.endswith(want):
            report.add("ND30-KINH-GUI", line.where,
                       f"Mỗi nơi nhận sau 'Kính gửi:' kết thúc bằng '{want}'" +
                       (" (nơi cuối cùng kết thúc bằng '.')." if want == "." else "."))


def _check_can_cu(a: Analysis, report: Report) -> None:
    if not a.can_cu:
        return
    for pos, i in enumerate(a.can_cu):
        p = a.paras[i]
        last = pos == len(a.can_cu) - 1
        want = "." if last else ";"
        if not p.text.rstrip().endswith(want):
            report.add("ND30-CAN-CU", p.where,
                       f"Dòng căn cứ {'cuối ' if last else ''}phải kết thúc bằng '{want}'.")
        if not _CAN_CU.match(p.text) and not _DE_NGHI.match(p.text):
            report.add("ND30-CAN-CU-LEAD", p.where, "Dòng căn cứ nên mở đầu bằng 'Căn cứ …'.")


def _check_closing(a: Analysis, report: Report) -> None:
    if a.kind == "tong_hop_y_kien":
        return
    body = a.body
    if not body:
        return
    last = a.paras[body[-1]]
    if not last.text.rstrip().endswith("./."):
        report.add("ND30-CLOSING-MARK", last.where,
                   f"Phần nội dung kết thúc bằng dấu './.' (đoạn cuối đang kết thúc bằng '{last.text.rstrip()[-12:]}').")


def _check_structure(a: Analysis, report: Report) -> None:
    letters = rules.DIEM_LETTERS
    expected = 0  # index of the next điểm letter within the current khoản
    seen_diem = False
    articles = set()
    for i in a.body:
        p = a.paras[i]
        t = p.text
        if (m := _CHUONG.match(t)) and (is_upper(m.group("rest")) or re.fullmatch(r"[IVXLC\d]+", m.group("num"))):
            num, rest = m.group("num"), m.group("rest").strip(" .:-–")
            if not re.fullmatch(r"[IVXLC]+", num):
                report.add("ND30-CHUONG", p.where, f"Số chương viết bằng số La Mã: 'Chương {rules.roman(int(num))}'"
                           if num.isdigit() else f"Số chương viết bằng số La Mã, không phải '{num}'.")
            if rest:
                report.add("ND30-CHUONG", p.where,
                           f"'Chương {num}' đứng riêng một dòng; tên chương '{rest}' xuống dòng dưới, in hoa, đậm.")
            expected, seen_diem = 0, False
            continue
        if m := _DIEU.match(t):
            articles.add(int(m.group(1)))
            expected, seen_diem = 0, False
            continue
        if _KHOAN.match(t):
            expected, seen_diem = 0, False
            continue
        m = _DIEM.match(t)
        if not m:
            continue
        letter, mark = m.group("letter"), m.group("mark")
        if mark == "." and not seen_diem:
            continue  # "a. " opening an ordinary sentence is not a điểm unless a list is under way
        seen_diem = True
        if letter not in letters and expected == 0:
            expected = 1
            continue
        if mark == ".":
            report.add("ND30-DIEM", p.where, f"Điểm ghi '{letter})', không phải '{letter}.'.")
        if letter not in letters and expected > 0:
            report.add("ND30-DIEM", p.where,
                       f"'{letter})' không có trong bảng chữ cái tiếng Việt; sau '{letters[max(expected - 1, 0)]})' "
                       f"là '{letters[min(expected, len(letters) - 1)]})'.")
            expected += 1
            continue
        got = letters.index(letter)
        if got != expected and expected < len(letters) and expected > 0:
            report.add("ND30-DIEM", p.where,
                       f"Điểm tiếp theo phải là '{letters[expected]})', không phải '{letter})' "
                       f"(a, b, c, d, đ, e, g, h…).")
        expected = got + 1 if got >= expected else expected + 1
    if a.kind == "quyet_dinh":
        for i in a.noi_nhan_lines:
            m = re.search(r"Như Điều (\d+)", a.text(i))
            if m and articles and int(m.group(1)) not in articles:
                report.add("ND30-DIEU", a.paras[i].where,
                           f"Nơi nhận ghi 'Như Điều {m.group(1)}' nhưng văn bản không có 'Điều {m.group(1)}.': "
                           f"ghi nhãn điều cho điều khoản thi hành.")
    for p in a.paras:
        if _KEM_THEO.match(p.text):
            _check_kem_theo(a, report, p)


def _check_kem_theo(a: Analysis, report: Report, p: Para) -> None:
    text = p.text
    k = p.index + 1
    while ")" not in text and k < len(a.paras) and k < p.index + 3:
        text += " " + a.text(k)
        k += 1
    if re.search(r"\bsố\s*:", text):
        report.add("ND30-ATTACHMENT-LINE", p.where, "Không có dấu hai chấm sau 'số': '(Ban hành kèm theo Quyết "
                                                    "định số …/QĐ-… ngày … tháng … năm … của …)'.")
    if re.search(r"ngày\s*[\d…. ]*/\s*[\d…. ]*/", text) or not re.search(r"ngày .*tháng .*năm", text):
        report.add("ND30-ATTACHMENT-LINE", p.where,
                   "Ghi thời gian ban hành dạng 'ngày … tháng … năm …', không dùng dấu '/'.")


def _check_citations(a: Analysis, report: Report) -> None:
    for i in a.can_cu + a.body:
        p = a.paras[i]
        if m := _STRAY_DATE.search(p.text):
            report.add("ND30-CITATION", p.where, f"Bỏ khoảng trắng trong ngày tháng '{m.group(0)}'.")
        if m := _STRAY_SYMBOL.search(p.text):
            report.add("ND30-CITATION", p.where, f"Bỏ khoảng trắng trong số, ký hiệu '{m.group(0)}…'.")
        if m := _NO_SYMBOL.search(p.text):
            report.add("ND30-CITATION", p.where,
                       f"Văn bản dẫn lần đầu ghi đủ số và ký hiệu: '{m.group(0)}' thiếu ký hiệu (ví dụ 31/QĐ-UBND).")


def _check_noi_nhan(a: Analysis, report: Report, missing: str) -> None:
    if a.noi_nhan is None:
        report.add("ND30-NOI-NHAN-LABEL", "cuối văn bản", "Thiếu phần 'Nơi nhận:'.", missing)
        return
    p = a.paras[a.noi_nhan]
    if not _NOI_NHAN.match(p.text).group("colon"):
        report.add("ND30-NOI-NHAN-LABEL", p.where, "Sau 'Nơi nhận' phải có dấu hai chấm: 'Nơi nhận:'.")
    lines = [a.paras[i] for i in a.noi_nhan_lines]
    if not lines:
        report.add("ND30-NOI-NHAN", p.where, "Dưới 'Nơi nhận:' liệt kê mỗi nơi một dòng, bắt đầu bằng '-'.")
        return
    luu = [q for q in lines if _LUU.match(q.text.lstrip("-+– "))]
    last_luu = lines.index(luu[-1]) if luu else len(lines)
    for q in lines[:last_luu]:  # lines after a misplaced Lưu line are that one slip, reported once
        if q in luu:
            continue
        if not q.text.startswith("- "):
            report.add("ND30-NOI-NHAN", q.where, "Mỗi dòng nơi nhận bắt đầu bằng '- '.")
        if not q.text.endswith(";"):
            report.add("ND30-NOI-NHAN", q.where, "Mỗi dòng nơi nhận kết thúc bằng dấu ';'.")
    if not luu:
        report.add("ND30-LUU", lines[-1].where, "Dòng cuối của nơi nhận là '- Lưu: VT, <đơn vị soạn thảo>.'.")
        return
    q = luu[-1]
    if q is not lines[-1]:
        report.add("ND30-LUU", lines[-1].where, "Dòng '- Lưu: VT, ….' phải là dòng cuối cùng của nơi nhận.")
    if not _LUU_OK.match(q.text):
        why = []
        if not re.match(r"^-\s*Lưu\s*:", q.text):
            why.append("có dấu hai chấm sau 'Lưu'")
        if not re.search(r"Lưu\s*:?\s*VT\b", q.text):
            why.append("ghi 'VT' (văn thư) đầu tiên")
        if not q.text.endswith("."):
            why.append("kết thúc bằng dấu '.'")
        if not q.text.startswith("- "):
            why.append("bắt đầu bằng '- '")
        report.add("ND30-LUU", q.where, "Dòng lưu viết '- Lưu: VT, <đơn vị>.'" +
                   (f": {', '.join(why)}." if why else "."))


# who a "TM." is written before: a collective ("TM. ỦY BAN NHÂN DÂN"), never one person's office
_PERSON_TITLE = re.compile(r"^(GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHỦ TỊCH|PHÓ CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TRƯỞNG|"
                           r"CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|TRƯỞNG |VIỆN TRƯỞNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|"
                           r"TỔNG CỤC TRƯỞNG|TỔNG GIÁM ĐỐC)")


def _check_authority(a: Analysis, report: Report) -> None:
    """Nghị định 30, Điều 13: a deputy signs "KT." over the head's title; "TM." stands before a
    collective; "KT." names whom the deputy signs for."""
    lines = [(a.paras[i], a.paras[i].text.strip()) for i in a.signer]
    if not lines:
        return
    for p, text in lines:
        if text in ("KT.", "KT", "Q.", "TL.", "TUQ."):
            report.add("ND30-AUTHORITY", p.where, f"Sau '{text}' ghi chức vụ của người đứng đầu, ví dụ "
                                                 f"'{text.rstrip('.')}. GIÁM ĐỐC'.")
        elif text.startswith("TM. ") and _PERSON_TITLE.match(text[4:]):
            report.add("ND30-AUTHORITY", p.where, f"'TM.' (thay mặt) đi với tên tập thể, ví dụ 'TM. ỦY BAN NHÂN "
                                                 f"DÂN', không với chức vụ một người ('{text}'): cấp phó ký thay "
                                                 f"ghi 'KT.'.")
    deputy = next((p for p, text in lines if text.startswith("PHÓ ")), None)
    if deputy is not None and not any(text.startswith("KT.") for _, text in lines):
        report.add("ND30-AUTHORITY", deputy.where, "Cấp phó ký thay cấp trưởng: ghi 'KT. <CHỨC VỤ NGƯỜI ĐỨNG ĐẦU>' "
                                                   "trên chức vụ của người ký (Nghị định 30, Điều 13).")


def _check_signer(a: Analysis, report: Report) -> None:
    for i in a.signer:
        p = a.paras[i]
        m = _AUTHORITY_BAD.match(p.text)
        if m:
            bad = m.group(0)
            good = {"K/T": "KT.", "T/M": "TM.", "T/L": "TL.", "KT/": "KT.", "TM/": "TM.", "TL/": "TL.",
                    "TUQ/": "TUQ.", "Q/": "Q."}.get(bad)
            if good:
                msg = f"Quyền hạn ký viết '{good}' (chữ in hoa, dấu chấm), không phải '{bad}'."
            elif bad.endswith("."):
                msg = f"Sau '{bad}' có một khoảng trắng: '{bad} {p.text[len(bad):].strip()}'."
            else:
                msg = f"Sau '{bad.strip()}' phải có dấu chấm: '{bad.strip()}.'."
            report.add("ND30-AUTHORITY", p.where, msg)
    _check_authority(a, report)
    if a.signer_name is None:
        return
    p = a.paras[a.signer_name]
    if is_upper(p.text):
        report.add("ND30-SIGNER-NAME", p.where,
                   f"Họ tên người ký viết chữ thường (viết hoa chữ đầu): '{p.text.title()}', không viết in hoa.")
    if _ACADEMIC.match(p.text):
        report.add("ND30-SIGNER-NAME", p.where, "Không ghi học hàm, học vị (TS., ThS., …) trước họ tên người ký.")
