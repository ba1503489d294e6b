"""Tests of frame classification in the consumer: malformed, invalid or valid."""

from __future__ import annotations

import random
import struct

import pytest
from google.protobuf.message import Message
from hypothesis import given, settings
from hypothesis import strategies as st

from protobuf import network_security_pb2 as pb
from service2.validation import FrameKind, classify_frame

MAX_SIZE = 1024 * 1024
NOT_VALID = (FrameKind.MALFORMED, FrameKind.INVALID)
EVENT_SECONDS = 1_735_689_600  # 2025-01-01T00:00:00Z


def make_event() -> pb.NetworkSecurityEvent:
    """Build an event as this project's producer sends it: numbered, with features and a node."""
    event = pb.NetworkSecurityEvent(
        event_id="3b9f0c2d71aa-0000000042",
        originating_node_id="service1-instance-001",
        producer_instance_id="service1-instance-001",
        sequence_number=42,
        schema_version=32,
        protobuf_version="3.2.0",
        final_classification="BENIGN",
    )
    event.event_timestamp.FromSeconds(EVENT_SECONDS)
    features = event.network_features
    features.source_ip = "192.168.1.20"
    features.destination_ip = "10.0.0.5"
    features.source_port = 51544
    features.destination_port = 443
    features.protocol_number = 6
    features.protocol_name = "TCP"
    features.total_forward_packets = 12
    features.total_backward_bytes = 48213
    features.flow_bytes_per_second = 9643.2
    features.init_win_bytes_forward = -1
    features.custom_features["tls_handshakes"] = 1.0
    event.capturing_node.node_id = "service1-instance-001"
    event.capturing_node.node_role = pb.DistributedNode.PACKET_SNIFFER
    return event


def make_cpp_event() -> pb.NetworkSecurityEvent:
    """Build an event like the older C++ producer sends: no producer id or sequence number."""
    rng = random.Random(31)
    event = pb.NetworkSecurityEvent(
        event_id="evt_1735689600123_4711",
        originating_node_id="cpp_sniffer_node_001",
        schema_version=31,
        protobuf_version="3.1.0",
    )
    event.event_timestamp.FromMilliseconds(EVENT_SECONDS * 1000 + 123)
    features = event.network_features
    features.source_ip = "192.168.1.100"
    features.destination_ip = "10.0.0.1"
    features.source_port = 43210
    features.destination_port = 80
    features.protocol_name = "TCP"
    features.flow_packets_per_second = rng.uniform(0, 1000)
    features.ddos_features.extend(rng.random() for _ in range(83))
    return event


def encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def top_level_field_ends(data: bytes) -> set[int]:
    """Return the offsets where a top-level field of ``data`` ends (varint and length-delimited only)."""
    ends = {0}
    offset = 0
    while offset < len(data):
        key, offset = read_varint(data, offset)
        wire_type = key & 0x07
        if wire_type == 0:
            _, offset = read_varint(data, offset)
        elif wire_type == 2:
            length, offset = read_varint(data, offset)
            offset += length
        else:
            raise AssertionError(f"unexpected wire type {wire_type} at top level")
        ends.add(offset)
    return ends


def read_varint(data: bytes, offset: int) -> tuple[int, int]:
    value = 0
    shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, offset


def classify(message: Message | bytes) -> FrameKind:
    frame = message if isinstance(message, bytes) else message.SerializeToString()
    return classify_frame(frame, MAX_SIZE).kind


def test_classify_empty_frame_invalid() -> None:
    assert classify(b"") == FrameKind.INVALID


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=512))
def test_classify_random_bytes_never_valid(frame: bytes) -> None:
    assert classify(frame) in NOT_VALID


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(b"\x00", id="field-zero"),
        pytest.param(b"\xff" * 16, id="endless-varint"),
        pytest.param(b"\x0a\x05abc", id="string-too-short"),
        pytest.param(b"\x0a\x80\x80\x80\x80\x10", id="huge-length"),
        pytest.param(b"\x0a\x02\xc3\x28", id="bad-utf8-event-id"),
        pytest.param(b"\x12\x02\x08", id="timestamp-cut"),
        pytest.param(b"\x0b\x0c", id="group-wire-type"),
        pytest.param(b"\x0f", id="wire-type-7"),
        pytest.param(b"\x08\x01", id="event-id-as-varint"),
        pytest.param(b"\x15\x00\x00\x80\x3f", id="timestamp-as-fixed32"),
        pytest.param(bytes(range(256)), id="all-byte-values"),
        pytest.param(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", id="http-request"),
        pytest.param(b'{"event_id": "x"}', id="json"),
    ],
)
def test_classify_fixed_garbage(frame: bytes) -> None:
    assert classify(frame) in NOT_VALID


def event_cut_points() -> list[int]:
    """Return offsets inside the fields of a serialized event, where a cut leaves a partial field."""
    data = make_event().SerializeToString()
    ends = top_level_field_ends(data)
    return [offset for offset in range(1, len(data)) if offset not in ends]


@pytest.mark.parametrize("cut", event_cut_points()[::7])
def test_classify_truncated_event(cut: int) -> None:
    data = make_event().SerializeToString()

    assert classify(data[:cut]) in NOT_VALID


def test_classify_cut_before_timestamp_invalid() -> None:
    event = pb.NetworkSecurityEvent(event_id="3b9f0c2d71aa-0000000042")
    data = make_event().SerializeToString()
    prefix = event.SerializeToString()

    # A cut at a field boundary leaves a shorter message that still decodes, here without a timestamp.
    assert data.startswith(prefix)
    assert classify(data[:len(prefix)]) == FrameKind.INVALID


def bare_messages() -> list:
    features = pb.NetworkFeatures(source_ip="192.168.1.20", destination_ip="10.0.0.5", source_port=51544,
                                  destination_port=443, protocol_number=6, protocol_name="TCP")
    location = pb.GeoLocationInfo(country_name="Spain", country_code="ES", city_name="Madrid", latitude=40.4168,
                                  longitude=-3.7038, threat_level=pb.GeoLocationInfo.HIGH)
    enrichment = pb.GeoEnrichment(source_destination_distance_km=504.2, distance_category="national",
                                  enricher_version="1.0")
    enrichment.source_ip_geo.CopyFrom(location)
    node = pb.DistributedNode(node_id="cpp_sniffer_node_001", node_hostname="sniffer-1",
                              node_ip_address="192.168.1.2", node_role=pb.DistributedNode.FEATURE_PROCESSOR,
                              process_id=4242)
    batch = pb.EventBatch(batch_id=7, batch_size=1, batch_source_node="cpp_sniffer_node_001")
    batch.events.add().CopyFrom(make_event())
    window = pb.TimeWindow(sequence_number=3, window_type=pb.TimeWindow.TUMBLING)
    window.window_start.FromSeconds(EVENT_SECONDS)
    window.window_end.FromSeconds(EVENT_SECONDS + 60)
    return [
        pytest.param(features, id="NetworkFeatures"),
        pytest.param(location, id="GeoLocationInfo"),
        pytest.param(enrichment, id="GeoEnrichment"),
        pytest.param(node, id="DistributedNode"),
        pytest.param(batch, id="EventBatch"),
        pytest.param(window, id="TimeWindow"),
    ]


@pytest.mark.parametrize("message", bare_messages())
def test_classify_bare_nested_message(message: Message) -> None:
    assert classify(message) in NOT_VALID


def test_classify_oversized_frame_malformed() -> None:
    data = make_event().SerializeToString()

    result = classify_frame(data, max_size=len(data) - 1)

    assert result.kind == FrameKind.MALFORMED
    assert str(len(data)) in result.reason


def test_classify_frame_at_max_size_valid() -> None:
    data = make_event().SerializeToString()

    assert classify_frame(data, max_size=len(data)).kind == FrameKind.VALID


def test_classify_sequenced_event_valid() -> None:
    result = classify_frame(make_event().SerializeToString(), MAX_SIZE)

    assert result.kind == FrameKind.VALID
    assert result.event is not None
    assert result.event.producer_instance_id == "service1-instance-001"
    assert result.event.sequence_number == 42


def test_classify_cpp_event_valid() -> None:
    result = classify_frame(make_cpp_event().SerializeToString(), MAX_SIZE)

    assert result.kind == FrameKind.VALID
    assert result.event is not None
    assert result.event.producer_instance_id == ""
    assert result.event.sequence_number == 0
    assert len(result.event.network_features.ddos_features) == 83


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(encode_varint(999 << 3 | 0) + encode_varint(123456), id="varint-999"),
        pytest.param(encode_varint(999 << 3 | 2) + encode_varint(5) + b"hello", id="bytes-999"),
        pytest.param(encode_varint(40 << 3 | 1) + b"\x00" * 8, id="fixed64-40"),
        pytest.param(encode_varint(536_870_911 << 3 | 5) + b"\x00" * 4, id="fixed32-max-tag"),
    ],
)
def test_classify_unknown_field_still_valid(extra: bytes) -> None:
    data = make_event().SerializeToString() + extra

    assert classify(data) == FrameKind.VALID


def test_classify_missing_event_id_invalid() -> None:
    event = make_event()
    event.ClearField("event_id")

    result = classify_frame(event.SerializeToString(), MAX_SIZE)

    assert result.kind == FrameKind.INVALID
    assert "event_id" in result.reason


def test_classify_missing_timestamp_invalid() -> None:
    event = make_event()
    event.ClearField("event_timestamp")

    result = classify_frame(event.SerializeToString(), MAX_SIZE)

    assert result.kind == FrameKind.INVALID
    assert "event_timestamp" in result.reason


@pytest.mark.parametrize(
    "seconds",
    [
        pytest.param(0, id="epoch"),
        pytest.param(946_684_799, id="before-2000"),
        pytest.param(7_258_118_400, id="year-2200"),
        pytest.param(-1, id="negative"),
    ],
)
def test_classify_implausible_timestamp_invalid(seconds: int) -> None:
    event = make_event()
    event.event_timestamp.seconds = seconds

    assert classify(event) == FrameKind.INVALID


@pytest.mark.parametrize(
    "event_id",
    [
        pytest.param("x" * 257, id="too-long"),
        pytest.param("evt\n1", id="newline"),
        pytest.param("evt\x00", id="nul"),
    ],
)
def test_classify_bad_event_id_invalid(event_id: str) -> None:
    event = make_event()
    event.event_id = event_id

    assert classify(event) == FrameKind.INVALID


def test_classify_unknown_nested_field_valid() -> None:
    event = make_event()
    features = event.network_features.SerializeToString() + encode_varint(300 << 3 | 0) + encode_varint(7)
    event.ClearField("network_features")
    data = event.SerializeToString() + encode_varint(4 << 3 | 2) + encode_varint(len(features)) + features

    assert classify(data) == FrameKind.VALID


def test_classify_unpacked_repeated_valid() -> None:
    # Parsers must accept a repeated scalar both packed and one element per tag.
    event = make_event()
    unpacked = b"".join(encode_varint(100 << 3 | 1) + struct.pack("<d", value) for value in (0.25, 0.5, 0.75))
    features = event.network_features.SerializeToString() + unpacked
    event.ClearField("network_features")
    data = event.SerializeToString() + encode_varint(4 << 3 | 2) + encode_varint(len(features)) + features

    result = classify_frame(data, MAX_SIZE)

    assert result.kind == FrameKind.VALID
    assert result.event is not None
    assert list(result.event.network_features.ddos_features) == [0.25, 0.5, 0.75]


def test_sequence_above_2_48_invalid() -> None:
    from service2.validation import MAX_SEQUENCE_NUMBER

    event = pb.NetworkSecurityEvent(event_id="e-1", producer_instance_id="p", sequence_number=MAX_SEQUENCE_NUMBER + 1)
    event.event_timestamp.GetCurrentTime()

    result = classify_frame(event.SerializeToString(), 1 << 20)

    assert result.kind is FrameKind.INVALID
