"""One malloc arena for a long bulk job (`vanthu reindex`).

glibc gives each new thread its own arena and keeps what was freed in it; tantivy's merge threads
come and go with every commit, so a rebuild's peak memory grew with the number of merges (188 MB
at 50,000 documents against 135 MB with one arena, bench/memory.py). Only the reindex command asks
for it: the threaded web server keeps glibc's default, where arenas spare its threads a lock.
"""
from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # glibc's malloc.h


def one_arena() -> bool:
    """Limit this process to one arena from now on; False where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, 1))
    except (OSError, AttributeError):
        return False
