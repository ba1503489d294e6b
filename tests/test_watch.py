"""PrefixWatcher against a real etcd: listing, changes, and recovery after etcd restarts."""

from __future__ import annotations

import threading

import pytest

from conftest import wait_for
from discovery import PrefixWatcher, ServiceRecord
from discovery.record import utc_now_iso


def record_json(instance_id: str, endpoint: str) -> str:
    now = utc_now_iso()
    return ServiceRecord(type="producer", instance_id=instance_id, endpoint=endpoint, health="healthy",
                         started_at=now, last_heartbeat=now, pid=1, hostname="h", version="0").to_json()


class Collector:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest: dict = {}
        self.calls = 0

    def __call__(self, records: dict) -> None:
        with self.lock:
            self.latest = records
            self.calls += 1

    def endpoints(self) -> set[str]:
        with self.lock:
            return {record.endpoint for record in self.latest.values()}


@pytest.fixture
def watched(etcd):
    collector = Collector()
    watcher = PrefixWatcher(etcd, "/services/producer/", collector, idle_timeout=2.0)
    watcher.start()
    yield collector, watcher
    watcher.stop()


def test_watch_lists_existing_keys(etcd):
    etcd.put("/services/producer/p1", record_json("p1", "tcp://127.0.0.1:1001"))
    collector = Collector()
    watcher = PrefixWatcher(etcd, "/services/producer/", collector, idle_timeout=2.0)
    watcher.start()
    try:
        wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1001"}, 5, message="initial listing")
    finally:
        watcher.stop()


def test_watch_sees_put_and_delete(etcd, watched):
    collector, _ = watched
    etcd.put("/services/producer/p2", record_json("p2", "tcp://127.0.0.1:1002"))
    wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1002"}, 5, message="the put")
    etcd.delete("/services/producer/p2")
    wait_for(lambda: collector.endpoints() == set(), 5, message="the delete")


def test_watch_ignores_other_prefixes(etcd, watched):
    collector, _ = watched
    etcd.put("/services/consumer/c1", record_json("c1", "tcp://127.0.0.1:2001"))
    etcd.put("/services/producer/p3", record_json("p3", "tcp://127.0.0.1:1003"))
    wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1003"}, 5, message="the producer only")


def test_watch_skips_invalid_values(etcd, watched):
    collector, watcher = watched
    etcd.put("/services/producer/bad", "not json")
    etcd.put("/services/producer/p4", record_json("p4", "tcp://127.0.0.1:1004"))
    wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1004"}, 5, message="the valid record")
    assert watcher.invalid_records >= 1


def test_watch_relists_after_etcd_restart(etcd_server, etcd, watched):
    collector, watcher = watched
    etcd.put("/services/producer/p5", record_json("p5", "tcp://127.0.0.1:1005"))
    wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1005"}, 5, message="the first record")
    etcd_server.stop()
    etcd_server.wipe()
    etcd_server.start()
    etcd.put("/services/producer/p6", record_json("p6", "tcp://127.0.0.1:1006"))
    # The wiped store no longer has p5, and the watcher only learns that by listing again.
    wait_for(lambda: collector.endpoints() == {"tcp://127.0.0.1:1006"}, 15, message="the listing after the restart")
    assert watcher.relists >= 2
