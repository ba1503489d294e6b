"""Parsers that turn one setting's text into a typed value or raise ValueError saying what is expected."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# etcd rejects a lease TTL under 2 s (its minimum TTL), so no setting may ask for less.
ETCD_MIN_TTL_SECONDS = 2
# etcd 3.5 rejects a longer lease TTL ("etcdserver: too large lease TTL"): its MaxLeaseTTL.
ETCD_MAX_TTL_SECONDS = 9_000_000_000
# ZeroMQ takes socket options such as high-water marks and linger as a C int.
C_INT_MAX = 2**31 - 1

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_HOSTNAME = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")


def parse_int(text: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """Parse a whole number, optionally within bounds."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError("expected a whole number") from None
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        if maximum is None:
            raise ValueError(f"expected a whole number >= {minimum}")
        if minimum is None:
            raise ValueError(f"expected a whole number <= {maximum}")
        raise ValueError(f"expected a whole number from {minimum} to {maximum}")
    return value


def parse_float(text: str, minimum: float | None = None, exclusive: bool = False) -> float:
    """Parse a finite decimal number, optionally with a lower bound."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError("expected a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("expected a finite number")
    if minimum is not None:
        if exclusive and value <= minimum:
            raise ValueError(f"expected a number > {minimum:g}")
        if not exclusive and value < minimum:
            raise ValueError(f"expected a number >= {minimum:g}")
    return value


def parse_lease_ttl(text: str) -> int:
    """Parse a lease TTL in whole seconds, at least etcd's minimum."""
    try:
        return parse_int(text, minimum=ETCD_MIN_TTL_SECONDS, maximum=ETCD_MAX_TTL_SECONDS)
    except ValueError:
        raise ValueError(
            f"expected whole seconds from {ETCD_MIN_TTL_SECONDS} (etcd's minimum lease TTL) "
            f"to {ETCD_MAX_TTL_SECONDS} (its maximum)"
        ) from None


def parse_log_level(text: str) -> str:
    """Parse a logging level name, case-insensitive."""
    level = text.strip().upper()
    if level not in _LOG_LEVELS:
        raise ValueError("expected one of " + ", ".join(_LOG_LEVELS))
    return level


def parse_port(text: str) -> int:
    """Parse a TCP port number."""
    try:
        port = int(text)
    except ValueError:
        raise ValueError("expected a TCP port number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise ValueError("expected a TCP port number from 1 to 65535")
    return port


def parse_host(text: str) -> str:
    """Parse a host name, an IPv4 address or a bracketed IPv6 address."""
    host = text.strip()
    if host.startswith("[") and host.endswith("]") and ":" in host:
        return host
    if not host or not _HOSTNAME.match(host):
        raise ValueError("expected a host name or IP address such as 127.0.0.1 or etcd")
    return host


def parse_etcd_endpoints(text: str) -> tuple[str, ...]:
    """Parse comma-separated etcd client URLs such as http://127.0.0.1:2379,http://etcd:2379."""
    endpoints = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        parts = urlsplit(item)
        expected = "expected comma-separated URLs such as http://127.0.0.1:2379"
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(expected)
        try:
            port = parts.port
        except ValueError:
            raise ValueError(expected + " (the port must be a number from 1 to 65535)") from None
        if port is None:
            raise ValueError(expected + " (the port is missing)")
        if parts.path not in ("", "/"):
            raise ValueError(expected + " (no path after the port)")
        endpoints.append(f"{parts.scheme}://{parts.netloc}")
    if not endpoints:
        raise ValueError("expected at least one URL such as http://127.0.0.1:2379")
    return tuple(endpoints)


def parse_zmq_endpoint(text: str, allow_wildcard: bool) -> str:
    """Parse one ZeroMQ TCP endpoint such as tcp://127.0.0.1:5555 (tcp://*:5555 only for a bind)."""
    endpoint = text.strip()
    example = "tcp://*:5555" if allow_wildcard else "tcp://127.0.0.1:5555"
    match = re.fullmatch(r"tcp://(\[[0-9A-Fa-f:.]+\]|[^:/\s]+):([^:/\s]+)", endpoint)
    if not match:
        raise ValueError(f"expected an endpoint such as {example}")
    host, port_text = match.groups()
    if host == "*" and not allow_wildcard:
        raise ValueError(f"expected a host to connect to, not '*', such as {example}")
    if host != "*":
        parse_host(host)
    try:
        parse_port(port_text)
    except ValueError:
        raise ValueError(f"expected an endpoint such as {example} (the port must be 1 to 65535)") from None
    return endpoint


def parse_connect_endpoints(text: str) -> tuple[str, ...]:
    """Parse comma-separated endpoints to connect to; an empty text means none."""
    items = [item for item in (part.strip() for part in text.split(",")) if item]
    return tuple(parse_zmq_endpoint(item, allow_wildcard=False) for item in items)


def parse_bind_endpoint(text: str) -> str:
    """Parse one endpoint to bind, where * means every interface."""
    return parse_zmq_endpoint(text, allow_wildcard=True)


def parse_instance_id(text: str) -> str:
    """Parse an instance id, which becomes the last segment of an etcd key."""
    value = text.strip()
    if not value or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}", value):
        raise ValueError(
            "expected 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return value


def parse_bool(text: str) -> bool:
    """Parse true/false, yes/no, on/off or 1/0."""
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true or false")
