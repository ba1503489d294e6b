"""Registration of one service instance in etcd: a key on a lease that a heartbeat thread renews.

The thread renews the lease every heartbeat interval and rewrites the value with a fresh
last_heartbeat. When etcd reports the lease gone (expired, revoked, or lost with etcd's data),
it grants a new lease and writes the key again. When etcd does not respond, it retries with
backoff. Nothing here runs on the data plane's thread, so etcd can never block sending or receiving.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import replace

from config.logs import RateLimitedLogger
from discovery.etcd import EtcdCluster, EtcdError, KeyValue, LeaseNotFound
from discovery.record import InvalidRecord, ServiceRecord, service_key, utc_now_iso

_FIRST_RETRY_DELAY = 0.5


class DuplicateInstance(EtcdError):
    """Another live instance has this key: two instances were given the same instance id."""


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Registration:
    """The registration of one instance under /services/{type}/{instance-id}."""

    key: str
    ttl: int
    heartbeat_interval: float
    registrations: int
    reregistrations: int
    failed_calls: int
    conflicts: int
    _cluster: EtcdCluster
    _record: ServiceRecord
    _lease_id: int | None
    _last_success: float | None
    _lock: threading.Lock
    _stop: threading.Event
    _thread: threading.Thread | None
    _log: logging.Logger
    _limited: RateLimitedLogger

    def __init__(
        self,
        cluster: EtcdCluster,
        record: ServiceRecord,
        ttl: int,
        heartbeat_interval: float,
        log: logging.Logger | None = None,
    ) -> None:
        if heartbeat_interval >= ttl:
            raise ValueError(f"heartbeat interval {heartbeat_interval:g} s must be shorter than the TTL {ttl} s")
        self.key = service_key(record.type, record.instance_id)
        self.ttl = ttl
        self.heartbeat_interval = heartbeat_interval
        self.registrations = 0
        self.reregistrations = 0
        self.failed_calls = 0
        self.conflicts = 0
        self._cluster = cluster
        self._record = record
        self._lease_id = None
        self._last_success = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None
        self._log = log or logging.getLogger(__name__)
        self._limited = RateLimitedLogger(self._log, interval=30.0)

    @property
    def lease_id(self) -> int | None:
        """Id of the lease the key is attached to, or None while unregistered."""
        with self._lock:
            return self._lease_id

    @property
    def registered(self) -> bool:
        """True while the key exists as far as this instance can tell: the last etcd call within a TTL succeeded."""
        with self._lock:
            if self._lease_id is None or self._last_success is None:
                return False
            return time.monotonic() - self._last_success < self.ttl

    def set_health(self, health: str) -> None:
        """Change the health field; the next heartbeat writes it."""
        with self._lock:
            self._record = replace(self._record, health=health)

    def start(self) -> None:
        """Start the heartbeat thread, which registers as soon as etcd responds."""
        if self._thread is not None:
            raise RuntimeError("registration already started")
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{self._record.instance_id}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop the heartbeat and revoke the lease, so the key disappears at once.

        Takes at most about ``timeout`` seconds in all, however many etcd endpoints are down or
        frozen. The heartbeat thread is a daemon, so one blocked in an etcd call is left behind.
        """
        started = time.monotonic()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(min(0.2, timeout / 4))
        with self._lock:
            lease_id, self._lease_id = self._lease_id, None
        if lease_id is None:
            return
        remaining = max(0.1, timeout - (time.monotonic() - started))
        revoker = EtcdCluster(self._cluster.endpoints, timeout=remaining / len(self._cluster.endpoints))
        try:
            revoker.revoke_lease(lease_id)
            self._log.info("Revoked lease %x; key %s removed", lease_id, self.key)
        except LeaseNotFound:
            self._log.info("Lease %x was already gone; key %s removed", lease_id, self.key)
        except EtcdError as error:
            self._log.warning("Could not revoke lease %x, so key %s stays until its TTL of %d s runs out: %s",
                              lease_id, self.key, self.ttl, error)

    def _run(self) -> None:
        delay = _FIRST_RETRY_DELAY
        while not self._stop.is_set():
            try:
                self._beat()
            except LeaseNotFound as error:
                with self._lock:
                    self._lease_id = None
                self.reregistrations += 1
                self._log.warning("Lease of %s is gone (%s); granting a new lease and registering again "
                                  "(re-registration %d)", self.key, error, self.reregistrations)
                self._stop.wait(0.1)
                continue
            except DuplicateInstance as error:
                self.conflicts += 1
                self._limited.error("duplicate", "Cannot register %s: %s", self.key, error)
                self._stop.wait(self.heartbeat_interval)
                continue
            except EtcdError as error:
                self.failed_calls += 1
                if self.registrations == 0:
                    self._limited.warning("etcd", "Not registered yet: %s. The sockets work meanwhile, and %s is "
                                          "registered as soon as etcd responds (retrying in %.1f s)",
                                          error, self.key, delay)
                else:
                    self._limited.warning("etcd", "Heartbeat of %s failed, retrying in %.1f s: %s",
                                          self.key, delay, error)
                self._stop.wait(delay)
                delay = min(delay * 2, self.heartbeat_interval)
                continue
            except Exception:  # a bug must not end the heartbeat silently
                self.failed_calls += 1
                self._log.exception("Unexpected error in the heartbeat of %s, retrying in %.1f s", self.key, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, self.heartbeat_interval)
                continue
            delay = _FIRST_RETRY_DELAY
            self._stop.wait(self.heartbeat_interval)
        self._log.debug("Heartbeat thread of %s stopped", self.key)

    def _beat(self) -> None:
        """Register when no lease is held, else renew the lease and rewrite the value."""
        lease_id = self.lease_id
        if lease_id is None:
            self._register()
            return
        remaining = self._cluster.refresh_lease(lease_id)
        holder = self._cluster.claim(self.key, self._current_value(), lease_id)
        if holder is not None:
            # Another instance wrote the key since the last heartbeat; it keeps it.
            with self._lock:
                self._lease_id = None
            self._revoke_quietly(lease_id)
            raise DuplicateInstance(self._describe_holder(holder))
        self._mark_success(lease_id)
        self._log.debug("Renewed lease %x of %s, TTL %d s", lease_id, self.key, remaining)

    def _register(self) -> None:
        lease_id = self._cluster.grant_lease(self.ttl)
        try:
            self._write_new_key(lease_id)
        except EtcdError:
            self._revoke_quietly(lease_id)
            raise
        if self._stop.is_set():
            # stop() ran while the lease was being granted; it cannot see this lease, so revoke it here.
            self._revoke_quietly(lease_id)
            return
        self._mark_success(lease_id)
        self.registrations += 1
        self._log.info("Registered %s in etcd with lease %x (TTL %d s, heartbeat every %g s)",
                       self.key, lease_id, self.ttl, self.heartbeat_interval)

    def _write_new_key(self, lease_id: int) -> None:
        """Write the key on a new lease, replacing only a leftover of an earlier run of this instance."""
        holder = self._cluster.claim(self.key, self._current_value(), lease_id)
        if holder is None:
            return
        if not self._is_leftover(holder):
            raise DuplicateInstance(self._describe_holder(holder))
        self._log.info("Replacing %s left by an earlier run of this instance (lease %x)", self.key, holder.lease)
        self._cluster.put(self.key, self._current_value(), lease_id)

    def _is_leftover(self, holder: KeyValue) -> bool:
        """True when the key was written by a process of this host that no longer runs, or by this one.

        A container that restarts keeps its hostname and often its pid, so the same pid on the
        same host is an earlier run too.
        """
        try:
            record = ServiceRecord.from_json(holder.value)
        except InvalidRecord:
            return False
        if record.hostname != socket.gethostname():
            return False
        return record.pid == os.getpid() or not _process_exists(record.pid)

    def _describe_holder(self, holder: KeyValue) -> str:
        try:
            record = ServiceRecord.from_json(holder.value)
            owner = f"pid {record.pid} on {record.hostname}, endpoint {record.endpoint}"
        except InvalidRecord:
            owner = "a value this project did not write"
        return (f"the key is held by another instance ({owner}, lease {holder.lease:x}). Give each instance "
                f"its own INSTANCE_ID; retrying every {self.heartbeat_interval:g} s in case the other one stops")

    def _current_value(self) -> str:
        with self._lock:
            self._record = replace(self._record, last_heartbeat=utc_now_iso())
            return self._record.to_json()

    def _mark_success(self, lease_id: int) -> None:
        with self._lock:
            self._lease_id = lease_id
            self._last_success = time.monotonic()

    def _revoke_quietly(self, lease_id: int) -> None:
        try:
            self._cluster.revoke_lease(lease_id)
        except EtcdError as error:
            self._log.debug("Could not revoke unused lease %x: %s", lease_id, error)
