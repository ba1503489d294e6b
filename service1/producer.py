"""The producer's data plane: one PUSH socket, paced sends, the drop policy and periodic summaries.

Only this thread touches the socket. etcd work happens in the registration's own thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import zmq

from config.logs import RateLimitedLogger
from config.signals import StopRequest
from discovery.health import HealthFile
from discovery.registration import Registration
from service1.events import EventFactory

log = logging.getLogger(__name__)

# On SIGTERM, queued events get at most this long to leave, so the process exits within 2 s.
STOP_LINGER_MS = 500
# A rate schedule that falls this far behind restarts from now instead of bursting to catch up.
MAX_SCHEDULE_LAG = 1.0


class BindError(RuntimeError):
    """The PUSH socket could not bind its endpoint."""


@dataclass
class ProducerTotals:
    """Outcome counts of every event the producer built."""

    built: int = 0
    sent: int = 0
    dropped: int = 0
    bytes_sent: int = 0
    started: float = field(default_factory=time.monotonic)

    def rate(self) -> float:
        """Return sent events per second since the start."""
        elapsed = time.monotonic() - self.started
        return self.sent / elapsed if elapsed > 0 else 0.0


class Producer:
    """Sends events from an EventFactory until the count is reached, the source ends, or stop is set."""

    totals: ProducerTotals
    endpoint: str | None
    _factory: EventFactory
    _settings: object
    _registration: Registration | None
    _health: HealthFile
    _stop: StopRequest
    _limited: RateLimitedLogger
    _socket: zmq.Socket | None
    _progress: object

    def __init__(self, settings, factory: EventFactory, stop: StopRequest,
                 registration: Registration | None = None, health: HealthFile | None = None,
                 progress=None) -> None:
        self.totals = ProducerTotals()
        self.endpoint = None
        self._settings = settings
        self._factory = factory
        self._stop = stop
        self._registration = registration
        self._health = health or HealthFile("")
        self._limited = RateLimitedLogger(log, interval=5.0)
        self._socket = None
        self._progress = progress

    def attach_registration(self, registration: Registration) -> None:
        """Report ``registration``'s state in the health file."""
        self._registration = registration

    def bind(self, context: zmq.Context) -> str:
        """Create and bind the PUSH socket; return the bound endpoint with its real port."""
        sock = context.socket(zmq.PUSH)
        try:
            sock.setsockopt(zmq.SNDHWM, self._settings.send_hwm)
            sock.setsockopt(zmq.LINGER, self._settings.linger_ms)
            sock.bind(self._settings.bind)
        except (zmq.ZMQError, OverflowError, ValueError) as error:
            sock.close(linger=0)
            raise BindError(f"cannot bind PUSH socket to {self._settings.bind}: {error}. "
                            "Stop whatever uses that port or set BIND_ENDPOINT (--bind) to a free one") from None
        self._socket = sock
        self.endpoint = sock.getsockopt_string(zmq.LAST_ENDPOINT)
        log.info("PUSH socket bound to %s (send high-water mark %d, send timeout %d ms)",
                 self.endpoint, self._settings.send_hwm, self._settings.send_timeout_ms)
        return self.endpoint

    def run(self) -> ProducerTotals:
        """Build and send events until done; always close the socket with a finite linger."""
        if self._socket is None:
            raise RuntimeError("bind() must succeed before run()")
        try:
            self._loop()
        finally:
            self._close()
        return self.totals

    def _loop(self) -> None:
        rate = self._settings.rate
        count = self._settings.count
        interval = 1.0 / rate if rate > 0 else 0.0
        next_send = time.monotonic()
        next_summary = time.monotonic() + self._settings.summary_interval
        next_health = 0.0
        last_summary = (time.monotonic(), 0)

        while not self._stop.is_set():
            if count and self.totals.built >= count:
                log.info("Reached --count %d", count)
                break
            now = time.monotonic()
            if now >= next_health:
                self._write_health()
                next_health = now + 1.0
            if now >= next_summary:
                last_summary = self._log_summary(last_summary)
                next_summary = now + self._settings.summary_interval
            if interval:
                if next_send > now:
                    # Sleep in short slices so health and summaries stay current at low rates.
                    self._stop.wait(min(next_send - now, 0.25))
                    continue
                next_send = max(next_send + interval, now - MAX_SCHEDULE_LAG)

            event = self._factory.next_event()
            if event is None:
                if self._factory.source_exhausted:
                    log.info("The traffic source has no more flows")
                    break
                continue
            self._send(event.SerializeToString())

        if self._stop.is_set():
            log.info("Received %s, stopping", self._stop.reason or "a stop request")
        self._log_summary(last_summary)

    def _send(self, frame: bytes) -> None:
        self.totals.built += 1
        if self.totals.built == 1:
            log.info("First event serialized to %d bytes", len(frame))
        if self._try_send(frame):
            self.totals.sent += 1
            self.totals.bytes_sent += len(frame)
            return
        self.totals.dropped += 1
        peers = "no consumer is connected or every consumer is at its high-water mark"
        self._limited.warning("drop", "Dropped event %d after waiting %d ms: %s (dropped %d so far)",
                              self._factory.sequence_number, self._settings.send_timeout_ms, peers,
                              self.totals.dropped)

    def _try_send(self, frame: bytes) -> bool:
        """Send ``frame`` if a consumer can take it within the send timeout; False means drop it."""
        sock = self._socket
        try:
            sock.send(frame, zmq.NOBLOCK)
            return True
        except zmq.Again:
            pass
        deadline = time.monotonic() + self._settings.send_timeout_ms / 1000.0
        while not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if sock.poll(max(1, int(min(remaining, 0.1) * 1000)), zmq.POLLOUT):
                try:
                    sock.send(frame, zmq.NOBLOCK)
                    return True
                except zmq.Again:
                    continue
        return False

    def _write_health(self) -> None:
        registered = self._registration.registered if self._registration else False
        self._health.write(
            healthy=self._socket is not None and registered,
            service="producer",
            instance_id=self._factory.instance_id,
            bound=self._socket is not None,
            endpoint=self.endpoint,
            registered=registered,
            sent=self.totals.sent,
            dropped=self.totals.dropped,
        )

    def _log_summary(self, last: tuple[float, int]) -> tuple[float, int]:
        now = time.monotonic()
        last_time, last_sent = last
        window = now - last_time
        recent_rate = (self.totals.sent - last_sent) / window if window > 0 else 0.0
        progress = self._progress() if self._progress else None
        log.info("Summary: sent=%d dropped=%d rate=%.1f/s (average %.1f/s) bytes=%d%s",
                 self.totals.sent, self.totals.dropped, recent_rate, self.totals.rate(), self.totals.bytes_sent,
                 f" source: {progress}" if progress else "")
        return now, self.totals.sent

    def _close(self) -> None:
        if self._socket is None:
            return
        linger = self._settings.linger_ms
        if self._stop.is_set():
            linger = min(linger, STOP_LINGER_MS)
        self._socket.close(linger=linger)
        self._socket = None
