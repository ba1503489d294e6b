"""Consumer display: full and one-line formats, and escaping of crafted strings."""

from __future__ import annotations

from protobuf import network_security_pb2 as pb
from service2.display import format_event_line, format_full_event, printable
from service2.scoring import assess


def make_event() -> pb.NetworkSecurityEvent:
    event = pb.NetworkSecurityEvent(event_id="e-1", producer_instance_id="p-1", sequence_number=7,
                                    final_classification="BENIGN")
    event.event_timestamp.GetCurrentTime()
    features = event.network_features
    features.source_ip, features.destination_ip = "192.168.1.2", "93.184.216.34"
    features.source_port, features.destination_port = 51544, 443
    features.protocol_name = "TCP"
    features.total_forward_packets, features.total_backward_packets = 3, 2
    return event


def test_event_line_has_flow_and_sequence():
    event = make_event()
    line = format_event_line(event, assess(event))
    assert line.startswith("p-1#7 192.168.1.2:51544 -> 93.184.216.34:443 TCP 3/2 pkts")
    assert "label=BENIGN" in line


def test_full_event_names_every_feature():
    event = make_event()
    text = format_full_event(event, assess(event))
    for field in pb.NetworkFeatures.DESCRIPTOR.fields:
        assert f"    {field.name}:" in text


def test_control_characters_escaped_in_line():
    event = make_event()
    event.network_features.source_ip = "1.2.3.4\x1b[2J"
    event.producer_instance_id = "p\r\n-evil"
    line = format_event_line(event, assess(event))
    assert "\x1b" not in line
    assert "\r" not in line
    assert "\n" not in line
    assert "\\x1b[2J" in line


def test_control_characters_escaped_in_full_event():
    event = make_event()
    event.network_features.feature_metadata["note"] = "a\x07b"
    event.event_tags.append("t\x1b")
    text = format_full_event(event, assess(event))
    assert "\x07" not in text
    assert "\x1b" not in text


def test_printable_keeps_plain_text():
    assert printable("Sevilla, España") == "Sevilla, España"


def test_out_of_range_duration_printed_raw():
    event = make_event()
    event.network_features.flow_duration.seconds = 10**15
    event.network_features.flow_start_time.nanos = -5
    text = format_full_event(event, assess(event))
    assert "flow_duration: out of range (1000000000000000 s, 0 ns)" in text
    assert "flow_start_time: out of range" in text
