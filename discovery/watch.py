"""Follows every registration under one prefix: lists it, then watches it, and lists again after any break.

A watch stream can miss changes while it is down, and etcd may compact the revision it would
resume from, so after every break the watcher lists the prefix afresh and reports the full set.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from config.logs import RateLimitedLogger
from discovery.etcd import EtcdCluster, EtcdError, WatchCompacted, WatchIdle
from discovery.record import InvalidRecord, ServiceRecord

# Without progress notifications a quiet stream and a dead one look the same, so the watcher
# lists again after this many seconds of silence. A listing is one small range request.
DEFAULT_IDLE_TIMEOUT = 15.0

OnChange = Callable[[dict[str, ServiceRecord]], None]


class PrefixWatcher:
    """Calls ``on_change`` with every valid record under a prefix, each time that set changes."""

    prefix: str
    relists: int
    invalid_records: int
    _cluster: EtcdCluster
    _on_change: OnChange
    _idle_timeout: float
    _records: dict[str, ServiceRecord]
    _stop: threading.Event
    _thread: threading.Thread | None
    _log: logging.Logger
    _limited: RateLimitedLogger

    def __init__(
        self,
        cluster: EtcdCluster,
        prefix: str,
        on_change: OnChange,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        log: logging.Logger | None = None,
    ) -> None:
        self.prefix = prefix
        self.relists = 0
        self.invalid_records = 0
        self._cluster = cluster
        self._on_change = on_change
        self._idle_timeout = idle_timeout
        self._records = {}
        self._stop = threading.Event()
        self._thread = None
        self._log = log or logging.getLogger(__name__)
        self._limited = RateLimitedLogger(self._log, interval=30.0)

    def start(self) -> None:
        """Start the watch thread."""
        self._thread = threading.Thread(target=self._run, name=f"watch-{self.prefix}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 0.5) -> None:
        """Ask the thread to stop. A blocked stream read ends by its idle timeout; the thread is a daemon."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        delay = 0.5
        while not self._stop.is_set():
            try:
                revision = self._list()
                delay = 0.5
                self._follow(revision + 1)
            except WatchIdle as error:
                self._log.debug("%s; listing again", error)
            except WatchCompacted as error:
                self._log.warning("%s; listing %s again", error, self.prefix)
            except EtcdError as error:
                self._limited.warning("watch", "Watch on %s interrupted, listing again in %.1f s: %s",
                                      self.prefix, delay, error)
                self._stop.wait(delay)
                delay = min(delay * 2, 5.0)
            except Exception:  # a bug must not end discovery silently
                self._log.exception("Unexpected error while watching %s, retrying in %.1f s", self.prefix, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, 5.0)

    def _list(self) -> int:
        items, revision = self._cluster.get_prefix(self.prefix)
        self.relists += 1
        records = {}
        for item in items:
            record = self._parse(item.key, item.value)
            if record is not None:
                records[item.key] = record
        self._publish(records)
        return revision

    def _follow(self, start_revision: int) -> None:
        for event in self._cluster.watch_prefix(self.prefix, start_revision, self._idle_timeout):
            if self._stop.is_set():
                return
            records = dict(self._records)
            if event.kind == "DELETE":
                records.pop(event.key, None)
            else:
                record = self._parse(event.key, event.value)
                if record is None:
                    records.pop(event.key, None)
                else:
                    records[event.key] = record
            self._publish(records)

    def _parse(self, key: str, value: bytes) -> ServiceRecord | None:
        try:
            return ServiceRecord.from_json(value)
        except InvalidRecord as error:
            self.invalid_records += 1
            self._limited.warning(f"invalid:{key}", "Ignoring registration %s: %s", key, error)
            return None

    def _publish(self, records: dict[str, ServiceRecord]) -> None:
        if records == self._records:
            return
        self._records = records
        self._on_change(dict(records))

