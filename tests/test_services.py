"""The real service processes with a real etcd: end to end, discovery, shutdown and drop policy."""

from __future__ import annotations

import json
import re
import time

import zmq

from conftest import loopback_endpoint, read_json, wait_for
from discovery.record import service_key


def keys_under(etcd, prefix: str = "/services/") -> list[str]:
    items, _ = etcd.get_prefix(prefix)
    return [item.key for item in items]


def test_end_to_end_500_events(etcd_server, etcd, start_service, tmp_path):
    stats = tmp_path / "stats.json"
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    consumer = start_service("service2", "--instance-id", "consumer-e2e", "--bind", loopback_endpoint(),
                             "--stats-file", str(stats), "--display", "summary", env=env)
    wait_for(lambda: service_key("consumer", "consumer-e2e") in keys_under(etcd), 10, message="consumer key")

    producer = start_service("service1", "--instance-id", "producer-e2e", "--bind", loopback_endpoint(),
                             "--count", "500", "--rate", "0", "--seed", "7", env=env)
    assert producer.wait(60) == 0
    consumer.wait_for_output(r"received=500 ", timeout=15)

    code, seconds = consumer.terminate()
    totals = read_json(stats)
    assert code == 0
    assert seconds < 2.0
    assert totals["received"] == 500
    assert totals["lost"] == 0
    assert totals["malformed"] == 0
    assert totals["invalid"] == 0
    assert totals["duplicates"] == 0
    assert keys_under(etcd) == []


def test_sigterm_stops_both_within_2s(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    consumer = start_service("service2", "--instance-id", "consumer-stop", "--bind", loopback_endpoint(), env=env)
    producer = start_service("service1", "--instance-id", "producer-stop", "--bind", loopback_endpoint(),
                             "--rate", "50", env=env)
    wait_for(lambda: len(keys_under(etcd)) == 2, 10, message="both keys")
    consumer.wait_for_output(r"received=[1-9]", timeout=15)

    producer_code, producer_seconds = producer.terminate()
    consumer_code, consumer_seconds = consumer.terminate()
    assert producer_code == 0
    assert producer_seconds < 2.0
    assert consumer_code == 0
    assert consumer_seconds < 2.0
    assert keys_under(etcd) == []


def test_stopped_producer_key_gone_within_1s(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    producer = start_service("service1", "--instance-id", "producer-gone", "--bind", loopback_endpoint(), env=env)
    key = service_key("producer", "producer-gone")
    wait_for(lambda: key in keys_under(etcd), 10, message="producer key")
    producer.process.send_signal(15)
    started = time.monotonic()
    wait_for(lambda: key not in keys_under(etcd), 1.0, interval=0.02, message="the key to disappear")
    assert time.monotonic() - started < 1.0


def test_consumer_follows_producer_registration(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    consumer = start_service("service2", "--instance-id", "consumer-follow", "--bind", loopback_endpoint(),
                             "--display", "summary", env=env)
    consumer.wait_for_output(r"Watching /services/producer/", timeout=10)
    time.sleep(1.0)

    producer_endpoint = loopback_endpoint()
    producer = start_service("service1", "--instance-id", "producer-late", "--bind", producer_endpoint,
                             "--rate", "20", env=env)
    consumer.wait_for_output(rf"Connected to producer {producer_endpoint}", timeout=10)
    consumer.wait_for_output(r"received=[1-9]", timeout=10)

    producer.terminate()
    consumer.wait_for_output(rf"Disconnected from producer {producer_endpoint}", timeout=5)
    consumer.terminate()


def test_consumer_with_fixed_endpoint_needs_no_etcd(start_service, tmp_path):
    stats = tmp_path / "stats.json"
    producer_endpoint = loopback_endpoint()
    no_etcd = {"ETCD_ENDPOINTS": f"http://127.0.0.1:{loopback_endpoint().rsplit(':', 1)[1]}"}
    consumer = start_service("service2", "--connect", producer_endpoint, "--discover", "false",
                             "--bind", loopback_endpoint(), "--stats-file", str(stats), env=no_etcd)
    producer = start_service("service1", "--bind", producer_endpoint, "--count", "50", "--rate", "0", env=no_etcd)
    assert producer.wait(30) == 0
    consumer.wait_for_output(r"received=50 ", timeout=10)
    consumer.terminate()
    assert read_json(stats)["received"] == 50
    assert "Not registered yet" in producer.output()


def test_producer_drops_and_counts_without_consumer(start_service):
    no_etcd = {"ETCD_ENDPOINTS": f"http://127.0.0.1:{loopback_endpoint().rsplit(':', 1)[1]}"}
    producer = start_service("service1", "--bind", loopback_endpoint(), "--count", "3", "--rate", "0",
                             "--send-timeout", "200", env=no_etcd)
    assert producer.wait(20) == 0
    output = producer.output()
    assert "built=3 sent=0 dropped=3" in output
    assert "Dropped event 1 after waiting 200 ms" in output


def test_bad_frames_are_counted(etcd_server, start_service, tmp_path):
    from protobuf import network_security_pb2 as pb

    stats = tmp_path / "stats.json"
    consumer_endpoint = loopback_endpoint()
    consumer = start_service("service2", "--bind", consumer_endpoint, "--stats-file", str(stats),
                             "--max-message-size", "65536", env={"ETCD_ENDPOINTS": etcd_server.url})
    consumer.wait_for_output(r"PULL socket bound", timeout=10)

    valid = pb.NetworkSecurityEvent(event_id="ok-1", producer_instance_id="test-pusher", sequence_number=1)
    valid.event_timestamp.GetCurrentTime()
    valid_bytes = valid.SerializeToString()
    features = pb.NetworkFeatures(source_ip="10.0.0.1", destination_ip="10.0.0.2", source_port=1234,
                                  destination_port=80, protocol_number=6, protocol_name="TCP")
    frames = {
        "empty": b"",
        "random": bytes(range(7, 250, 3)) * 3,
        "truncated": valid_bytes[: len(valid_bytes) // 2],
        "bare nested": features.SerializeToString(),
        "oversized": b"\x0a" + b"x" * 70_000,
    }
    context = zmq.Context.instance()
    pusher = context.socket(zmq.PUSH)
    pusher.setsockopt(zmq.LINGER, 2000)
    pusher.connect(consumer_endpoint)
    for frame in frames.values():
        pusher.send(frame)
    pusher.send_multipart([valid_bytes, b"second part"])
    follow = pb.NetworkSecurityEvent()
    follow.CopyFrom(valid)
    follow.event_id, follow.sequence_number = "ok-2", 2
    pusher.send(valid_bytes)
    pusher.send(follow.SerializeToString())
    pusher.close()

    consumer.wait_for_output(r"received=2 ", timeout=10)
    code, _ = consumer.terminate()
    totals = read_json(stats)
    assert code == 0
    assert totals["malformed"] + totals["invalid"] == len(frames) + 1  # the multipart message counts once
    assert totals["invalid"] >= 1  # the empty frame decodes to an all-default event
    assert totals["received"] == 2
    assert totals["lost"] == 0


def test_status_lists_registrations_with_ttl(etcd_server, etcd, start_service):
    import subprocess
    import sys

    env = {"ETCD_ENDPOINTS": etcd_server.url}
    producer = start_service("service1", "--instance-id", "producer-status", "--bind", loopback_endpoint(), env=env)
    wait_for(lambda: keys_under(etcd), 10, message="the producer key")
    result = subprocess.run([sys.executable, "-m", "discovery.status", "--etcd-endpoints", etcd_server.url],
                            capture_output=True, text=True, timeout=20)
    producer.terminate()
    assert result.returncode == 0
    assert "/services/producer/producer-status" in result.stdout
    assert "ttl=" in result.stdout


def test_registration_value_of_real_producer(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    endpoint = loopback_endpoint()
    producer = start_service("service1", "--instance-id", "service1-instance-001", "--bind", endpoint, env=env)
    key = service_key("producer", "service1-instance-001")
    wait_for(lambda: key in keys_under(etcd), 10, message="producer key")
    items, _ = etcd.get_prefix(key)
    value = json.loads(items[0].value)
    ttl = etcd.lease_ttl(items[0].lease)
    producer.terminate()
    assert value["endpoint"] == endpoint
    assert value["pid"] == producer.pid
    assert value["type"] == "producer"
    assert 50 <= ttl <= 60


def test_two_consumers_share_without_loss(etcd_server, etcd, start_service, tmp_path):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    stats = [tmp_path / "first.json", tmp_path / "second.json"]
    consumers = [
        start_service("service2", "--instance-id", f"consumer-share-{index}", "--bind", loopback_endpoint(),
                      "--stats-file", str(path), "--display", "summary", env=env)
        for index, path in enumerate(stats)
    ]
    wait_for(lambda: len(keys_under(etcd, "/services/consumer/")) == 2, 10, message="both consumer keys")
    time.sleep(1.0)  # each consumer's watcher learns of the other one

    producer = start_service("service1", "--instance-id", "producer-share", "--bind", loopback_endpoint(),
                             "--count", "400", "--rate", "200", env=env)
    assert producer.wait(60) == 0
    time.sleep(1.0)
    for consumer in consumers:
        assert consumer.terminate()[0] == 0
    totals = [read_json(path) for path in stats]
    assert sum(total["received"] for total in totals) == 400
    assert all(total["received"] > 0 for total in totals)
    assert [total["lost"] for total in totals] == [0, 0]
    assert sum(total["skipped_before_join"] + total["shared_gaps"] for total in totals) > 0


def received_count(consumer) -> int:
    counts = re.findall(r"received=(\d+)", consumer.output())
    return int(counts[-1]) if counts else 0


def test_etcd_restart_while_services_run(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url, "HEARTBEAT_INTERVAL": "1", "LEASE_TTL": "4"}
    consumer = start_service("service2", "--instance-id", "consumer-outage", "--bind", loopback_endpoint(),
                             "--display", "summary", env=env)
    producer = start_service("service1", "--instance-id", "producer-outage", "--bind", loopback_endpoint(),
                             "--rate", "50", env=env)
    wait_for(lambda: len(keys_under(etcd)) == 2, 10, message="both keys")
    consumer.wait_for_output(r"received=[1-9]", timeout=10)

    etcd_server.stop()
    before = received_count(consumer)
    wait_for(lambda: received_count(consumer) > before + 50, 10, message="events to keep flowing without etcd")
    etcd_server.start()
    wait_for(lambda: len(keys_under(etcd)) == 2, 15, message="both keys after etcd came back")

    etcd_server.stop()
    etcd_server.wipe()
    etcd_server.start()
    wait_for(lambda: len(keys_under(etcd)) == 2, 1 + 8, message="both keys after etcd lost its data")
    assert "registering again" in producer.output()
    assert producer.terminate()[0] == 0
    assert consumer.terminate()[0] == 0
    assert keys_under(etcd) == []


def test_frozen_etcd_does_not_delay_exit(etcd_server, etcd, start_service):
    env = {"ETCD_ENDPOINTS": etcd_server.url}
    consumer = start_service("service2", "--instance-id", "consumer-frozen", "--bind", loopback_endpoint(),
                             "--display", "summary", env=env)
    producer = start_service("service1", "--instance-id", "producer-frozen", "--bind", loopback_endpoint(),
                             "--rate", "50", env=env)
    wait_for(lambda: len(keys_under(etcd)) == 2, 10, message="both keys")
    consumer.wait_for_output(r"received=[1-9]", timeout=10)
    etcd_server.freeze()
    try:
        producer_code, producer_seconds = producer.terminate()
        consumer_code, consumer_seconds = consumer.terminate()
    finally:
        etcd_server.thaw()
    assert producer_code == 0
    assert producer_seconds < 2.0
    assert consumer_code == 0
    assert consumer_seconds < 2.0


def test_consumer_ignores_bad_producer_records(etcd_server, etcd, start_service):
    from discovery.record import utc_now_iso

    def record(instance_id: str, endpoint: str, kind: str = "producer") -> str:
        now = utc_now_iso()
        return json.dumps({"type": kind, "instance_id": instance_id, "endpoint": endpoint, "health": "healthy",
                           "started_at": now, "last_heartbeat": now, "pid": 1, "hostname": "h", "version": "0"})

    etcd.put("/services/producer/ipc-one", record("ipc-one", "ipc:///tmp/not-a-producer.sock"))
    etcd.put("/services/producer/wrong-type", record("wrong-type", "tcp://127.0.0.1:1", kind="consumer"))
    etcd.put("/services/producer/mismatch", record("someone-else", "tcp://127.0.0.1:2"))
    consumer = start_service("service2", "--bind", loopback_endpoint(), env={"ETCD_ENDPOINTS": etcd_server.url})
    consumer.wait_for_output(r"Ignoring registration /services/producer/ipc-one", timeout=10)
    consumer.wait_for_output(r"Ignoring registration /services/producer/wrong-type", timeout=10)
    consumer.wait_for_output(r"Ignoring registration /services/producer/mismatch", timeout=10)
    consumer.terminate()
    assert "Connected to producer" not in consumer.output()
