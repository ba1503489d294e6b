"""Service registration and discovery in etcd, shared by the producer and the consumer.

Each instance keeps one key, /services/{type}/{instance-id}, whose JSON value describes it and
which lives on a lease that a heartbeat thread renews.

The names below load their modules on first use, so `python -m discovery.healthcheck`, which a
container runs every few seconds, does not pay for importing requests and etcd3gw.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EtcdCluster": "discovery.etcd",
    "EtcdError": "discovery.etcd",
    "LeaseNotFound": "discovery.etcd",
    "PrefixWatcher": "discovery.watch",
    "Registration": "discovery.registration",
    "ServiceRecord": "discovery.record",
    "service_key": "discovery.record",
    "service_prefix": "discovery.record",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'discovery' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
