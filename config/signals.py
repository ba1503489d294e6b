"""Signal handling shared by the services: SIGTERM and SIGINT ask the main loop to stop.

A signal handler runs between two bytecodes of the main thread, possibly while that thread is
inside threading.Event.wait() and holds the Event's internal lock. Setting the same Event from the
handler then deadlocks, so the handlers here only set plain attributes, which take no lock. They
do not log either, because a write to stderr from a handler can interrupt another write to it.
"""

from __future__ import annotations

import signal
import time

_POLL_SECONDS = 0.05


class StopRequest:
    """A stop flag that signal handlers may set; loops read it with is_set() or sleep on it with wait()."""

    _requested: bool
    reason: str

    def __init__(self) -> None:
        self._requested = False
        self.reason = ""

    def set(self, reason: str = "") -> None:
        """Request a stop, naming why (such as "SIGTERM"). Safe to call from a signal handler."""
        if not self._requested:
            self.reason = reason
        self._requested = True

    def is_set(self) -> bool:
        """Return whether a stop was requested."""
        return self._requested

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking within 50 ms of a stop request; return is_set()."""
        deadline = time.monotonic() + timeout
        while not self._requested:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            time.sleep(min(remaining, _POLL_SECONDS))
        return self._requested


def install_stop_handlers(stop: StopRequest) -> None:
    """Make SIGTERM and SIGINT set ``stop`` instead of killing the process; ``stop.reason`` names the signal."""
    def request_stop(signum: int, _frame: object) -> None:
        stop.set(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
