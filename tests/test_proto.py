"""Tests of the event schema: generated code in sync, wire compatibility with the original C++
schema, the upb runtime, and round trips between old and new readers."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, duration_pb2, message_factory, timestamp_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.internal import api_implementation
from google.protobuf.unknown_fields import UnknownFieldSet

from protobuf import network_security_pb2 as pb

ROOT = Path(__file__).resolve().parent.parent
PROTO = "protobuf/network_security.proto"

# Every field of the schema used by the earlier C++ implementation, one row per field.
ORIGINAL_FIELDS_TSV = Path(__file__).resolve().parent / "data" / "original_wire_format.tsv"

# Field counts per message in the original schema, to catch a truncated TSV.
ORIGINAL_FIELD_COUNTS = {
    "NetworkFeatures": 74, "GeoLocationInfo": 15, "GeoEnrichment": 35, "TimeWindow": 5, "FlowAggregation": 8,
    "ModelPrediction": 8, "TricapaMLAnalysis": 12, "DistributedNode": 21, "PipelineTracking": 22,
    "RAGAnalysis": 7, "HumanFeedback": 10, "HumanInTheLoopReview": 7, "NetworkSecurityEvent": 22,
    "EventBatch": 6, "SystemConfiguration": 12,
}

SCALAR_TYPES = {
    "double": FieldDescriptor.TYPE_DOUBLE, "float": FieldDescriptor.TYPE_FLOAT,
    "int32": FieldDescriptor.TYPE_INT32, "int64": FieldDescriptor.TYPE_INT64,
    "uint32": FieldDescriptor.TYPE_UINT32, "uint64": FieldDescriptor.TYPE_UINT64,
    "sint32": FieldDescriptor.TYPE_SINT32, "sint64": FieldDescriptor.TYPE_SINT64,
    "fixed32": FieldDescriptor.TYPE_FIXED32, "fixed64": FieldDescriptor.TYPE_FIXED64,
    "sfixed32": FieldDescriptor.TYPE_SFIXED32, "sfixed64": FieldDescriptor.TYPE_SFIXED64,
    "bool": FieldDescriptor.TYPE_BOOL, "string": FieldDescriptor.TYPE_STRING, "bytes": FieldDescriptor.TYPE_BYTES,
}

NEW_EVENT_TAGS = (30, 31, 32)


def read_original_fields() -> list[dict[str, str]]:
    with open(ORIGINAL_FIELDS_TSV, newline="") as file:
        return list(csv.DictReader(file, delimiter="\t"))


ORIGINAL_FIELDS = read_original_fields()


# --- generated code -------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["_pb2.py", "_pb2.pyi"])
def test_generated_code_not_stale(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("grpc_tools", reason="grpcio-tools is a dev dependency: pip install -e '.[dev]'")
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", "-I", str(ROOT), f"--python_out={tmp_path}",
         f"--pyi_out={tmp_path}", PROTO],
        check=True, cwd=ROOT, timeout=60,
    )
    name = PROTO.removesuffix(".proto") + suffix

    fresh = (tmp_path / name).read_bytes()
    committed = (ROOT / name).read_bytes()

    assert fresh == committed, (
        f"{name} does not match {PROTO} compiled by grpcio-tools {metadata.version('grpcio-tools')}; "
        "run `make proto` and commit the result (the pin in pyproject.toml keeps the output reproducible)"
    )


# --- wire compatibility with the original schema ----------------------------------------------------

def test_original_tsv_covers_every_message() -> None:
    counts = Counter(row["message"] for row in ORIGINAL_FIELDS)

    assert counts == ORIGINAL_FIELD_COUNTS


def message_descriptor(name: str):
    return pb.DESCRIPTOR.message_types_by_name[name]


def check_value_type(field: FieldDescriptor, expected: str) -> None:
    """Assert that ``field`` (neither repeated nor a map for this check) has the TSV type ``expected``."""
    if expected.startswith("enum "):
        assert field.type == FieldDescriptor.TYPE_ENUM, f"{field.full_name} is not an enum"
        assert field.enum_type.name == expected.removeprefix("enum "), f"{field.full_name} has another enum type"
    elif expected in SCALAR_TYPES:
        assert field.type == SCALAR_TYPES[expected], f"{field.full_name} is not {expected}"
    else:
        full_name = expected if "." in expected else f"protobuf.{expected}"
        assert field.type == FieldDescriptor.TYPE_MESSAGE, f"{field.full_name} is not a message"
        assert field.message_type.full_name == full_name, f"{field.full_name} is not {full_name}"


@pytest.mark.parametrize(
    "row", ORIGINAL_FIELDS, ids=[f"{row['message']}.{row['field']}" for row in ORIGINAL_FIELDS]
)
def test_original_field_compatible(row: dict[str, str]) -> None:
    assert row["message"] in pb.DESCRIPTOR.message_types_by_name, f"message {row['message']} is missing"
    message = message_descriptor(row["message"])
    field = message.fields_by_name.get(row["field"])
    expected = row["type"]

    assert field is not None, f"{row['message']}.{row['field']} is missing"
    assert field.number == int(row["tag"]), f"{field.full_name} has tag {field.number}, expected {row['tag']}"

    is_map = field.message_type is not None and field.message_type.GetOptions().map_entry
    if expected.startswith("map<"):
        key_type, value_type = expected.removeprefix("map<").removesuffix(">").split(",")
        assert is_map, f"{field.full_name} is not a map"
        check_value_type(field.message_type.fields_by_name["key"], key_type.strip())
        check_value_type(field.message_type.fields_by_name["value"], value_type.strip())
    elif expected.startswith("repeated "):
        assert field.is_repeated, f"{field.full_name} is not repeated"
        assert not is_map, f"{field.full_name} is a map, expected a repeated field"
        check_value_type(field, expected.removeprefix("repeated "))
    else:
        assert not field.is_repeated, f"{field.full_name} is repeated, expected a single value"
        check_value_type(field, expected)


def test_new_event_fields_use_free_tags() -> None:
    original_tags = {int(row["tag"]) for row in ORIGINAL_FIELDS if row["message"] == "NetworkSecurityEvent"}
    event = message_descriptor("NetworkSecurityEvent")

    assert event.fields_by_name["producer_instance_id"].number == 30
    assert event.fields_by_name["sequence_number"].number == 31
    assert event.fields_by_name["producer_run_id"].number == 32
    assert original_tags.isdisjoint(NEW_EVENT_TAGS)


# --- runtime ----------------------------------------------------------------------------------------

def test_runtime_uses_upb() -> None:
    assert api_implementation.Type() == "upb"


# --- round trips ------------------------------------------------------------------------------------

def make_full_event() -> pb.NetworkSecurityEvent:
    """Build an event with every top-level field set and a value in each message type it contains."""
    event = pb.NetworkSecurityEvent(
        event_id="3b9f0c2d71aa-0000000042", originating_node_id="service1-instance-001",
        overall_threat_score=0.87, final_classification="DDOS", threat_category="volumetric",
        correlation_id="corr-7", event_chain_id="chain-3", schema_version=32, protobuf_version="3.2.0",
        producer_instance_id="service1-instance-001", sequence_number=2**40 + 42,
        producer_run_id="3b9f0c2d71aa",
    )
    event.event_timestamp.FromSeconds(1_735_689_600)
    event.related_event_ids.extend(["3b9f0c2d71aa-0000000040", "3b9f0c2d71aa-0000000041"])
    event.custom_metadata["profile"] = "ddos_syn"
    event.event_tags.extend(["synthetic", "tcp"])

    features = event.network_features
    features.source_ip = "203.0.113.9"
    features.destination_ip = "10.0.0.5"
    features.source_port = 40000
    features.destination_port = 80
    features.protocol_number = 6
    features.flow_duration.FromMicroseconds(1_500_000)
    features.flow_duration_microseconds = 1_500_000
    features.total_forward_packets = 2**33
    features.syn_flag_count = 512
    features.packet_length_variance = 12.5
    features.ddos_features.extend([0.1, 0.2, 0.3])
    features.custom_features["syn_ratio"] = 0.98
    features.feature_metadata["source"] = "synthetic"
    features.subflow_forward_packets = 512
    features.init_win_bytes_forward = -1
    features.init_win_bytes_backward = 65535
    features.idle_max = 1.5e6

    event.geo_enrichment.source_ip_geo.country_code = "ES"
    event.geo_enrichment.source_ip_geo.threat_level = pb.GeoLocationInfo.CRITICAL
    event.geo_enrichment.geographic_anomaly_score = 0.5
    event.time_window.window_type = pb.TimeWindow.SESSION_BASED
    event.time_window.window_duration.FromSeconds(60)
    event.ml_analysis.level1_general_detection.model_type = pb.ModelPrediction.LIGHTGBM_DDOS
    event.ml_analysis.feature_importance_scores["syn_flag_count"] = 0.6
    event.additional_model_predictions.add(model_name="rf", class_probabilities=[0.2, 0.8])
    event.capturing_node.node_role = pb.DistributedNode.PACKET_SNIFFER
    event.capturing_node.node_capabilities["capture"] = "pcap"
    event.capturing_node.uptime.FromSeconds(3600)
    event.pipeline_tracking.pipeline_id = "pipe-1"
    event.pipeline_tracking.component_metadata["stage"] = "producer"
    event.rag_analysis.relevance_scores.extend([0.9, 0.4])
    event.human_review.review_priority = pb.HumanInTheLoopReview.EMERGENCY
    event.human_review.analyst_feedback.feedback_type = pb.HumanFeedback.FALSE_POSITIVE_REPORT
    return event


def test_full_event_sets_every_field() -> None:
    event = make_full_event()

    set_fields = {field.name for field, _ in event.ListFields()}

    assert set_fields == set(event.DESCRIPTOR.fields_by_name)


def test_round_trip_full_event() -> None:
    event = make_full_event()

    decoded = pb.NetworkSecurityEvent()
    decoded.ParseFromString(event.SerializeToString())

    assert decoded == event


def test_round_trip_keeps_producer_fields() -> None:
    decoded = pb.NetworkSecurityEvent()
    decoded.ParseFromString(make_full_event().SerializeToString())

    assert decoded.producer_instance_id == "service1-instance-001"
    assert decoded.sequence_number == 2**40 + 42


def build_original_event_class():
    """Build a NetworkSecurityEvent class that contains only the fields of the original schema.

    It starts from our descriptors and drops every field the TSV does not list, in a pool of its
    own so the names do not clash with the generated module.
    """
    original_fields = {(row["message"], int(row["tag"])) for row in ORIGINAL_FIELDS}
    file_proto = descriptor_pb2.FileDescriptorProto()
    pb.DESCRIPTOR.CopyToProto(file_proto)
    for message_proto in file_proto.message_type:
        original_only = [field for field in message_proto.field
                         if (message_proto.name, field.number) in original_fields]
        del message_proto.field[:]
        message_proto.field.extend(original_only)

    pool = descriptor_pool.DescriptorPool()
    for dependency in (timestamp_pb2, duration_pb2):
        dependency_proto = descriptor_pb2.FileDescriptorProto()
        dependency.DESCRIPTOR.CopyToProto(dependency_proto)
        pool.Add(dependency_proto)
    pool.Add(file_proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("protobuf.NetworkSecurityEvent"))


def test_original_reader_skips_new_fields() -> None:
    event = make_full_event()

    original = build_original_event_class()()
    original.ParseFromString(event.SerializeToString())

    assert "producer_instance_id" not in original.DESCRIPTOR.fields_by_name
    assert sorted(field.field_number for field in UnknownFieldSet(original)) == list(NEW_EVENT_TAGS)
    assert original.event_id == event.event_id
    assert original.event_timestamp.seconds == event.event_timestamp.seconds
    assert list(original.network_features.ddos_features) == list(event.network_features.ddos_features)


def test_original_reader_skips_new_features() -> None:
    event = make_full_event()
    original_feature_tags = {int(row["tag"]) for row in ORIGINAL_FIELDS if row["message"] == "NetworkFeatures"}
    new_feature_tags = {field.number for field, _ in event.network_features.ListFields()} - original_feature_tags

    original = build_original_event_class()()
    original.ParseFromString(event.SerializeToString())

    unknown_tags = {field.field_number for field in UnknownFieldSet(original.network_features)}
    assert new_feature_tags == {120, 124, 125, 134}
    assert unknown_tags == new_feature_tags
    assert original.network_features.syn_flag_count == 512


def test_original_reader_passes_new_fields_on() -> None:
    original = build_original_event_class()()
    original.ParseFromString(make_full_event().SerializeToString())

    forwarded = pb.NetworkSecurityEvent()
    forwarded.ParseFromString(original.SerializeToString())

    assert forwarded == make_full_event()
