"""The 83-value ML vectors (`ddos_features`, `ransomware_features`) derived from flow statistics.

A model reads `ddos_features` by position. Positions 0-75 are the 76 flow statistics in the order of
their protobuf tags, and positions 76-82 are context and ratios computed from them. The list is
published as ML_FEATURE_NAMES and, joined with commas, in each event's feature_metadata.
"""

from __future__ import annotations

import math

from .flow import FLOW_FIELD_NAMES, TCP

DERIVED_FEATURE_NAMES: tuple[str, ...] = (
    "destination_port",
    "protocol_number",
    # syn_flag_count / max(ack_flag_count, 1)
    "syn_ack_ratio",
    # act_data_pkt_forward / total_forward_packets
    "forward_data_packet_fraction",
    # total_backward_packets / all packets
    "backward_packet_fraction",
    # flow_inter_arrival_time_std / flow_inter_arrival_time_mean, 0 when the mean is 0
    "flow_iat_coefficient_of_variation",
    # log10(1 + flow_packets_per_second)
    "log_flow_packets_per_second",
)

ML_FEATURE_NAMES: tuple[str, ...] = FLOW_FIELD_NAMES + DERIVED_FEATURE_NAMES

# Destination ports of file-sharing protocols: NetBIOS session (139), SMB (445) and NFS (2049).
FILE_SHARING_PORTS = frozenset((139, 445, 2049))
# Forward volume from which an upload counts as bulk and gets a ransomware vector, 1 MiB.
BULK_UPLOAD_BYTES = 1 << 20

ML_FEATURE_NAMES_TEXT = ",".join(ML_FEATURE_NAMES)
ML_SCHEMA_VERSION = "cicflow-ml-v1"


def safe_ratio(numerator: float, denominator: float) -> float:
    """Return numerator / denominator, or 0.0 when the denominator is not positive."""
    return numerator / denominator if denominator > 0 else 0.0


def derive_extra(features: dict, destination_port: int, protocol: int) -> list[float]:
    """Return the values of DERIVED_FEATURE_NAMES for one flow."""
    fwd_packets = features["total_forward_packets"]
    all_packets = fwd_packets + features["total_backward_packets"]
    return [
        float(destination_port),
        float(protocol),
        features["syn_flag_count"] / max(features["ack_flag_count"], 1),
        safe_ratio(features["act_data_pkt_forward"], fwd_packets),
        safe_ratio(features["total_backward_packets"], all_packets),
        safe_ratio(features["flow_inter_arrival_time_std"],
                   features["flow_inter_arrival_time_mean"]),
        math.log10(1.0 + max(features["flow_packets_per_second"], 0.0)),
    ]


def build_vector(features: dict, destination_port: int, protocol: int) -> list[float]:
    """Return the 83 values of ML_FEATURE_NAMES for one flow's statistics."""
    vector = [float(features[name]) for name in FLOW_FIELD_NAMES]
    vector.extend(derive_extra(features, destination_port, protocol))
    return vector


def has_ransomware_context(features: dict, destination_port: int, protocol: int) -> bool:
    """Tell whether a flow gets a ransomware vector: TCP to a file share, or a bulk upload."""
    if protocol != TCP:
        return False
    if destination_port in FILE_SHARING_PORTS:
        return True
    return features["total_forward_bytes"] >= BULK_UPLOAD_BYTES
