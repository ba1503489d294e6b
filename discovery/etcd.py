"""A small etcd v3 client over the HTTP/JSON gateway, built on etcd3gw, with failover between endpoints.

Every call has a timeout, and every failure surfaces as EtcdError or its subclass LeaseNotFound,
so callers never parse error text themselves.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from etcd3gw import exceptions as etcd3gw_exceptions
from etcd3gw.client import Etcd3Client

log = logging.getLogger(__name__)


class EtcdError(Exception):
    """An etcd call failed: no endpoint responded in time, or the server rejected the request."""


class LeaseNotFound(EtcdError):
    """etcd has no such lease: it expired, was revoked, or the data directory was lost."""


@dataclass(frozen=True)
class KeyValue:
    """One key of a range response."""

    key: str
    value: bytes
    lease: int
    mod_revision: int


@dataclass(frozen=True)
class WatchEvent:
    """One change in a watch stream: a PUT with the new value or a DELETE."""

    kind: str
    key: str
    value: bytes
    revision: int


class WatchIdle(EtcdError):
    """The watch stream was silent for its idle timeout; routine when nothing changes."""


class WatchCompacted(EtcdError):
    """The watch start revision was compacted away, so changes were missed; list again."""


def _b64(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return base64.b64encode(data).decode()


def _unb64(text: str | None) -> bytes:
    return base64.b64decode(text) if text else b""


def _prefix_end(prefix: str) -> bytes:
    """Return the range end that covers every key starting with ``prefix``."""
    data = bytearray(prefix.encode())
    for index in range(len(data) - 1, -1, -1):
        if data[index] < 0xFF:
            data[index] += 1
            return bytes(data[: index + 1])
    return b"\0"


def _short_detail(error: etcd3gw_exceptions.Etcd3Exception) -> str:
    """Return ': <first line of the server's or library's reason>', or '' when there is none."""
    detail = (getattr(error, "detail_text", None) or str(error) or "").strip()
    if not detail:
        return ""
    first_line = detail.splitlines()[0]
    return f": {first_line[:200]}"


def _is_lease_not_found(error: etcd3gw_exceptions.Etcd3Exception) -> bool:
    detail = f"{getattr(error, 'detail_text', '')} {error}".lower()
    return "lease not found" in detail


class EtcdCluster:
    """Client for one etcd cluster reachable at one or more endpoints, with a timeout on every call."""

    endpoints: tuple[str, ...]
    timeout: float
    _clients: list[Etcd3Client]
    _current: int
    _lock: threading.Lock

    def __init__(self, endpoints: Sequence[str], timeout: float = 5.0) -> None:
        if not endpoints:
            raise ValueError("at least one etcd endpoint is needed")
        self.endpoints = tuple(endpoints)
        self.timeout = timeout
        self._clients = [self._make_client(url, timeout) for url in self.endpoints]
        self._current = 0
        self._lock = threading.Lock()

    @staticmethod
    def _make_client(url: str, timeout: float) -> Etcd3Client:
        parts = urlsplit(url)
        # The v3 gateway path is fixed since etcd 3.4, so no /version round trip is needed.
        # requests applies its timeout to connecting and to each read separately, so each gets
        # half, and a call to an endpoint that does not respond gives up within ``timeout``.
        return Etcd3Client(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 2379,
            protocol=parts.scheme or "http",
            timeout=(timeout / 2, timeout / 2),
            api_path="/v3/",
        )

    def _call(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        """POST ``payload`` to ``path``, trying each endpoint once, starting with the last one that worked."""
        with self._lock:
            start = self._current
        failures = []
        for offset in range(len(self._clients)):
            index = (start + offset) % len(self._clients)
            client = self._clients[index]
            try:
                result = client.post(client.get_url(path), json=payload)
            except etcd3gw_exceptions.ConnectionTimeoutError:
                failures.append(f"{self.endpoints[index]} timed out after {self.timeout:g} s")
                continue
            except etcd3gw_exceptions.ConnectionFailedError:
                failures.append(f"{self.endpoints[index]} refused or dropped the connection")
                continue
            except etcd3gw_exceptions.Etcd3Exception as error:
                if _is_lease_not_found(error):
                    raise LeaseNotFound(f"lease not found ({self.endpoints[index]})") from None
                raise EtcdError(f"etcd at {self.endpoints[index]} rejected {path}{_short_detail(error)}") from None
            except (requests.RequestException, ValueError) as error:
                failures.append(f"{self.endpoints[index]} failed: {error}")
                continue
            with self._lock:
                self._current = index
            return result
        raise EtcdError(f"etcd request {path} failed on every endpoint: {'; '.join(failures)}")

    def grant_lease(self, ttl: int) -> int:
        """Grant a lease of ``ttl`` seconds and return its id."""
        result = self._call("/lease/grant", {"TTL": ttl, "ID": 0})
        return int(result["ID"])

    def refresh_lease(self, lease_id: int) -> int:
        """Send one keepalive and return the remaining TTL in seconds.

        Raises LeaseNotFound when etcd has no such lease. The HTTP gateway reports that with status
        200 and no TTL field, which is easy to miss.
        """
        result = self._call("/lease/keepalive", {"ID": lease_id})
        ttl = int(result.get("result", {}).get("TTL", -1))
        if ttl <= 0:
            raise LeaseNotFound(f"lease {lease_id:x} not found (keepalive returned TTL {ttl})")
        return ttl

    def lease_ttl(self, lease_id: int) -> int:
        """Return the remaining TTL of a lease in seconds, or -1 when etcd does not know it."""
        result = self._call("/kv/lease/timetolive", {"ID": lease_id})
        return int(result.get("TTL", -1))

    def revoke_lease(self, lease_id: int) -> None:
        """Revoke a lease, which deletes every key attached to it at once."""
        self._call("/kv/lease/revoke", {"ID": lease_id})

    def put(self, key: str, value: str | bytes, lease_id: int = 0) -> int:
        """Write ``key`` attached to ``lease_id`` (0 for none) and return the new revision."""
        payload: dict[str, Any] = {"key": _b64(key), "value": _b64(value)}
        if lease_id:
            payload["lease"] = lease_id
        result = self._call("/kv/put", payload)
        return int(result.get("header", {}).get("revision", 0))

    def claim(self, key: str, value: str | bytes, lease_id: int) -> KeyValue | None:
        """Write ``key`` on ``lease_id`` unless another lease holds it; return that holder, or None.

        The write succeeds when the key is missing or already attached to ``lease_id``. Each
        check and write is one etcd transaction, so two instances cannot both win.
        """
        holder = self._put_if(key, value, lease_id, {"target": "LEASE", "lease": lease_id})
        if holder is False:
            return None
        if holder is not None:
            return holder
        holder = self._put_if(key, value, lease_id, {"target": "CREATE", "create_revision": 0})
        return None if holder is False else holder

    def _put_if(self, key: str, value: str | bytes, lease_id: int, compare: dict[str, Any]) -> KeyValue | None | bool:
        """Put when ``compare`` holds; return False on success, else the current key or None when missing."""
        encoded_key = _b64(key)
        result = self._call("/kv/txn", {
            "compare": [{"key": encoded_key, "result": "EQUAL", **compare}],
            "success": [{"request_put": {"key": encoded_key, "value": _b64(value), "lease": lease_id}}],
            "failure": [{"request_range": {"key": encoded_key}}],
        })
        if result.get("succeeded"):
            return False
        for response in result.get("responses", []):
            for kv in response.get("response_range", {}).get("kvs", []):
                return KeyValue(key=key, value=_unb64(kv.get("value")), lease=int(kv.get("lease", 0)),
                                mod_revision=int(kv.get("mod_revision", 0)))
        return None

    def delete(self, key: str) -> None:
        """Delete one key."""
        self._call("/kv/deleterange", {"key": _b64(key)})

    def get_prefix(self, prefix: str) -> tuple[list[KeyValue], int]:
        """Return every key under ``prefix`` and the store revision the listing reflects."""
        result = self._call("/kv/range", {"key": _b64(prefix), "range_end": _b64(_prefix_end(prefix))})
        items = [
            KeyValue(
                key=_unb64(kv.get("key")).decode(errors="replace"),
                value=_unb64(kv.get("value")),
                lease=int(kv.get("lease", 0)),
                mod_revision=int(kv.get("mod_revision", 0)),
            )
            for kv in result.get("kvs", [])
        ]
        return items, int(result.get("header", {}).get("revision", 0))

    def status(self) -> dict[str, Any]:
        """Return the maintenance status of the endpoint in use (version, leader, database size)."""
        return self._call("/maintenance/status", {})

    def watch_prefix(self, prefix: str, start_revision: int, idle_timeout: float) -> Iterator[WatchEvent]:
        """Yield changes under ``prefix`` from ``start_revision`` on.

        The stream ends with EtcdError when it breaks or stays silent for ``idle_timeout`` seconds,
        and with WatchCompacted when etcd has already compacted ``start_revision``.
        """
        with self._lock:
            client = self._clients[self._current]
        request = {"create_request": {
            "key": _b64(prefix),
            "range_end": _b64(_prefix_end(prefix)),
            "start_revision": start_revision,
            "progress_notify": True,
        }}
        try:
            response = client.session.post(client.get_url("/watch"), json=request, stream=True,
                                           timeout=(self.timeout, idle_timeout))
        except requests.RequestException as error:
            raise EtcdError(f"watch on {prefix} could not start: {error}") from None
        try:
            yield from self._read_watch_stream(response, prefix, start_revision)
        finally:
            response.close()

    @staticmethod
    def _read_watch_stream(response: requests.Response, prefix: str, start_revision: int) -> Iterator[WatchEvent]:
        if response.status_code != 200:
            raise EtcdError(f"watch on {prefix} failed with HTTP {response.status_code}")
        try:
            for line in response.iter_lines(chunk_size=None):
                if not line.strip():
                    continue
                message = json.loads(line)
                if "error" in message:
                    raise EtcdError(f"watch on {prefix} failed: {message['error']}")
                result = message.get("result", {})
                current = int(result.get("header", {}).get("revision", 0))
                if result.get("created") and 0 < current < start_revision - 1:
                    raise EtcdError(f"etcd's revision went back from {start_revision - 1} to {current} "
                                    "(its data was lost or it is a new cluster)")
                if int(result.get("compact_revision", 0)) > 0:
                    raise WatchCompacted(f"watch on {prefix} missed changes: etcd compacted up to "
                                         f"revision {result['compact_revision']}")
                if result.get("canceled"):
                    raise EtcdError(f"etcd canceled the watch on {prefix}: {result.get('cancel_reason', '')}")
                for event in result.get("events", []):
                    kv = event.get("kv", {})
                    yield WatchEvent(
                        kind=event.get("type", "PUT"),
                        key=_unb64(kv.get("key")).decode(errors="replace"),
                        value=_unb64(kv.get("value")),
                        revision=int(kv.get("mod_revision", 0)),
                    )
        except (requests.RequestException, ValueError) as error:
            if isinstance(error, requests.Timeout) or "timed out" in str(error).lower():
                raise WatchIdle(f"no change under {prefix} within the idle timeout") from None
            raise EtcdError(f"watch stream on {prefix} broke: {error}") from None
        raise EtcdError(f"etcd closed the watch stream on {prefix}")
