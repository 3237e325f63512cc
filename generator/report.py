"""A periodic report (báo cáo định kỳ) as a Báo cáo input: the period, the archive's figures as Word
tables and one chart, and the narrative sections the user writes. The figures come from
archive/report_figures.py; this module only words and lays them out, so the same figures give the
same document from the command line and the web."""
from __future__ import annotations

from .rules import KIND_WORDS

# The narrative sections (nd30.md §5: the usual outline of a periodic report), in order.
SECTIONS = (("ket_qua", "Kết quả nổi bật"), ("ton_tai", "Tồn tại, hạn chế"), ("nguyen_nhan", "Nguyên nhân"),
            ("phuong_huong", "Phương hướng, nhiệm vụ kỳ tới"), ("de_xuat", "Đề xuất, kiến nghị"))
HANDLING = (("done_on_time", "Đã giải quyết đúng hạn"), ("done_late", "Đã giải quyết quá hạn"),
            ("open", "Đang giải quyết, trong hạn"), ("open_overdue", "Chưa giải quyết, đã quá hạn"))


def kind_word(kind: str) -> str:
    upper = KIND_WORDS.get(kind) or ("Công văn" if kind == "cong_van" else kind)
    return upper[:1] + upper[1:].lower()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}".replace(".", ",") + "%" if whole else "—"


def _by_kind_rows(group: dict) -> list[list]:
    rows = [[kind_word(k), v["count"]] for k, v in sorted(group.items(), key=lambda kv: (-kv[1]["count"], kv[0]))]
    return rows + [["Tổng cộng", sum(v["count"] for v in group.values())]]


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"Tháng {int(month)}/{year}"


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def body(period: dict, figures: dict, sections: dict | None = None, subject: str | None = None,
         body_name: str = "cơ quan", unit_names: dict | None = None) -> list:
    """The `noi_dung` of the Báo cáo: I. figures and results, II. shortcomings and causes,
    III. tasks for the next period, IV. proposals."""
    sections = sections or {}
    issued, received, rounds, drafts = figures["issued"], figures["received"], figures["rounds"], figures["drafts"]
    label = period["label"]
    cut = f"(số liệu từ ngày {_day(period['start'])} đến ngày {_day(period['end'])})"
    opening = f"{body_name[:1].upper() + body_name[1:]} báo cáo {subject or 'công tác văn thư'} {label} {cut} như sau:"
    months = list(issued["by_month"])
    handled = ", ".join(f"{name.lower()} {_n(received[key]['count'])}" for key, name in HANDLING)
    part_one = [
        {"tieu_de": "Văn bản đi", "noi_dung": [
            f"Trong kỳ đã ban hành {_n(issued['count'])} văn bản"
            + (f", trong đó {_n(issued['revoked']['count'])} văn bản đã bị thu hồi hoặc thay thế." if issued["revoked"]["count"] else "."),
            {"bang": {"tieu_de": "Bảng 1. Văn bản đi theo loại", "cot": ["Loại văn bản", "Số lượng"],
                      "dong": _by_kind_rows(issued["by_kind"])}},
            {"bang": {"tieu_de": "Bảng 2. Văn bản đi theo đơn vị soạn thảo", "cot": ["Đơn vị", "Số lượng"],
                      "dong": [[(unit_names or {}).get(u, u), v["count"]] for u, v in issued["by_unit"].items()]
                      + [["Tổng cộng", issued["count"]]]}},
        ]},
        {"tieu_de": "Văn bản đến", "noi_dung": [
            f"Trong kỳ đã tiếp nhận, đăng ký {_n(received['count'])} văn bản đến; đến ngày {_day(period['end'])}: "
            f"{handled}.",
            {"bang": {"tieu_de": "Bảng 3. Văn bản đến theo loại", "cot": ["Loại văn bản", "Số lượng"],
                      "dong": _by_kind_rows(received["by_kind"])}},
            {"bang": {"tieu_de": "Bảng 4. Tình hình giải quyết văn bản đến", "cot": ["Tình hình", "Số lượng", "Tỷ lệ"],
                      "dong": [[name, received[key]["count"], _pct(received[key]["count"], received["count"])]
                               for key, name in HANDLING] + [["Tổng cộng", received["count"], _pct(received["count"], received["count"])]]}},
        ]},
        {"tieu_de": "Văn bản đi, văn bản đến theo tháng", "noi_dung": [
            {"bang": {"tieu_de": "Bảng 5. Văn bản đi, văn bản đến theo tháng", "cot": ["Tháng", "Văn bản đi", "Văn bản đến"],
                      "dong": [[_month_label(m), issued["by_month"][m]["count"], received["by_month"][m]["count"]]
                               for m in months] + [["Tổng cộng", issued["count"], received["count"]]]}},
            {"bieu_do": {"tieu_de": "Văn bản đi, văn bản đến theo tháng",
                         "nhan": [f"T{int(m.split('-')[1])}" for m in months],
                         "chuoi": [{"ten": "Văn bản đi", "gia_tri": [issued["by_month"][m]["count"] for m in months]},
                                   {"ten": "Văn bản đến", "gia_tri": [received["by_month"][m]["count"] for m in months]}]}},
        ]},
        {"tieu_de": "Lấy ý kiến góp ý dự thảo", "text":
            f"Mở {_n(rounds['opened']['count'])} đợt lấy ý kiến, kết thúc {_n(rounds['closed']['count'])} đợt; "
            f"đã gửi {_n(rounds['consulted'])} cơ quan, {_n(rounds['replied'])} cơ quan có văn bản trả lời "
            f"(tỷ lệ {_pct(rounds['replied'], rounds['consulted'])}), trong đó {_n(rounds['replies_late']['count'])} "
            f"văn bản góp ý đến sau hạn."},
        {"tieu_de": "Văn bản đang soạn thảo", "text":
            f"Đến ngày {_day(period['end'])} còn {_n(drafts['count'])} dự thảo chưa ban hành."},
    ]
    if _lines(sections.get("ket_qua")):
        part_one.append({"tieu_de": "Kết quả nổi bật", "noi_dung": _lines(sections["ket_qua"])})
    gaps = [{"tieu_de": name, "noi_dung": _lines(sections.get(key))} for key, name in SECTIONS[1:3]
            if _lines(sections.get(key))]
    out = [opening, {"tieu_de": "Tình hình, kết quả thực hiện", "noi_dung": part_one}]
    if gaps:
        out.append({"tieu_de": "Tồn tại, hạn chế và nguyên nhân", "noi_dung": gaps})
    for key, name in SECTIONS[3:]:
        if _lines(sections.get(key)):
            out.append({"tieu_de": name, "noi_dung": _lines(sections[key])})
    return out + [_closing(subject or "công tác văn thư", period, body_name)]


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


# The two reports Phụ lục VI (V) of Nghị định 30 asks a records system to produce.
TYPES = {"tong-hop": "công tác văn thư", "van-ban-den": "tình hình giải quyết văn bản đến",
         "van-ban-di": "tình hình ban hành văn bản đi"}


def body_incoming(period: dict, figures: dict, body_name: str) -> list:
    received = figures["received"]
    total = received["count"]
    return [
        f"{body_name[:1].upper() + body_name[1:]} báo cáo tình hình giải quyết văn bản đến {period['label']} "
        f"(số liệu từ ngày {_day(period['start'])} đến ngày {_day(period['end'])}) như sau:",
        {"tieu_de": "Văn bản đến", "noi_dung": [
            f"Tổng số văn bản đến đã đăng ký: {_n(total)}.",
            {"bang": {"tieu_de": "Bảng 1. Văn bản đến theo loại", "cot": ["Loại văn bản", "Số lượng"],
                      "dong": _by_kind_rows(received["by_kind"])}}]},
        {"tieu_de": "Tình hình giải quyết", "noi_dung": [
            {"bang": {"tieu_de": "Bảng 2. Tình hình giải quyết văn bản đến", "cot": ["Tình hình", "Số lượng", "Tỷ lệ"],
                      "dong": [[name, received[key]["count"], _pct(received[key]["count"], total)] for key, name in HANDLING]
                      + [["Tổng cộng", total, _pct(total, total)]]}}]},
        _closing("tình hình giải quyết văn bản đến", period, body_name),
    ]


def body_outgoing(period: dict, figures: dict, body_name: str, unit_names: dict | None = None) -> list:
    issued, drafts = figures["issued"], figures["drafts"]
    answers, late = issued["answers"]["count"], issued["answers_late"]["count"]
    return [
        f"{body_name[:1].upper() + body_name[1:]} báo cáo tình hình ban hành văn bản đi {period['label']} "
        f"(số liệu từ ngày {_day(period['start'])} đến ngày {_day(period['end'])}) như sau:",
        {"tieu_de": "Văn bản đi", "noi_dung": [
            f"Tổng số văn bản đã ban hành: {_n(issued['count'])}; bị thu hồi hoặc thay thế: "
            f"{_n(issued['revoked']['count'])}.",
            {"bang": {"tieu_de": "Bảng 1. Văn bản đi theo loại", "cot": ["Loại văn bản", "Số lượng"],
                      "dong": _by_kind_rows(issued["by_kind"])}},
            {"bang": {"tieu_de": "Bảng 2. Văn bản đi theo đơn vị soạn thảo", "cot": ["Đơn vị", "Số lượng"],
                      "dong": [[(unit_names or {}).get(u, u), v["count"]] for u, v in issued["by_unit"].items()]
                      + [["Tổng cộng", issued["count"]]]}}]},
        {"tieu_de": "Văn bản trả lời văn bản đến", "noi_dung": [
            {"bang": {"tieu_de": "Bảng 3. Văn bản trả lời", "cot": ["Tình hình", "Số lượng", "Tỷ lệ"],
                      "dong": [["Trả lời đúng hạn", answers - late, _pct(answers - late, answers)],
                               ["Trả lời quá hạn", late, _pct(late, answers)],
                               ["Tổng cộng", answers, _pct(answers, answers)]]}}]},
        {"tieu_de": "Văn bản chưa ban hành", "text": f"Đến ngày {_day(period['end'])} còn {_n(drafts['count'])} "
                                                     f"dự thảo chưa ban hành."},
        _closing("tình hình ban hành văn bản đi", period, body_name),
    ]


def _closing(subject: str, period: dict, body_name: str) -> str:
    return f"Trên đây là báo cáo {subject} {period['label']} của {body_name}."
