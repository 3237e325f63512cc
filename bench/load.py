"""A bounded load test on loopback; one line per figure. It stops by itself.

N clients (default 20), each signed in with its own session, compose and file documents, issue
numbers, search and read pages for S seconds (default 60) against `vanthu run` on a fresh data
folder. At the end it checks that nothing failed, no document filed was lost and every number
issued is distinct and consecutive.

    load_<route>_p95_ms   95th percentile latency per route
    load_requests         requests made, and per second
    load_errors           answers that were not the expected status (must be 0)
    load_numbers          numbers issued: distinct and consecutive (checked)

Run: .venv/bin/python bench/load.py [--clients 20] [--seconds 60] [--pdf]
(`--pdf` makes every issue export its PDF through LibreOffice, as the web does by default; without
it the figures are the archive's and the server's own.)
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-tai-thu-2026"
QUERIES = ["lý lịch tư pháp", "ly lich tu phap", "số hóa hồ sơ", "kế hoạch", "412/STP-HCTP", "tờ trình"]


class Client:
    def __init__(self, base: str, login: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{base}/dang-nhap", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, "login": login, "password": PASSWORD}).encode()
        self.opener.open(urllib.request.Request(f"{base}/dang-nhap", data=data), timeout=30).read()

    def call(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--pdf", action="store_true")
    args = ap.parse_args()
    to_trinh = json.loads((ROOT / "examples" / "to_trinh.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="vanthu-load-") as data:
        env = {**os.environ, "VANTHU_DATA": data, "VANTHU_PDF_EXPORT": "1" if args.pdf else "0"}
        vanthu = [sys.executable, "-m", "webui.cli"]
        subprocess.run([*vanthu, "init"], env=env, cwd=ROOT, check=True, capture_output=True)
        for i in range(args.clients):
            subprocess.run([*vanthu, "user", "add", f"vt{i}", "--name", f"Văn thư {i}", "--role", "van_thu",
                            "--password-stdin"], input=PASSWORD + "\n", text=True, env=env, cwd=ROOT, check=True,
                           capture_output=True)
        port = _free_port()
        server = subprocess.Popen([*vanthu, "run", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"{base}/dang-nhap", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            clients = [Client(base, f"vt{i}") for i in range(args.clients)]
            lat: dict[str, list[float]] = {}
            errors: list[str] = []
            filed: list[int] = []
            issued: list[int] = []
            lock = threading.Lock()
            stop = time.monotonic() + args.seconds

            def timed(route: str, c: Client, method: str, path: str, body=None, expect=(200,)):
                t0 = time.perf_counter()
                status, raw = c.call(method, path, body)
                with lock:
                    lat.setdefault(route, []).append(time.perf_counter() - t0)
                    if status not in expect:
                        errors.append(f"{route} {status} {raw[:200]!r}")
                return status, raw

            def work(n: int, c: Client) -> None:
                rng = random.Random(n)
                mine: list[int] = []
                while time.monotonic() < stop:
                    pick = rng.random()
                    if pick < 0.3 or not mine:
                        body = {**to_trinh, "trich_yeu": f"{to_trinh['trich_yeu']} (máy {n}, lần {len(mine)})"}
                        status, raw = timed("file", c, "POST", "/api/documents", body, expect=(201,))
                        if status == 201:
                            doc = json.loads(raw)["id"]
                            mine.append(doc)
                            with lock:
                                filed.append(doc)
                    elif pick < 0.45:
                        doc = mine.pop(rng.randrange(len(mine)))
                        status, raw = timed("issue", c, "POST", f"/api/documents/{doc}/issue", {})
                        if status == 200:
                            with lock:
                                issued.append(json.loads(raw)["so"])
                    elif pick < 0.8:
                        q = urllib.parse.quote(rng.choice(QUERIES))
                        timed("search", c, "GET", f"/api/search?q={q}")
                    elif pick < 0.9:
                        timed("document_page", c, "GET", f"/documents/{rng.choice(mine)}")
                    else:
                        timed("dashboard", c, "GET", "/")

            threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
            # nothing lost: every document the server said it filed is there
            lost = [d for d in filed if clients[0].call("GET", f"/api/documents/{d}")[0] != 200]
        finally:
            server.terminate()
            server.wait(timeout=30)
    for route, xs in sorted(lat.items()):
        p95 = statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)
        print(f"load_{route}_p95_ms: {p95 * 1000:.0f}  (n={len(xs)}, median {statistics.median(xs) * 1000:.0f} ms)")
    total = sum(len(x) for x in lat.values())
    print(f"load_requests: {total}  ({total / elapsed:.1f}/s, {args.clients} clients, {args.seconds:.0f} s"
          f"{', PDF on issue' if args.pdf else ''})")
    print(f"load_errors: {len(errors)}" + (f"  first: {errors[0]}" if errors else ""))
    print(f"load_lost_documents: {len(lost)} of {len(filed)} filed")
    consecutive = sorted(issued) == list(range(1, len(issued) + 1))
    print(f"load_numbers: {len(issued)} issued, {'distinct and consecutive' if consecutive else 'NOT consecutive'}")
    if errors or lost or not consecutive:
        sys.exit(1)


if __name__ == "__main__":
    main()
