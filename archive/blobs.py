"""Content-addressed files: data/blobs/ab/cdef…, written once, never overwritten.

A blob is written (temp → fsync → rename → fsync of the folder) before the database row that
names it is committed, so a committed row always finds its file; a crash in between leaves at
most an unreferenced blob, which `vanthu verify --repair` removes.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator import data_dir


def root(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "blobs"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_for(digest: str, folder: Path | None = None) -> Path:
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"mã băm không hợp lệ: {digest!r}")
    return root(folder) / digest[:2] / digest[2:]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put(data: bytes, folder: Path | None = None) -> str:
    digest = sha256(data)
    target = path_for(digest, folder)
    if target.exists() and target.stat().st_size == len(data):
        return digest  # same content, same name: nothing to write
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return digest


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
