"""Untrusted files are read by a child process with memory and CPU limits, so that a PDF made to
exhaust memory or loop for ever kills only the child (archive.readers, the layout checker).

The limits are set by prlimit (util-linux, in every Debian) where it is there — safe in a threaded
web server — and by setrlimit in the child otherwise."""
from __future__ import annotations

import resource
import shutil
import subprocess

MEMORY = 1024 * 1024 * 1024  # bytes of address space
CPU_S = 90


def limited(cmd: list[str], memory: int = MEMORY, cpu_s: int = CPU_S) -> list[str]:
    if not shutil.which("prlimit"):
        return cmd
    return ["prlimit", f"--as={memory}", f"--cpu={cpu_s}", "--", *cmd]


def run_limited(cmd: list[str], memory: int = MEMORY, cpu_s: int = CPU_S, **kwargs) -> subprocess.CompletedProcess:
    if shutil.which("prlimit"):
        return subprocess.run(limited(cmd, memory, cpu_s), **kwargs)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))

    return subprocess.run(cmd, preexec_fn=cap, **kwargs)  # noqa: PLW1509 — only without prlimit
