"""Where vanthu keeps its files and who the office is (data/vanthu.toml).

Everything vanthu writes lives in the data folder: `./data`, or the folder
named by VANTHU_DATA.  The settings file names the issuing body that
documents default to; a JSON input may override any of it.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_FILE = "vanthu.toml"

# Today's bodies (after the 2025 reform: province and commune levels).
DEFAULT_TOML = """\
# Cài đặt của vanthu: cơ quan ban hành mặc định của các văn bản soạn ra.
# Sửa các dòng dưới đây cho đúng cơ quan của mình rồi khởi động lại.

issuing_body = "SỞ TƯ PHÁP"
parent_body = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
body_code = "STP"
place = "Lâm Đồng"

# Nơi giữ văn bản mật: chỉ bật (true) trên máy không nối mạng (Luật Bảo vệ bí mật nhà nước 2018).
may_hold_secrets = false

# Đánh số văn bản đi: "chung" (một dãy số cho mọi loại) hoặc "theo_loai" (mỗi loại một dãy).
# Văn bản mật luôn có dãy số riêng.
numbering = "chung"

# Báo cáo định kỳ (Nghị định 09/2019): hạn gửi sau ngày chốt số liệu bao nhiêu ngày làm việc, và
# các ngày nghỉ lễ ngoài 1/1, 30/4, 1/5, 2/9 (Tết, Giỗ Tổ theo âm lịch, ngày nghỉ bù: ghi mỗi năm).
report_due_working_days = 2
holidays = []

# Lịch báo cáo: mỗi chế độ báo cáo cơ quan phải gửi (kỳ: thang, quy, 6-thang, 9-thang, nam).
[[reports]]
name = "Báo cáo công tác văn thư, lưu trữ 6 tháng"
period = "6-thang"
recipient = "Sở Nội vụ"

[[reports]]
name = "Báo cáo công tác văn thư, lưu trữ năm"
period = "nam"
recipient = "Sở Nội vụ"

[[units]]
code = "VP"
name = "Văn phòng Sở"

[[units]]
code = "XDKTVB"
name = "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật"

[[units]]
code = "HCTP"
name = "Phòng Hành chính tư pháp"
"""


NUMBERING = ("chung", "theo_loai")


class SettingsError(ValueError):
    pass


@dataclass
class Settings:
    data_dir: Path
    issuing_body: str = ""
    parent_body: str | None = None
    body_code: str = ""
    place: str = ""
    may_hold_secrets: bool = False
    numbering: str = "chung"  # chung | theo_loai
    units: list[dict] = field(default_factory=list)
    # periodic reports: due this many working days after the cut-off; holidays beyond the solar ones
    report_due_working_days: int = 2
    holidays: list = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)  # the reporting calendar ([[reports]])

    def defaults(self) -> dict:
        """The document fields these settings supply when an input leaves them out."""
        return {"issuing_body": self.issuing_body, "parent_body": self.parent_body,
                "body_code": self.body_code, "place": self.place}


def data_dir() -> Path:
    return Path(os.environ.get("VANTHU_DATA") or "data").resolve()


def ensure_data_dir(path: Path | None = None) -> Path:
    """Create the data folder and a default settings file if there is none; never overwrite one."""
    path = path or data_dir()
    path.mkdir(parents=True, exist_ok=True)
    settings = path / SETTINGS_FILE
    if not settings.exists():
        tmp = settings.with_suffix(".toml.tmp")
        tmp.write_text(DEFAULT_TOML, encoding="utf-8")
        os.replace(tmp, settings)
    return path


def load_settings(path: Path | None = None) -> Settings:
    path = path or data_dir()
    file = path / SETTINGS_FILE
    if not file.exists():
        return _from_dict(path, tomllib.loads(DEFAULT_TOML))
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Tệp cài đặt {file} không đọc được: {exc}") from exc
    return _from_dict(path, raw)


def _from_dict(path: Path, raw: dict) -> Settings:
    units = raw.get("units") or []
    if not isinstance(units, list) or not all(isinstance(u, dict) and "code" in u for u in units):
        raise SettingsError("Mục [[units]] trong vanthu.toml phải có 'code' và 'name'.")
    numbering = str(raw.get("numbering", "chung"))
    if numbering not in NUMBERING:
        raise SettingsError(f"numbering trong vanthu.toml phải là {' hoặc '.join(NUMBERING)}, không phải '{numbering}'.")
    import datetime as dt

    try:
        due_days = int(raw.get("report_due_working_days", 2))
        holidays = [h if isinstance(h, dt.date) else dt.date.fromisoformat(str(h)) for h in raw.get("holidays") or []]
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"report_due_working_days hoặc holidays trong vanthu.toml không đúng: {exc}") from exc
    if due_days < 1:
        raise SettingsError("report_due_working_days trong vanthu.toml phải từ 1 trở lên (Nghị định 09, Điều 8).")
    reports = raw.get("reports") or []
    if not isinstance(reports, list) or not all(isinstance(r, dict) and r.get("name") and r.get("period")
                                                for r in reports):
        raise SettingsError("Mục [[reports]] trong vanthu.toml cần 'name' và 'period' (thang, quy, 6-thang, 9-thang, nam).")
    return Settings(
        report_due_working_days=due_days, holidays=holidays, reports=reports,
        data_dir=path,
        issuing_body=str(raw.get("issuing_body", "")),
        parent_body=raw.get("parent_body") or None,
        body_code=str(raw.get("body_code", "")),
        place=str(raw.get("place", "")),
        may_hold_secrets=bool(raw.get("may_hold_secrets", False)),
        numbering=numbering,
        units=units,
    )
