"""The consumer's data plane: one PULL socket that follows the producers registered in etcd.

Only this thread touches the sockets. The etcd watcher runs in its own thread and hands over
endpoint sets through a queue, which this loop drains between polls.
"""

from __future__ import annotations

import logging
import queue
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

from config.logs import RateLimitedLogger
from config.parsers import parse_zmq_endpoint
from config.signals import StopRequest
from discovery.health import HealthFile
from discovery.record import ServiceRecord
from discovery.registration import Registration
from service2.display import format_event_line, format_full_event, printable
from service2.scoring import assess
from service2.sequence import MAX_TRACKED_PRODUCERS
from service2.stats import ConsumerTotals
from service2.validation import FrameKind, classify_frame

log = logging.getLogger(__name__)

# ZeroMQ drops the connection of a peer that sends a frame above its own limit, which loses the
# frames behind it too. Its limit is set well above --max-message-size, so ordinary oversized
# frames arrive, count as malformed, and the connection stays up.
ZMQ_SIZE_LIMIT_FACTOR = 4
MIN_ZMQ_SIZE_LIMIT = 16 * 1024 * 1024
_POLL_MS = 100
_BATCH = 1000
# On stop, frames already queued are still read for up to this long, because closing the socket
# discards them. The drain ends early after a quiet spell of _DRAIN_QUIET_MS.
# Distinct labels and score classes counted; further ones are summed under "other".
MAX_DISTINCT_LABELS = 256
_DRAIN_SECONDS = 0.3
_DRAIN_QUIET_MS = 20
# Discovered producers are connected only once this consumer's own key is in etcd (plus a moment
# for other consumers' watches to see it), so they know to count round-robin gaps as shared.
# Without etcd, connecting waits at most _REGISTRATION_WAIT seconds.
_REGISTRATION_GRACE = 0.3
_REGISTRATION_WAIT = 5.0


class BindError(RuntimeError):
    """The PULL socket could not bind its endpoint."""


def _producer_record_problem(key: str, record: ServiceRecord) -> str | None:
    """Return why a registration under /services/producer/ cannot be used, or None when it can."""
    if record.type != "producer":
        return f"its type is {printable(record.type)!r}, not 'producer'"
    if key.rsplit("/", 1)[-1] != record.instance_id:
        return f"its instance_id {printable(record.instance_id)!r} does not match the key"
    try:
        parse_zmq_endpoint(record.endpoint, allow_wildcard=False)
    except ValueError as error:
        return f"endpoint {printable(record.endpoint)!r} is invalid: {error}"
    return None


class Consumer:
    """Receives, validates, scores and displays events until stop is set."""

    totals: ConsumerTotals
    endpoint: str | None
    connections: int

    def __init__(self, settings, stop: StopRequest, instance_id: str,
                 health: HealthFile | None = None, out=None) -> None:
        self.totals = ConsumerTotals()
        self.endpoint = None
        self.connections = 0
        self._settings = settings
        self._stop = stop
        self._instance_id = instance_id
        self._health = health or HealthFile("")
        self._out = out or sys.stdout
        self._registration: Registration | None = None
        self._pending: queue.Queue[set[str]] = queue.Queue()
        self._fixed = set(settings.connect)
        self._connected: set[str] = set()
        self._socket: zmq.Socket | None = None
        self._monitor: zmq.Socket | None = None
        self._limited = RateLimitedLogger(log, interval=5.0)
        self._printed_first_event = False
        self._other_consumers = 0
        self._held_endpoints: set[str] | None = None
        self._opened_at = time.monotonic()
        self._registered_at: float | None = None

    def attach_registration(self, registration: Registration) -> None:
        """Use ``registration``'s state for the health file and to decide when to connect to producers."""
        self._registration = registration

    def set_producers(self, records: dict[str, ServiceRecord]) -> None:
        """Take the current producer registrations; called from the watcher thread.

        Only records of type producer, stored under their own instance id, with a tcp:// endpoint
        are used, so a stray or forged value cannot point the socket at ipc:// or inproc:// paths.
        """
        endpoints = set()
        for key, record in records.items():
            problem = _producer_record_problem(key, record)
            if problem:
                self._limited.warning(f"record:{key}", "Ignoring registration %s: %s", printable(key), problem)
            else:
                endpoints.add(record.endpoint)
        self._pending.put(endpoints)

    def set_consumers(self, records: dict[str, ServiceRecord]) -> None:
        """Take the current consumer registrations; called from the watcher thread.

        Only their number matters: with other consumers present, PUSH round-robin explains gaps.
        """
        self._other_consumers = sum(1 for record in records.values()
                                    if record.type == "consumer" and record.instance_id != self._instance_id)

    def open(self, context: zmq.Context) -> str:
        """Create the PULL socket, bind it, connect the fixed endpoints; return the bound endpoint."""
        sock = context.socket(zmq.PULL)
        sock.setsockopt(zmq.LINGER, 0)
        self._monitor = sock.get_monitor_socket(zmq.EVENT_CONNECTED | zmq.EVENT_ACCEPTED | zmq.EVENT_DISCONNECTED)
        try:
            sock.setsockopt(zmq.RCVHWM, self._settings.receive_hwm)
            sock.setsockopt(zmq.MAXMSGSIZE,
                            max(MIN_ZMQ_SIZE_LIMIT, ZMQ_SIZE_LIMIT_FACTOR * self._settings.max_message_size))
            sock.bind(self._settings.bind)
        except (zmq.ZMQError, OverflowError, ValueError) as error:
            sock.disable_monitor()
            self._monitor.close(linger=0)
            sock.close(linger=0)
            raise BindError(f"cannot bind PULL socket to {self._settings.bind}: {error}. "
                            "Stop whatever uses that port or set BIND_ENDPOINT (--bind) to a free one") from None
        self._socket = sock
        self.endpoint = sock.getsockopt_string(zmq.LAST_ENDPOINT)
        log.info("PULL socket bound to %s (maximum frame %d bytes, receive high-water mark %d)",
                 self.endpoint, self._settings.max_message_size, self._settings.receive_hwm)
        self._apply_endpoints(set())
        return self.endpoint

    def run(self) -> ConsumerTotals:
        """Receive until stop is set; always close the sockets."""
        if self._socket is None:
            raise RuntimeError("open() must succeed before run()")
        try:
            self._loop()
        finally:
            self._close()
        return self.totals

    def _loop(self) -> None:
        poller = zmq.Poller()
        poller.register(self._socket, zmq.POLLIN)
        poller.register(self._monitor, zmq.POLLIN)
        next_health = 0.0
        next_summary = time.monotonic() + self._settings.summary_interval
        last = (time.monotonic(), 0)
        while not self._stop.is_set():
            self._drain_endpoint_updates()
            ready = dict(poller.poll(_POLL_MS))
            if self._monitor in ready:
                self._read_monitor()
            if self._socket in ready:
                self._receive_batch()
            now = time.monotonic()
            if now >= next_health:
                self._write_health()
                next_health = now + 1.0
            if now >= next_summary:
                last = self._log_summary(last)
                next_summary = now + self._settings.summary_interval
        log.info("Received %s, stopping", self._stop.reason or "a stop request")
        self._drain()
        self._log_summary(last)

    def _drain(self) -> None:
        """Read frames that are already queued, so stopping loses as few as possible."""
        deadline = time.monotonic() + _DRAIN_SECONDS
        drained = 0
        while time.monotonic() < deadline and self._socket.poll(_DRAIN_QUIET_MS, zmq.POLLIN):
            before = self.totals.frames
            self._receive_batch()
            drained += self.totals.frames - before
        if drained:
            log.info("Read %d queued frame(s) while stopping", drained)

    def _receive_batch(self) -> None:
        for _ in range(_BATCH):
            try:
                parts = self._socket.recv_multipart(zmq.NOBLOCK, copy=True)
            except zmq.Again:
                return
            if len(parts) == 1:
                self.handle_frame(parts[0])
            else:
                self._reject_multipart(parts)

    def _reject_multipart(self, parts: list[bytes]) -> None:
        """Count a multipart message as one malformed frame: every event travels as a single frame."""
        self.totals.frames += 1
        self.totals.malformed += 1
        self._limited.warning("malformed", "Malformed message of %d parts (%d bytes): events are sent as one "
                              "frame each (malformed so far: %d)", len(parts), sum(map(len, parts)),
                              self.totals.malformed)

    def handle_frame(self, frame: bytes) -> None:
        """Validate, count, score and display one frame."""
        totals = self.totals
        totals.frames += 1
        result = classify_frame(frame, self._settings.max_message_size)
        if result.kind is FrameKind.MALFORMED:
            totals.malformed += 1
            self._limited.warning("malformed", "Malformed frame of %d bytes: %s (malformed so far: %d)",
                                  len(frame), result.reason, totals.malformed)
            return
        if result.kind is FrameKind.INVALID:
            totals.invalid += 1
            self._limited.warning("invalid", "Invalid event: %s (invalid so far: %d)", result.reason, totals.invalid)
            return

        event = result.event
        outcome = totals.sequences.observe(event.producer_instance_id, event.sequence_number,
                                           shared=self._other_consumers > 0, run_id=event.producer_run_id)
        if outcome == "duplicate":
            # A repeat is counted once, as a duplicate, so received stays comparable with sent.
            self._limited.warning("duplicate", "Duplicate event %d from %s (duplicates so far: %d)",
                                  event.sequence_number, event.producer_instance_id, totals.sequences.duplicates)
            return
        totals.received += 1
        if outcome == "gap":
            self._limited.warning("gap", "Gap in the sequence of %s before number %d (lost so far: %d)",
                                  event.producer_instance_id, event.sequence_number, totals.sequences.lost)
        elif outcome == "untracked":
            self._limited.warning("untracked", "Event from %s counted as unsequenced: %d producers are tracked "
                                  "already, the maximum", printable(event.producer_instance_id),
                                  MAX_TRACKED_PRODUCERS)
        elif outcome == "first" and event.sequence_number > 1:
            log.info("Joined producer %s at sequence number %d", event.producer_instance_id, event.sequence_number)
        elif outcome == "restart":
            log.info("Producer %s started a new run at sequence number %d", event.producer_instance_id,
                     event.sequence_number)
        totals.labels[self._label_key(totals.labels, event.final_classification or "unlabelled")] += 1
        try:
            assessment = assess(event)
            totals.classifications[self._label_key(totals.classifications, assessment.classification)] += 1
            self._display(event, assessment)
        except Exception:  # a scoring or display bug must not stop the stream
            totals.display_errors += 1
            log.exception("Could not score or display event %s (display errors so far: %d)",
                          event.event_id, totals.display_errors)

    @staticmethod
    def _label_key(counts, label: str) -> str:
        return label if label in counts or len(counts) < MAX_DISTINCT_LABELS else "other"

    def _display(self, event, assessment) -> None:
        if not self._printed_first_event:
            self._printed_first_event = True
            print(format_full_event(event, assessment), file=self._out)
        elif self._settings.display == "events":
            print(format_event_line(event, assessment), file=self._out)

    def _drain_endpoint_updates(self) -> None:
        while True:
            try:
                self._held_endpoints = self._pending.get_nowait()
            except queue.Empty:
                break
        if self._held_endpoints is not None and self._may_connect():
            self._apply_endpoints(self._held_endpoints)
            self._held_endpoints = None

    def _may_connect(self) -> bool:
        """True once this consumer is registered and other consumers had a moment to notice."""
        now = time.monotonic()
        if self._registered_at is None and self._registration is not None and self._registration.registered:
            self._registered_at = now
        if self._registered_at is not None:
            return now - self._registered_at >= _REGISTRATION_GRACE
        return now - self._opened_at >= _REGISTRATION_WAIT

    def _apply_endpoints(self, discovered: set[str]) -> None:
        expected = discovered | self._fixed
        own = {self.endpoint} if self.endpoint else set()
        for endpoint in sorted(expected - self._connected - own):
            try:
                self._socket.connect(endpoint)
            except zmq.ZMQError as error:
                self._limited.warning(f"connect:{endpoint}", "Cannot connect to producer %s: %s", endpoint, error)
                continue
            self._connected.add(endpoint)
            log.info("Connected to producer %s", endpoint)
        for endpoint in sorted(self._connected - expected):
            try:
                self._socket.disconnect(endpoint)
            except zmq.ZMQError as error:
                log.debug("Disconnect from %s failed: %s", endpoint, error)
            self._connected.discard(endpoint)
            log.info("Disconnected from producer %s: its registration is gone", endpoint)

    def _read_monitor(self) -> None:
        while True:
            try:
                message = recv_monitor_message(self._monitor, zmq.NOBLOCK)
            except zmq.Again:
                return
            event = message["event"]
            if event in (zmq.EVENT_CONNECTED, zmq.EVENT_ACCEPTED):
                self.connections += 1
            elif event == zmq.EVENT_DISCONNECTED:
                self.connections = max(0, self.connections - 1)
                self.totals.disconnects += 1
                self._log_disconnect(message["endpoint"].decode(errors="replace"))

    def _log_disconnect(self, endpoint: str) -> None:
        limit = self._socket.getsockopt(zmq.MAXMSGSIZE)
        if endpoint == self.endpoint:
            log.info("A peer connected to this consumer's endpoint %s disconnected (ZeroMQ also drops a "
                     "peer that sends a frame above %d bytes, and the frames behind it)", endpoint, limit)
        else:
            log.info("Connection to producer %s closed; ZeroMQ keeps reconnecting until the endpoint is "
                     "removed (it also drops a connection that carries a frame above %d bytes)", endpoint, limit)

    def _write_health(self) -> None:
        registered = self._registration.registered if self._registration else False
        healthy = registered and self.connections > 0
        if not self._settings.discover:
            healthy = self.connections > 0
        self._health.write(
            healthy=healthy,
            service="consumer",
            instance_id=self._instance_id,
            bound=self._socket is not None,
            registered=registered,
            connected_producers=self.connections,
            endpoints=sorted(self._connected),
            received=self.totals.received,
        )

    def _log_summary(self, last: tuple[float, int]) -> tuple[float, int]:
        now = time.monotonic()
        last_time, last_received = last
        window = now - last_time
        rate = (self.totals.received - last_received) / window if window > 0 else 0.0
        log.info("%s", self.totals.summary(rate, self.connections))
        return now, self.totals.received

    def _close(self) -> None:
        if self._monitor is not None and self._socket is not None:
            self._socket.disable_monitor()
            self._monitor.close(linger=0)
        if self._socket is not None:
            self._socket.close(linger=0)
        self._socket = None
        self._monitor = None
