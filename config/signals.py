"""Signal handling shared by the services: SIGTERM and SIGINT ask the main loop to stop."""

from __future__ import annotations

import logging
import signal
import threading


def install_stop_handlers(stop: threading.Event, log: logging.Logger) -> None:
    """Make SIGTERM and SIGINT set ``stop`` instead of killing the process."""
    def request_stop(signum: int, _frame: object) -> None:
        log.info("Received %s, stopping", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
