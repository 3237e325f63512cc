"""A comment's reference as letters write it → the normalised `target` of interfaces.md, and back to a part.

Letters name a part every which way — "Khoản 01, Điều 1", "khoản 2 Điều 7", "Điểm a, Khoản 4 (Điều 7)",
"Điều 7, khoản 4, điểm a", "tại Điều 5", "Chương II" — or a topic: the căn cứ, the signing authority,
the layout, the draft as a whole. A target is written one way, biggest part first ("Điều 7 khoản 4
điểm a"), or is one of the topics `chung`, `can_cu`, `tham_quyen_ky`, `the_thuc`.

Why the care: letters quote text ("sửa thành “a) Tổ chức …”") and cite other acts' parts ("Điều 5,
Nghị định số 72/2013/NĐ-CP"); neither is the part the comment is about, so both are skipped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .draft import QUY_CHE, QUYET_DINH, Draft, Part

CHUNG, CAN_CU, THAM_QUYEN_KY, THE_THUC = "chung", "can_cu", "tham_quyen_ky", "the_thuc"
TOPICS = (CHUNG, CAN_CU, THAM_QUYEN_KY, THE_THUC)
# the topics as a form shows them and a person types them back; the archive keeps the code
TOPIC_WORDS = {CHUNG: "Chung", CAN_CU: "Căn cứ", THAM_QUYEN_KY: "Thẩm quyền ký", THE_THUC: "Thể thức"}
# only the decision has căn cứ and a signature block: a Quy chế issued with it has neither
_DECISION_TOPICS = (CAN_CU, THAM_QUYEN_KY)

_F = re.IGNORECASE
_MENTION = re.compile(
    r"\b(?:(?P<chuong>chương)\s+(?P<cn>[IVXLC]+|\d{1,2})\b"
    r"|(?P<dieu>điều)\s+0*(?P<dn>\d{1,3})\b"
    r"|(?P<khoan>khoản)\s+0*(?P<kn>\d{1,2})\b"
    r"|(?P<diem>điểm)\s+(?P<pn>[a-zđ])(?!\w))", _F)
# what may stand between the mentions of one reference: "Điểm a, Khoản 4 (Điều 7)", "khoản 2 của Điều 7"
_GLUE = re.compile(r"^[ ,;()\-–]*(?:(?:của|tại|thuộc|trong|ở)\s+)?[ ,()\-–]*$", _F)
# a part of another act, not of the draft: "Điều 5, Nghị định số 72/2013/NĐ-CP", "Khoản 1, Điều 8 của Luật …"
_OTHER_ACT = re.compile(r"^[\s,]*(?:của\s+)?(?:các\s+)?(?:Luật|Bộ luật|Nghị định|Thông tư|Nghị quyết|Hiến pháp|"
                        r"Pháp lệnh|Chỉ thị|Công văn|Quyết định số|Quy chế số|Quy định số|Kế hoạch số|Văn bản số)\b")
# which document of the dossier: "Điều 2 dự thảo Quyết định", "dự thảo Quy chế"
_DOC_AFTER = re.compile(r"^[\s,]*(?:của\s+|tại\s+|trong\s+|thuộc\s+)?(?:văn bản\s+)?(?:dự thảo\s+)?"
                        r"(?P<doc>Quyết định|Quy chế|Quy định)\b(?!\s+số)", _F)
DOC_NAMED = re.compile(r"dự thảo\s+(?:văn bản\s+)?(?P<doc>Quyết định|Quy chế|Quy định)\b(?!\s+số)", _F)

_TOPIC_PATTERNS = [
    (THE_THUC, r"thể thức|kỹ thuật trình bày|trình bày văn bản|lỗi chính tả|chính tả|viết hoa|in hoa|"
               r"Nghị định (?:số\s+)?30/2020"),
    (THAM_QUYEN_KY, r"thẩm quyền\s+(?:ký|ban hành)|phần\s+(?:ký|chữ ký)|người\s+ký|ký\s+văn bản|"
                    r"hình thức ký|chức vụ\s+(?:của\s+)?người ký|\bký thay\b|\bthay mặt\b"),
    (CAN_CU, r"(?:phần|các|mục|về|tại|thiếu|bổ sung(?:\s+thêm)?)\s+(?:các\s+)?căn cứ\b|căn cứ pháp lý|"
             r"căn cứ ban hành|^\s*căn cứ\s*$"),
    (CHUNG, r"về tổng thể|nhìn chung|ý kiến chung|góp ý chung|toàn bộ (?:nội dung\s+)?(?:văn bản\s+)?dự thảo|"
            r"cả dự thảo|bố cục|toàn văn|^\s*(?:cả\s+|toàn bộ\s+)?dự thảo\s*$"),
]
_TOPICS = [(name, re.compile(p, _F)) for name, p in _TOPIC_PATTERNS]
_QUOTES = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)", re.DOTALL)


@dataclass(frozen=True)
class Reference:
    target: str  # "Điều 7 khoản 4 điểm a", "Chương II", "khoản 2" (no article named), or a topic
    document: str | None  # quyet_dinh / quy_che when the words name it, else None
    start: int = 0  # where it was found in the text
    end: int = 0
    dieu: str | None = None
    khoan: str | None = None
    diem: str | None = None
    chuong: str | None = None

    @property
    def is_topic(self) -> bool:
        return self.target in TOPICS


def mask_quotes(text: str) -> str:
    """The text with quoted passages blanked out (same length, so positions still hold)."""
    return _QUOTES.sub(lambda m: " " * len(m.group(0)), text)


def _document(word: str) -> str:
    return QUYET_DINH if word.lower().startswith("quyết") else QUY_CHE


def make_target(dieu=None, khoan=None, diem=None, chuong=None) -> str:
    if dieu:
        return " ".join(x for x in (f"Điều {dieu}", khoan and f"khoản {khoan}", diem and f"điểm {diem}") if x)
    if khoan or diem:
        return " ".join(x for x in (khoan and f"khoản {khoan}", diem and f"điểm {diem}") if x)
    return f"Chương {chuong.upper()}" if chuong else CHUNG


def _groups(text: str) -> list[tuple[int, int, dict]]:
    """Runs of mentions that make one reference, in order: (start, end, {kind: number})."""
    out: list[tuple[int, int, dict]] = []
    for m in _MENTION.finditer(text):
        kind = next(k for k in ("chuong", "dieu", "khoan", "diem") if m.group(k))
        number = m.group({"chuong": "cn", "dieu": "dn", "khoan": "kn", "diem": "pn"}[kind])
        number = number.upper() if kind == "chuong" else number.lower()
        if out:
            start, end, parts = out[-1]
            if kind not in parts and _GLUE.match(text[end:m.start()]):
                parts[kind] = number
                out[-1] = (start, m.end(), parts)
                continue
        out.append((m.start(), m.end(), {kind: number}))
    return out


def find_reference(text: str) -> Reference | None:
    """The first reference in a comment: a part of the draft or a topic, whichever comes first."""
    text = unicodedata.normalize("NFC", text)
    plain = mask_quotes(text)
    found: list[Reference] = []
    for start, end, parts in _groups(plain):
        if _OTHER_ACT.match(plain[end:]):
            continue
        doc = _DOC_AFTER.match(plain[end:])
        found.append(Reference(make_target(parts.get("dieu"), parts.get("khoan"), parts.get("diem"),
                                           parts.get("chuong")),
                               _document(doc.group("doc")) if doc else None, start, end,
                               parts.get("dieu"), parts.get("khoan"), parts.get("diem"), parts.get("chuong")))
        break
    for name, pattern in _TOPICS:
        m = pattern.search(plain)
        if m:
            found.append(Reference(name, QUYET_DINH if name in _DECISION_TOPICS else None, m.start(), m.end()))
    return min(found, key=lambda r: r.start) if found else None


def parse_reference(text: str) -> Reference:
    """A reference as written; nothing recognisable is a general comment (`chung`)."""
    return find_reference(text) or Reference(CHUNG, None)


def topic_code(text: str) -> str | None:
    """A topic as typed — its code ('tham_quyen_ky') or its word ('Thẩm quyền ký', 'thẩm quyền ký') — as its
    code; None for anything else."""
    typed = " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()
    return next((code for code, word in TOPIC_WORDS.items() if typed in (code, word.casefold())), None)


def topic_word(target: str) -> str:
    """A target as a form shows it: a topic by its word, a part as it is written."""
    return TOPIC_WORDS.get(target, target)


def normalise_target(text: str) -> str:
    """'Điểm a, Khoản 4 (Điều 7)' → 'Điều 7 khoản 4 điểm a'; 'phần căn cứ' or 'Căn cứ' → 'can_cu'."""
    return topic_code(text) or parse_reference(text).target


_TARGET = re.compile(r"^(?:Điều (?P<dieu>\d+))?\s*(?:khoản (?P<khoan>\d+))?\s*(?:điểm (?P<diem>[a-zđ]))?$")


def resolve(draft: Draft | None, target: str, document: str | None = None) -> Part | None:
    """The part of the draft a target names, or None when the draft has no such part (any more).

    `can_cu` and `tham_quyen_ky` are the decision's căn cứ lines and signature block; `chung` and
    `the_thuc` are about a whole document, which is returned."""
    if draft is None:
        return None
    document = document or (QUYET_DINH if target in _DECISION_TOPICS else QUY_CHE)
    root = draft.documents.get(document)
    if root is None:
        return None
    if target in (CHUNG, THE_THUC):
        return root
    if target in _DECISION_TOPICS:
        return next((p for p in root.children if p.kind == target), None)
    if target.startswith("Chương "):
        return root.child("chuong", target.split()[1])
    m = _TARGET.match(target)
    if not m or not m.group("dieu"):
        return None  # "khoản 2" with no article: cannot tell which
    part = next((p for p in root.walk() if p.kind == "dieu" and p.number == m.group("dieu")), None)
    if part is not None and m.group("khoan"):
        part = part.child("khoan", m.group("khoan"))
    if part is not None and m.group("diem"):
        part = part.child("diem", m.group("diem"))
    return part
