"""Content-addressed files: data/blobs/ab/cdef…, written once, never overwritten.

A file is written to a temporary name and renamed, so under its own name it is whole or absent.
Durability is paid once per batch (`Batch.sync`: every file and every folder changed, fsynced
side by side), and the database rows that name the files are committed only after it; a crash in between leaves at most
an unreferenced blob, which `vanthu verify` reports and `--repair` removes.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

from generator import data_dir

from .faults import fault

MAX_OPEN = 256  # files held open until the batch's fsync; past this the batch syncs early
SYNC_THREADS = 8  # fsyncs waiting together let the filesystem commit its journal once for many


_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """One per process: a forked child does not inherit its parent's threads."""
    pid = os.getpid()
    if pid not in _pools:
        _pools.clear()
        _pools[pid] = ThreadPoolExecutor(SYNC_THREADS, thread_name_prefix="blob-fsync")
    return _pools[pid]


def root(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "blobs"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_DIGEST = re.compile(r"[0-9a-f]{64}")


def path_for(digest: str, folder: Path | None = None, base: Path | None = None) -> Path:
    """`base`: the blobs folder, when the caller resolved it already (it costs system calls)."""
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        raise ValueError(f"mã băm không hợp lệ: {digest!r}")
    return (base or root(folder)) / digest[:2] / digest[2:]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Batch:
    """Blobs written now, made durable together by `sync()` (or `start_sync()` … `wait_synced()`),
    which must return before the rows naming them commit. Used as a context manager, files not
    synced are closed (never named in a committed row) when the block fails."""

    def __init__(self, folder: Path | None = None):
        self.base = root(folder)  # resolved once for the batch
        self._open: list[int] = []  # written, renamed, not yet fsynced
        self._dirs: set[Path] = set()  # folders whose entries changed since the last sync
        self._syncing: list[int] = []  # their fsyncs started
        self._jobs: list = []  # those fsyncs, not yet waited for

    def put(self, data: bytes) -> str:
        digest = sha256(data)
        target = path_for(digest, base=self.base)
        if self._already_there(target, digest, len(data)):
            return digest
        fd, tmp = self._temp(target)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            fault("blob_mid_write")
            os.replace(tmp, target)
        except BaseException:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise
        self._open.append(fd)
        self._dirs.add(target.parent)
        if len(self._open) >= MAX_OPEN:
            self.sync()
        return digest

    def _already_there(self, target: Path, digest: str, size: int) -> bool:
        """Same content, same name: nothing to write. It is read and hashed (rare: duplicates stop
        earlier), because after a power cut an unsynced orphan may have its size and not its bytes;
        and it is fsynced with the batch, as another process may not have synced it yet."""
        try:
            if target.stat().st_size != size:
                return False
            fd = os.open(target, os.O_RDONLY)
        except FileNotFoundError:
            return False
        with os.fdopen(os.dup(fd), "rb") as f:
            same = sha256(f.read()) == digest
        if not same:
            os.close(fd)
            return False
        self._open.append(fd)
        self._dirs.add(target.parent)
        return True

    def _temp(self, target: Path) -> tuple[int, str]:
        folder = target.parent
        # a name of our own, no random tries (mkstemp's); the fan-out folder is made only when missing
        tmp = str(folder / f".tmp-{os.getpid()}-{threading.get_ident()}-{target.name[:16]}")
        for _ in range(2):
            try:
                return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
            except FileExistsError:  # left by a killed process of the same pid: take a fresh name
                return tempfile.mkstemp(prefix=".tmp-", dir=folder)
            except FileNotFoundError:
                self._make_folders(folder)
        raise FileNotFoundError(folder)

    def _make_folders(self, folder: Path) -> None:
        missing = []
        p = folder
        while not p.exists():
            missing.append(p)
            p = p.parent
        folder.mkdir(parents=True, exist_ok=True)
        self._dirs.update(m.parent for m in missing)  # a new folder's own entry must be durable too

    def sync(self) -> None:
        """Every file written and every folder changed on disk, once for the batch."""
        self.start_sync()
        self.wait_synced()

    def start_sync(self) -> None:
        """The fsyncs begin, side by side (they wait on the disk, not on Python: one at a time cost
        each blob a journal commit of its own), while the caller goes on with other work."""
        self._jobs += [_pool().submit(os.fsync, fd) for fd in self._open]
        self._jobs += [_pool().submit(_fsync_dir, d) for d in self._dirs]
        self._syncing += self._open
        self._open, self._dirs = [], set()

    def wait_synced(self) -> None:
        """Returns once everything `start_sync` covered is on disk; raises if any fsync failed."""
        jobs, self._jobs = self._jobs, []
        try:
            wait(jobs)  # all done before the files are closed, even when one failed
            for job in jobs:
                job.result()  # an error here fails the batch before any row commits
        finally:
            while self._syncing:
                os.close(self._syncing.pop())

    def close(self) -> None:
        """Files not synced are let go (a row must then not name them)."""
        wait(self._jobs)  # never close a file a fsync is still using
        self._jobs = []
        for fds in (self._open, self._syncing):
            while fds:
                os.close(fds.pop())

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def put(data: bytes, folder: Path | None = None) -> str:
    """One blob, durable when this returns."""
    with Batch(folder) as batch:
        digest = batch.put(data)
        batch.sync()
    return digest


STALE_AFTER_S = 3600  # a temporary file of no known process, this old, is a crash's leftover


def stale_temps(folder: Path | None = None) -> list[Path]:
    """Temporary files a killed writer left (its process gone, or unknown and an hour old); a live
    writer's are left alone."""
    import time

    base = root(folder)
    if not base.is_dir():
        return []
    out = []
    for d in base.iterdir():
        if not d.is_dir():
            continue
        for f in d.glob(".tmp-*"):
            pid = f.name.split("-")[1]
            if pid.isdigit() and len(f.name.split("-")) >= 4:  # ours: .tmp-PID-THREAD-NAME
                if not _alive(int(pid)):
                    out.append(f)
            elif time.time() - f.stat().st_mtime > STALE_AFTER_S:
                out.append(f)
    return sorted(out)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def get(digest: str, folder: Path | None = None) -> bytes:
    return path_for(digest, folder).read_bytes()


def exists(digest: str, folder: Path | None = None) -> bool:
    return path_for(digest, folder).is_file()


def intact(digest: str, folder: Path | None = None) -> bool:
    """The file is there and still hashes to its name."""
    p = path_for(digest, folder)
    if not p.is_file():
        return False
    with open(p, "rb") as f:  # hashed a block at a time: a large file is never read whole
        return hashlib.file_digest(f, "sha256").hexdigest() == digest


def iter_digests(folder: Path | None = None) -> Iterator[str]:
    """Every blob on disk, in sorted order, one folder (1/256 of them) listed at a time."""
    base = root(folder)
    if not base.is_dir():
        return
    for d in sorted(x for x in os.listdir(base) if len(x) == 2 and (base / x).is_dir()):
        for name in sorted(os.listdir(base / d)):
            if not name.startswith(".tmp-") and (base / d / name).is_file():
                yield d + name


def all_digests(folder: Path | None = None) -> list[str]:
    return list(iter_digests(folder))
