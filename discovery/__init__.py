"""Service registration and discovery in etcd, shared by the producer and the consumer.

Each instance keeps one key, /services/{type}/{instance-id}, whose JSON value describes it and
which lives on a lease that a heartbeat thread renews.
"""

from discovery.etcd import EtcdCluster, EtcdError, LeaseNotFound
from discovery.record import ServiceRecord, service_key, service_prefix
from discovery.registration import Registration
from discovery.watch import PrefixWatcher

__all__ = [
    "EtcdCluster",
    "EtcdError",
    "LeaseNotFound",
    "PrefixWatcher",
    "Registration",
    "ServiceRecord",
    "service_key",
    "service_prefix",
]
