"""schemathesis (property-based, from /api/openapi.json) against a live local server, signed in:
whatever it sends to every JSON route described, no answer is a server error (5xx)."""
from __future__ import annotations

import re
import threading

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="Thiếu gói schemathesis (pip install -e '.[test]')")
from hypothesis import HealthCheck, settings  # noqa: E402

PASSWORD = "mat-khau-kiem-thu-2026"


@pytest.fixture()
def server(data_dir):
    data = data_dir  # the test's own data folder (conftest sets VANTHU_DATA for it)
    import archive
    from archive import users
    from webui import create_app
    from werkzeug.serving import make_server

    archive.upgrade()
    with archive.writing() as conn:
        users.add(conn, login="qt.fuzz", full_name="Kiểm thử", role="admin", password=PASSWORD, actor="test")
    app = create_app({"PDF_EXPORT": False, "DATA_DIR": str(data)})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{srv.server_port}"
    import requests

    session = requests.Session()
    page = session.get(f"{base}/dang-nhap").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(f"{base}/dang-nhap", data={"csrf_token": token, "login": "qt.fuzz", "password": PASSWORD})
    # the session is bound to the browser that signed in (Flask-Login's strong protection): same User-Agent
    yield base, session.cookies.get_dict(), {"User-Agent": session.headers["User-Agent"]}
    srv.shutdown()
    thread.join(timeout=10)


def test_no_route_answers_a_server_error(server):
    from hypothesis import given

    base, cookies, headers = server
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    tried, statuses = [], []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def probe(case):
            response = case.call(base_url=base, cookies=cookies, headers=headers)
            statuses.append(response.status_code)
            assert response.status_code < 500, (case.method, case.path, case.path_parameters, case.query,
                                                case.body, response.status_code, response.text[:300])

        probe()
        tried.append(f"{operation.method.upper()} {operation.path}")
    assert len(tried) >= 20, tried  # every JSON route described was tried
    assert 401 not in statuses and sum(200 <= x < 300 for x in statuses) > 20  # signed in: the routes really ran
