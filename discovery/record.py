"""The JSON value stored under /services/{type}/{instance-id} and the helpers that build its key."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

SERVICES_ROOT = "/services/"


def service_prefix(service_type: str) -> str:
    """Return the prefix that holds every instance of one service type, such as /services/producer/."""
    return f"{SERVICES_ROOT}{service_type}/"


def service_key(service_type: str, instance_id: str) -> str:
    """Return the key of one instance, such as /services/producer/service1-instance-001."""
    return service_prefix(service_type) + instance_id


def utc_now_iso() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds and a Z suffix."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class InvalidRecord(ValueError):
    """A registration value that is not the JSON object this project writes."""


@dataclass
class ServiceRecord:
    """What one instance publishes about itself; times are ISO 8601 UTC strings."""

    type: str
    instance_id: str
    endpoint: str
    health: str
    started_at: str
    last_heartbeat: str
    pid: int
    hostname: str
    version: str

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
        try:
            record = cls(
                type=str(fields["type"]),
                instance_id=str(fields["instance_id"]),
                endpoint=str(fields["endpoint"]),
                health=str(fields.get("health", "unknown")),
                started_at=str(fields.get("started_at", "")),
                last_heartbeat=str(fields.get("last_heartbeat", "")),
                pid=int(fields.get("pid", 0)),
                hostname=str(fields.get("hostname", "")),
                version=str(fields.get("version", "")),
            )
        except KeyError as error:
            raise InvalidRecord(f"missing field {error.args[0]!r}") from None
        except (TypeError, ValueError) as error:
            raise InvalidRecord(f"wrong field type: {error}") from None
        return record


def advertised_endpoint(bound: str, advertised_host: str) -> str:
    """Return the endpoint peers connect to: ``advertised_host`` with the port of the ``bound`` endpoint."""
    port = bound.rsplit(":", 1)[1]
    needs_brackets = ":" in advertised_host and not advertised_host.startswith("[")
    host = f"[{advertised_host}]" if needs_brackets else advertised_host
    return f"tcp://{host}:{port}"
