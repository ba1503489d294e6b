"""Checks of the relations that CICFlowMeter statistics of one flow must satisfy.

`find_violations` returns one line per broken relation, so tests and tools can report every
problem of a flow at once. Float comparisons allow a relative error of 1e-9.
"""

from __future__ import annotations

import math

from protobuf import network_security_pb2 as pb

from .flow import FLOW_FIELD_NAMES
from .ml_vector import ML_FEATURE_NAMES

TOLERANCE = 1e-9


def close(a: float, b: float) -> bool:
    """Tell whether two values are equal within TOLERANCE (relative) or 1e-6 (absolute)."""
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=1e-6)


def at_most(a: float, b: float) -> bool:
    """Tell whether a <= b within the tolerance."""
    return a <= b or close(a, b)


def check_direction(nf: pb.NetworkFeatures, prefix: str, packets: int, size: int) -> list[str]:
    """Return the violations of one direction's packet-length statistics."""
    low = getattr(nf, prefix + "_packet_length_min")
    high = getattr(nf, prefix + "_packet_length_max")
    mean = getattr(nf, prefix + "_packet_length_mean")
    std = getattr(nf, prefix + "_packet_length_std")
    problems = []
    if packets == 0:
        if (low, high, mean, std, size) != (0, 0, 0, 0, 0):
            problems.append(f"{prefix}: statistics not zero without packets")
        return problems
    if not (at_most(low, mean) and at_most(mean, high)):
        problems.append(f"{prefix}: not min {low} <= mean {mean} <= max {high}")
    if not close(mean, size / packets):
        problems.append(f"{prefix}: mean {mean} != bytes {size} / packets {packets}")
    if not (packets * low <= size <= packets * high):
        problems.append(f"{prefix}: bytes {size} outside packets x [min, max]")
    if packets == 1 and std != 0:
        problems.append(f"{prefix}: std {std} != 0 for a single packet")
    return problems


def check_iat(nf: pb.NetworkFeatures, prefix: str, packets: int, duration: int) -> list[str]:
    """Return the violations of one inter-arrival time family."""
    low = getattr(nf, prefix + "_min")
    high = getattr(nf, prefix + "_max")
    mean = getattr(nf, prefix + "_mean")
    std = getattr(nf, prefix + "_std")
    total = getattr(nf, prefix + "_total", None)
    problems = []
    if packets <= 1:
        values = (low, high, mean, std) + ((total,) if total is not None else ())
        if any(values):
            problems.append(f"{prefix}: not all zero with {packets} packet(s)")
        return problems
    if not (at_most(low, mean) and at_most(mean, high) and at_most(high, duration)):
        problems.append(f"{prefix}: not min {low} <= mean {mean} <= max {high} <= "
                        f"duration {duration}")
    if total is not None and not at_most(total, duration):
        problems.append(f"{prefix}: total {total} > duration {duration}")
    return problems


def check_rates(nf: pb.NetworkFeatures, packets: int, size: int, duration: int) -> list[str]:
    """Return the violations of the per-second rates (0 for a zero duration)."""
    expected = {
        "flow_bytes_per_second": size,
        "flow_packets_per_second": packets,
        "forward_packets_per_second": nf.total_forward_packets,
        "backward_packets_per_second": nf.total_backward_packets,
    }
    problems = []
    for name, count in expected.items():
        value = getattr(nf, name)
        want = count * 1e6 / duration if duration > 0 else 0.0
        if not math.isfinite(value) or not close(value, want):
            problems.append(f"{name} {value} != {count} x 1e6 / {duration}")
    return problems


def check_flags(nf: pb.NetworkFeatures, packets: int) -> list[str]:
    """Return the violations of the flag counts, window values and the UDP rules."""
    names = ("fin_flag_count", "syn_flag_count", "rst_flag_count", "psh_flag_count",
             "ack_flag_count", "urg_flag_count", "cwe_flag_count", "ece_flag_count")
    problems = [f"{name} {getattr(nf, name)} > {packets} packets" for name in names
                if getattr(nf, name) > packets]
    for name, direction in (("forward_psh_flags", nf.total_forward_packets),
                            ("backward_psh_flags", nf.total_backward_packets),
                            ("forward_urg_flags", nf.total_forward_packets),
                            ("backward_urg_flags", nf.total_backward_packets)):
        if getattr(nf, name) > direction:
            problems.append(f"{name} {getattr(nf, name)} > {direction} packets in its direction")
    if nf.protocol_number == 17:
        if any(getattr(nf, name) for name in names):
            problems.append("UDP flow has TCP flags")
        if nf.init_win_bytes_forward != -1 or nf.init_win_bytes_backward != -1:
            problems.append("UDP flow has a TCP window")
    return problems


def check_periods(nf: pb.NetworkFeatures, duration: int) -> list[str]:
    """Return the violations of subflow values and active/idle periods."""
    problems = []
    for part, total in (("forward_packets", nf.total_forward_packets),
                        ("forward_bytes", nf.total_forward_bytes),
                        ("backward_packets", nf.total_backward_packets),
                        ("backward_bytes", nf.total_backward_bytes)):
        if getattr(nf, "subflow_" + part) > total:
            problems.append(f"subflow_{part} > total {total}")
    for prefix in ("active", "idle"):
        low, mean, high = (getattr(nf, f"{prefix}_{s}") for s in ("min", "mean", "max"))
        if not (at_most(low, mean) and at_most(mean, high) and at_most(high, duration)):
            problems.append(f"{prefix}: not min {low} <= mean {mean} <= max {high} <= "
                            f"duration {duration}")
    if not at_most(nf.active_max + nf.idle_max, duration):
        problems.append("longest active and idle periods exceed the duration together")
    return problems


def check_ml_vector(nf: pb.NetworkFeatures) -> list[str]:
    """Return the violations of the ML vector: length, names and equality with the fields."""
    vector = nf.ddos_features
    if len(vector) != len(ML_FEATURE_NAMES):
        return [f"ddos_features has {len(vector)} values, expected {len(ML_FEATURE_NAMES)}"]
    problems = [f"ddos_features[{i}] {vector[i]} != {name} {getattr(nf, name)}"
                for i, name in enumerate(FLOW_FIELD_NAMES)
                if not close(vector[i], float(getattr(nf, name)))]
    if nf.feature_metadata.get("ml_feature_names", "") != ",".join(ML_FEATURE_NAMES):
        problems.append("feature_metadata ml_feature_names differs from ML_FEATURE_NAMES")
    return problems


def find_violations(nf: pb.NetworkFeatures) -> list[str]:
    """Return one line per relation that the flow statistics of an event break."""
    fwd = nf.total_forward_packets
    bwd = nf.total_backward_packets
    packets = fwd + bwd
    size = nf.total_forward_bytes + nf.total_backward_bytes
    duration = nf.flow_duration_microseconds
    problems = []
    if fwd < 1:
        problems.append("no forward packet")
    problems += check_direction(nf, "forward", fwd, nf.total_forward_bytes)
    problems += check_direction(nf, "backward", bwd, nf.total_backward_bytes)
    lows = [v for v, n in ((nf.forward_packet_length_min, fwd),
                           (nf.backward_packet_length_min, bwd)) if n]
    highs = [nf.forward_packet_length_max, nf.backward_packet_length_max]
    if lows and nf.minimum_packet_length != min(lows):
        problems.append(f"minimum_packet_length {nf.minimum_packet_length} != {min(lows)}")
    if nf.maximum_packet_length != max(highs):
        problems.append(f"maximum_packet_length {nf.maximum_packet_length} != {max(highs)}")
    if not close(nf.packet_length_variance, nf.packet_length_std ** 2):
        problems.append("packet_length_variance != packet_length_std squared")
    problems += check_rates(nf, packets, size, duration)
    problems += check_iat(nf, "flow_inter_arrival_time", packets, duration)
    problems += check_iat(nf, "forward_inter_arrival_time", fwd, duration)
    problems += check_iat(nf, "backward_inter_arrival_time", bwd, duration)
    problems += check_flags(nf, packets)
    problems += check_periods(nf, duration)
    problems += check_ml_vector(nf)
    return problems
