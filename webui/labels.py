"""Vietnamese names of the kinds, as the pages show them."""
from __future__ import annotations

import generator
from archive.dates import written as vn_date  # one way to write a date, for the templates
from generator.rules import KIND_WORDS


def kind_name(kind: str) -> str:
    """'quyet_dinh' → 'Quyết định'."""
    upper = KIND_WORDS.get(kind) or kind
    return upper[:1] + upper[1:].lower()


# Every kind the archive can hold, for filter menus.
KIND_CHOICES = [(k, kind_name(k)) for k in generator.KINDS]

# The metadata keys of interfaces.md as a clerk reads them (upload review, document page).
META_LABELS = {
    "kind": "Loại văn bản", "so": "Số", "ky_hieu": "Ký hiệu", "issuing_body": "Cơ quan ban hành",
    "parent_body": "Cơ quan chủ quản", "place": "Địa danh", "date": "Ngày ban hành (ngày/tháng/năm)",
    "trich_yeu": "Trích yếu", "signer_name": "Người ký", "signer_title": "Chức vụ người ký",
    "authority": "Thẩm quyền ký (TM., KT., TL., …)", "do_mat": "Độ mật", "do_khan": "Độ khẩn",
}


NAV_KINDS = [(k, kind_name(k)) for k in generator.GENERATED_KINDS]

# The checker's severities, as `vanthu check` prints them (cli.py uses this same table).
SEVERITY_WORDS = {"error": "lỗi", "warning": "cảnh báo", "notice": "ghi chú"}

# What each rule set means for the reader of a report (interfaces.md, "Rule sets").
RULE_SET_NAMES = {
    "nd30": "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)",
    "vbqppl": "Văn bản quy phạm pháp luật (chỉ kiểm tra phần chung với Nghị định 30)",
    "dang": "Văn bản của Đảng (ngoài phạm vi kiểm tra)",
    "unknown": "Không nhận ra loại văn bản",
    "template": "Mẫu docxtpl",
}


def moment(iso: str | None) -> str:
    """'2025-09-15T09:07:04+07:00' as a clerk writes it: '09:07 ngày 15/09/2025'."""
    from datetime import datetime

    if not iso:
        return "không rõ"
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{at:%H:%M} ngày {at:%d/%m/%Y}"


# The audit log's actions as a clerk reads them (document journal, the admin's log page).
ACTION_NAMES = {
    "document.create": "tạo văn bản", "document.version": "thêm phiên bản", "document.issue": "cấp số",
    "document.thu_hoi": "đánh dấu thu hồi", "document.thay_the": "đánh dấu bị thay thế", "link.add": "thêm liên kết",
    "dossier.create": "lập hồ sơ", "receipt.register": "vào sổ văn bản đến", "receipt.direct": "phân công giải quyết",
    "receipt.answer": "ghi văn bản trả lời", "receipt.close": "lưu, không cần trả lời", "receipt.reopen": "mở lại",
    "round.open": "mở vòng lấy ý kiến", "round.reply": "nhận văn bản góp ý", "round.request": "lưu công văn xin ý kiến",
    "round.close": "kết thúc vòng lấy ý kiến", "round.deadline": "sửa hạn góp ý", "comment.add": "thêm ý kiến",
    "comment.edit": "sửa ý kiến", "comment.confirm": "xác nhận ý kiến", "comment.delete": "xóa ý kiến",
    "response.set": "ghi tiếp thu, giải trình", "reply.edit": "sửa văn bản góp ý",
    "user.add": "thêm người dùng", "user.passwd": "đổi mật khẩu", "user.disable": "khóa người dùng",
    "user.enable": "mở khóa người dùng", "user.clearance": "đổi quyền xem văn bản mật",
    "user.role": "đổi vai trò, đơn vị", "role.clearance": "đổi quyền xem văn bản mật của vai trò",
    "unit.add": "thêm đơn vị", "unit.rename": "đổi tên đơn vị", "unit.close": "ngừng đơn vị",
    "unit.open": "mở lại đơn vị", "secret.view": "xem văn bản mật", "secret.download": "tải văn bản mật",
    "number.cancel": "hủy số", "template.upload": "nạp mẫu văn bản", "template.reset": "dùng lại mẫu gốc",
}
