"""Crash tests name a point in VANTHU_FAULT; the process then dies there, as a power cut would."""
from __future__ import annotations

import os
import signal


def fault(point: str) -> None:
    if os.environ.get("VANTHU_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
