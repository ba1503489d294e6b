"""The JSON value stored under /services/{type}/{instance-id} and the helpers that build its key."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

SERVICES_ROOT = "/services/"


def service_prefix(service_type: str) -> str:
    """Return the prefix that contains every instance of one service type, such as /services/producer/."""
    return f"{SERVICES_ROOT}{service_type}/"


def service_key(service_type: str, instance_id: str) -> str:
    """Return the key of one instance, such as /services/producer/service1-instance-001."""
    return service_prefix(service_type) + instance_id


def utc_now_iso() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds and a Z suffix."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# Field name, type and default of a stored value; None marks a field that must be present.
_FIELD_TYPES: tuple[tuple[str, type, object], ...] = (
    ("type", str, None),
    ("instance_id", str, None),
    ("endpoint", str, None),
    ("health", str, "unknown"),
    ("started_at", str, ""),
    ("last_heartbeat", str, ""),
    ("pid", int, 0),
    ("hostname", str, ""),
    ("version", str, ""),
)


class InvalidRecord(ValueError):
    """A registration value that is not the JSON object this project writes."""


@dataclass
class ServiceRecord:
    """Registration value of one instance. Times are ISO 8601 UTC strings."""

    type: str
    instance_id: str
    endpoint: str
    health: str
    started_at: str
    last_heartbeat: str
    pid: int
    hostname: str
    version: str

    @classmethod
    def for_this_process(cls, service_type: str, instance_id: str, endpoint: str, version: str) -> ServiceRecord:
        """Describe the running process: healthy, started now, with its pid and hostname."""
        now = utc_now_iso()
        return cls(type=service_type, instance_id=instance_id, endpoint=endpoint, health="healthy",
                   started_at=now, last_heartbeat=now, pid=os.getpid(), hostname=socket.gethostname(),
                   version=version)

    def to_json(self) -> str:
        """Serialize to the compact JSON stored in etcd."""
        return json.dumps(asdict(self), separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, data: bytes | str) -> ServiceRecord:
        """Parse a stored value, raising InvalidRecord when a field is missing or of the wrong type."""
        try:
            fields = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidRecord(f"not JSON: {error}") from None
        if not isinstance(fields, dict):
            raise InvalidRecord("not a JSON object")
        values: dict[str, object] = {}
        for name, kind, default in _FIELD_TYPES:
            value = fields.get(name, default)
            if value is None:
                raise InvalidRecord(f"missing field {name!r}")
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InvalidRecord(f"field {name!r} must be {kind.__name__}, not {type(value).__name__}")
            values[name] = value
        record = cls(**values)
        return record


def advertised_endpoint(bound: str, advertised_host: str) -> str:
    """Return the endpoint peers connect to: ``advertised_host`` with the port of the ``bound`` endpoint."""
    port = bound.rsplit(":", 1)[1]
    needs_brackets = ":" in advertised_host and not advertised_host.startswith("[")
    host = f"[{advertised_host}]" if needs_brackets else advertised_host
    return f"tcp://{host}:{port}"
