"""The Nghị định 30 rule set: one entry per requirement, with where in the decree it comes from.

When the decree is amended, the change is made here (and in the small function that applies the
rule); the version below says which reading of the decree a report was made with.
"""
from __future__ import annotations

from dataclasses import dataclass

VERSION = "nd30-2020.1"

ERROR, WARNING, NOTICE = "error", "warning", "notice"
SEVERITIES = (ERROR, WARNING, NOTICE)

# Sources, as nd30.md names them.
PL1 = "Nghị định 30/2020/NĐ-CP, Phụ lục I"
PL3 = "Nghị định 30/2020/NĐ-CP, Phụ lục III"
ND = "Nghị định 30/2020/NĐ-CP"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    title: str  # what the rule asks, in Vietnamese


RULES: dict[str, Rule] = {r.id: r for r in [
    # scope
    Rule("SCOPE-DANG", NOTICE, "Hướng dẫn 36-HD/VPTW (văn bản của Đảng)",
         "Văn bản của Đảng theo thể thức riêng; không kiểm tra theo Nghị định 30"),
    Rule("SCOPE-VBQPPL", NOTICE, "Luật Ban hành văn bản quy phạm pháp luật",
         "Văn bản quy phạm pháp luật: chỉ kiểm tra phần chung với Nghị định 30"),
    Rule("SCOPE-UNKNOWN", NOTICE, ND, "Không nhận ra văn bản hành chính; không kiểm tra"),
    Rule("ND30-DRAFT-NUMBER", NOTICE, f"{PL1}, mục II.3", "Bản dự thảo: số văn bản để trống"),
    Rule("ND30-DRAFT-DATE", NOTICE, f"{PL1}, mục II.4", "Bản dự thảo: ngày, tháng để trống"),
    # page (§1)
    Rule("ND30-PAGE-SIZE", ERROR, f"{PL1}, Phần I.I", "Khổ giấy A4 (210 × 297 mm)"),
    Rule("ND30-PAGE-ORIENTATION", ERROR, f"{PL1}, Phần I.I", "Trang đứng (chiều dài của khổ A4)"),
    Rule("ND30-MARGIN", ERROR, f"{PL1}, Phần I.I",
         "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm"),
    Rule("ND30-FONT", ERROR, f"{PL1}, Phần I.I", "Phông chữ Times New Roman"),
    Rule("ND30-FONT-SCRIPT", WARNING, f"{PL1}, Phần I.I",
         "Phông Times New Roman cho mọi bảng mã (cs, eastAsia) để Word không thay phông"),
    Rule("ND30-COLOR", WARNING, f"{PL1}, Phần I.I", "Chữ màu đen"),
    Rule("ND30-PAGE-NUMBER-FIRST", ERROR, f"{PL1}, Phần I.I", "Không đánh số trang đầu"),
    Rule("ND30-PAGE-NUMBER-MISSING", ERROR, f"{PL1}, Phần I.I",
         "Văn bản từ hai trang trở lên đánh số trang từ trang 2"),
    Rule("ND30-PAGE-NUMBER-STYLE", WARNING, f"{PL1}, Phần I.I",
         "Số trang ở phần đầu trang, căn giữa, cỡ 13–14, chữ đứng"),
    # header (§2.2)
    Rule("ND30-HEADER-TABLE", WARNING, f"{PL1}, mục IV",
         "Tên cơ quan (trái) và Quốc hiệu (phải) đặt cạnh nhau ở đầu trang"),
    Rule("ND30-QUOC-HIEU", ERROR, f"{PL1}, mục II.1",
         "Quốc hiệu: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, in hoa, cỡ 12–13, đứng, đậm"),
    Rule("ND30-TIEU-NGU", ERROR, f"{PL1}, mục II.1",
         "Tiêu ngữ: Độc lập - Tự do - Hạnh phúc (gạch nối có cách chữ), cỡ 13–14, đứng, đậm"),
    Rule("ND30-ISSUING-BODY", ERROR, f"{PL1}, mục II.2",
         "Tên cơ quan ban hành in hoa, cỡ 12–13, đứng, đậm; cơ quan chủ quản không đậm"),
    Rule("ND30-NUMBER", ERROR, f"{PL1}, mục II.3",
         "Dòng số: 'Số:' rồi số (dưới 10 thêm 0), '/' và ký hiệu, không có khoảng trắng"),
    Rule("ND30-NUMBER-STYLE", ERROR, f"{PL1}, mục II.3", "Số, ký hiệu cỡ 13, chữ đứng"),
    Rule("ND30-KY-HIEU", ERROR, f"{PL3}, mục I; {PL1}, mục II.3",
         "Ký hiệu: chữ viết tắt tên loại (theo bảng Phụ lục III) - tên cơ quan; công văn không có tên loại"),
    Rule("ND30-DATE", ERROR, f"{PL1}, mục II.4",
         "Địa danh, ngày … tháng … năm …: ngày dưới 10 và tháng 1, 2 thêm số 0; tháng 3–12 không"),
    Rule("ND30-DATE-STYLE", ERROR, f"{PL1}, mục II.4", "Địa danh và thời gian cỡ 13–14, in nghiêng"),
    Rule("ND30-TYPE-NAME", ERROR, f"{PL1}, mục II.5", "Tên loại văn bản in hoa, cỡ 13–14, đậm, căn giữa"),
    Rule("ND30-RULE-LINE", ERROR, f"{PL1}, mục II.1, II.2, II.5",
         "Đường kẻ ngang, nét liền dưới tên cơ quan ban hành, dưới Tiêu ngữ và dưới trích yếu"),
    Rule("ND30-TRICH-YEU", ERROR, f"{PL1}, mục II.5",
         "Trích yếu chữ thường, cỡ 13–14, đậm, ngay dưới tên loại"),
    Rule("ND30-VV", ERROR, f"{PL1}, mục II.5; {PL3}, Mẫu 1.4, 1.5",
         "Công văn ghi 'V/v'; văn bản có tên loại không dùng 'V/v'"),
    Rule("ND30-TRICH-YEU-CV", ERROR, f"{PL1}, mục II.5", "Trích yếu công văn cỡ 12–13, không đậm"),
    # body (§2.5)
    Rule("ND30-KINH-GUI", ERROR, f"{PL1}, mục II.9", "'Kính gửi:' có dấu hai chấm; mỗi nơi một dòng '- …;'"),
    Rule("ND30-CAN-CU", ERROR, f"{PL1}, mục II.6",
         "Mỗi căn cứ một dòng, in nghiêng, kết thúc ';', căn cứ cuối kết thúc '.'"),
    Rule("ND30-CAN-CU-LEAD", WARNING, f"{PL1}, mục II.6", "Mỗi dòng căn cứ mở đầu bằng 'Căn cứ'"),
    Rule("ND30-BODY-FONT-SIZE", ERROR, f"{PL1}, mục II.6", "Nội dung cỡ 13–14"),
    Rule("ND30-BODY-JUSTIFY", ERROR, f"{PL1}, mục II.6", "Nội dung căn đều hai lề"),
    Rule("ND30-BODY-INDENT", WARNING, f"{PL1}, mục II.6", "Lùi đầu dòng 1 cm hoặc 1,27 cm"),
    Rule("ND30-BODY-SPACING", WARNING, f"{PL1}, mục II.6",
         "Cách đoạn tối thiểu 6 pt; cách dòng từ đơn đến 1,5 dòng"),
    Rule("ND30-CLOSING-MARK", ERROR, f"{PL3}, các mẫu", "Nội dung kết thúc bằng './.'"),
    Rule("ND30-CHUONG", ERROR, f"{PL1}, mục II.6",
         "'Chương' và số La Mã một dòng; tên chương dòng dưới, in hoa, đậm"),
    Rule("ND30-DIEU", ERROR, f"{PL1}, mục II.6", "'Điều' và số Ả Rập, dấu chấm, in đậm; điều được dẫn phải có"),
    Rule("ND30-DIEM", ERROR, f"{PL1}, mục II.6",
         "Điểm ghi a), b), c), d), đ), e)… theo chữ cái tiếng Việt, sau là dấu ')'"),
    Rule("ND30-ATTACHMENT-LINE", ERROR, f"{PL3}, Mẫu 1.3",
         "Dòng '(Ban hành kèm theo Quyết định số …/… ngày … tháng … năm … của …)'"),
    Rule("ND30-CITATION", WARNING, f"{PL1}, mục II.6",
         "Văn bản dẫn lần đầu ghi đủ số, ký hiệu; không có khoảng trắng trong số, ký hiệu, ngày"),
    # signature (§2.6)
    Rule("ND30-AUTHORITY", ERROR, f"{PL1}, mục II.7; {ND}, Điều 13",
         "Quyền hạn ký: TM., Q., KT., TL., TUQ. (dấu chấm, một khoảng trắng), in hoa, đậm"),
    Rule("ND30-SIGNER-NAME", ERROR, f"{PL1}, mục II.7",
         "Họ tên người ký chữ thường, đậm, không kèm học hàm, học vị"),
    Rule("ND30-SIGNER-STYLE", ERROR, f"{PL1}, mục II.7", "Quyền hạn, chức vụ người ký in hoa, cỡ 13–14, đậm"),
    # nơi nhận (§2.8)
    Rule("ND30-NOI-NHAN-LABEL", ERROR, f"{PL1}, mục II.9", "'Nơi nhận:' có dấu hai chấm, cỡ 12, nghiêng, đậm"),
    Rule("ND30-NOI-NHAN", ERROR, f"{PL1}, mục II.9",
         "Mỗi nơi nhận một dòng bắt đầu '-', kết thúc ';', cỡ 11"),
    Rule("ND30-LUU", ERROR, f"{PL1}, mục II.9", "Dòng cuối: '- Lưu: VT, <đơn vị soạn thảo>.'"),
    # docxtpl templates (vanthu check --template)
    Rule("TPL-SPLIT-TAG", ERROR, "docxtpl", "Mỗi thẻ {{ … }} / {% … %} nằm trọn trong một đoạn chữ (run)"),
    Rule("TPL-CURLY-QUOTE", ERROR, "docxtpl", "Không dùng dấu nháy cong trong thẻ"),
    Rule("TPL-TABLE-LOOP", ERROR, "docxtpl", "Lặp dòng bảng bằng {%tr for %} … {%tr endfor %}"),
    Rule("TPL-SYNTAX", ERROR, "docxtpl", "Cú pháp Jinja đúng"),
    Rule("TPL-UNKNOWN-VAR", ERROR, "docxtpl", "Chỉ dùng biến có trong dữ liệu vanthu đưa vào mẫu"),
]}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
