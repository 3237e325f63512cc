"""The compose form: which fields a kind shows, form values → the model's JSON, error paths → fields.

Nothing here decides whether a document is valid; `generator.load_document`
does.  This module only translates between what a clerk types in text boxes
and the JSON the generator takes, and puts each of the generator's messages
next to the box it concerns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator import rules
from generator.model import FIELD_LABELS
from generator.structure import StructureError, outline_to_json, parse_outline

LEGAL_OUTLINE_HINT = ("Mỗi điều một dòng bắt đầu bằng “Điều 1.”, “Điều 2.” …; khoản “1.”, “2.”; "
                      "điểm “a)”, “b)”. Số thứ tự tự đánh lại theo vị trí.")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    widget: str = "input"  # input | textarea | select
    hint: str = ""
    group: str = "noi_dung"
    only: tuple[str, ...] | None = None  # kinds that show it; None = every kind
    hide: tuple[str, ...] = ()
    rows: int = 3
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False  # only marks the label; the generator decides
    placeholder: str = ""
    required_for: tuple[str, ...] = ()  # kinds for which it is required (marked, and its group opened)

    def required_in(self, kind: str) -> bool:
        return self.required or kind in self.required_for

    def shown_for(self, kind: str) -> bool:
        return (self.only is None or kind in self.only) and kind not in self.hide


def _label(key: str) -> str:
    text = FIELD_LABELS[key]
    return text[:1].upper() + text[1:]


GROUPS = (
    ("noi_dung", "Nội dung văn bản"),
    ("kem_theo", "Quy chế / Quy định ban hành kèm theo (nếu có)"),
    ("ky", "Người ký"),
    ("noi_nhan", "Nơi nhận và lưu"),
    ("so_ngay", "Số, ngày, độ mật, độ khẩn"),
    ("co_quan", "Cơ quan ban hành"),
)
# Groups folded away until needed (they are prefilled or optional).
FOLDED = {"kem_theo", "so_ngay", "co_quan"}

MODES = (("", "Ký trực tiếp (không có chữ viết tắt)"), ("TM", "TM. – thay mặt tập thể"),
         ("KT", "KT. – ký thay người đứng đầu"), ("Q", "Q. – quyền"), ("TL", "TL. – thừa lệnh"),
         ("TUQ", "TUQ. – thừa ủy quyền"))

FIELDS = (
    Field("trich_yeu", "Trích yếu nội dung", required=True,
          hint="Một dòng, không gõ “V/v” hay “Về việc” ở đầu: phần mềm tự thêm theo mẫu."),
    Field("ve_viec", "Dòng “Về việc”", widget="select", hide=("cong_van",),
          options=(("", "Theo mẫu của loại văn bản"), ("1", "Có “Về việc” trước trích yếu"),
                   ("0", "Không có “Về việc”"))),
    Field("kinh_gui", "Kính gửi", widget="textarea", rows=2, hide=("quyet_dinh", "chi_thi"),
          hint="Mỗi dòng một nơi nhận; nhiều nơi sẽ tự có gạch đầu dòng và dấu chấm phẩy."),
    Field("tham_quyen", _label("tham_quyen"), only=("quyet_dinh",), required=True,
          placeholder="Ví dụ: GIÁM ĐỐC SỞ TƯ PHÁP hoặc ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    Field("can_cu", "Căn cứ", widget="textarea", rows=3,
          hint="Mỗi dòng một căn cứ; dấu “;” và “.” cuối dòng tự thêm."),
    Field("theo_de_nghi", "Theo đề nghị của", only=("quyet_dinh",),
          placeholder="Ví dụ: Theo đề nghị của Chánh Văn phòng Sở"),
    Field("dieu", "Các điều", widget="textarea", rows=10, only=("quyet_dinh",), required=True,
          hint=LEGAL_OUTLINE_HINT),
    Field("noi_dung", "Nội dung", widget="textarea", rows=12, hide=("quyet_dinh",), required=True,
          hint="Phần lớn “I.”, “II.”; khoản “1.”, “2.”; điểm “a)”, “b)”; các dòng khác là đoạn văn "
               "của phần đứng trên. Số thứ tự tự đánh lại theo vị trí."),
    # The attachment of a Quyết định (Mẫu 1.3).
    Field("vb_kind", "Loại văn bản kèm theo", widget="select", group="kem_theo", only=("quyet_dinh",),
          options=(("", "Không có"), ("quy_che", "Quy chế"), ("quy_dinh", "Quy định"))),
    Field("vb_trich_yeu", "Trích yếu của Quy chế / Quy định", group="kem_theo", only=("quyet_dinh",)),
    Field("vb_cua", "Cơ quan ban hành (dòng “của …”)", group="kem_theo", only=("quyet_dinh",),
          placeholder="Ví dụ: Ủy ban nhân dân xã Đạ Huoai"),
    Field("vb_outline", "Các chương và điều", widget="textarea", rows=10, group="kem_theo",
          only=("quyet_dinh",), hint="“Chương I” rồi tên chương (cùng dòng hoặc dòng dưới); "
                                     + LEGAL_OUTLINE_HINT),
    # Signer (Nghị định 30, Phụ lục I, mục II.7).
    Field("signer_mode", "Thẩm quyền ký", widget="select", group="ky", options=MODES),
    Field("signer_collective", "Tên tập thể (sau TM.)", group="ky", placeholder="Ví dụ: ỦY BAN NHÂN DÂN"),
    Field("signer_head_title", "Chức vụ người đứng đầu (sau KT., Q., TL., TUQ.)", group="ky",
          placeholder="Ví dụ: GIÁM ĐỐC"),
    Field("signer_title", "Chức vụ người ký", group="ky", placeholder="Ví dụ: PHÓ GIÁM ĐỐC", required=True,
          hint="Bắt buộc, trừ khi ký Q. (quyền) thì có thể để trống."),
    Field("signer_name", "Họ và tên người ký", group="ky", required=True,
          hint="Không ghi học hàm, học vị (TS., ThS.) trước họ tên."),
    Field("noi_nhan", "Nơi nhận", widget="textarea", rows=3, group="noi_nhan",
          hint="Mỗi dòng một nơi; “Như trên” và dòng “Lưu: VT, …” tự thêm."),
    Field("luu", "Đơn vị lưu", group="noi_nhan", placeholder="Ví dụ: VP (nhiều đơn vị cách nhau dấu phẩy)",
          hint="Văn thư (VT) luôn được ghi trước."),
    Field("so_ban_luu", "Số bản lưu", group="noi_nhan", hint="Để trống nếu không ghi."),
    Field("so", "Số văn bản", group="so_ngay", hint="Để trống khi là bản dự thảo (số sẽ cấp sau khi ký)."),
    Field("date", "Ngày ban hành", group="so_ngay", placeholder="dd/mm/yyyy",
          hint="Ngày/tháng/năm, ví dụ 05/02/2026. Dự thảo: để trống, hoặc chỉ ghi tháng/năm (12/2026) hay năm."),
    Field("unit_code", "Chữ viết tắt đơn vị soạn thảo", group="so_ngay", required_for=("cong_van",),
          hint="Công văn cần trường này (ký hiệu dạng STP-VP)."),
    Field("ky_hieu", "Ký hiệu", group="so_ngay", hint="Để trống: tự tạo từ loại văn bản và cơ quan."),
    Field("do_mat", "Độ mật", widget="select", group="so_ngay",
          options=(("", "Không"),) + tuple((x, x) for x in rules.DO_MAT)),
    Field("do_khan", "Độ khẩn", widget="select", group="so_ngay",
          options=(("", "Không"),) + tuple((x, x) for x in rules.DO_KHAN)),
    Field("parent_body", "Cơ quan chủ quản", widget="textarea", rows=2, group="co_quan"),
    Field("issuing_body", "Cơ quan ban hành", widget="textarea", rows=2, group="co_quan", required=True),
    Field("body_code", "Chữ viết tắt tên cơ quan", group="co_quan"),
    Field("place", "Địa danh", group="co_quan", placeholder="Ví dụ: Lâm Đồng"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)

# An example subject per kind, shown greyed in the empty box.
SUBJECT_EXAMPLES = {
    "quyet_dinh": "Ban hành Quy chế làm việc của Sở Tư pháp",
    "to_trinh": "đề nghị phê duyệt Kế hoạch số hóa hồ sơ, tài liệu lưu trữ năm 2027",
    "cong_van": "góp ý dự thảo Quy chế tiếp nhận và trả kết quả hồ sơ",
    "bao_cao": "Kết quả công tác văn thư, lưu trữ 6 tháng đầu năm 2026",
    "ke_hoach": "Triển khai ký số và lập hồ sơ điện tử năm 2027",
    "thong_bao": "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 11 năm 2026",
    "chi_thi": "Về tăng cường phòng cháy, chữa cháy rừng mùa khô năm 2027",
}


def placeholder(f: Field, kind: str) -> str:
    if f.name == "trich_yeu" and kind in SUBJECT_EXAMPLES:
        return f"Ví dụ: {SUBJECT_EXAMPLES[kind]}"
    return f.placeholder
TOP = "_top"  # errors that belong to no field are listed above the form


def fields_for(kind: str) -> list[Field]:
    return [f for f in FIELDS if f.shown_for(kind)]


def grouped(kind: str) -> list[tuple[str, str, list[Field]]]:
    shown = fields_for(kind)
    out = []
    for key, title in GROUPS:
        members = [f for f in shown if f.group == key]
        if members:
            out.append((key, title, members))
    return out


def open_groups(groups, values: dict, errors: dict, kind: str | None = None) -> set[str]:
    """Folded groups to show open: those with an error, those with a field this kind requires still
    empty, and optional ones the clerk has filled in (the office's details are prefilled, so they
    open only on an error)."""
    out = set()
    for key, _title, members in groups:
        names = [f.name for f in members]
        if any(errors.get(n) for n in names) or (key != "co_quan" and any((values.get(n) or "").strip()
                                                                         for n in names)):
            out.add(key)
        elif kind and any(kind in f.required_for and not (values.get(f.name) or "").strip() for f in members):
            out.add(key)
    return out


def initial_values(settings) -> dict[str, str]:
    """A blank form, with the office's own details from vanthu.toml filled in."""
    values = {name: "" for name in FIELD_NAMES}
    for key, value in settings.defaults().items():
        values[key] = value or ""
    return values


def read_values(form, kind: str) -> dict[str, str]:
    """The posted text exactly as typed (kept for showing the form again)."""
    return {f.name: form.get(f.name, "") for f in fields_for(kind)}


# --- form → JSON ----------------------------------------------------------------------------

def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def _number(text: str):
    """'12' → 12; anything else goes to the model as typed so it can say what is wrong."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() and len(text) < 10 else text


def _legal_outline(text: str, field: str, errors: dict[str, list[str]], chapters_allowed: bool) -> dict:
    """An article outline as JSON; lines the outline reader would drop become an error instead."""
    try:  # outline_to_json refuses lines it would otherwise drop
        chapters, _ = parse_outline(text, True)
        result = outline_to_json(text, True)
    except StructureError as exc:
        errors.setdefault(field, []).append(exc.message)
        return {}
    if chapters and not chapters_allowed:
        errors.setdefault(field, []).append(
            "Quyết định không chia chương; chương chỉ dùng trong Quy chế / Quy định ban hành kèm theo.")
    return result


_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")


def form_date(text: str, errors: dict[str, list[str]]) -> str:
    """The date as typed on the form (05/02/2026; a draft's 12/2026 or 2026) in the model's ISO form."""
    from archive.dates import typed_date

    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{1,2})?", text):
        return text  # a year, or year-month as the JSON writes it
    if m := _MONTH_YEAR.fullmatch(text):
        month, year = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            errors.setdefault("date", []).append(f"tháng {month} không có")
        return f"{year}-{month:02d}"
    try:
        return typed_date(text).isoformat()
    except ValueError as exc:
        errors.setdefault("date", []).append(str(exc))
        return text


def build_data(kind: str, values: dict[str, str], sent=None) -> tuple[dict, dict[str, list[str]]]:
    """The JSON document the model takes, and errors found while reading the outlines. `sent`: the
    names the form carried (a box left out takes the settings' value; one the clerk emptied, none)."""
    errors: dict[str, list[str]] = {}
    data: dict = {"kind": kind}
    get = lambda name: (values.get(name) or "").strip()  # noqa: E731

    for key in ("trich_yeu", "tham_quyen", "theo_de_nghi", "ky_hieu", "unit_code", "body_code", "place",
                "do_mat", "do_khan"):
        if get(key):
            data[key] = get(key)
    if get("date"):
        data["date"] = form_date(get("date"), errors)
    for key in ("issuing_body", "parent_body"):  # may be two lines ("ỦY BAN NHÂN DÂN\nXÃ ĐẠ HUOAI")
        # the form shows the settings' bodies; a box the clerk emptied means none, never the default again
        if get(key):
            data[key] = "\n".join(_lines(values[key]))
        elif sent is not None and key in sent:
            data[key] = None if key == "parent_body" else ""
    for key in ("kinh_gui", "can_cu", "noi_nhan"):
        if _lines(values.get(key) or ""):
            data[key] = _lines(values[key])
    units = [u.strip() for u in re.split(r"[,;\n]", values.get("luu") or "") if u.strip()]
    if units:
        data["luu"] = units
    for key in ("so", "so_ban_luu"):
        if (n := _number(values.get(key) or "")) is not None:
            data[key] = n
    if get("ve_viec") in ("0", "1"):
        data["ve_viec"] = get("ve_viec") == "1"

    if kind == "quyet_dinh":
        if get("dieu"):
            tree = _legal_outline(values["dieu"], "dieu", errors, chapters_allowed=False)
            if tree.get("dieu"):
                data["dieu"] = tree["dieu"]
        att_keys = ("vb_kind", "vb_trich_yeu", "vb_cua", "vb_outline")
        if any(get(k) for k in att_keys):
            att: dict = {"kind": get("vb_kind")}
            for key in ("trich_yeu", "cua"):
                if get(f"vb_{key}"):
                    att[key] = get(f"vb_{key}")
            if get("vb_outline"):
                att.update(_legal_outline(values["vb_outline"], "vb_outline", errors, chapters_allowed=True))
            data["van_ban_kem_theo"] = att
    elif get("noi_dung"):
        try:
            data.update(outline_to_json(values["noi_dung"], False))
        except StructureError as exc:
            errors.setdefault("noi_dung", []).append(exc.message)

    signer = {k: get(f"signer_{k}") for k in ("name", "title", "mode", "head_title", "collective")}
    data["signer"] = {k: v for k, v in signer.items() if v}
    return data, errors


# --- model errors → fields ------------------------------------------------------------------

_HEAD = re.compile(r"^([a-z_]+)")
_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_LIST_FIELDS = {"kinh_gui", "can_cu", "noi_nhan", "luu"}


def field_for_path(path: str, kind: str) -> str:
    """'signer.name' → 'signer_name'; 'dieu[2].noi_dung[0].text' → 'dieu'; unknown → TOP."""
    head = (_HEAD.match(path) or [""])[0] if path else ""
    rest = path[len(head):].lstrip(".")
    sub = (_HEAD.match(rest) or [""])[0]
    if head == "signer":
        name = f"signer_{sub or 'name'}"
    elif head == "van_ban_kem_theo":
        name = {"kind": "vb_kind", "trich_yeu": "vb_trich_yeu", "cua": "vb_cua"}.get(sub, "vb_outline")
    elif head == "chuong":
        name = "dieu"
    else:
        name = head
    shown = {f.name for f in fields_for(kind)}
    return name if name in shown else TOP


def where(path: str) -> str:
    """Which line or part of a list or outline a nested path points at, in words ('' if none)."""
    steps = _STEP.findall(path)
    if not steps:
        return ""
    head = steps[0][0]
    if head in _LIST_FIELDS and steps[0][1]:
        return f"dòng {int(steps[0][1]) + 1}"
    parts = []
    for i, (name, index) in enumerate(steps):
        if index == "":
            if name == "tieu_de":
                parts.append("tiêu đề")
            continue
        n = int(index) + 1
        if name == "chuong":
            parts.append(f"Chương {rules.roman(n)}")
        elif name == "dieu":
            parts.append(f"điều thứ {n} của chương" if parts else f"Điều {n}")
        elif name == "noi_dung":
            parts.append(f"phần thứ {n}" if i == 0 else f"mục con thứ {n}")
    return ", ".join(parts)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def place_errors(exc_errors, kind: str, into: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each FieldError of the model beside its form field (or at the top)."""
    for e in exc_errors:
        field = field_for_path(e.path, kind)
        if field == TOP:
            into.setdefault(TOP, []).append(str(e))
            continue
        loc = where(e.path)
        into.setdefault(field, []).append(_sentence(f"{loc}: {e.message}" if loc else e.message))
    return into
