"""A kept LibreOffice for one document at a time: unoserver (started lazily, on loopback, with its own
throw-away profile) turns a Word file into a PDF in a fraction of a second, where starting
LibreOffice for each costs 1.5–2 s. If it cannot start, or dies, it is started again once; failing
that, the caller falls back to the batch path (generator/pdf.py), so a PDF is never lost to it.

unoserver's server needs LibreOffice's Python bridge (Debian's python3-uno, for /usr/bin/python3);
the client is plain XML-RPC and runs in vanthu's own Python. VANTHU_KEPT_OFFICE=0 switches it off.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
START_TIMEOUT_S = 40
CONVERT_TIMEOUT_S = 60
# Run under the system Python: unoserver's server as a child, and a watch that ends the whole group
# (server and LibreOffice) once vanthu is gone — killed, not only exited — so none is left behind.
_WATCH = """
import os, shutil, signal, subprocess, sys, time
parent = int(os.environ["VANTHU_OFFICE_PARENT"])  # not getppid(): vanthu may be gone already
profile = sys.argv[sys.argv.index("--user-installation") + 1]
server = subprocess.Popen([sys.executable, "-m", "unoserver.server", *sys.argv[1:]])
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # set after the start: the server must not inherit it
while server.poll() is None:
    if os.getppid() != parent:
        os.killpg(0, signal.SIGTERM)
        time.sleep(5)
        shutil.rmtree(profile, ignore_errors=True)  # vanthu cannot clean it up any more
        os.killpg(0, signal.SIGKILL)
    time.sleep(1)
"""


class OfficeUnavailable(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_kept = False


def keep() -> None:
    """This process lives long (the web server): keep a LibreOffice for its single PDFs. A one-shot
    command does not — starting unoserver (~6 s) costs more than one batch start (~1.3 s)."""
    global _kept
    _kept = True


def available() -> bool:
    """Kept by this process, switched on, and the bridge and the client are there."""
    if not _kept or os.environ.get("VANTHU_KEPT_OFFICE", "1") == "0" or not os.path.exists(SYSTEM_PYTHON):
        return False
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return False
    try:
        import unoserver  # noqa: F401  (the client, and where the server's code lives)
    except ImportError:
        return False
    return _has_uno()


_uno_checked: bool | None = None


def _has_uno() -> bool:
    global _uno_checked
    if _uno_checked is None:
        done = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
        _uno_checked = done.returncode == 0
    return _uno_checked


class KeptOffice:
    def __init__(self):
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._port: int | None = None
        self._profile: tempfile.TemporaryDirectory | None = None
        self._owner = os.getpid()

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None and self._owner == os.getpid()

    def _start(self) -> None:
        import unoserver

        self.stop()
        self._owner = os.getpid()
        self._profile = tempfile.TemporaryDirectory(prefix="vanthu-office-")
        port, uno_port = _free_port(), _free_port()
        site = str(Path(unoserver.__file__).resolve().parent.parent)  # unoserver is pure Python
        env = {**os.environ, "PYTHONPATH": site, "HOME": self._profile.name, "VANTHU_OFFICE_PARENT": str(os.getpid())}
        self._proc = subprocess.Popen(
            [SYSTEM_PYTHON, "-c", _WATCH, "--interface", "127.0.0.1", "--port", str(port),
             "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port), "--quiet",
             "--user-installation", self._profile.name,
             "--conversion-timeout", str(CONVERT_TIMEOUT_S)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self._port = port
        from xmlrpc.client import ServerProxy

        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            try:
                ServerProxy(f"http://127.0.0.1:{port}", allow_none=True).info()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise OfficeUnavailable("LibreOffice (unoserver) không khởi động được")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None and self._owner == os.getpid():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None

    def convert(self, docx: bytes) -> bytes:
        """The PDF of one Word file; started on first use, started again once if it died."""
        from unoserver.client import UnoClient

        last = None
        for _ in range(2):
            with self._lock:
                if not self._alive():
                    self._start()
                port = self._port
            try:
                pdf = UnoClient(port=str(port)).convert(indata=docx, convert_to="pdf", filtername="writer_pdf_Export")
                if pdf and bytes(pdf[:5]) == b"%PDF-":
                    return bytes(pdf)
                last = OfficeUnavailable("LibreOffice trả về tệp không phải PDF")
            except Exception as exc:  # noqa: BLE001 — the server died or refused: start it again
                last = exc
            with self._lock:
                self.stop()
        raise OfficeUnavailable(f"LibreOffice (unoserver) không xuất được PDF: {last}")


_office = KeptOffice()
atexit.register(_office.stop)


def convert(docx: bytes) -> bytes:
    return _office.convert(docx)


def warm() -> None:
    """Start the kept LibreOffice now, in the background, so the first clerk does not wait for it."""
    def start():
        with _office._lock:
            if available() and not _office._alive():
                try:
                    _office._start()
                except OfficeUnavailable:
                    pass  # the first PDF will try again, or take the batch path

    threading.Thread(target=start, name="vanthu-office", daemon=True).start()
