"""The rows of the registers Phụ lục IV of Nghị định 30 asks a records office to keep, for a date
range, read from the archive: sổ đăng ký văn bản đi, sổ đăng ký văn bản đến, sổ theo dõi giải
quyết văn bản đến.  Columns are in the annex's order; the generator lays them out.

Secret documents have their own registers (nd30.md §2.3) and are left out of these books.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from .dates import written
from .receipts import MEDIA, STATUSES
from .revoke import HOW
from .schema import document, receipt, register, register_entry
from .store import number_text

BOOKS = {
    "di": ("SỔ ĐĂNG KÝ VĂN BẢN ĐI",
           ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
            "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú")),
    "den": ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
            ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
             "Tên loại và trích yếu nội dung văn bản", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận",
             "Ghi chú")),
    "theo_doi": ("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
                 ("Số đến", "Tên loại, số, ký hiệu, ngày, tháng văn bản và tên cơ quan ban hành",
                  "Đơn vị hoặc người nhận", "Thời hạn giải quyết", "Tiến độ giải quyết",
                  "Số, ký hiệu văn bản trả lời", "Ghi chú")),
}


class BookError(ValueError):
    pass


def _kind_and_subject(kind: str | None, trich_yeu: str | None) -> str:
    from generator.rules import KIND_WORDS

    name = KIND_WORDS.get(kind or "other", "")
    name = name[:1] + name[1:].lower()
    return f"{name}: {trich_yeu}" if trich_yeu else name


def _split_noi_nhan(lines: list[str] | None) -> tuple[str, str]:
    """'Nơi nhận' without its 'Lưu: VT, VP.' line, and what that line names (the copies kept)."""
    to, kept = [], ""
    for line in lines or []:
        text = line.strip().lstrip("-").strip().rstrip(";.,/").strip()
        if text.lower().startswith("lưu"):
            kept = text.split(":", 1)[-1].strip()
        elif text and text.lower() not in ("như trên", "như trên (để thực hiện)") and text not in to:
            to.append(text)
    return "; ".join(to), kept


def _note(row) -> str:
    parts = []
    if row.revoked:
        parts.append(HOW[row.revoked] + (f" ngày {written(row.revoked_on)}" if row.revoked_on else ""))
    return "; ".join(parts)


def rows(conn: Connection, book: str, start: dt.date, end: dt.date, body_code: str | None = None) -> list[list[str]]:
    """One list of cell texts per entry of `book` (di | den | theo_doi) from `start` to `end` inclusive;
    the sổ đi of one body (`body_code`, read from each document's ký hiệu) where given."""
    from generator.rules import body_code_of

    if book not in BOOKS:
        raise BookError(f"sổ '{book}' không có; chọn sổ văn bản đi, sổ văn bản đến hoặc sổ theo dõi giải quyết")
    if end < start:
        raise BookError("ngày cuối trước ngày đầu; hãy đổi lại khoảng ngày")
    if book == "di":
        q = (select(document).where((document.c.direction == "outgoing") & document.c.status.in_(("issued", "archived"))
                                    & document.c.so.is_not(None) & document.c.do_mat.is_(None)
                                    & (document.c.issued_on >= start) & (document.c.issued_on <= end))
             .order_by(document.c.issued_on, document.c.so))
        out = []
        for r in conn.execute(q):
            if body_code and body_code_of(r.ky_hieu) != body_code:
                continue  # another body's document filed here (its own register)
            to, kept = _split_noi_nhan(list(r.kinh_gui or []) + list(r.noi_nhan or []))
            if not kept and (r.source or {}).get("input"):  # composed in vanthu: its "Lưu" is an input field
                luu = r.source["input"].get("luu") or []
                kept = ", ".join(["VT", *[x for x in ([luu] if isinstance(luu, str) else luu) if x != "VT"]])
            signer = r.signer_name or ""
            out.append(((r.issued_on, r.so), [number_text(r.so, r.ky_hieu, r.rule_set), written(r.issued_on),
                        _kind_and_subject(r.kind, r.trich_yeu), signer, to, kept, "", "", "", _note(r)]))
        # a cancelled number stays in the book, said so, never a silent gap (registers.cancel_number)
        q = (select(register_entry.c.so, register_entry.c.at, register_entry.c.note, register.c.body_code)
             .join(register, register.c.id == register_entry.c.register_id)
             .where((register.c.direction == "di") & (register.c.sequence != "mat") &
                    (register_entry.c.status == "cancelled")))
        for e in conn.execute(q):
            day = e.at.date()
            if start <= day <= end and (not body_code or e.body_code == body_code):
                out.append(((day, e.so), [f"{e.so:02d}", written(day), "", "", "", "", "", "", "",
                                          f"Số đã hủy: {e.note}" if e.note else "Số đã hủy"]))
        return [cells for _, cells in sorted(out, key=lambda x: x[0])]
    answer = aliased(document)
    q = (select(document.c.kind, document.c.so, document.c.ky_hieu, document.c.rule_set, document.c.issued_on,
                document.c.issuing_body, document.c.trich_yeu, document.c.revoked, document.c.revoked_on,
                receipt.c.so_den, receipt.c.received_on, receipt.c.medium, receipt.c.recipient, receipt.c.chu_tri,
                receipt.c.phoi_hop, receipt.c.chi_dao, receipt.c.transferred_on, receipt.c.note, receipt.c.status,
                receipt.c.deadline, receipt.c.answer_document_id, receipt.c.answered_on, answer.c.so.label("a_so"), answer.c.ky_hieu.label("a_ky_hieu"),
                answer.c.rule_set.label("a_rule_set"), answer.c.issued_on.label("a_date"))
         .join(receipt, receipt.c.document_id == document.c.id)
         .outerjoin(answer, answer.c.id == receipt.c.answer_document_id)
         .where((receipt.c.sequence == "chung") & (receipt.c.received_on >= start) & (receipt.c.received_on <= end))
         .order_by(receipt.c.year, receipt.c.so_den))
    out = []
    for r in conn.execute(q):
        number = number_text(r.so, r.ky_hieu, r.rule_set)
        if book == "den":
            note = "; ".join(x for x in (MEDIA.get(r.medium, "") if r.medium == "giay" else "", r.note or "",
                                         _note(r)) if x)
            out.append([written(r.received_on), f"{r.so_den:02d}", r.issuing_body or "", number, written(r.issued_on),
                        _kind_and_subject(r.kind, r.trich_yeu), r.recipient or r.chu_tri or "",
                        written(r.transferred_on), "", note])
        else:
            what = f"{_kind_and_subject(r.kind, None)} số {number}" + \
                   (f" ngày {written(r.issued_on)}" if r.issued_on else "") + \
                   (f" của {r.issuing_body}" if r.issuing_body else "")
            progress = STATUSES[r.status] + (f" ngày {written(r.answered_on)}" if r.answered_on else "")
            if r.status in ("cho_phan_cong", "dang_giai_quyet") and r.deadline and r.deadline < dt.date.today():
                progress += " (quá hạn)"
            who = r.chu_tri or r.recipient or ""
            if r.phoi_hop:
                who += f"; phối hợp: {r.phoi_hop}"
            reply = number_text(r.a_so, r.a_ky_hieu, r.a_rule_set) + (f" ngày {written(r.a_date)}" if r.a_date else "") \
                if r.answer_document_id else ""
            out.append([f"{r.so_den:02d}", what, who, written(r.deadline), progress, reply, r.chi_dao or ""])
    return out
