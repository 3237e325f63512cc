"""Periodic reports from the archive's own figures: on an archive filled from the corpus (its letters
registered on known days) plus documents generated with known dates, every figure equals a count made
here independently, the Word tables hold them, the report passes the layout check, and the command
line prints the period and the figures."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import archive
from archive import receipts, reports
from archive.periods import period_of
from generator.report import kind_word
from tests.conftest import example_inputs, has_soffice

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()
P = period_of("nam", TODAY)  # the reporting year we are in: today always falls inside it


def _in(day: dt.date, start=P.start, end=P.end) -> bool:
    return start <= day <= end


def _report_month(day: dt.date) -> str:
    y, m = (day.year, day.month) if day.day < 15 else ((day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1))
    return f"{y}-{m:02d}"


def _days() -> list[dt.date]:
    """Known days: both cut-offs, mid-month on either side of the 15th, and one before the period."""
    span = (TODAY - P.start).days
    inside = sorted({P.start, P.start + dt.timedelta(days=span // 3), P.start + dt.timedelta(days=span // 2),
                     TODAY - dt.timedelta(days=1) if TODAY > P.start else P.start, TODAY})
    return [P.start - dt.timedelta(days=1), P.start - dt.timedelta(days=40), *inside]


@pytest.fixture()
def office(data_dir, corpus):
    archive.upgrade()
    facts = {"issued": [], "received": [], "drafts": []}
    # --- the corpus: every letter it holds is registered, on a known day, with a deadline
    from archive.ingest import ingest_many

    outcomes = ingest_many(sorted((corpus / "seeds").glob("*.txt")), actor="test")
    gold = json.loads((corpus / "gold" / "seeds_metadata.json").read_text(encoding="utf-8"))
    ids = [i for o in outcomes for i in o.document_ids]
    assert len(ids) == len(gold)
    days = _days()
    with archive.writing() as conn:
        for n, (doc_id, g) in enumerate(zip(ids, gold)):
            row = archive.get_document(conn, doc_id)
            if row["status"] != "received":
                continue  # another body's draft: a letter's attachment, not registered on its own
            on = days[n % len(days)]
            deadline = on + dt.timedelta(days=(n % 3) * 5) if n % 4 else None
            receipts.register_incoming(conn, doc_id, body_code="STP", received_on=on, actor="test",
                                       deadline=deadline)
            facts["received"].append({"id": doc_id, "kind": g["kind"], "on": on, "deadline": deadline})
    # --- our documents, issued on known days by three units
    data = example_inputs()
    so = Counter()
    for n, (kind, unit) in enumerate([("cong_van", "VP"), ("quyet_dinh", "VP"), ("to_trinh", "HCTP"),
                                      ("ke_hoach", "XDKTVB"), ("thong_bao", "VP"), ("bao_cao", None),
                                      ("cong_van", "HCTP"), ("quyet_dinh", None), ("chi_thi", "VP")] * 2):
        on = days[n % len(days)]
        so[on.year] += 1
        doc = {**copy.deepcopy(data[kind]), "so": so[on.year], "date": on.isoformat()}
        if kind == "cong_van":
            doc["unit_code"] = unit or "VP"
        doc_id = archive.file_draft(doc, actor="test", unit=unit)
        facts["issued"].append({"id": doc_id, "kind": kind, "on": on,
                                "unit": unit or ("VP" if kind == "cong_van" else "(không rõ đơn vị)")})
    # one letter answered on time, one late, from the issued ones in the period
    answers = [f for f in facts["issued"] if _in(f["on"])]
    with_deadline = [r for r in facts["received"] if r["deadline"] and _in(r["on"]) and r["on"] <= TODAY]
    with archive.writing() as conn:
        for letter, reply_, late in zip(with_deadline[:2], answers[:2], (False, True)):
            day = letter["deadline"] + dt.timedelta(days=1 if late else 0)
            receipts.answer(conn, letter["id"], reply_["id"], actor="test", on=day)
            letter["answered_on"] = day
    # drafts of ours, not issued
    for kind in ("to_trinh", "ke_hoach"):
        doc = copy.deepcopy(data[kind])
        doc.pop("so", None)
        doc.pop("date", None)
        facts["drafts"].append({"id": archive.file_draft(doc, actor="test", unit="VP"), "kind": kind})
    return facts


def _count(items, **where) -> int:
    return sum(all(f.get(k) == v for k, v in where.items()) for f in items)


def test_every_figure_equals_an_independent_count(office):
    got = reports.compile_figures(P)
    assert got["period"]["start"] == P.start.isoformat() and got["period"]["due"] == P.due.isoformat()
    fig = got["figures"]
    issued = [f for f in office["issued"] if _in(f["on"])]
    assert fig["issued"]["count"] == len(issued) and fig["issued"]["ids"] == sorted(f["id"] for f in issued)
    assert {k: v["count"] for k, v in fig["issued"]["by_kind"].items()} == dict(Counter(f["kind"] for f in issued))
    assert {k: v["count"] for k, v in fig["issued"]["by_unit"].items()} == dict(Counter(f["unit"] for f in issued))
    months = Counter(_report_month(f["on"]) for f in issued)
    assert {k: v["count"] for k, v in fig["issued"]["by_month"].items() if v["count"]} == dict(months)
    assert len(fig["issued"]["by_month"]) == 12  # every month of the year, those with none too
    received = [r for r in office["received"] if _in(r["on"])]
    assert fig["received"]["count"] == len(received) > 0
    assert {k: v["count"] for k, v in fig["received"]["by_kind"].items()} == dict(Counter(r["kind"] for r in received))
    late = [r for r in received if r.get("answered_on") and r["answered_on"] > r["deadline"]]
    on_time = [r for r in received if r.get("answered_on") and r["answered_on"] <= r["deadline"]]
    overdue = [r for r in received if not r.get("answered_on") and r["deadline"] and r["deadline"] < P.end]
    assert fig["received"]["done_late"]["ids"] == sorted(r["id"] for r in late) and len(late) == 1
    assert fig["received"]["done_on_time"]["ids"] == sorted(r["id"] for r in on_time)
    assert fig["received"]["open_overdue"]["ids"] == sorted(r["id"] for r in overdue)
    assert sum(fig["received"][k]["count"] for k in ("done_on_time", "done_late", "open", "open_overdue")) == len(received)
    assert fig["issued"]["answers"]["count"] == 2 and fig["issued"]["answers_late"]["count"] == 1
    assert fig["drafts"]["ids"] == sorted(d["id"] for d in office["drafts"])  # not the other bodies' drafts
    # a unit's report counts only its own
    vp = reports.compile_figures(P, unit="VP")["figures"]
    assert vp["issued"]["count"] == _count(issued, unit="VP")


def test_the_word_file_holds_the_figures_and_passes_the_layout_check(office, tmp_path):
    from docx import Document

    from generator import load_document, render_bytes
    from generator.checker import check_docx

    compiled = reports.compile_figures(P)
    data = reports.report_input(compiled, sections={"ket_qua": "Hoàn thành số hóa 1.200 hồ sơ.",
                                                    "ton_tai": "Một số văn bản đến chậm phân công.",
                                                    "phuong_huong": "Triển khai phần mềm quản lý văn bản."})
    docx = render_bytes(load_document(data))
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx)
    report = check_docx(path)
    assert not report.errors, [f.message for f in report.errors]
    d = Document(io.BytesIO(docx))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in d.tables[1:-1]]  # between header and signature
    fig = compiled["figures"]
    issued_by_kind, by_unit, received_by_kind, handling, monthly = tables
    for table, figure in ((issued_by_kind, fig["issued"]), (by_unit, fig["issued"]), (received_by_kind, fig["received"])):
        assert table[-1] == ["Tổng cộng", str(figure["count"])]
        assert sum(int(r[1]) for r in table[1:-1]) == figure["count"]
    assert {r[0]: int(r[1]) for r in issued_by_kind[1:-1]} == {
        kind_word(k): v["count"]
        for k, v in fig["issued"]["by_kind"].items()}
    assert [int(r[1]) for r in handling[1:-1]] == [fig["received"][k]["count"] for k in
                                                   ("done_on_time", "done_late", "open", "open_overdue")]
    for row in monthly[1:-1]:
        month, year = row[0].removeprefix("Tháng ").split("/")
        key = f"{year}-{int(month):02d}"
        assert row[1:] == [str(fig["issued"]["by_month"][key]["count"]), str(fig["received"]["by_month"][key]["count"])]
    assert len(d.inline_shapes) == 1  # the chart
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Hoàn thành số hóa 1.200 hồ sơ." in text and "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in text
    assert f"số liệu từ ngày {P.start:%d/%m/%Y} đến ngày {P.end:%d/%m/%Y}" in text


@pytest.mark.parametrize("kind", ["van-ban-den", "van-ban-di"])
def test_the_two_reports_of_annex_vi(office, tmp_path, kind):
    from docx import Document

    from generator import load_document, render_bytes
    from generator.checker import check_docx

    compiled = reports.compile_figures(P)
    docx = render_bytes(load_document(reports.report_input(compiled, report_type=kind)))
    (tmp_path / "r.docx").write_bytes(docx)
    assert not check_docx(tmp_path / "r.docx").errors
    rows = [[c.text for c in r.cells] for t in Document(io.BytesIO(docx)).tables[1:-1] for r in t.rows]
    fig = compiled["figures"]
    if kind == "van-ban-den":
        assert ["Đã giải quyết quá hạn", "1", f"{1 / fig['received']['count'] * 100:.1f}".replace(".", ",") + "%"] in rows
    else:
        assert ["Trả lời quá hạn", "1", "50,0%"] in rows and ["Trả lời đúng hạn", "1", "50,0%"] in rows


def test_the_command_line(office, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "webui.cli", "report", *args], capture_output=True, text=True,
                              cwd=ROOT)

    out = run("--period", "nam", "--year", str(P.year), "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["period"] == {**P.as_json()} and got["figures"]["issued"]["count"] == sum(_in(f["on"]) for f in office["issued"])
    half = json.loads(run("--period", "6-thang", "--year", str(P.year), "--json").stdout)["period"]
    assert (half["start"], half["end"]) == (f"{P.year - 1}-12-15", f"{P.year}-06-14")
    doc = tmp_path / "bc.docx"
    done = run("--period", "quy", "--year", str(P.year), "--quarter", "1", "-o", str(doc), "--save")
    assert done.returncode == 0 and doc.exists() and "Đã lưu dự thảo báo cáo vào kho" in done.stdout
    for args, words in ((("--period", "quy", "--year", "2026", "--quarter", "5", "--json"), "quý từ 1 đến 4"),
                        (("--period", "tuan", "--year", "2026", "--json"), "không có"),
                        (("--period", "nam", "--year", "2026", "--unit", "ZZ", "--json"), "không có đơn vị"),
                        (("--period", "nam", "--year", "2026", "-o", str(tmp_path / "x.pdf")), ".docx")):
        bad = run(*args)
        assert bad.returncode == 1 and words in bad.stderr, (args, bad.stderr)
    assert not (tmp_path / "x.pdf").exists()


# --- the web page, and the calendar ------------------------------------------------------------------

PASSWORD = "mat-khau-rat-dai-1"


@pytest.fixture()
def web(office):
    from archive import users
    from webui import create_app

    with archive.writing() as conn:
        users.add(conn, login="vt.lan", full_name="Nguyễn Thị Lan", role="van_thu", password=PASSWORD, actor="t")
        users.add(conn, login="pc.minh", full_name="Phạm Minh", role="phap_che", password=PASSWORD, actor="t")
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False})


def _signed(app, login):
    client = app.test_client()
    assert client.post("/dang-nhap", data={"login": login, "password": PASSWORD}).status_code == 303
    return client


def test_the_report_page_previews_the_figures_and_saves_a_draft(web, office):
    import html
    import re

    clerk, reviewer = _signed(web, "vt.lan"), _signed(web, "pc.minh")
    choice = {"loai": "tong-hop", "ky": "nam", "nam": str(P.year)}
    page = html.unescape(clerk.get("/reports", query_string=choice).get_data(as_text=True))
    assert f"Số liệu từ ngày {P.start:%d/%m/%Y} đến ngày {P.end:%d/%m/%Y}; hạn gửi ngày <strong>{P.due:%d/%m/%Y}" in page
    issued = [f for f in office["issued"] if _in(f["on"])]
    link = re.search(r'<th>Văn bản đi đã ban hành</th><td><a href="([^"]+)">(\d+)</a>', page)
    assert int(link.group(2)) == len(issued)
    behind = clerk.get(html.unescape(link.group(1))).get_data(as_text=True)  # the documents behind the figure
    assert sorted(int(i) for i in re.findall(r'<td><a href="/documents/(\d+)">', behind)) == sorted(f["id"] for f in issued)
    bad = clerk.get("/reports", query_string={**choice, "ky": "quy", "quy": "9"})
    assert bad.status_code == 422 and "quý từ 1 đến 4" in bad.get_data(as_text=True)
    assert clerk.get("/reports/van-ban", query_string={**choice, "so_lieu": "khong.co"}).status_code == 404
    form = {**choice, "ket_qua": "Hoàn thành chỉnh lý 300 mét tài liệu.", "signer_title": "GIÁM ĐỐC",
            "signer_name": "Phạm Quốc Bảo", "kinh_gui": "Sở Nội vụ tỉnh Lâm Đồng"}
    assert reviewer.post("/reports", data=form).status_code == 403  # reading figures, not composing
    r = clerk.post("/reports", data=form)
    assert r.status_code == 303
    doc_id = int(r.headers["Location"].rsplit("/", 1)[-1])
    with archive.reading() as conn:
        doc = archive.get_document(conn, doc_id)
    assert doc["status"] == "draft" and doc["kind"] == "bao_cao" and doc["trich_yeu"].endswith(P.label)
    assert "Báo cáo" in html.unescape(reviewer.get("/reports", query_string=choice).get_data(as_text=True))


def test_the_calendar_says_what_is_due_in_the_next_fifteen_days(data_dir):
    import generator
    from generator.settings import DEFAULT_TOML

    generator.ensure_data_dir()
    (data_dir / "vanthu.toml").write_text(DEFAULT_TOML + '\n[[reports]]\nname = "Báo cáo tháng"\nperiod = "thang"\n'
                                          'due_working_days = 3\n', encoding="utf-8")
    soon = reports.due_soon(dt.date(2026, 6, 5))
    assert [(r["name"], r["period"]["due"]) for r in soon] == [
        ("Báo cáo công tác văn thư, lưu trữ 6 tháng", "2026-06-16"), ("Báo cáo tháng", "2026-06-17")]
    assert reports.due_soon(dt.date(2026, 8, 1), 10) == []
    assert [r["period"]["label"] for r in reports.due_soon(dt.date(2026, 12, 10))] == ["năm 2026", "tháng 12 năm 2026"]


@pytest.mark.skipif(not has_soffice(),
                    reason="LibreOffice is not installed")
def test_the_report_reads_back_from_its_pdf(office):
    from pypdf import PdfReader

    from generator import load_document, pdf_bytes, render_bytes

    compiled = reports.compile_figures(P)
    pdf = pdf_bytes(render_bytes(load_document(reports.report_input(compiled))))
    words = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "BÁO CÁO" in words and "Bảng 5. Văn bản đi, văn bản đến theo tháng" in words
    assert f"Trong kỳ đã ban hành {compiled['figures']['issued']['count']} văn bản" in words


def test_a_secret_is_not_counted_for_those_not_cleared(web, data_dir):
    from generator.settings import DEFAULT_TOML

    (data_dir / "vanthu.toml").write_text(DEFAULT_TOML.replace("may_hold_secrets = false", "may_hold_secrets = true"),
                                          encoding="utf-8")
    before = reports.compile_figures(P)["figures"]["issued"]["count"]
    archive.file_draft({**copy.deepcopy(example_inputs()["bao_cao"]), "do_mat": "MẬT", "so": 900,
                        "date": TODAY.isoformat()}, actor="test")
    assert reports.compile_figures(P)["figures"]["issued"]["count"] == before + 1  # the command line: all
    import html
    import re

    page = html.unescape(_signed(web, "pc.minh").get("/reports", query_string={"ky": "nam", "nam": str(P.year)})
                         .get_data(as_text=True))
    shown = re.search(r"<th>Văn bản đi đã ban hành</th><td>(?:<a [^>]+>)?(\d+)", page).group(1)
    assert int(shown) == before  # not even counted


def test_the_dashboard_lists_the_reports_due(web, monkeypatch):
    """The dashboard shows the calendar's reports due in the next 15 days (today fixed at 05/06/2026,
    when the 6-month report of vanthu.toml's calendar falls due on 16/06)."""
    import html

    real = reports.due_soon
    monkeypatch.setattr(reports, "due_soon", lambda today, days=15: real(dt.date(2026, 6, 5), days))
    page = html.unescape(_signed(web, "vt.lan").get("/").get_data(as_text=True))
    assert "Báo cáo đến hạn gửi (trong 15 ngày) (1)" in page
    assert "Báo cáo công tác văn thư, lưu trữ 6 tháng (6 tháng đầu năm 2026)</a>: chốt số liệu 14/06/2026, " \
           "hạn gửi 16/06/2026, gửi Sở Nội vụ" in page
    assert "/reports?loai=tong-hop&ky=6-thang&nam=2026" in page
