"""Periodic reports compiled from the archive: the period (archive/periods.py), its figures
(archive/report_figures.py), and the Báo cáo draft made of them (generator/report.py words them),
filed in the archive like any draft composed in vanthu — so it is issued, searched and kept the same
way. The command line and the web both call these."""
from __future__ import annotations

from generator import load_settings
from generator.report import TYPES, body, body_incoming, body_outgoing

from . import db
from .periods import Period, PeriodError, period
from .report_figures import figures
from .rounds.letters import in_sentence


def settings_period(kind: str, year: int, n: int | None = None, *, start=None, end=None) -> Period:
    """A period with the due rule and holidays of vanthu.toml."""
    s = load_settings()
    return period(kind, year, n, start=start, end=end, due_days=s.report_due_working_days, holidays=s.holidays)


def compile_figures(p: Period, *, unit: str | None = None, visible=None) -> dict:
    """{period: {start, end, due, …}, unit, figures: {…}} (interfaces.md: `vanthu report --json`)."""
    from . import units as office_units

    with db.reading() as conn:
        names = {u["code"]: u["name"] for u in office_units.listing(conn)}
        if unit and unit not in names and names:
            raise PeriodError(f"không có đơn vị '{unit}'")
        found = figures(conn, p, unit=unit, visible=visible, unit_names=names)
    return {"period": p.as_json(), "unit": unit, "unit_name": names.get(unit) if unit else None, "units": names,
            "figures": found}


def report_input(compiled: dict, *, report_type: str = "tong-hop", sections: dict | None = None,
                 subject: str | None = None, signer: dict | None = None, kinh_gui: list[str] | None = None,
                 noi_nhan: list[str] | None = None) -> dict:
    """The Báo cáo input (the JSON any Báo cáo takes) for compiled figures: a draft, no number.
    `report_type`: the periodic report (tong-hop), or one of Phụ lục VI (V)'s two (van-ban-den, van-ban-di)."""
    if report_type not in TYPES:
        raise PeriodError(f"loại báo cáo '{report_type}' không có; chọn một trong: {', '.join(TYPES)}")
    s = load_settings()
    unit = compiled.get("unit")
    who = compiled.get("unit_name") or in_sentence(s.issuing_body)
    about = (subject or TYPES[report_type]).strip()
    if report_type == "van-ban-den":
        content = body_incoming(compiled["period"], compiled["figures"], who)
    elif report_type == "van-ban-di":
        content = body_outgoing(compiled["period"], compiled["figures"], who, compiled.get("units"))
    else:
        content = body(compiled["period"], compiled["figures"], sections, about, who, compiled.get("units"))
    return {
        "kind": "bao_cao", "issuing_body": s.issuing_body, "parent_body": s.parent_body,
        "body_code": s.body_code, "place": s.place, "unit_code": unit or None,
        "trich_yeu": f"Kết quả {about} {compiled['period']['label']}",
        "kinh_gui": kinh_gui or [], "noi_dung": content,
        "noi_nhan": noi_nhan or ["Như trên"], "luu": ["VT"] + ([unit] if unit else []),
        "signer": signer or {"title": "THỦ TRƯỞNG CƠ QUAN", "name": "Họ và tên"},
    }


def file_report(data: dict, *, actor: str, unit: str | None = None) -> int:
    """File the report as a draft (audited, indexed); its figures travel in its input."""
    from .issue import file_draft

    return file_draft(data, actor=actor, unit=unit)


def _candidates(kind: str, year: int):
    if kind == "thang":
        return [(year, m) for m in range(1, 13)]
    if kind == "quy":
        return [(year, q) for q in range(1, 5)]
    return [(year, None)]


def due_soon(today, within_days: int = 15) -> list[dict]:
    """The reports of the calendar ([[reports]] in vanthu.toml) due from today to `within_days` ahead:
    [{name, recipient, period: {start, end, due, label, …}}], soonest first."""
    import datetime as dt

    s = load_settings()
    out = []
    for regime in s.reports:
        kind = regime["period"]
        days = int(regime.get("due_working_days") or s.report_due_working_days)
        for year in (today.year - 1, today.year, today.year + 1):
            for y, n in _candidates(kind, year):
                try:
                    p = period(kind, y, n, due_days=days, holidays=s.holidays)
                except PeriodError:
                    continue
                if today <= p.due <= today + dt.timedelta(days=within_days):
                    out.append({"name": regime["name"], "recipient": regime.get("recipient"),
                                "report_type": regime.get("type", "tong-hop"), "period": p.as_json()})
    return sorted(out, key=lambda r: r["period"]["due"])
