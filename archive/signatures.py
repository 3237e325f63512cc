"""The digital signatures of a signed PDF (pyHanko): who signed, when, whether the file was
changed after signing, who issued the certificate, and whether its chain reaches a root the
office has installed. ND30 Điều 20 asks the clerk to check what arrives; this is that check,
said plainly, including when it cannot be made.

Trust roots are the certificates (PEM or DER, .cer/.crt/.pem) in the archive's `trust/` folder
(`data/trust/`). Nothing is fetched from the network: an office machine may have none, and a
document is not sent anywhere to be checked.
"""
from __future__ import annotations

import logging
from datetime import timedelta, timezone
from pathlib import Path

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no summer time: a fixed offset is exact

# The roots of Vietnam's state PKI, named in the message when none is installed: Ban Cơ yếu Chính
# phủ certifies the signatures of state bodies (its certificates name these files in their own
# "authority information access").
ROOT_HINT = ("chưa cài chứng thư gốc nên chưa kiểm tra được chuỗi chứng thư; tải chứng thư gốc của "
             "Ban Cơ yếu Chính phủ (http://ca.gov.vn/pki/pub/crt/rootcag2.crt và "
             "http://ca.gov.vn/pki/pub/crt/rootca.crt, cùng chứng thư CA trung gian ghi trong chữ ký) "
             "vào thư mục data/trust/ rồi nạp lại")

# How far a later revision went beyond the signed bytes (pyHanko's diff analysis), in words.
_CHANGES = {
    "NONE": "không có thay đổi nào sau khi ký",
    "LTA_UPDATES": "sau khi ký chỉ thêm dữ liệu kiểm tra lâu dài",
    "FORM_FILLING": "sau khi ký chỉ thêm chữ ký số khác (hoặc điền biểu mẫu)",
    "ANNOTATIONS": "sau khi ký có thêm ghi chú trên trang",
    "OTHER": "tệp đã bị sửa sau khi ký",
}


def _quiet() -> None:
    # pyHanko logs every chain it cannot build at ERROR with a traceback; the result says it
    for name in ("pyhanko", "pyhanko_certvalidator", "pyhanko.pdf_utils"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def trust_roots(folder: Path | None) -> list:
    from pyhanko.keys import load_certs_from_pemder

    if not folder or not Path(folder).is_dir():
        return []
    certs = []
    for f in sorted(Path(folder).iterdir()):
        if f.suffix.lower() in (".cer", ".crt", ".pem", ".der"):
            try:
                certs.extend(load_certs_from_pemder([str(f)]))
            except Exception:  # noqa: BLE001 — a file that is not a certificate is skipped
                continue
    return certs


def _name(name, field: str) -> str | None:
    value = name.native.get(field)
    return value if isinstance(value, str) else (value[0] if value else None)


def _iso(moment) -> str | None:
    return moment.astimezone(VIETNAM).isoformat() if moment else None


def read(path: Path, trust_folder: Path | None = None) -> list[dict]:
    """One entry per signature, in the order they were made."""
    _quiet()
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = trust_roots(trust_folder)
    out = []
    with open(path, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        for sig in reader.embedded_signatures:
            entry: dict = {"signer": None, "organization": None, "signed_at": None, "intact": False,
                           "issuer": None, "trusted": None, "changes": None, "note": None}
            try:
                cert = sig.signer_cert
                entry["signer"] = _name(cert.subject, "common_name")
                entry["organization"] = _name(cert.subject, "organization_name")
                entry["issuer"] = _name(cert.issuer, "common_name")
                # judged now, unless a valid time-stamp token says when it was signed: the signing
                # time the file states is the signer's own word and could be set back to before expiry
                status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
                stamp = status.timestamp_validity
                if roots and not status.trusted and stamp and stamp.intact and stamp.valid and stamp.trusted:
                    vc = ValidationContext(trust_roots=roots, allow_fetching=False, moment=stamp.timestamp)
                    status = validate_pdf_signature(sig, vc)
            except Exception as exc:  # noqa: BLE001 — a signature pyHanko cannot parse is reported
                entry["note"] = f"không đọc được chữ ký: {type(exc).__name__}"
                out.append(entry)
                continue
            stamped = status.timestamp_validity
            when = stamped.timestamp if stamped and stamped.intact and stamped.valid else status.signer_reported_dt
            entry["signed_at"] = _iso(when)
            level = status.modification_level.name if status.modification_level is not None else "OTHER"
            entry["changes"] = _CHANGES.get(level, _CHANGES["OTHER"])
            # intact: the signed bytes are unchanged, the signature matches them, and what came
            # after (if anything) only added signatures or validation data
            entry["intact"] = bool(status.intact and status.valid and level in ("NONE", "LTA_UPDATES", "FORM_FILLING"))
            if roots:
                entry["trusted"] = bool(status.trusted)
            notes = []
            if not status.intact:
                notes.append("nội dung đã bị sửa sau khi ký: chữ ký không còn khớp")
            elif not status.valid:
                notes.append("chữ ký không hợp lệ về mật mã")
            elif level not in ("NONE", "LTA_UPDATES", "FORM_FILLING"):
                notes.append(entry["changes"])
            if not roots:
                notes.append(ROOT_HINT)
            elif not status.trusted:
                notes.append("chuỗi chứng thư không dẫn tới chứng thư gốc đã cài trong data/trust/")
            entry["note"] = "; ".join(notes) or None
            out.append(entry)
    return out


def summary(sig: dict) -> str:
    """One line for a notice or the document page."""
    who = sig.get("signer") or "(không rõ người ký)"
    if sig.get("organization") and sig["organization"] != who:
        who += f" ({sig['organization']})"
    state = "còn nguyên vẹn" if sig.get("intact") else "KHÔNG còn nguyên vẹn"
    trust = {True: "chứng thư tin cậy", False: "chứng thư KHÔNG tin cậy", None: "chưa kiểm tra chuỗi chứng thư"}
    when = sig.get("signed_at") or "không rõ thời điểm"
    return f"chữ ký số của {who}, {when}: {state}, {trust[sig.get('trusted')]}"
