"""Copy computed flow statistics, ML vectors and labels into a NetworkSecurityEvent."""

from __future__ import annotations

from protobuf import network_security_pb2 as pb

from .flow import FLOW_FIELD_NAMES
from .ml_vector import (ML_FEATURE_NAMES, ML_FEATURE_NAMES_TEXT, ML_SCHEMA_VERSION, build_vector,
                        has_ransomware_context)

PROTOCOL_NAMES = {1: "ICMP", 6: "TCP", 17: "UDP", 58: "ICMPV6"}

# Ranges of google.protobuf.Timestamp (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z) and
# google.protobuf.Duration (at most 315,576,000,000 s), in microseconds, from duration.proto and
# timestamp.proto. Values outside them can be set but not printed or converted to JSON.
TIMESTAMP_MIN_US = -62_135_596_800 * 1_000_000
TIMESTAMP_MAX_US = 253_402_300_800 * 1_000_000 - 1
DURATION_MAX_US = 315_576_000_000 * 1_000_000

# Metadata every event carries, so a consumer can read the vectors without this code.
STATIC_METADATA = {
    "ml_feature_schema": ML_SCHEMA_VERSION,
    "ml_feature_count": str(len(ML_FEATURE_NAMES)),
    "ml_feature_names": ML_FEATURE_NAMES_TEXT,
    "time_unit": "microseconds",
    "packet_length_unit": "payload bytes",
    "zero_duration_rates": "0",
}


def fill_identity(nf: pb.NetworkFeatures, source_ip: str, destination_ip: str, source_port: int,
                  destination_port: int, protocol: int) -> None:
    """Set the 5-tuple and the protocol name."""
    nf.source_ip = source_ip
    nf.destination_ip = destination_ip
    nf.source_port = source_port
    nf.destination_port = destination_port
    nf.protocol_number = protocol
    nf.protocol_name = PROTOCOL_NAMES.get(protocol, str(protocol) if protocol else "")


def fill_times(nf: pb.NetworkFeatures, start_us: int, duration_us: int) -> None:
    """Set the flow start time (unix microseconds) and the duration in both encodings.

    The caller keeps start_us within TIMESTAMP_MIN_US..TIMESTAMP_MAX_US and duration_us within
    0..DURATION_MAX_US.
    """
    nf.flow_start_time.seconds, micros = divmod(start_us, 1_000_000)
    nf.flow_start_time.nanos = micros * 1000
    nf.flow_duration.seconds, micros = divmod(duration_us, 1_000_000)
    nf.flow_duration.nanos = micros * 1000


def fill_statistics(nf: pb.NetworkFeatures, features: dict) -> None:
    """Set the 76 flow statistics and the ML vectors derived from them."""
    for name in FLOW_FIELD_NAMES:
        setattr(nf, name, features[name])
    vector = build_vector(features, nf.destination_port, nf.protocol_number)
    nf.ddos_features.extend(vector)
    if has_ransomware_context(features, nf.destination_port, nf.protocol_number):
        nf.ransomware_features.extend(vector)


def fill_metadata(nf: pb.NetworkFeatures, extra: dict[str, str]) -> None:
    """Set the static feature metadata plus the source-specific entries."""
    metadata = nf.feature_metadata
    metadata.update(STATIC_METADATA)
    metadata.update(extra)


def fill_label(event: pb.NetworkSecurityEvent, classification: str, category: str) -> None:
    """Set the coarse label (final_classification) and the fine one (threat_category)."""
    event.final_classification = classification
    event.threat_category = category
