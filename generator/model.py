"""The document model: one validated tree per kind, built from JSON or a form.

`load_document(data, kind, settings)` checks every field and either returns a
`Document` or raises `ValidationError` listing each problem in Vietnamese with
the field it concerns, so nothing is rendered from half-valid input.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from . import rules
from .settings import Settings
from .structure import Chapter, Chart, Node, StructureError, Table, chapters_from_json, nodes_from_json

# Kinds the generator renders (tong_hop_y_kien comes with comment rounds).
GENERATED_KINDS = ("quyet_dinh", "to_trinh", "cong_van", "bao_cao", "ke_hoach", "thong_bao", "chi_thi")
ATTACHMENT_KINDS = ("quy_che", "quy_dinh")

FIELD_LABELS = {
    "kind": "loại văn bản", "issuing_body": "tên cơ quan ban hành", "parent_body": "tên cơ quan chủ quản",
    "body_code": "chữ viết tắt tên cơ quan", "unit_code": "chữ viết tắt đơn vị soạn thảo",
    "place": "địa danh", "so": "số văn bản", "ky_hieu": "ký hiệu", "date": "ngày ban hành",
    "trich_yeu": "trích yếu", "ve_viec": "dẫn 'Về việc'", "kinh_gui": "kính gửi", "can_cu": "căn cứ",
    "theo_de_nghi": "theo đề nghị của", "tham_quyen": "thẩm quyền ban hành", "dieu": "các điều",
    "noi_dung": "nội dung", "van_ban_kem_theo": "văn bản ban hành kèm theo", "noi_nhan": "nơi nhận",
    "luu": "đơn vị lưu", "so_ban_luu": "số bản lưu", "signer": "người ký", "do_mat": "độ mật",
    "do_khan": "độ khẩn", "signer.name": "họ tên người ký", "signer.title": "chức vụ người ký",
    "signer.mode": "thẩm quyền ký (TM., KT., Q., TL., TUQ.)", "signer.head_title": "chức vụ người đứng đầu",
    "signer.collective": "tên tập thể (sau TM.)",
}
TOP_KEYS = set(FIELD_LABELS) - {k for k in FIELD_LABELS if "." in k}
SIGNER_KEYS = {"name", "title", "mode", "head_title", "collective"}
ATTACHMENT_KEYS = {"kind", "trich_yeu", "chuong", "dieu", "cua"}

MAX_TEXT = 20_000  # one field; a paragraph longer than this is a paste gone wrong
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ACADEMIC = re.compile(r"^(?:(?:GS|PGS|TS|ThS|TSKH|BS|KS|CN|LS)\.\s*)+", re.IGNORECASE)


@dataclass
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        label = FIELD_LABELS.get(self.path) or FIELD_LABELS.get(self.path.split("[")[0].split(".")[0], "")
        if not label:
            return f"Trường '{self.path}': {self.message}"  # a field name is case-sensitive: print it as is
        return f"{label[:1].upper()}{label[1:]} ({self.path}): {self.message}"


class ValidationError(ValueError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(e.path, []).append(e.message)
        return out


@dataclass
class Signer:
    name: str
    title: str | None = None
    mode: str | None = None
    head_title: str | None = None
    collective: str | None = None

    def lines(self) -> list[str]:
        return rules.signer_lines(self.collective, self.mode, self.head_title, self.title)


@dataclass
class Attachment:
    """A Quy chế / Quy định issued with a Quyết định (Mẫu 1.3)."""

    kind: str
    trich_yeu: str
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Node] = field(default_factory=list)
    cua: str = ""  # who issues it, as in "(Ban hành kèm theo Quyết định số … của Ủy ban nhân dân tỉnh …)"


@dataclass
class Document:
    kind: str
    issuing_body: str
    parent_body: str | None
    body_code: str
    unit_code: str | None
    place: str
    so: int | None
    ky_hieu: str
    date: dt.date | rules.PartialDate
    trich_yeu: str
    ve_viec: bool
    kinh_gui: list[str]
    can_cu: list[str]
    theo_de_nghi: str | None
    tham_quyen: str | None
    articles: list[Node]
    noi_dung: list[Node | str]
    attachment: Attachment | None
    noi_nhan: list[str]
    luu: list[str]
    so_ban_luu: int | None
    signer: Signer
    do_mat: str | None
    do_khan: str | None

    @property
    def status(self) -> str:
        return "issued" if self.so is not None and isinstance(self.date, dt.date) else "draft"


class _Reader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self, data: dict):
        self.data = data
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def text(self, path: str, value, required: bool = False, multiline: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(path, "bắt buộc, chưa được điền")
            return None
        if not isinstance(value, str):
            self.fail(path, "phải là chuỗi văn bản")
            return None
        value = unicodedata.normalize("NFC", value.strip())
        if _CONTROL.search(value):
            self.fail(path, "chứa ký tự điều khiển không in được; hãy gõ lại hoặc dán dưới dạng văn bản thuần")
            return None
        if len(value) > MAX_TEXT:
            self.fail(path, f"dài quá {MAX_TEXT} ký tự")
            return None
        if not multiline and "\n" in value:
            self.fail(path, "chỉ được một dòng")
            return None
        return value

    def text_list(self, path: str, value, required: bool = False) -> list[str]:
        if value is None:
            value = []
        if isinstance(value, str):  # one per line, as typed in a text box
            value = [x for x in value.splitlines() if x.strip()]
        if not isinstance(value, list):
            self.fail(path, "phải là danh sách các dòng")
            return []
        out = [self.text(f"{path}[{i}]", v, required=True) for i, v in enumerate(value)]
        if required and not out:
            self.fail(path, "cần ít nhất một dòng")
        return [x for x in out if x]

    def check_tree_text(self, path: str, nodes) -> None:
        """Every string inside a tree goes through the same text checks."""
        for i, n in enumerate(nodes):
            p = f"{path}[{i}]"
            if isinstance(n, str):
                self.text(p, n, required=True)
            elif isinstance(n, (Table, Chart)):
                if n.title is not None:
                    n.title = self.text(f"{p}.tieu_de", n.title) or None
                cells = n.columns + [c for r in n.rows for c in r] if isinstance(n, Table) else \
                    n.labels + [name for name, _ in n.series]
                for j, c in enumerate(cells):
                    self.text(f"{p}[{j}]", c)
            elif isinstance(n, Chapter):
                self.text(f"{p}.tieu_de", n.title, required=True)
                self.check_tree_text(f"{p}.dieu", n.articles)
            else:
                for attr, key in (("title", "tieu_de"), ("text", "text")):
                    if getattr(n, attr) is not None:
                        setattr(n, attr, self.text(f"{p}.{key}", getattr(n, attr)) or "")
                self.check_tree_text(f"{p}.noi_dung", n.items)
                n.items = [unicodedata.normalize("NFC", x.strip()) if isinstance(x, str) else x for x in n.items]


def _date(r: _Reader, value) -> dt.date | rules.PartialDate:
    if value is None or value == "":
        return rules.PartialDate(dt.date.today().year)
    if not isinstance(value, str) or not (m := _DATE.match(value.strip())):
        r.fail("date", "phải theo dạng NĂM-THÁNG-NGÀY (2026-02-05); bản dự thảo có thể chỉ ghi năm (2026) "
                       "hoặc năm-tháng (2026-02)")
        return rules.PartialDate(dt.date.today().year)
    year, month, day = (int(x) if x else None for x in m.groups())
    if not 1945 <= year <= 2200:
        r.fail("date", f"năm {year} không hợp lệ")
    if month is not None and not 1 <= month <= 12:
        r.fail("date", f"tháng {month} không có")
        return rules.PartialDate(year)
    if day is None:
        return rules.PartialDate(year, month)
    try:
        return dt.date(year, month, day)
    except ValueError:
        r.fail("date", f"ngày {day} tháng {month} năm {year} không có trên lịch")
        return rules.PartialDate(year, month)


def _signer(r: _Reader, value) -> Signer | None:
    if not isinstance(value, dict):
        r.fail("signer", "bắt buộc: họ tên, chức vụ và thẩm quyền ký của người ký")
        return None
    for key in sorted(set(value) - SIGNER_KEYS):
        r.fail(f"signer.{key}", "trường không được hỗ trợ")
    name = r.text("signer.name", value.get("name"), required=True)
    title = r.text("signer.title", value.get("title"))
    head = r.text("signer.head_title", value.get("head_title"))
    collective = r.text("signer.collective", value.get("collective"))
    mode = r.text("signer.mode", value.get("mode"))
    if mode:
        mode = mode.upper().rstrip(".")
        if mode not in rules.AUTHORITY_MODES:
            r.fail("signer.mode", "chỉ được TM, KT, Q, TL hoặc TUQ (Nghị định 30, Phụ lục I, mục II.7)")
        elif mode == "TM":  # "TM." goes before a collective, never before a person's title
            if not collective:
                r.fail("signer.collective", "ký TM. cần tên tập thể, ví dụ ỦY BAN NHÂN DÂN")
            mode = None
    if not mode and title and title.upper().startswith("PHÓ "):
        # a deputy signs for the head (Nghị định 30, Điều 13): "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"
        mode, head = "KT", head or title[4:].strip()
    if mode in ("KT", "Q", "TL", "TUQ") and not head:
        r.fail("signer.head_title", f"ký {mode}. cần chức vụ của người đứng đầu, ví dụ GIÁM ĐỐC")
    if mode in ("KT", "TL", "TUQ") and not title:
        r.fail("signer.title", f"ký {mode}. cần chức vụ của người ký, ví dụ PHÓ GIÁM ĐỐC")
    if not mode and not title:
        r.fail("signer.title", "cần chức vụ của người ký, ví dụ GIÁM ĐỐC hoặc CHỦ TỊCH")
    if name and _ACADEMIC.match(name):
        r.fail("signer.name", "không ghi học hàm, học vị trước họ tên người ký (Nghị định 30, Phụ lục I, mục II.7)")
    if not name:
        return None
    return Signer(name=name, title=title, mode=mode, head_title=head, collective=collective)


def _code(r: _Reader, path: str, value, required: bool) -> str | None:
    code = r.text(path, value, required=required)
    if code and not rules.valid_code(code):
        r.fail(path, f"'{code}' phải là chữ in hoa, số hoặc '&', các nhóm nối bằng '-', không có khoảng trắng")
        return None
    return code


def _tree(r: _Reader, fn, path: str, value, **kw):
    try:
        nodes = fn(value, path, **kw)
    except StructureError as exc:
        r.fail(exc.path, exc.message)
        return []
    r.check_tree_text(path, nodes)
    return nodes


def _attachment(r: _Reader, value) -> Attachment | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        r.fail("van_ban_kem_theo", "phải là đối tượng {kind, trich_yeu, chuong hoặc dieu}")
        return None
    for key in sorted(set(value) - ATTACHMENT_KEYS):
        r.fail(f"van_ban_kem_theo.{key}", "trường không được hỗ trợ")
    kind = rules.normalise_kind(str(value.get("kind") or ""))
    if kind not in ATTACHMENT_KINDS:
        r.fail("van_ban_kem_theo.kind", "phải là quy_che hoặc quy_dinh")
    trich_yeu = r.text("van_ban_kem_theo.trich_yeu", value.get("trich_yeu"), required=True)
    chapters = _tree(r, chapters_from_json, "van_ban_kem_theo.chuong", value.get("chuong") or [])
    articles = _tree(r, nodes_from_json, "van_ban_kem_theo.dieu", value.get("dieu") or [], allow_strings=False)
    if chapters and articles:
        r.fail("van_ban_kem_theo.dieu", "đã chia chương thì mọi điều phải nằm trong chương (chuong[].dieu)")
    if not chapters and not articles:
        r.fail("van_ban_kem_theo", "cần nội dung: danh sách chương (chuong) hoặc điều (dieu)")
    cua = r.text("van_ban_kem_theo.cua", value.get("cua"), required=True)
    if kind not in ATTACHMENT_KINDS or not trich_yeu or not cua:
        return None
    return Attachment(kind=kind, trich_yeu=trich_yeu, chapters=chapters, articles=articles, cua=cua)


def load_document(data: dict, kind: str | None = None, settings: Settings | None = None) -> Document:
    """Validate `data` (the JSON of one document) into a Document, or raise ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError([FieldError("(gốc)", "dữ liệu phải là một đối tượng JSON {…}")])
    r = _Reader(data)
    for key in sorted(set(data) - TOP_KEYS):
        r.fail(key, "trường không được hỗ trợ (gõ nhầm tên trường?)")

    given = rules.normalise_kind(str(data.get("kind") or kind or ""))
    if kind and data.get("kind") and rules.normalise_kind(kind) != given:
        r.fail("kind", f"tệp ghi loại '{data.get('kind')}' nhưng lệnh yêu cầu '{kind}'")
    if given not in GENERATED_KINDS:
        r.fail("kind", "phải là một trong: " + ", ".join(GENERATED_KINDS))
        raise ValidationError(r.errors)
    kind = given

    defaults = settings.defaults() if settings else {}

    def pick(key):
        """A key left out takes the settings' value; written as null or "" it means none."""
        return data[key] if key in data else defaults.get(key)

    issuing_body = r.text("issuing_body", pick("issuing_body"), required=True, multiline=True)
    parent_body = r.text("parent_body", pick("parent_body"), multiline=True)
    place = r.text("place", pick("place"), required=True)
    body_code = _code(r, "body_code", pick("body_code"), required=not data.get("ky_hieu"))
    unit_code = _code(r, "unit_code", data.get("unit_code"),
                      required=kind == "cong_van" and not data.get("ky_hieu"))

    so = data.get("so")
    if so is not None and (isinstance(so, bool) or not isinstance(so, int) or not 1 <= so <= 999_999):
        r.fail("so", "phải là số nguyên dương (để trống khi là bản dự thảo)")
        so = None
    date = _date(r, data.get("date"))
    if so is not None and not isinstance(date, dt.date):
        r.fail("date", "văn bản đã có số phải ghi đủ ngày, tháng, năm ban hành")

    ky_hieu = r.text("ky_hieu", data.get("ky_hieu"))
    if ky_hieu and re.search(r"\s", ky_hieu):
        r.fail("ky_hieu", "không có khoảng trắng trong ký hiệu (Nghị định 30, Phụ lục I, mục II.3)")
    if not ky_hieu and body_code and (unit_code or kind != "cong_van"):
        ky_hieu = rules.ky_hieu(kind, body_code, unit_code)

    trich_yeu = r.text("trich_yeu", data.get("trich_yeu"), required=True)
    if trich_yeu:
        trich_yeu = re.sub(r"^(?:V/v|Về việc)\s+", "", trich_yeu, flags=re.IGNORECASE)
    ve_viec = data.get("ve_viec")
    if ve_viec is not None and not isinstance(ve_viec, bool):
        r.fail("ve_viec", "phải là true hoặc false")
        ve_viec = None

    kinh_gui = r.text_list("kinh_gui", data.get("kinh_gui"), required=kind == "cong_van")
    can_cu = r.text_list("can_cu", data.get("can_cu"))
    theo_de_nghi = r.text("theo_de_nghi", data.get("theo_de_nghi"))
    tham_quyen = r.text("tham_quyen", data.get("tham_quyen"))
    if kind == "quyet_dinh":
        if not tham_quyen:
            r.fail("tham_quyen", "quyết định cần dòng thẩm quyền ban hành, ví dụ GIÁM ĐỐC SỞ TƯ PHÁP "
                                 "hoặc ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
        articles = _tree(r, nodes_from_json, "dieu", data.get("dieu") or [], allow_strings=False)
        if not articles:
            r.fail("dieu", "quyết định cần ít nhất một điều")
        if data.get("noi_dung"):
            r.fail("noi_dung", "quyết định ghi nội dung theo điều (dieu), không dùng noi_dung")
        noi_dung: list = []
    else:
        for key in ("dieu", "tham_quyen", "theo_de_nghi", "van_ban_kem_theo"):
            if data.get(key):
                r.fail(key, "chỉ dùng cho quyết định")
        articles = []
        noi_dung = _tree(r, nodes_from_json, "noi_dung", data.get("noi_dung") or [])
        if not noi_dung:
            r.fail("noi_dung", "văn bản cần nội dung")

    signer = _signer(r, data.get("signer"))
    attachment = _attachment(r, data.get("van_ban_kem_theo")) if kind == "quyet_dinh" else None

    noi_nhan = r.text_list("noi_nhan", data.get("noi_nhan"))
    luu = r.text_list("luu", data.get("luu"))
    copies = data.get("so_ban_luu")
    if copies is not None and (isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= 99):
        r.fail("so_ban_luu", "phải là số nguyên từ 1 đến 99")
        copies = None

    do_mat = r.text("do_mat", data.get("do_mat"))
    if do_mat and do_mat.upper() not in rules.DO_MAT:
        r.fail("do_mat", "chỉ được MẬT, TỐI MẬT hoặc TUYỆT MẬT")
    elif do_mat and settings is not None and not settings.may_hold_secrets:
        # Luật Bảo vệ bí mật nhà nước 2018: no secret document is made or kept on a networked machine
        r.fail("do_mat", "máy này nối mạng (may_hold_secrets = false) nên không soạn văn bản mật; "
                         "hãy soạn trên máy không nối mạng")
    do_khan = r.text("do_khan", data.get("do_khan"))
    if do_khan and do_khan.upper() not in rules.DO_KHAN:
        r.fail("do_khan", "chỉ được KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC")

    if r.errors:
        raise ValidationError(r.errors)
    if ve_viec is None:
        ve_viec = rules.default_ve_viec(kind, attachment is not None)
    return Document(
        kind=kind, issuing_body=issuing_body, parent_body=parent_body, body_code=body_code or "",
        unit_code=unit_code, place=place, so=so, ky_hieu=ky_hieu, date=date, trich_yeu=trich_yeu,
        ve_viec=ve_viec, kinh_gui=kinh_gui, can_cu=can_cu, theo_de_nghi=theo_de_nghi,
        tham_quyen=tham_quyen, articles=articles, noi_dung=noi_dung, attachment=attachment,
        noi_nhan=noi_nhan, luu=luu or ([unit_code] if unit_code else []), so_ban_luu=copies,
        signer=signer, do_mat=do_mat.upper() if do_mat else None,
        do_khan=do_khan.upper() if do_khan else None,
    )
