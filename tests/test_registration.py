"""Registration against a real etcd: key, value, TTL, renewal, lost leases and etcd outages."""

from __future__ import annotations

import json
import time

import pytest
import requests

from conftest import wait_for
from discovery import EtcdCluster, Registration, ServiceRecord
from discovery.etcd import EtcdError
from discovery.local_etcd import free_port
from discovery.record import utc_now_iso


def make_record(instance_id: str = "service1-instance-001") -> ServiceRecord:
    now = utc_now_iso()
    return ServiceRecord(type="producer", instance_id=instance_id, endpoint="tcp://127.0.0.1:5555",
                         health="healthy", started_at=now, last_heartbeat=now, pid=1234,
                         hostname="test-host", version="0.1.0")


def read_key(etcd: EtcdCluster, key: str):
    items, _ = etcd.get_prefix(key)
    matches = [item for item in items if item.key == key]
    return matches[0] if matches else None


@pytest.fixture
def registrations():
    started: list[Registration] = []
    yield started
    for registration in started:
        registration.stop(timeout=1.0)


def start_registration(etcd_url: str, registrations: list, ttl: int = 4, interval: float = 1.0,
                       instance_id: str = "service1-instance-001") -> Registration:
    registration = Registration(EtcdCluster([etcd_url], timeout=1.0), make_record(instance_id), ttl, interval)
    registrations.append(registration)
    registration.start()
    return registration


def test_registration_key_value_and_ttl(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=60, interval=30)
    item = wait_for(lambda: read_key(etcd, "/services/producer/service1-instance-001"), 5, message="the key")
    value = json.loads(item.value)
    assert item.lease == registration.lease_id
    assert set(value) >= {"type", "instance_id", "endpoint", "health", "started_at", "last_heartbeat",
                          "pid", "hostname", "version"}
    assert value["type"] == "producer"
    assert value["instance_id"] == "service1-instance-001"
    assert value["endpoint"] == "tcp://127.0.0.1:5555"
    assert 55 <= etcd.lease_ttl(item.lease) <= 60


def test_heartbeat_renews_lease_and_value(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=3, interval=1.0)
    first = wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    time.sleep(4.5)  # longer than the TTL: only renewals keep the key
    later = read_key(etcd, registration.key)
    assert later is not None
    assert later.lease == first.lease
    assert json.loads(later.value)["last_heartbeat"] > json.loads(first.value)["last_heartbeat"]
    assert etcd.lease_ttl(later.lease) >= 1


def test_revoked_lease_is_replaced(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    first = wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    etcd.revoke_lease(first.lease)
    assert read_key(etcd, registration.key) is None

    again = wait_for(lambda: read_key(etcd, registration.key), 5, message="re-registration")
    assert again.lease != first.lease
    assert registration.reregistrations == 1
    assert etcd.lease_ttl(again.lease) > 0


def test_deleted_key_is_written_again(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    etcd.delete(registration.key)
    wait_for(lambda: read_key(etcd, registration.key), 5, message="the key written again by the heartbeat")


def test_stop_revokes_lease_at_once(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=60, interval=30)
    item = wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    started = time.monotonic()
    registration.stop(timeout=1.0)
    assert time.monotonic() - started < 1.0
    assert read_key(etcd, registration.key) is None
    assert etcd.lease_ttl(item.lease) == -1


def test_registers_when_etcd_comes_up_later(tmp_path, registrations):
    from discovery.local_etcd import LocalEtcd

    port = free_port()
    registration = start_registration(f"http://127.0.0.1:{port}", registrations, ttl=10, interval=1.0)
    time.sleep(1.0)
    assert not registration.registered
    server = LocalEtcd(data_dir=str(tmp_path / "late-etcd"), client_port=port)
    server.start()
    try:
        etcd = EtcdCluster([server.url], timeout=2.0)
        wait_for(lambda: read_key(etcd, registration.key), 10, message="registration after etcd started")
        assert registration.registered
    finally:
        registration.stop(timeout=1.0)
        server.stop()


def test_etcd_restart_keeps_registration(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    etcd_server.stop()
    time.sleep(2.0)
    assert registration.failed_calls >= 1
    etcd_server.start()
    item = wait_for(lambda: read_key(etcd, registration.key), 10, message="the key after etcd restarted")
    assert etcd.lease_ttl(item.lease) > 0


def test_etcd_data_loss_reregisters(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    first = wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    etcd_server.stop()
    etcd_server.wipe()
    etcd_server.start()
    again = wait_for(lambda: read_key(etcd, registration.key), 1.0 + 8, message="re-registration after data loss")
    assert again.lease != first.lease
    assert registration.reregistrations >= 1


def test_frozen_etcd_does_not_block_stop(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=6, interval=1.0)
    wait_for(lambda: read_key(etcd, registration.key), 5, message="the key")
    etcd_server.freeze()
    try:
        time.sleep(1.5)
        started = time.monotonic()
        registration.stop(timeout=0.5)
        assert time.monotonic() - started < 2.0
    finally:
        etcd_server.thaw()


def test_keepalive_on_unknown_lease_raises(etcd):
    with pytest.raises(EtcdError):
        etcd.refresh_lease(0x1234567)


def test_cluster_fails_over_to_second_endpoint(etcd_server):
    dead = f"http://127.0.0.1:{free_port()}"
    cluster = EtcdCluster([dead, etcd_server.url], timeout=1.0)
    cluster.put("/services/test/failover", "x")
    items, _ = cluster.get_prefix("/services/test/")
    assert [item.key for item in items] == ["/services/test/failover"]


def test_unreachable_etcd_raises_etcd_error():
    cluster = EtcdCluster([f"http://127.0.0.1:{free_port()}"], timeout=0.5)
    with pytest.raises(EtcdError):
        cluster.grant_lease(5)


def test_watch_after_compaction_raises(etcd_server, etcd):
    from discovery.etcd import WatchCompacted

    first = etcd.put("/services/producer/a", "1")
    for index in range(5):
        latest = etcd.put("/services/producer/a", str(index))
    response = requests.post(f"{etcd_server.url}/v3/kv/compaction", json={"revision": latest}, timeout=2)
    assert response.status_code == 200
    with pytest.raises(WatchCompacted):
        for _ in etcd.watch_prefix("/services/producer/", first, idle_timeout=2.0):
            pass


def foreign_record(hostname: str, pid: int) -> str:
    now = utc_now_iso()
    return ServiceRecord(type="producer", instance_id="service1-instance-001", endpoint="tcp://10.9.9.9:5555",
                         health="healthy", started_at=now, last_heartbeat=now, pid=pid, hostname=hostname,
                         version="0.1.0").to_json()


def test_duplicate_instance_id_does_not_take_key(etcd_server, etcd, registrations):
    other_lease = etcd.grant_lease(30)
    key = "/services/producer/service1-instance-001"
    etcd.put(key, foreign_record("another-host", 4242), other_lease)

    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    wait_for(lambda: registration.conflicts >= 1, 5, message="the conflict to be detected")
    item = read_key(etcd, key)
    assert item.lease == other_lease
    assert json.loads(item.value)["hostname"] == "another-host"
    assert not registration.registered

    etcd.revoke_lease(other_lease)
    replaced = wait_for(lambda: (item := read_key(etcd, key)) and item.lease == registration.lease_id and item,
                        5, message="registration after the other instance left")
    assert json.loads(replaced.value)["hostname"] == "test-host"


def test_leftover_of_earlier_run_is_replaced(etcd_server, etcd, registrations):
    import socket
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, timeout=20)
    dead_pid = int(finished.stdout)
    stale_lease = etcd.grant_lease(30)
    key = "/services/producer/service1-instance-001"
    etcd.put(key, foreign_record(socket.gethostname(), dead_pid), stale_lease)

    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    item = wait_for(lambda: (found := read_key(etcd, key)) and found.lease != stale_lease and found,
                    5, message="the leftover key to be replaced")
    assert item.lease == registration.lease_id
    assert registration.conflicts == 0


def test_key_taken_over_stops_heartbeat_writes(etcd_server, etcd, registrations):
    registration = start_registration(etcd_server.url, registrations, ttl=10, interval=1.0)
    key = registration.key
    wait_for(lambda: read_key(etcd, key), 5, message="the key")
    intruder_lease = etcd.grant_lease(30)
    etcd.put(key, foreign_record("another-host", 4242), intruder_lease)

    wait_for(lambda: registration.conflicts >= 1, 5, message="the conflict at the next heartbeat")
    time.sleep(1.5)
    item = read_key(etcd, key)
    assert item.lease == intruder_lease
    assert json.loads(item.value)["hostname"] == "another-host"


def test_stop_bounded_with_frozen_endpoints(etcd_server, registrations):
    registration = Registration(EtcdCluster([etcd_server.url] * 3, timeout=2.0), make_record(), 10, 1.0)
    registrations.append(registration)
    registration.start()
    wait_for(lambda: registration.registered, 5, message="registration")
    etcd_server.freeze()
    try:
        started = time.monotonic()
        registration.stop(timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        etcd_server.thaw()
    assert elapsed < 1.5
