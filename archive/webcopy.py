"""Text copied from a web portal, made readable as the document it holds.

Portals (thuvienphapluat, hieuluat, the provinces' own sites) wrap a document in their chrome: a
copyright banner, their own metadata table ("Số hiệu: | 155/KH-UBND | Loại văn bản: …"), Markdown
or HTML marks, the two-column header flattened into '|' cells whose words break at the cell's
width ("ỦY BAN NHÂN / DÂN"), or into one line. `repair` undoes that and returns the portal's
metadata apart, for the reader to use only where the document itself says nothing.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

# The labels of portals' metadata tables (what the site says, not the document).
_SITE_LABELS = {
    "số hiệu": "so_ky_hieu", "ký hiệu": "so_ky_hieu", "loại văn bản": "kind", "nơi ban hành": "issuing_body",
    "cơ quan ban hành": "issuing_body", "người ký": "signer_name", "ngày ban hành": "date",
    "ngày hiệu lực": None, "ngày có hiệu lực": None, "ngày công báo": None, "ngày đăng công báo": None,
    "số công báo": None, "tình trạng": None, "tình trạng hiệu lực": None, "hết hiệu lực": None,
    "áp dụng": None, "lĩnh vực": None, "lĩnh vực, ngành": None, "chức danh": None, "trích yếu": None,
    "ngày hết hiệu lực": None, "nguồn thu thập": None, "ngày đăng": None,
}
_LABEL = re.compile(r"^(?P<label>[^\W\d][^:|]{1,24}?)\s*:?\s*$")
QUOC_HIEU_WORDS = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_QUOC_HIEU = re.compile(r"C\s*Ộ\s*N\s*G\s+H\s*(?:Ò\s*A|O\s*À)\s+X\s*Ã\s+H\s*Ộ\s*I\s+C\s*H\s*Ủ\s+N\s*G\s*H\s*Ĩ\s*A\s+"
                        r"V\s*I\s*Ệ\s*T\s+N\s*A\s*M", re.IGNORECASE)
_TIEU_NGU = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc")
_DANG = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_RULE = re.compile(r"^(?:[-–—_=*.·•\s]{3,}|\*+)$")  # the short rule under a header line
_DATE_CELL = re.compile(r"ngày\b.*\btháng\b.*\bnăm\b\s*\d{4}", re.IGNORECASE)
# a header cell starts its own line at these (a header flattened into one line)
_ANCHORS = re.compile(
    r"\s+(?=(?:C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|Độc lập\s*-|ĐẢNG CỘNG SẢN VIỆT NAM|"
    r"Số\s*:?\s*\d+\s*[-/]|Số\s*:\s*/|Số\s*:?\s*\.{2,}|V/v\b|Kính gửi\b|Căn cứ\b))")
# a unit under its parent body ("UBND TỈNH NINH THUẬN SỞ GIÁO DỤC …" → two lines)
_UNIT = re.compile(r"(?<!ỦY )(?<!UỶ )(?<!VĂN )(?<!CHI )(?<!TỔNG )(?<=\S )(?=(?:SỞ|BAN|CỤC|CHI CỤC|TỔNG CỤC|"
                   r"PHÒNG|VĂN PHÒNG|TRUNG TÂM|THANH TRA|KHO BẠC|BỆNH VIỆN|TRƯỜNG|ĐÀI|BÁO|CÔNG AN|VỤ|VIỆN|"
                   r"HỘI ĐỒNG|ỦY BAN|UBND|THƯỜNG TRỰC)\b)")
_PARENT = re.compile(r"^(?:BỘ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|BAN CHẤP HÀNH|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|"
                     r"TỔNG CỤC|ĐẢNG ỦY|ĐẢNG UỶ)\b")
_TYPE_HEAD = re.compile(r"^(?:" + "|".join(sorted(
    ("NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO", "HƯỚNG DẪN",
     "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH",
     "HỢP ĐỒNG", "CÔNG ĐIỆN", "GIẤY MỜI", "KẾT LUẬN"), key=len, reverse=True)) + r")\b")


@dataclass
class Repaired:
    text: str
    site: dict = field(default_factory=dict)  # what the portal's table says, by our keys
    web: bool = False  # anything was undone


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- diacritics set loose: "thiêt hai ̀ ̣ ̣" (a PDF pasted into a web page) ---------------------------

_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LOOSE = re.compile(r"(?:(?<=\s)|^)((?:[\u0300\u0301\u0303\u0309\u0323]\s*)+)(?=\s|$)", re.MULTILINE)
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_HAT = "ăâêôơưĂÂÊÔƠƯ"


def _has_tone(word: str) -> bool:
    return any(m in unicodedata.normalize("NFD", word) for m in _MARKS)


def _place_tone(word: str, mark: str) -> str:
    """Put a tone mark where Vietnamese spelling puts it ('hai' + dot → 'hại', 'Giao' + acute → 'Giáo')."""
    idx = [i for i, c in enumerate(word) if c in _VOWELS]
    if not idx:
        return word
    low = word.lower()
    if low.startswith("gi") and len(idx) > 1 and idx[0] == 1:
        idx = idx[1:]
    if low.startswith("qu") and len(idx) > 1 and idx[0] == 1:
        idx = idx[1:]
    hats = [i for i in idx if word[i] in _HAT]
    if hats:
        at = hats[-1]
    elif idx[-1] < len(word) - 1:  # a final consonant: the last vowel
        at = idx[-1]
    elif len(idx) == 3:
        at = idx[1]
    else:
        at = idx[0]
    return _nfc(word[:at + 1] + mark + word[at + 1:])


def rejoin_marks(text: str) -> str:
    """Loose tone marks belong, in order, to the last words before them that lack one."""
    text = unicodedata.normalize("NFD", text)
    text = re.sub(r"(?<=[^\W\d_])(?=[\u0300\u0301\u0303\u0309\u0323])", "", text)
    text = _nfc(text)
    if not _LOOSE.search(text):
        return text
    out, last = [], 0
    for m in _LOOSE.finditer(text):
        marks = [c for c in m.group(1) if c in _MARKS]
        before = text[last:m.start()]
        words = list(re.finditer(r"[^\W\d_]+", before))
        bare = [w for w in words if not _has_tone(w.group()) and any(c in _VOWELS for c in w.group())]
        chosen = bare[-len(marks):] if len(marks) <= len(bare) else []
        if not chosen:
            out.append(before)
        else:
            pieces, pos = [], 0
            for w, mark in zip(chosen, marks):
                pieces += [before[pos:w.start()], _place_tone(w.group(), mark)]
                pos = w.end()
            pieces.append(before[pos:].rstrip())
            out.append("".join(pieces))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# --- markup and the portal's table ------------------------------------------------------------------

def strip_markup(text: str) -> str:
    text = html.unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"<br\s*/?>|</p>|</div>|</tr>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</t[dh]>", " | ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>\n]{1,300}>", "", text)
    text = text.replace("\u00a0", " ").replace("**", "").replace("__", "")
    text = re.sub(r"(?m)^\s*#+\s*", "", text)
    text = re.sub(r"(?m)(^|\s)\*(?=\S)|(?<=\S)\*(?=\s|$)", r"\1", text)  # *italics*
    return text


def _cells(text: str) -> list[str]:
    """'|' separates cells; each cell keeps its line breaks."""
    return [c.strip("\n") for c in re.split(r"[ \t]*\|[ \t]*", text)]


_SPACES = re.compile(r"\s+")
_LABEL_COLON = re.compile(r"^([^\W\d][^:]{1,24}?)\s*:\s*(.*)$")


def _label(cell: str) -> tuple[str | None, str]:
    """('Số hiệu', value after the colon or '') when the cell starts with a portal label."""
    one = _SPACES.sub(" ", cell).strip()
    if len(one) > 30 and ":" not in one[:30]:  # a label is short: neither pattern can match (cheap no)
        return None, ""
    m = _LABEL_COLON.match(one) or _LABEL.match(one)
    if not m:
        return None, ""
    label = m.group(1).strip().lower()
    if label not in _SITE_LABELS:
        return None, ""
    return label, (m.group(2).strip() if m.re is not _LABEL and m.lastindex and m.lastindex >= 2 else "")


def _label_pieces(cells: list[str]) -> list[str]:
    """A cell whose last line is a label ('Đang tải văn bản…' / 'Số hiệu:') is two pieces."""
    out = []
    for c in cells:
        lines = c.split("\n")
        if len(lines) > 1 and _label(lines[-1])[0] and not _label(c)[0]:
            out += ["\n".join(lines[:-1]), lines[-1]]
        else:
            out.append(c)
    return out


def site_table(text: str) -> tuple[str, dict]:
    """The portal's metadata table taken out of the text (when it holds three labels or more)."""
    cells = _label_pieces(_cells(text))
    found: list[tuple[int, int, str, str]] = []  # (first cell, last cell, label, value)
    i = 0
    while i < len(cells):
        label, value = _label(cells[i])
        if label is None:
            i += 1
            continue
        j = i
        if not value:
            j = i + 1
            while j < len(cells) and not cells[j].strip():
                j += 1
            value = re.sub(r"\s+", " ", cells[j]).strip() if j < len(cells) else ""
            if _label(value)[0]:  # an empty value: the next cell is another label
                j, value = i, ""
        found.append((i, j, label, value))
        i = j + 1
    if len({f[2] for f in found}) < 3:
        return text, {}
    drop = {k for a, b, _, _ in found for k in range(a, b + 1)}
    site: dict = {}
    for _, _, label, value in found:
        key = _SITE_LABELS[label]
        if key and value and key not in site:
            site[key] = value
    kept = [c for k, c in enumerate(cells) if k not in drop]
    return "\n|\n".join(kept), _site_values(site)


def _site_values(site: dict) -> dict:
    from generator.rules import TYPE_NAMES

    out: dict = {}
    m = re.match(r"^(\d+)\s*[-/]\s*(\S+)$", site.get("so_ky_hieu", "").replace(" ", ""))
    if m:
        out["so"], out["ky_hieu"] = int(m.group(1)), m.group(2)
    kinds = {name.lower(): kind for kind, name in TYPE_NAMES.items()} | {"công văn": "cong_van"}
    if site.get("kind", "").lower() in kinds:
        out["kind"] = kinds[site["kind"].lower()]
    if site.get("issuing_body"):
        out["issuing_body"] = site["issuing_body"]
    if site.get("signer_name"):
        out["signer_name"] = site["signer_name"]
    d = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", site.get("date", ""))
    if d:
        out["date"] = f"{int(d.group(3)):04d}-{int(d.group(2)):02d}-{int(d.group(1)):02d}"
    return out


# --- the header, cell by cell ------------------------------------------------------------------------

def _one(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def _split_units(line: str) -> list[str]:
    """'UBND TỈNH NINH THUẬN SỞ GIÁO DỤC VÀ ĐÀO TẠO' → the parent and the unit, one per line."""
    if not line.isupper() or not _PARENT.match(line):
        return [line]
    parts = _UNIT.split(line, maxsplit=1)
    return [p.strip() for p in parts if p.strip()]


def _header_cell(cell: str) -> list[str]:
    """The lines a reader sees in one cell of the header table."""
    lines = [x.strip() for x in cell.split("\n")]
    lines = [x for x in lines if x and not _RULE.match(x)]
    if not lines:
        return []
    if any(_TYPE_HEAD.match(x) for x in lines):  # the title and its trích yếu: the reader joins those
        return lines
    whole = _one(lines)
    if _QUOC_HIEU.match(whole) or _DANG.match(whole):
        m = _QUOC_HIEU.match(whole) or _DANG.match(whole)
        rest = whole[m.end():].strip(" -")
        return [QUOC_HIEU_WORDS if _QUOC_HIEU.match(whole) else "ĐẢNG CỘNG SẢN VIỆT NAM"] + _flat(rest)
    if re.match(r"^Số\b", whole) and not _DATE_CELL.search(whole):
        vv = re.search(r"\s(V/v\b.*)$", whole)  # the number, and the V/v under it
        if vv:
            return [whole[:vv.start()].strip(), vv.group(1)]
        if len(whole) < 80:
            return [whole]
    if whole.startswith("V/v"):
        return [whole]
    if _DATE_CELL.search(whole) and len(whole) < 120 and not whole.startswith("Số"):
        return [whole]
    out: list[str] = []
    block: list[str] = []
    for x in lines:  # capital lines run on into one (a name broken at the cell's width)
        if x.isupper() and not re.match(r"^(Số|V/v)\b", x):
            block.append(x)
            continue
        if block:
            out += _split_units(_one(block))
            block = []
        out.append(x)
    if block:
        out += _split_units(_one(block))
    return out


def _flat(line: str) -> list[str]:
    """A header laid flat on one line, cut at its cells' beginnings."""
    line = re.sub(r"\s*[-–—_=]{4,}\s*", "\n", line)
    out: list[str] = []
    for part in line.split("\n"):
        part = part.strip()
        if not part:
            continue
        part = re.sub(r"^\d{1,2}\.\s+(?=[A-ZĐ]{2,})", "", part)  # a list number the page put before the header
        pieces = _ANCHORS.split(part)
        for p in pieces:
            p = p.strip()
            m = re.match(r"^(Số\s*:?\s*[\d.…]*\s*[-/]\s*\S+|Số\s*:?\s*\d+\S*)\s+(\S.*)$", p)
            if m:
                out += [m.group(1), m.group(2)]
                continue
            m = _TIEU_NGU.match(p)
            if m and p[m.end():].strip():
                out += [m.group(0), p[m.end():].strip()]
                continue
            q = _QUOC_HIEU.search(p)
            if q and q.start() > 0:
                out += _split_units(p[:q.start()].strip()) + [p[q.start():].strip()]
                continue
            out.append(p)
    fixed: list[str] = []
    for p in out:  # the date cell: a place and ", ngày … năm YYYY"
        m = re.match(r"^(.*?\S)\s+(V/v\b.*)$", p)
        d = re.match(r"^(.{2,40}?,\s*ngày\b.*?năm\s*\d{4})\s+(\S.*)$", p)
        if d and not p.startswith("V/v"):
            fixed += [d.group(1), d.group(2)]
        elif m and not p.startswith("V/v"):
            fixed += [m.group(1), m.group(2)]
        else:
            fixed.append(p)
    return [x for x in fixed if x]


def _kinh_gui_list(line: str) -> list[str]:
    """'Kính gửi: - A; - B.' → 'Kính gửi:', '- A;', '- B.'"""
    m = re.match(r"^(Kính gửi\s*:?)\s*(-.*)$", line)
    if not m:
        return [line]
    items = [x.strip() for x in re.split(r"(?:^|\s)-\s+", m.group(2)) if x.strip()]
    rest = []
    if items:  # the body runs on after the last addressee: "… Đào tạo. Vừa qua, …"
        end = re.match(r"^(.*?[.;])\s+([A-ZĐÀ-Ỹ].*)$", items[-1])
        if end:
            items[-1], rest = end.group(1), [end.group(2)]
    return [m.group(1)] + ["- " + x for x in items] + rest


_AUTH_START = re.compile(r"^(TM|KT|TL|TUQ|K/T|T/M|T/L)\s*[./]?\s*\S")
_TITLE_START = re.compile(r"^(PHÓ|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|CHÁNH|BỘ TRƯỞNG|THỦ TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|"
                          r"TỔNG|THỦ TƯỚNG|BÍ THƯ|CHỦ NHIỆM|Q\.)")


def _signature_cells(lines: list[str]) -> list[str]:
    """'TM. ỦY BAN / NHÂN DÂN / CHỦ TỊCH' → 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH': an authority line
    broken at the cell's width runs on to the title; each TM./KT./TL. keeps its own line."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        if not (_AUTH_START.match(lines[k]) and lines[k].isupper()):
            out.append(lines[k])
            k += 1
            continue
        groups = [[lines[k]]]
        j = k + 1
        while j < len(lines) and j - k < 5 and lines[j].isupper() and len(lines[j]) < 70 \
                and not _TITLE_START.match(lines[j]):
            if _AUTH_START.match(lines[j]):
                groups.append([lines[j]])
            else:
                groups[-1].append(lines[j])
            j += 1
        if j < len(lines) and _TITLE_START.match(lines[j]):
            out += [_one(g) for g in groups]
        else:  # no title where one is expected: not a broken block, left as it is
            out += lines[k:j]
        k = j
    return out


def looks_like_web_copy(text: str) -> bool:
    """Table cells, markup, a portal's labels, or tone marks left loose. Loose marks are not a
    sign in a PDF's text laid out in columns (runs of spaces between them): that text has them
    too, and only they are put right there."""
    head = text[:6000]
    laid_out = len(re.findall(r"(?m)\S {6,}\S", head)) >= 2
    return bool(re.search(r"(?m)^\s*\|\s*$|\s\|\s|\*\*|<(?:p|div|td|br)\b|^#", head)) \
        or (not laid_out and bool(re.search("[\u0300\u0301\u0303\u0309\u0323]", head))) \
        or any(_label(line)[0] for line in head.split("\n")[:40])


def repair(text: str) -> Repaired:
    """The document as a reader sees it on the page, and what the portal says beside it."""
    if not looks_like_web_copy(text):
        return Repaired(rejoin_marks(text))
    text = rejoin_marks(strip_markup(text))
    text, site = site_table(text)
    cells = _cells(text)
    out: list[str] = []
    head_done = False
    for cell in cells:
        if not cell.strip():
            continue
        lines = [x.strip() for x in cell.split("\n") if x.strip()]
        if not head_done:
            flat = [p for x in lines for p in (_flat(x) if len(x) > 90 and _ANCHORS.search(x) else [x])]
            got = _header_cell("\n".join(flat)) if len(flat) < 12 else flat
            out += got
            if any(_TYPE_HEAD.match(x) for x in got) or any(x.startswith(("Căn cứ", "Kính gửi")) for x in got):
                head_done = True
        else:
            out += lines
    lines = [y for x in out for y in _kinh_gui_list(x)]
    lines = _signature_cells(lines)
    lines = _drop_chrome(lines)
    return Repaired("\n".join(lines), site, True)


def _drop_chrome(lines: list[str]) -> list[str]:
    """What comes before the header (a banner, a site title) when the header is found."""
    for k, line in enumerate(lines[:200]):
        if line == QUOC_HIEU_WORDS or line == "ĐẢNG CỘNG SẢN VIỆT NAM":
            start = k
            while start > 0 and lines[start - 1].isupper() and len(lines[start - 1]) < 80 \
                    and k - start < 4:
                start -= 1
            return lines[start:]
    return lines


__all__ = ["Repaired", "looks_like_web_copy", "rejoin_marks", "repair", "site_table", "strip_markup"]
