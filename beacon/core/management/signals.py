"""Shared by the long-running commands: stop cleanly on Ctrl-C or a supervisor's SIGTERM."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable


def stop_event_on_signals(on_second: Callable[[], None] | None = None) -> threading.Event:
    """An event set by the first SIGINT or SIGTERM; a second one calls `on_second`, or
    without it exits at once.

    Must be called from the main thread (Python delivers signals only there).
    """
    stop = threading.Event()

    def handle(signum, frame):
        if stop.is_set():
            if on_second is None:
                raise SystemExit(128 + signum)
            on_second()
            return
        stop.set()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return stop
