"""Tests of the registration record stored in etcd: its JSON form, its keys and its endpoint."""

from __future__ import annotations

import json

import pytest

from discovery.record import InvalidRecord, ServiceRecord, advertised_endpoint, service_key, service_prefix


def make_record() -> ServiceRecord:
    return ServiceRecord(
        type="producer",
        instance_id="service1-instance-001",
        endpoint="tcp://127.0.0.1:5555",
        health="healthy",
        started_at="2025-01-02T03:04:05.678Z",
        last_heartbeat="2025-01-02T03:04:35.678Z",
        pid=4321,
        hostname="3f2a9c1b7e0d",
        version="0.1.0",
    )


def record_fields() -> dict:
    return json.loads(make_record().to_json())


def test_record_json_round_trip() -> None:
    record = make_record()

    assert ServiceRecord.from_json(record.to_json()) == record


def test_record_json_round_trip_bytes() -> None:
    record = make_record()

    assert ServiceRecord.from_json(record.to_json().encode()) == record


def test_record_json_has_contract_keys() -> None:
    expected = {"type", "instance_id", "endpoint", "health", "started_at", "last_heartbeat", "pid",
                "hostname", "version"}

    assert set(record_fields()) == expected


def test_record_json_is_compact() -> None:
    text = make_record().to_json()

    assert " " not in text


@pytest.mark.parametrize("missing", ["type", "instance_id", "endpoint"])
def test_record_missing_required_field(missing: str) -> None:
    fields = record_fields()
    del fields[missing]

    with pytest.raises(InvalidRecord, match=missing):
        ServiceRecord.from_json(json.dumps(fields))


@pytest.mark.parametrize("optional", ["health", "started_at", "last_heartbeat", "pid", "hostname", "version"])
def test_record_missing_optional_field(optional: str) -> None:
    fields = record_fields()
    del fields[optional]

    record = ServiceRecord.from_json(json.dumps(fields))

    assert record.endpoint == "tcp://127.0.0.1:5555"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("", id="empty"),
        pytest.param("{not json", id="broken-json"),
        pytest.param(b"\xff\xfe\x00", id="not-utf8"),
        pytest.param("[1, 2]", id="array"),
        pytest.param('"producer"', id="string"),
        pytest.param("null", id="null"),
    ],
)
def test_record_not_an_object(data: str | bytes) -> None:
    with pytest.raises(InvalidRecord):
        ServiceRecord.from_json(data)


@pytest.mark.parametrize(
    "field, value",
    [
        pytest.param("pid", "abc", id="pid-text"),
        pytest.param("pid", [1], id="pid-list"),
        pytest.param("endpoint", None, id="endpoint-null"),
        pytest.param("instance_id", {"id": 1}, id="instance-id-object"),
    ],
)
def test_record_wrong_field_type(field: str, value: object) -> None:
    fields = record_fields()
    fields[field] = value

    with pytest.raises(InvalidRecord):
        ServiceRecord.from_json(json.dumps(fields))


def test_service_prefix_producer() -> None:
    assert service_prefix("producer") == "/services/producer/"


def test_service_prefix_consumer() -> None:
    assert service_prefix("consumer") == "/services/consumer/"


def test_service_key_under_prefix() -> None:
    key = service_key("producer", "service1-instance-001")

    assert key == "/services/producer/service1-instance-001"
    assert key.startswith(service_prefix("producer"))


@pytest.mark.parametrize(
    "bound, host, expected",
    [
        pytest.param("tcp://*:5555", "127.0.0.1", "tcp://127.0.0.1:5555", id="ipv4"),
        pytest.param("tcp://0.0.0.0:41234", "172.18.0.4", "tcp://172.18.0.4:41234", id="ipv4-any-address"),
        pytest.param("tcp://*:5556", "service2", "tcp://service2:5556", id="hostname"),
        pytest.param("tcp://*:5555", "3f2a9c1b7e0d", "tcp://3f2a9c1b7e0d:5555", id="container-id"),
        pytest.param("tcp://*:5555", "::1", "tcp://[::1]:5555", id="ipv6"),
        pytest.param("tcp://*:5555", "fd00::12", "tcp://[fd00::12]:5555", id="ipv6-ula"),
        pytest.param("tcp://*:5555", "[::1]", "tcp://[::1]:5555", id="ipv6-bracketed"),
        pytest.param("tcp://[::]:6000", "::1", "tcp://[::1]:6000", id="ipv6-bound"),
    ],
)
def test_advertised_endpoint(bound: str, host: str, expected: str) -> None:
    assert advertised_endpoint(bound, host) == expected
