"""Settings that both services share: etcd, identity, lease timing, logging and health reporting."""

from __future__ import annotations

import os
import re
import socket
from functools import partial
from types import SimpleNamespace

from config import parsers
from config.settings import ConfigError, Setting

DEFAULT_ETCD_ENDPOINTS = "http://127.0.0.1:2379"
DEFAULT_LEASE_TTL = 60
DEFAULT_HEARTBEAT_INTERVAL = 30


def default_instance_id(service: str) -> str:
    """Return '<service>-<hostname>-<pid>'; in a container the hostname is the container id."""
    host = re.sub(r"[^A-Za-z0-9_.-]", "-", socket.gethostname()) or "host"
    return f"{service}-{host}-{os.getpid()}"[:128]


def default_advertised_host() -> str:
    """Return the address the hostname resolves to, which other containers can reach.

    On a laptop the hostname often resolves to 127.0.1.1, which is still loopback and so fine
    for a one-machine run. When the lookup fails, the result is 127.0.0.1.
    """
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def common_settings(service: str) -> list[Setting]:
    """Return the settings every service has; ``service`` names it in the default instance id."""
    return [
        Setting("etcd_endpoints", "ETCD_ENDPOINTS", "--etcd-endpoints", parsers.parse_etcd_endpoints,
                DEFAULT_ETCD_ENDPOINTS, "comma-separated etcd client URLs, tried in order", metavar="URLS"),
        Setting("instance_id", "INSTANCE_ID", "--instance-id", parsers.parse_instance_id,
                default_instance_id(service), "instance id, the last segment of the etcd key", metavar="ID"),
        Setting("advertised_host", "ADVERTISED_HOST", "--advertised-host", parsers.parse_host,
                default_advertised_host(), "host name or IP that peers use to reach this instance", metavar="HOST"),
        Setting("lease_ttl", "LEASE_TTL", "--lease-ttl", parsers.parse_lease_ttl,
                str(DEFAULT_LEASE_TTL), "TTL of the registration's etcd lease, in seconds (>= 2)", metavar="SECONDS"),
        Setting("heartbeat_interval", "HEARTBEAT_INTERVAL", "--heartbeat-interval",
                partial(parsers.parse_float, minimum=0.0, exclusive=True),
                str(DEFAULT_HEARTBEAT_INTERVAL), "seconds between lease renewals (shorter than the TTL)",
                metavar="SECONDS"),
        Setting("summary_interval", "SUMMARY_INTERVAL", "--summary-interval",
                partial(parsers.parse_float, minimum=0.0, exclusive=True),
                "5", "seconds between summary log lines", metavar="SECONDS"),
        Setting("health_file", "HEALTH_FILE", "--health-file", str.strip, "",
                "JSON file rewritten every second with this instance's health (for container healthchecks)",
                metavar="PATH"),
        Setting("log_level", "LOG_LEVEL", "--log-level", parsers.parse_log_level, "INFO",
                "DEBUG, INFO, WARNING or ERROR", metavar="LEVEL"),
    ]


def validate_common(values: SimpleNamespace) -> None:
    """Check relations between the shared settings."""
    if values.heartbeat_interval >= values.lease_ttl:
        raise ConfigError(
            f"invalid HEARTBEAT_INTERVAL (--heartbeat-interval) value {values.heartbeat_interval:g}: "
            f"expected fewer seconds than LEASE_TTL ({values.lease_ttl}), for example {values.lease_ttl / 2:g}, "
            "so the lease is renewed before it expires"
        )
