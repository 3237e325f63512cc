"""The Bản tổng hợp ý kiến góp ý: the comments on a draft and the drafter's answers, as a Word file.

Input is plain data (a dict; filing rounds is archive/'s business):

    {"title", "draft_name", "issuing_body", "parent_body", "place", "date", "group_by",
     "consulted", "replied", "agreed", "not_replied", "items": [{"agency", "letter", "document",
     "target", "text", "proposed", "status", "giai_trinh", "carried", "round", "noi_dung_du_thao"}],
     "signer", "drafter", "orientation", "ket_luan", "noi_nhan", "cot_du_thao"}

An item with "carried": true is a comment of an earlier round on the draft this one revises, with
the answer given then ("round": its number, or a short note like "vòng 1"): its agency need not
have replied to this round, the counts stay this round's, and the table prints it after this
round's comments (by agency: a group of its own; by article: at its article, marked in the Cơ
quan góp ý cell).

Layout: the header of every kind (body names | Quốc hiệu, Tiêu ngữ, date line), the title and the
draft's name, the counts (sent, replied, agreed without comment, not replied — by name), then the
table of interfaces.md, then the conclusion ("ket_luan": typed, or a sentence built from the
counts).  It is an unnumbered attachment (of the Tờ trình): no "Số:" line; the Nơi nhận and the
signer only when given (sent on its own, a head signs it).  With "cot_du_thao": true the table has a
"Nội dung dự thảo" column: each item's "noi_dung_du_thao", the draft's wording of the part it names.
The page turns landscape when the table needs it (nd30.md §1: landscape is allowed for pages with
tables).  Inside the cells, numbers and parts ("05/2026/NĐ-CP", "Điều 7 khoản 4") do not break
(nobreak.py); readers map the characters back (checker.text.clean).

`validate_summary(data)` lists every problem in Vietnamese; `render_summary` writes nothing unless
the data is valid; `tong_hop_paragraph` is the sentence a Tờ trình uses for "quá trình xây dựng".
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import layout, metrics, nobreak, rules
from .layout import COMPONENTS
from .model import FIELD_LABELS, FieldError, Signer, ValidationError, _date, _Reader, _signer
from .render import _ENV, _Template, _template, write_atomic

KIND = "tong_hop_y_kien"
TITLES = ("BẢN TỔNG HỢP Ý KIẾN GÓP Ý", "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý")
GROUP_BY = ("agency", "article")
ORIENTATIONS = ("auto", "portrait", "landscape")
DOCUMENTS = {"quyet_dinh": "dự thảo Quyết định", "quy_che": "dự thảo Quy chế"}
STATUS_WORDS = {"tiep_thu": "Tiếp thu", "tiep_thu_mot_phan": "Tiếp thu một phần",
                "khong_tiep_thu": "Không tiếp thu", "ghi_nhan": "Ghi nhận"}
# chung and căn cứ come first, then the parts of the draft in order, signing authority and layout last
TOPICS = {"chung": (0, "Chung", "Ý kiến chung"),
          "can_cu": (1, "Căn cứ ban hành", "Căn cứ ban hành"),
          "tham_quyen_ky": (3, "Thẩm quyền ký", "Thẩm quyền ký"),
          "the_thuc": (4, "Thể thức, kỹ thuật trình bày", "Thể thức, kỹ thuật trình bày")}
PARTS_RANK = 2
# only the decision has căn cứ and a signature block (as archive/rounds/references.py resolves them)
_DECISION_TOPICS = ("can_cu", "tham_quyen_ky")

TOP_KEYS = {"title", "draft_name", "issuing_body", "parent_body", "place", "date", "group_by", "consulted",
            "replied", "agreed", "not_replied", "items", "signer", "drafter", "orientation", "ket_luan", "noi_nhan",
            "cot_du_thao"}
ITEM_KEYS = {"agency", "letter", "document", "target", "text", "proposed", "status", "giai_trinh", "carried", "round",
             "noi_dung_du_thao"}
CARRIED_GROUP = "Ý kiến các vòng trước"
CARRIED_ANSWERED = " (đã tiếp thu, giải trình)"
CARRIED_MARK = "vòng trước"
ROUND_NOTE_MAX = 40
LABELS = {
    "title": "tiêu đề", "draft_name": "tên dự thảo", "issuing_body": "tên cơ quan soạn thảo",
    "parent_body": "tên cơ quan chủ quản", "place": "địa danh", "date": "ngày",
    "group_by": "cách nhóm ý kiến", "consulted": "cơ quan được xin ý kiến", "replied": "cơ quan đã trả lời",
    "agreed": "cơ quan thống nhất, không có ý kiến khác", "not_replied": "cơ quan chưa trả lời",
    "items": "ý kiến góp ý", "items.agency": "cơ quan góp ý", "items.letter": "số, ký hiệu văn bản góp ý",
    "items.document": "văn bản dự thảo được góp ý", "items.target": "điều, khoản dự thảo",
    "items.text": "nội dung góp ý", "items.proposed": "nội dung đề nghị sửa",
    "items.status": "ý kiến tiếp thu", "items.giai_trinh": "giải trình",
    "items.carried": "ý kiến của vòng trước", "items.round": "vòng góp ý",
    "drafter": "tên cơ quan soạn thảo viết trong câu", "orientation": "hướng trang",
    "ket_luan": "kết luận", "noi_nhan": "nơi nhận", "cot_du_thao": "cột nội dung dự thảo",
    "items.noi_dung_du_thao": "nội dung dự thảo",
}
CELL_PADDING = 2 * 108  # Word's default left + right cell margins, twips


class SummaryFieldError(FieldError):
    def __str__(self) -> str:
        key = re.sub(r"\[\d+\]", "", self.path)
        label = LABELS.get(key) or FIELD_LABELS.get(key) or LABELS.get(key.split(".")[0], "")
        if not label:
            return f"Trường '{self.path}': {self.message}"
        return f"{label[:1].upper()}{label[1:]} ({self.path}): {self.message}"


# --- the model ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """Where a comment points: a topic, or Chương / Điều / khoản / điểm of one document."""

    topic: str | None = None
    chuong: str | None = None
    dieu: int | None = None
    khoan: int | None = None
    diem: str | None = None

    def sort_key(self, document: str) -> tuple:
        if self.topic:
            return (TOPICS[self.topic][0],)
        diem = rules.DIEM_LETTERS.index(self.diem) + 1 if self.diem else 0
        level = 0 if self.chuong else (1 if self.dieu is not None else 2)
        chuong = _roman_value(self.chuong) if self.chuong else 0
        return (PARTS_RANK, list(DOCUMENTS).index(document), level, chuong, self.dieu or 0, self.khoan or 0, diem)

    def readable(self) -> str:
        """'Điều 7, khoản 4, điểm a', 'Căn cứ ban hành', 'Chung'."""
        if self.topic:
            return TOPICS[self.topic][1]
        if self.chuong:
            return f"Chương {self.chuong}"
        parts = ([f"Điều {self.dieu}"] if self.dieu is not None else []) + \
                ([f"khoản {self.khoan}"] if self.khoan is not None else []) + \
                ([f"điểm {self.diem}"] if self.diem else [])
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def group(self) -> tuple[str, str]:
        """The group a comment belongs to when grouped by article: its article (or topic, chapter)."""
        if self.topic:
            return self.topic, TOPICS[self.topic][2]
        if self.chuong:
            return f"chuong {self.chuong}", f"Chương {self.chuong}"
        if self.dieu is not None:
            return f"dieu {self.dieu}", f"Điều {self.dieu}"
        return "khoan", "Khoản, điểm không nêu điều"


@dataclass
class Item:
    agency: str
    letter: str | None
    document: str
    target: Target
    text: str
    proposed: str | None
    status: str | None
    giai_trinh: str | None
    carried: bool = False  # a comment of an earlier round, answered then
    round: str | None = None  # which round, as the cell says it ("vòng 1"); None: "vòng trước"
    noi_dung_du_thao: str | None = None  # the draft's wording of the part named (the optional column)


@dataclass
class Summary:
    title: str
    draft_name: str
    issuing_body: str
    parent_body: str | None
    place: str
    date: dt.date | rules.PartialDate
    group_by: str
    consulted: list[str]
    replied: list[str]
    agreed: list[str]
    not_replied: list[str]
    items: list[Item]
    signer: Signer | None
    drafter: str | None
    orientation: str
    ket_luan: str | None = None  # None: the sentence built from the counts
    noi_nhan: list[str] | None = None
    cot_du_thao: bool = False

    @property
    def own(self) -> list[Item]:
        """This round's comments: what the counts are about."""
        return [i for i in self.items if not i.carried]

    @property
    def carried(self) -> list[Item]:
        return [i for i in self.items if i.carried]

    @property
    def commented(self) -> list[str]:
        """Agencies that replied with comments (every reply that is not plain agreement)."""
        agreed = {_key(a) for a in self.agreed}
        return [a for a in self.replied if _key(a) not in agreed]

    def count(self, status: str | None) -> int:
        return sum(1 for i in self.own if i.status == status)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


_TARGET = re.compile(r"^(?:điều\s+0*(?P<dieu>\d{1,3}))?\s*(?:khoản\s+0*(?P<khoan>\d{1,2}))?\s*"
                     r"(?:điểm\s+(?P<diem>[a-zđ]))?$", re.IGNORECASE)
_CHUONG = re.compile(r"^chương\s+(?P<n>[IVXLC]+|\d{1,2})$", re.IGNORECASE)


def parse_target(text: str) -> Target | None:
    """'Điều 7 khoản 4 điểm a' (interfaces.md; commas allowed), 'Chương II', 'khoản 2', or a topic."""
    t = re.sub(r"[\s,]+", " ", unicodedata.normalize("NFC", text)).strip()
    if t in TOPICS:
        return Target(topic=t)
    if m := _CHUONG.match(t):
        n = m.group("n").upper()
        return Target(chuong=rules.roman(int(n)) if n.isdigit() else n)
    m = _TARGET.match(t)
    if not t or not m or not (m.group("dieu") or m.group("khoan")):
        return None
    if m.group("diem") and not m.group("khoan"):
        return None  # "Điều 7 điểm a": a điểm belongs to a khoản
    diem = m.group("diem").lower() if m.group("diem") else None
    if diem and diem not in rules.DIEM_LETTERS:
        return None
    return Target(dieu=int(m.group("dieu")) if m.group("dieu") else None,
                  khoan=int(m.group("khoan")) if m.group("khoan") else None, diem=diem)


def _key(name: str) -> str:
    """Agency names compare without case or extra spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def _names(r: _Reader, path: str, value, required: bool = False) -> list[str]:
    names = r.text_list(path, value, required=required)
    seen: set[str] = set()
    for i, name in enumerate(names):
        if _key(name) in seen:
            r.fail(f"{path}[{i}]", f"'{name}' ghi hai lần")
        seen.add(_key(name))
    return names


def _choice(r: _Reader, path: str, value, allowed, default, message: str):
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value.strip() not in allowed:
        r.fail(path, message)
        return default
    return value.strip()


def _items(r: _Reader, value, replied: list[str], agreed: list[str]) -> list[Item]:
    if value is None:
        return []
    if not isinstance(value, list):
        r.fail("items", "phải là danh sách các ý kiến {agency, target, text, …}")
        return []
    replied_keys, agreed_keys = {_key(a) for a in replied}, {_key(a) for a in agreed}
    out = []
    for i, raw in enumerate(value):
        p = f"items[{i}]"
        if not isinstance(raw, dict):
            r.fail(p, "mỗi ý kiến phải là đối tượng {agency, target, text, status, giai_trinh, …}")
            continue
        for key in sorted(set(raw) - ITEM_KEYS):
            r.fail(f"{p}.{key}", "trường không được hỗ trợ (gõ nhầm tên trường?)")
        carried, round_note = _carried(r, p, raw)
        agency = r.text(f"{p}.agency", raw.get("agency"), required=True)
        # answered in an earlier round: whether its agency replied to this one does not matter
        if agency and not carried and _key(agency) not in replied_keys:
            r.fail(f"{p}.agency", f"'{agency}' có ý kiến nhưng không có trong danh sách cơ quan đã trả lời (replied)")
        elif agency and not carried and _key(agency) in agreed_keys:
            r.fail(f"{p}.agency", f"'{agency}' ghi là thống nhất, không có ý kiến khác (agreed) nhưng lại có ý kiến góp ý")
        letter = r.text(f"{p}.letter", raw.get("letter"))
        target_text = r.text(f"{p}.target", raw.get("target"), required=True)
        target = parse_target(target_text) if target_text else None
        if target_text and target is None:
            r.fail(f"{p}.target", f"'{target_text}' không đọc được; ghi như 'Điều 7 khoản 4 điểm a', 'Chương II', "
                                  f"hoặc chung, can_cu, tham_quyen_ky, the_thuc")
        default_doc = "quyet_dinh" if target and target.topic in _DECISION_TOPICS else "quy_che"
        document = _choice(r, f"{p}.document", raw.get("document"), DOCUMENTS, default_doc,
                           "chỉ được quyet_dinh (dự thảo Quyết định) hoặc quy_che (dự thảo Quy chế, Quy định)")
        text = r.text(f"{p}.text", raw.get("text"), required=True, multiline=True)
        proposed = r.text(f"{p}.proposed", raw.get("proposed"), multiline=True)
        status = _choice(r, f"{p}.status", raw.get("status"), STATUS_WORDS, None,
                         "chỉ được tiep_thu, tiep_thu_mot_phan, khong_tiep_thu, ghi_nhan hoặc để trống "
                         "(chưa giải trình)")
        giai_trinh = r.text(f"{p}.giai_trinh", raw.get("giai_trinh"), multiline=True)
        if status == "khong_tiep_thu" and not giai_trinh:
            r.fail(f"{p}.giai_trinh", "ý kiến không tiếp thu phải có giải trình lý do")
        wording = r.text(f"{p}.noi_dung_du_thao", raw.get("noi_dung_du_thao"), multiline=True)
        if agency and target and text:
            out.append(Item(agency, letter, document, target, text, proposed, status, giai_trinh, carried, round_note,
                            wording))
    return out


def _carried(r: _Reader, p: str, raw: dict) -> tuple[bool, str | None]:
    """(whether the item is an earlier round's comment; the round as the table names it)."""
    carried = raw.get("carried")
    if carried is not None and not isinstance(carried, bool):
        r.fail(f"{p}.carried", "chỉ được true (ý kiến đã giải trình ở vòng trước) hoặc false")
        carried = False
    value = raw.get("round")
    if value is None or (isinstance(value, str) and not value.strip()):
        return bool(carried), None
    if not carried:
        r.fail(f"{p}.round", "chỉ ghi cho ý kiến của vòng trước (carried: true)")
        return False, None
    if isinstance(value, int) and not isinstance(value, bool):
        if value >= 1:
            return True, f"vòng {value}"
    elif isinstance(value, str):
        note = r.text(f"{p}.round", value)
        if note is None:
            return True, None
        if len(note) <= ROUND_NOTE_MAX:  # typed in brackets or not: the cell adds them
            return True, note[1:-1].strip() if note[:1] == "(" and note[-1:] == ")" else note
    r.fail(f"{p}.round", f"ghi số của vòng (1, 2, …) hoặc một ghi chú ngắn như 'vòng 1' "
                         f"(không quá {ROUND_NOTE_MAX} ký tự)")
    return True, None


def load_summary(data) -> Summary:
    """Validate the data of one summary, or raise ValidationError (every problem, in Vietnamese)."""
    if not isinstance(data, dict):
        raise ValidationError([SummaryFieldError("(gốc)", "dữ liệu phải là một đối tượng JSON {…}")])
    r = _Reader(data)
    for key in sorted(set(data) - TOP_KEYS):
        r.fail(key, "trường không được hỗ trợ (gõ nhầm tên trường?)")
    title = r.text("title", data.get("title")) or TITLES[0]
    if title.upper() not in TITLES:
        r.fail("title", f"chỉ được '{TITLES[0]}' hoặc '{TITLES[1]}'")
    draft_name = r.text("draft_name", data.get("draft_name"), required=True)
    issuing_body = r.text("issuing_body", data.get("issuing_body"), required=True, multiline=True)
    parent_body = r.text("parent_body", data.get("parent_body"), multiline=True)
    place = r.text("place", data.get("place"), required=True)
    date = _date(r, data.get("date"))
    group_by = _choice(r, "group_by", data.get("group_by"), GROUP_BY, "agency",
                       "chỉ được agency (theo cơ quan góp ý) hoặc article (theo điều, khoản của dự thảo)")
    orientation = _choice(r, "orientation", data.get("orientation"), ORIENTATIONS, "auto",
                          "chỉ được auto, portrait (trang đứng) hoặc landscape (trang ngang)")
    drafter = r.text("drafter", data.get("drafter"))

    consulted = _names(r, "consulted", data.get("consulted"), required=True)
    replied = _names(r, "replied", data.get("replied"))
    agreed = _names(r, "agreed", data.get("agreed"))
    consulted_keys, replied_keys = {_key(a) for a in consulted}, {_key(a) for a in replied}
    for i, name in enumerate(replied):
        if consulted and _key(name) not in consulted_keys:
            r.fail(f"replied[{i}]", f"'{name}' không có trong danh sách cơ quan được xin ý kiến (consulted)")
    for i, name in enumerate(agreed):
        if _key(name) not in replied_keys:
            r.fail(f"agreed[{i}]", f"'{name}' không có trong danh sách cơ quan đã trả lời (replied)")
    if data.get("not_replied") is None:  # left out: everyone consulted who has not replied
        not_replied = [a for a in consulted if _key(a) not in replied_keys]
    else:
        not_replied = _names(r, "not_replied", data.get("not_replied"))
        for i, name in enumerate(not_replied):
            if _key(name) in replied_keys:
                r.fail(f"not_replied[{i}]", f"'{name}' đã có trong danh sách cơ quan đã trả lời (replied)")
            elif _key(name) not in consulted_keys:
                r.fail(f"not_replied[{i}]", f"'{name}' không có trong danh sách cơ quan được xin ý kiến (consulted)")
        placed = replied_keys | {_key(a) for a in not_replied}
        missing = [a for a in consulted if _key(a) not in placed]
        if missing:
            r.fail("not_replied", "mỗi cơ quan được xin ý kiến phải ở danh sách đã trả lời hoặc chưa trả lời; "
                                  f"thiếu: {', '.join(missing)}")
    items = _items(r, data.get("items"), replied, agreed)
    signer = _signer(r, data["signer"]) if data.get("signer") is not None else None
    ket_luan = r.text("ket_luan", data.get("ket_luan"), multiline=True)
    noi_nhan = r.text_list("noi_nhan", data.get("noi_nhan"))
    cot_du_thao = data.get("cot_du_thao")
    if cot_du_thao is not None and not isinstance(cot_du_thao, bool):
        r.fail("cot_du_thao", "chỉ được true (có cột nội dung dự thảo) hoặc false")

    if r.errors:
        raise ValidationError([SummaryFieldError(e.path, e.message) for e in r.errors])
    return Summary(title=title.upper(), draft_name=draft_name, issuing_body=issuing_body, parent_body=parent_body,
                   place=place, date=date, group_by=group_by, consulted=consulted, replied=replied, agreed=agreed,
                   not_replied=not_replied, items=items, signer=signer, drafter=drafter, orientation=orientation,
                   ket_luan=ket_luan, noi_nhan=noi_nhan, cot_du_thao=cot_du_thao is True)


def validate_summary(data) -> list[str]:
    """Every problem of the data, one Vietnamese message per field; empty when it can be rendered."""
    try:
        load_summary(data)
    except ValidationError as exc:
        return [str(e) for e in exc.errors]
    return []


# --- wording --------------------------------------------------------------------------------

def _drafter(s: Summary, in_sentence: bool = False) -> str:
    """The drafting body as a sentence names it; a name typed in capitals cannot be put back into
    sentence case reliably ("Thông tin và Truyền thông"), so it becomes "Cơ quan soạn thảo"."""
    if s.drafter:
        return s.drafter
    body = " ".join(s.issuing_body.split())
    if not body.isupper():
        return body
    return "cơ quan soạn thảo" if in_sentence else "Cơ quan soạn thảo"


def _draft_ref(s: Summary) -> str:
    """'dự thảo Quyết định ban hành Quy chế …' inside a sentence."""
    name = s.draft_name.rstrip(" .")
    if name.lower().startswith("dự thảo"):
        return "dự thảo" + name[len("dự thảo"):]
    return f"dự thảo {name}"


def _join(parts: list[str]) -> str:
    """'a, b và c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def _answers(s: Summary) -> list[str]:
    parts = [f"{verb} {s.count(st)} ý kiến" for st, verb in (
        ("tiep_thu", "tiếp thu"), ("tiep_thu_mot_phan", "tiếp thu một phần"), ("ghi_nhan", "ghi nhận"))
        if s.count(st)]
    if s.count("khong_tiep_thu"):
        parts.append(f"giải trình {s.count('khong_tiep_thu')} ý kiến không tiếp thu")
    return parts


def count_paragraphs(s: Summary) -> list[str]:
    """The paragraphs above the table: sent, replied, agreed without comment, commented, not replied."""
    c, replied, agreed, commented = len(s.consulted), s.replied, s.agreed, s.commented
    out = [f"{_drafter(s)} đã gửi {_draft_ref(s)} xin ý kiến góp ý của {c} cơ quan, đơn vị."]
    if not replied:
        out.append("Đến nay chưa nhận được ý kiến góp ý của cơ quan, đơn vị nào.")
    else:
        out.append(f"Đã nhận được ý kiến của {len(replied)}/{c} cơ quan, đơn vị, trong đó:")
        lines = []
        if agreed:
            lines.append(f"- {len(agreed)} cơ quan, đơn vị thống nhất với dự thảo, không có ý kiến khác: "
                         f"{', '.join(agreed)}")
        if commented:
            lines.append(f"- {len(commented)} cơ quan, đơn vị có ý kiến góp ý cụ thể ({len(s.own)} ý kiến): "
                         f"{', '.join(commented)}")
        out += [x + (";" if i < len(lines) - 1 else ".") for i, x in enumerate(lines)]
    if s.not_replied:
        out.append(f"Có {len(s.not_replied)} cơ quan, đơn vị chưa có ý kiến: {', '.join(s.not_replied)}.")
    elif replied:
        out.append("Tất cả các cơ quan, đơn vị được xin ý kiến đều đã có ý kiến.")
    closing = "Ý kiến góp ý và việc tiếp thu, giải trình cụ thể như sau:"
    if s.own:
        answers = _answers(s)
        open_ = s.count(None)
        lead = f"{_drafter(s)} đã nghiên cứu, {_join(answers)}" if answers else ""
        if open_:
            tail = f"còn {open_} ý kiến đang nghiên cứu, chưa giải trình"
            lead = f"{lead}; {tail}" if lead else tail[:1].upper() + tail[1:]
        carried = f" Ngoài ra, {_carried_sentence(s)}." if s.carried else ""
        out.append(f"{lead}.{carried} {closing}")
    elif s.carried:
        sentence = _carried_sentence(s)
        out.append(f"{sentence[:1].upper()}{sentence[1:]}. {closing}")
    return out


def _carried_sentence(s: Summary) -> str:
    """The earlier rounds' comments in the table, said apart from this round's counts."""
    answered = all(i.status for i in s.carried)
    return (f"{len(s.carried)} ý kiến góp ý của vòng trước" + (" đã được tiếp thu, giải trình," if answered else "")
            + " nay được tổng hợp lại theo điều, khoản tương ứng của dự thảo này")


def tong_hop_paragraph(data: dict) -> str:
    """The paragraph of a Tờ trình on how the draft was consulted on ("quá trình xây dựng dự thảo")."""
    s = data if isinstance(data, Summary) else load_summary(data)
    c, replied, agreed, commented = len(s.consulted), s.replied, s.agreed, s.commented
    text = f"{_drafter(s)} đã gửi {_draft_ref(s)} xin ý kiến góp ý của {c} cơ quan, đơn vị"
    if not replied:
        return text + "; đến nay chưa nhận được ý kiến góp ý."
    text += f"; đã nhận được ý kiến của {len(replied)} cơ quan, đơn vị"
    detail = []
    if agreed:
        detail.append(f"{len(agreed)} cơ quan, đơn vị thống nhất với dự thảo")
    if commented:
        detail.append(f"{len(commented)} cơ quan, đơn vị có ý kiến góp ý cụ thể ({len(s.own)} ý kiến)")
    text += (", trong đó " + ", ".join(detail)) if detail else ""
    if s.not_replied:
        text += f"; {len(s.not_replied)} cơ quan, đơn vị chưa có ý kiến"
    text += "."
    answers = _answers(s)
    if answers:
        doc_name = s.title.capitalize()
        text += (f" Trên cơ sở ý kiến góp ý, {_drafter(s, in_sentence=True)} đã {', '.join(answers)}"
                 + (f"; còn {s.count(None)} ý kiến đang nghiên cứu" if s.count(None) else "")
                 + f" và hoàn thiện dự thảo (có {doc_name} kèm theo).")
    return text


def conclusion(s: Summary) -> str:
    """The paragraph after the table: as the drafter typed it, or said from the counts."""
    if s.ket_luan:
        return rules.with_closing_mark(" ".join(s.ket_luan.split()))
    text = f"Trên đây là tổng hợp ý kiến góp ý của các cơ quan, đơn vị đối với {_draft_ref(s)}"
    answers = _answers(s)
    if answers:
        text += f"; {_drafter(s, in_sentence=True)} đã {_join(answers)}"
        if s.count(None):
            text += f"; còn {s.count(None)} ý kiến đang nghiên cứu, chưa giải trình"
        text += " để hoàn thiện dự thảo"
    elif s.own:
        text += f"; {len(s.own)} ý kiến đang được nghiên cứu, tiếp thu, giải trình"
    return rules.with_closing_mark(text + ".")


# --- the table ------------------------------------------------------------------------------

def _lines(text: str | None) -> list[str]:
    return [" ".join(x.split()) for x in (text or "").splitlines() if x.strip()]


def _flat(text: str) -> str:
    """Text compared without spacing, case or quote marks: is the proposal already in the comment?"""
    return re.sub(r"[\s\"“”'‘’«»]+", "", text).casefold()


def _text_cell(item: Item) -> list[dict]:
    cell = [{"kind": "text", "text": x} for x in _lines(item.text)]
    if item.proposed and _flat(item.proposed) not in _flat(item.text):
        # in quotes: what the letter asks to write, not the summary's own words
        cell.append({"kind": "text", "text": "Đề nghị sửa thành:"})
        lines = _lines(item.proposed)
        lines[0] = "“" + lines[0]
        lines[-1] += "”"
        cell += [{"kind": "proposed", "text": x} for x in lines]
    return cell


def _agency_cell(item: Item) -> list[dict]:
    # an earlier round's comment says so in its own cell: by article it sits among this round's
    mark = [{"kind": "text", "text": f"({item.round or CARRIED_MARK})"}] if item.carried else []
    return [{"kind": "text", "text": item.agency}] + \
        ([{"kind": "text", "text": f"(Văn bản số {item.letter})"}] if item.letter else []) + mark


def _answer_cell(item: Item) -> list[dict]:
    cell = ([{"kind": "status", "text": STATUS_WORDS[item.status]}] if item.status else []) + \
        [{"kind": "text", "text": x} for x in _lines(item.giai_trinh)]
    return cell or [{"kind": "text", "text": ""}]  # a cell must keep one paragraph


def ordered_groups(s: Summary) -> list[tuple[str, list[Item]]]:
    """(group label, items) in print order.  By agency: agencies in the order their comments come,
    each agency's comments as its letter gives them, then the earlier rounds' comments in a group of
    their own (an agency's kept together).  By article: the draft's order, an earlier round's comment
    after this round's at the same part."""
    groups: dict[object, tuple[str, list[Item]]] = {}
    if s.group_by == "agency":
        for item in s.own:
            groups.setdefault(_key(item.agency), (item.agency, []))[1].append(item)
        out = list(groups.values())
        if s.carried:
            by_agency: dict[str, list[Item]] = {}
            for item in s.carried:
                by_agency.setdefault(_key(item.agency), []).append(item)
            answered = all(i.status for i in s.carried)
            out.append((CARRIED_GROUP + (CARRIED_ANSWERED if answered else ""),
                        [i for items in by_agency.values() for i in items]))
        return out
    both = len({i.document for i in s.items if not i.target.topic}) > 1
    for item in sorted(s.items, key=lambda i: (*i.target.sort_key(i.document), i.carried)):  # sorted() is stable
        key, label = item.target.group()
        if not item.target.topic:
            key = (item.document, key)
            label = f"{label} ({DOCUMENTS[item.document]})" if both else label
        groups.setdefault(key, (label, []))[1].append(item)
    return list(groups.values())


def _wording_cell(item: Item) -> list[dict]:
    return [{"kind": "text", "text": x} for x in _lines(item.noi_dung_du_thao)] or [{"kind": "text", "text": ""}]


def _cells(s: Summary, item: Item) -> dict:
    cells = {"text": _text_cell(item), "agency": _agency_cell(item), "answer": _answer_cell(item)}
    if s.cot_du_thao:
        cells["wording"] = _wording_cell(item)
    return cells


def _unbreakable(cell: list[dict]) -> list[dict]:
    return [{**x, "text": nobreak.keep_together(x["text"])} for x in cell]


def table_rows(s: Summary, widths: list[int]) -> list[dict]:
    if not s.items:
        text = ("Không có ý kiến góp ý cụ thể: các cơ quan, đơn vị đã trả lời đều thống nhất với dự thảo."
                if s.replied else "Chưa có ý kiến góp ý.")
        return [{"group": True, "text": text}]
    both = len({i.document for i in s.items if not i.target.topic}) > 1
    rows, n = [], 0
    for g, (label, items) in enumerate(ordered_groups(s), start=1):
        rows.append({"group": True, "text": f"{rules.roman(g)}. {label}"})
        for item in items:
            n += 1
            target = item.target.readable()
            if both and not item.target.topic and s.group_by == "agency":
                target += f" ({DOCUMENTS[item.document]})"
            cells = _cells(s, item)
            # a short row is kept whole on its page; a long one may split (it would leave a page half empty)
            keep = _row_lines(s, cells, widths) <= layout.SUMMARY_KEEP_ROW_LINES
            rows.append({"group": False, "stt": str(n), "target": nobreak.keep_together(target),
                         **{k: _unbreakable(v) for k, v in cells.items()}, "keep": int(keep)})
    return rows


def _columns(s: Summary) -> tuple[str, ...]:
    """The cells of an item row in column order, after STT and Điều, khoản."""
    return ("wording", "text", "agency", "answer") if s.cot_du_thao else ("text", "agency", "answer")


def _row_lines(s: Summary, cells: dict, widths: list[int]) -> int:
    """How many lines the tallest cell of a row prints (the columns after Điều, khoản)."""
    size = layout.SUMMARY_CELL_SIZE
    return max(sum(len(metrics.wrap(x["text"], size, widths[col] - CELL_PADDING)) or 1 for x in cells[name])
               for col, name in enumerate(_columns(s), start=2))


def column_widths(text_width: int, wording: bool = False, least: list[int] | None = None) -> list[int]:
    """The columns' widths from their shares; a column narrower than its widest word or number
    (`least`) is widened to it, what it takes coming from the other columns of text in proportion."""
    shares = layout.SUMMARY_COLUMNS_WORDING if wording else layout.SUMMARY_COLUMNS
    cols = [round(share * text_width) for share in shares]
    cols[-1] += text_width - sum(cols)
    least = least or [0] * len(cols)
    for i, need in enumerate(least):
        short = need - cols[i]
        givers = [j for j in range(2, len(cols)) if j != i and cols[j] > least[j]]  # never STT or Điều, khoản
        if short <= 0 or not givers:
            continue
        total = sum(cols[j] for j in givers)
        takes = [min(cols[j] - least[j], short * cols[j] // total) for j in givers]
        cols[i] += sum(takes)
        for j, take in zip(givers, takes):
            cols[j] -= take
    return cols


def least_widths(s: Summary) -> list[int]:
    """Per column, the widest thing that cannot break: a head word, a number such as "311-CV/BTGTU"
    (nobreak.py keeps it whole), with the cell's padding."""
    size = layout.SUMMARY_CELL_SIZE
    heads = ("STT", "Điều,", "Nội dung", "Cơ quan", "Ý kiến") if not s.cot_du_thao else \
        ("STT", "Điều,", "Nội dung", "Nội dung", "Cơ quan", "Ý kiến")
    out = [max(metrics.text_width_twips(w, size, bold=True) for w in h.split()) for h in heads]

    def widest(texts) -> int:
        words = [w for t in texts for w in nobreak.keep_together(t).split(" ") if w]
        return max((metrics.text_width_twips(nobreak.plain(w), size) for w in words), default=0)

    out[1] = max(out[1], widest(i.target.readable() for i in s.items))
    for col, name in enumerate(_columns(s), start=2):
        out[col] = max(out[col], widest(x["text"] for i in s.items for x in _cells(s, i)[name]))
    return [w + CELL_PADDING + 20 for w in out]  # 1 pt to spare: the two programs measure a little apart


def needs_landscape(s: Summary) -> bool:
    """Landscape when some comment or answer would print longer than a few lines in portrait columns;
    six columns (the draft's wording beside the comment) always need the wide page."""
    if s.orientation != "auto":
        return s.orientation == "landscape"
    if s.cot_du_thao:
        return True
    cols = column_widths(layout.TEXT_WIDTH)
    return any(_row_lines(s, _cells(s, i), cols) > layout.SUMMARY_PORTRAIT_MAX_LINES for i in s.items)


def build_summary_context(s: Summary) -> dict:
    landscape = needs_landscape(s)
    if landscape:
        page = {"width": layout.PAGE_HEIGHT, "height": layout.PAGE_WIDTH, "orient": "landscape"}
        width, left = layout.LANDSCAPE_TEXT_WIDTH, layout.LANDSCAPE_HEADER_LEFT
    else:
        page = {"width": layout.PAGE_WIDTH, "height": layout.PAGE_HEIGHT, "orient": "portrait"}
        width, left = layout.TEXT_WIDTH, layout.HEADER_LEFT
    right = width - left
    cols = column_widths(width, s.cot_du_thao, least_widths(s))
    upper = lambda text: [x.strip().upper() for x in (text or "").splitlines() if x.strip()]  # noqa: E731
    body_lines = upper(s.issuing_body)
    body_rule = rules.rule_indents(body_lines, COMPONENTS["issuing_body"].size, True, left - CELL_PADDING)
    motto_rule = rules.rule_indents(["Độc lập - Tự do - Hạnh phúc"], COMPONENTS["tieu_ngu"].size, True,
                                    right - CELL_PADDING, fraction=1.0)
    subject = s.draft_name[:1].upper() + s.draft_name[1:]
    subject_rule = rules.rule_indents([subject], COMPONENTS["trich_yeu"].size, True, width)
    sig_right = layout.FOOTER_RIGHT
    return {
        "page": page,
        "hdr": {"width": width, "left": left, "right": right,
                "motto_rule": {"left": motto_rule[0], "right": motto_rule[1]}},
        "parent_body_lines": upper(s.parent_body),
        "issuing_body_lines": body_lines,
        "body_rule": {"left": body_rule[0], "right": body_rule[1]},
        "date_line": rules.date_line(s.place, s.date),
        "title": s.title,
        "subject": subject,
        "subject_rule": {"left": subject_rule[0], "right": subject_rule[1]},
        "paragraphs": count_paragraphs(s),
        "cot_du_thao": s.cot_du_thao,
        "table": {"width": width, "cols": cols},
        "rows": table_rows(s, cols),
        "ket_luan": conclusion(s),
        # sent on its own it is signed and says where it goes; as the Tờ trình's attachment, neither
        "signed": bool(s.signer or s.noi_nhan),
        "noi_nhan": rules.noi_nhan_lines(s.noi_nhan or [], [], nhu_tren=False) if (s.signer or s.noi_nhan) else [],
        "signer_lines": s.signer.lines() if s.signer else [],
        "signer_name": s.signer.name if s.signer else "",
        "sig": {"width": width, "left": width - sig_right, "right": sig_right},
    }


def render_summary_bytes(s: Summary) -> bytes:
    tpl = _Template(io.BytesIO(_template(KIND)))
    tpl.render(build_summary_context(s), jinja_env=_ENV, autoescape=True)
    props = tpl.docx.core_properties
    props.title = f"{s.title.capitalize()}: {s.draft_name}"[:250]
    props.comments = ""
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_summary(data: dict, out_path) -> Path:
    """Validate, render and write the summary (temp → fsync → rename); invalid data raises
    ValidationError and writes nothing."""
    s = load_summary(data)
    return write_atomic(Path(out_path), render_summary_bytes(s))
