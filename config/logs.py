"""Logging setup for the services, and a logger wrapper that rate-limits repeated warnings."""

from __future__ import annotations

import logging
import sys
import threading
import time

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _FlushingHandler(logging.StreamHandler):
    """Stream handler that flushes after every record, so `docker compose logs` shows lines at once."""

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        self.flush()


def configure_logging(level: str) -> None:
    """Send log records of ``level`` and above to stderr, one flushed line each."""
    handler = _FlushingHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # requests and urllib3 log every retry at DEBUG; the etcd layer logs what matters itself.
    logging.getLogger("urllib3").setLevel(max(logging.WARNING, root.level))


class RateLimitedLogger:
    """Logs a repeated condition at most once per interval, with the number of repeats in between."""

    interval: float
    _log: logging.Logger
    _last: dict[str, float]
    _suppressed: dict[str, int]
    _lock: threading.Lock

    def __init__(self, log: logging.Logger, interval: float = 5.0) -> None:
        self.interval = interval
        self._log = log
        self._last = {}
        self._suppressed = {}
        self._lock = threading.Lock()

    def warning(self, key: str, message: str, *args: object) -> None:
        """Log ``message`` at WARNING under ``key`` unless the same key was logged less than an interval ago."""
        self._log_limited(logging.WARNING, key, message, args)

    def error(self, key: str, message: str, *args: object) -> None:
        """Log ``message`` at ERROR under ``key`` unless the same key was logged less than an interval ago."""
        self._log_limited(logging.ERROR, key, message, args)

    def _log_limited(self, level: int, key: str, message: str, args: tuple[object, ...]) -> None:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.interval:
                self._suppressed[key] = self._suppressed.get(key, 0) + 1
                return
            repeats = self._suppressed.pop(key, 0)
            self._last[key] = now
        if repeats:
            self._log.log(level, message + " (%d more like this since the last report)", *args, repeats)
        else:
            self._log.log(level, message, *args)
