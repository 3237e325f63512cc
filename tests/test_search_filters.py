"""Search filters: one set of rules (index/query.py) for the web page, the JSON route and the
command line; refusals in Vietnamese that change nothing; an index of an older format rebuilt."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import archive
import index
from index.query import QueryError, parse_day, query_from_args
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, want", [("2020-03-15", 20200315), ("15/3/2020", 20200315), ("05.11.2019", 20191105),
                                        ("", None), ("  ", None), ("29/02/2024", 20240229)])
def test_parse_day(text, want):
    assert parse_day(text, "Từ ngày") == want


@pytest.mark.parametrize("text", ["31/02/2020", "2020-13-01", "hôm qua", "15/03/20", "29/02/2023"])
def test_parse_day_refuses(text):
    with pytest.raises(QueryError, match="Từ ngày"):
        parse_day(text, "Từ ngày")


@pytest.mark.parametrize("args, words", [({"kind": "thu_tay"}, "Loại văn bản"), ({"year": "hai nghìn"}, "Năm"),
                                         ({"status": "xong"}, "Trạng thái"), ({"page": "0"}, "Trang"),
                                         ({"sort": "abc"}, "sắp xếp"),
                                         ({"from": "01/01/2021", "to": "01/01/2020"}, "trước")])
def test_query_refusals_name_the_field(args, words):
    with pytest.raises(QueryError, match=words):
        query_from_args(args)


def test_query_fields():
    q = query_from_args({"q": " dak nong ", "kind": "quyet-dinh", "year": "2020", "from": "1/1/2020",
                         "to": "2020-06-30", "signer": "Tôn Thiện San", "cited": "72/2013/ND-CP", "page": "3"})
    assert (q.text, q.kind, q.year, q.date_from, q.date_to, q.page) == ("dak nong", "quyet_dinh", 2020, 20200101,
                                                                         20200630, 3)


@pytest.fixture()
def seeded(data_dir, corpus):
    archive.upgrade()
    out = archive.ingest_file(corpus / "seeds" / "002_c86d25cbeb24d76d.txt", actor="test")
    index.drain()
    return out.document_ids


@pytest.fixture()
def client(seeded):
    return create_app({"TESTING": True, "LOGIN_DISABLED": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False}).test_client()


def hits(client, query: str) -> list[str]:
    page = client.get("/search?" + query).get_data(as_text=True)
    return [x.strip() for x in re.findall(r'<div class="hit">.*?<strong>([^<]*)</strong>', page, re.S)]


def test_cited_filter_with_or_without_diacritics(client):
    with_marks = hits(client, "cited=72/2013/NĐ-CP")
    assert "Tờ trình 40/TTr-STTTT" in with_marks
    assert hits(client, "cited=72/2013/nd-cp") == with_marks
    assert hits(client, "cited=72 /2013/NĐ-CP") == with_marks
    assert hits(client, "cited=99/2099/NĐ-CP") == []


def test_filters_alone_search_and_show_as_removable(client):
    page = client.get("/search?kind=to_trinh&from=01/01/2020").get_data(as_text=True)
    assert "Tờ trình 40/TTr-STTTT" in page
    assert 'id="dang-loc"' in page and "Từ ngày: 01/01/2020" in page
    remove = re.search(r'href="([^"]*)"[^>]*aria-label="Bỏ lọc loại"', page).group(1)
    assert "kind=&" in remove.replace("&amp;", "&") or remove.replace("&amp;", "&").endswith("kind=")
    # the date range excludes what lies outside it
    assert "Tờ trình 40/TTr-STTTT" not in client.get("/search?kind=to_trinh&to=31/12/2019").get_data(as_text=True)


def test_bad_filter_is_a_vietnamese_422_everywhere(client):
    r = client.get("/search?q=quy+che&from=31/02/2020")
    assert r.status_code == 422 and "không có trong lịch" in r.get_data(as_text=True)
    api = client.get("/api/search?q=quy+che&year=abc")
    assert api.status_code == 422 and "Năm" in api.get_json()["errors"][0]["message"]


def run(*args, env_dir):
    import os

    return subprocess.run([sys.executable, "-m", "webui.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "VANTHU_DATA": str(env_dir)})


def test_cli_filters_and_refusal(seeded, data_dir):
    proc = run("search", "", "--cited", "72/2013/ND-CP", "--kind", "to_trinh", "--json", env_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert [(h["so"], h["ky_hieu"]) for h in json.loads(proc.stdout)] == [(40, "TTr-STTTT")]
    bad = run("search", "quy chế", "--from", "32/01/2020", env_dir=data_dir)
    assert bad.returncode == 1 and "Từ ngày" in bad.stderr


def test_index_of_older_format_is_rebuilt_on_open(seeded, data_dir):
    name = index.engine_name()
    before = [h["id"] for h in index.search(index.Query(text="dak nong quy che"))["hits"]]
    index.close_all()
    index._open.clear()
    stamp = index.folder() / name / "FORMAT"
    assert stamp.read_text() == index.INDEX_FORMAT
    stamp.write_text("0")
    assert [h["id"] for h in index.search(index.Query(text="dak nong quy che"))["hits"]] == before
    assert stamp.read_text() == index.INDEX_FORMAT
    assert index.verify() == []


@pytest.mark.parametrize("so, ky_hieu, rule_set, want", [
    (5, "QĐ-UBND", "nd30", "05/QĐ-UBND"), (40, "TTr-STTTT", None, "40/TTr-STTTT"),
    (180, "CV/BNCTU", "dang", "180-CV/BNCTU"), (None, "QĐ-UBND", "nd30", "…/QĐ-UBND"), (None, None, None, "(chưa số)")])
def test_number_text(so, ky_hieu, rule_set, want):
    from archive.store import number_text

    assert number_text(so, ky_hieu, rule_set) == want


def test_party_letter_number_written_its_own_way(client):
    assert "Công văn 180-CV/BNCTU" in hits(client, "q=Ban+Nội+chính+Tỉnh+ủy")
    page = client.get("/archive").get_data(as_text=True)
    assert "180-CV/BNCTU" in page and "180/CV/BNCTU" not in page


def test_dates_as_documents_write_them_and_no_chip_for_a_refused_filter(client):
    page = client.get("/search?q=40/TTr-STTTT").get_data(as_text=True)
    assert re.search(r'<span class="meta">\d\d/\d\d/\d{4} ·', page) and not re.search(r'meta">\d{4}-\d\d-\d\d', page)
    refused = client.get("/search?q=quy+che&from=31/02/2021").get_data(as_text=True)
    assert "không có trong lịch" in refused and 'id="dang-loc"' not in refused
