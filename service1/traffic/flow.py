"""Packet trace of one flow and the CICFlowMeter statistics computed from it.

Each feature family (counts, packet lengths, inter-arrival times, flags, headers, bulk, subflows,
active/idle periods) has its own function, and `compute_features` joins them into one dict keyed by
the NetworkFeatures field names. The rules follow the Java CICFlowMeter (version 4, used for
CIC-IDS2017 and CSE-CIC-IDS2018): times in microseconds, packet lengths as payload bytes, sample
standard deviation (n - 1), and a 5 s activity timeout.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import compress, groupby
from operator import mul, sub

FIN = 0x01
SYN = 0x02
RST = 0x04
PSH = 0x08
ACK = 0x10
URG = 0x20
ECE = 0x40
CWR = 0x80

TCP = 6
UDP = 17

# Gap that ends an active period and starts an idle one, as in CICFlowMeter's activityTimeout.
ACTIVITY_TIMEOUT_US = 5_000_000
# Gap that starts a new subflow.
SUBFLOW_GAP_US = 1_000_000
# Gap that ends a bulk transfer, and the packets a run needs to count as a bulk.
BULK_GAP_US = 1_000_000
BULK_MIN_PACKETS = 4

# The 76 flow statistics, in the order of their protobuf tags.
FLOW_FIELD_NAMES: tuple[str, ...] = (
    "flow_duration_microseconds",
    "total_forward_packets",
    "total_backward_packets",
    "total_forward_bytes",
    "total_backward_bytes",
    "forward_packet_length_max",
    "forward_packet_length_min",
    "forward_packet_length_mean",
    "forward_packet_length_std",
    "backward_packet_length_max",
    "backward_packet_length_min",
    "backward_packet_length_mean",
    "backward_packet_length_std",
    "flow_bytes_per_second",
    "flow_packets_per_second",
    "forward_packets_per_second",
    "backward_packets_per_second",
    "download_upload_ratio",
    "average_packet_size",
    "average_forward_segment_size",
    "average_backward_segment_size",
    "flow_inter_arrival_time_mean",
    "flow_inter_arrival_time_std",
    "flow_inter_arrival_time_max",
    "flow_inter_arrival_time_min",
    "forward_inter_arrival_time_total",
    "forward_inter_arrival_time_mean",
    "forward_inter_arrival_time_std",
    "forward_inter_arrival_time_max",
    "forward_inter_arrival_time_min",
    "backward_inter_arrival_time_total",
    "backward_inter_arrival_time_mean",
    "backward_inter_arrival_time_std",
    "backward_inter_arrival_time_max",
    "backward_inter_arrival_time_min",
    "fin_flag_count",
    "syn_flag_count",
    "rst_flag_count",
    "psh_flag_count",
    "ack_flag_count",
    "urg_flag_count",
    "cwe_flag_count",
    "ece_flag_count",
    "forward_psh_flags",
    "backward_psh_flags",
    "forward_urg_flags",
    "backward_urg_flags",
    "forward_header_length",
    "backward_header_length",
    "forward_average_bytes_bulk",
    "forward_average_packets_bulk",
    "forward_average_bulk_rate",
    "backward_average_bytes_bulk",
    "backward_average_packets_bulk",
    "backward_average_bulk_rate",
    "minimum_packet_length",
    "maximum_packet_length",
    "packet_length_mean",
    "packet_length_std",
    "packet_length_variance",
    "subflow_forward_packets",
    "subflow_forward_bytes",
    "subflow_backward_packets",
    "subflow_backward_bytes",
    "init_win_bytes_forward",
    "init_win_bytes_backward",
    "act_data_pkt_forward",
    "min_seg_size_forward",
    "active_mean",
    "active_std",
    "active_max",
    "active_min",
    "idle_mean",
    "idle_std",
    "idle_max",
    "idle_min",
)


class PacketTrace:
    """Packets of one bidirectional flow in capture order, also split by direction.

    Times are integer microseconds from the first packet; payloads and headers are bytes. The
    per-direction lists let the statistics use C-level builtins instead of Python loops.
    """

    __slots__ = ("protocol", "times", "forward", "payloads", "fwd_times", "fwd_payloads",
                 "fwd_headers", "fwd_flags", "bwd_times", "bwd_payloads", "bwd_headers",
                 "bwd_flags", "fwd_window", "bwd_window")

    def __init__(self, protocol: int) -> None:
        self.protocol = protocol
        self.times: list[int] = []
        self.forward: list[bool] = []
        self.payloads: list[int] = []
        self.fwd_times: list[int] = []
        self.fwd_payloads: list[int] = []
        self.fwd_headers: list[int] = []
        self.fwd_flags: list[int] = []
        self.bwd_times: list[int] = []
        self.bwd_payloads: list[int] = []
        self.bwd_headers: list[int] = []
        self.bwd_flags: list[int] = []
        self.fwd_window = -1
        self.bwd_window = -1

    def add(self, time_us: int, forward: bool, payload: int, header: int, flags: int = 0,
            window: int = 0) -> None:
        """Append one packet; time_us must not be earlier than the previous packet."""
        self.times.append(time_us)
        self.forward.append(forward)
        self.payloads.append(payload)
        if forward:
            if not self.fwd_times and self.protocol == TCP:
                self.fwd_window = window
            self.fwd_times.append(time_us)
            self.fwd_payloads.append(payload)
            self.fwd_headers.append(header)
            self.fwd_flags.append(flags)
        else:
            if not self.bwd_times and self.protocol == TCP:
                self.bwd_window = window
            self.bwd_times.append(time_us)
            self.bwd_payloads.append(payload)
            self.bwd_headers.append(header)
            self.bwd_flags.append(flags)

    def add_batch(self, times: list[int], forward: list[bool], payloads: list[int],
                  headers: list[int], flags: list[int], windows: tuple[int, int]) -> None:
        """Append packets given as parallel lists in capture order.

        ``windows`` is the initial TCP window (forward, backward) used when the batch opens a
        direction.
        """
        backward = [not f for f in forward]
        if self.protocol == TCP:
            if not self.fwd_times and any(forward):
                self.fwd_window = windows[0]
            if not self.bwd_times and any(backward):
                self.bwd_window = windows[1]
        self.times.extend(times)
        self.forward.extend(forward)
        self.payloads.extend(payloads)
        self.fwd_times.extend(compress(times, forward))
        self.fwd_payloads.extend(compress(payloads, forward))
        self.fwd_headers.extend(compress(headers, forward))
        self.fwd_flags.extend(compress(flags, forward))
        self.bwd_times.extend(compress(times, backward))
        self.bwd_payloads.extend(compress(payloads, backward))
        self.bwd_headers.extend(compress(headers, backward))
        self.bwd_flags.extend(compress(flags, backward))


def describe(values: list[int]) -> tuple[int, int, int, float, float]:
    """Return (sum, min, max, mean, sample std) of integer values, all zero when empty."""
    count = len(values)
    if count == 0:
        return 0, 0, 0, 0.0, 0.0
    total = sum(values)
    low = min(values)
    high = max(values)
    mean = total / count
    if low == high:
        return total, low, high, mean, 0.0
    squares = sum(map(mul, values, values))
    variance = (squares - total * total / count) / (count - 1)
    std = math.sqrt(variance) if variance > 0.0 else 0.0
    return total, low, high, mean, std


def per_second(count: float, duration_us: int) -> float:
    """Return count per second; 0.0 when the duration is zero (CICFlowMeter would write Infinity)."""
    if duration_us <= 0:
        return 0.0
    return count * 1_000_000 / duration_us


def gaps_of(times: list[int]) -> list[int]:
    """Return the inter-arrival times of consecutive timestamps."""
    return list(map(sub, times[1:], times[:-1]))


def compute_length_features(trace: PacketTrace, out: dict) -> None:
    """Set packet counts, byte totals and packet-length statistics."""
    fwd_sum, fwd_min, fwd_max, fwd_mean, fwd_std = describe(trace.fwd_payloads)
    bwd_sum, bwd_min, bwd_max, bwd_mean, bwd_std = describe(trace.bwd_payloads)
    all_sum, all_min, all_max, all_mean, all_std = describe(trace.payloads)

    out["total_forward_packets"] = len(trace.fwd_payloads)
    out["total_backward_packets"] = len(trace.bwd_payloads)
    out["total_forward_bytes"] = fwd_sum
    out["total_backward_bytes"] = bwd_sum
    out["forward_packet_length_max"] = fwd_max
    out["forward_packet_length_min"] = fwd_min
    out["forward_packet_length_mean"] = fwd_mean
    out["forward_packet_length_std"] = fwd_std
    out["backward_packet_length_max"] = bwd_max
    out["backward_packet_length_min"] = bwd_min
    out["backward_packet_length_mean"] = bwd_mean
    out["backward_packet_length_std"] = bwd_std
    out["minimum_packet_length"] = all_min
    out["maximum_packet_length"] = all_max
    out["packet_length_mean"] = all_mean
    out["packet_length_std"] = all_std
    out["packet_length_variance"] = all_std * all_std
    out["average_packet_size"] = all_mean
    out["average_forward_segment_size"] = fwd_mean
    out["average_backward_segment_size"] = bwd_mean
    out["act_data_pkt_forward"] = len(trace.fwd_payloads) - trace.fwd_payloads.count(0)


def compute_rate_features(out: dict) -> None:
    """Set the per-second rates and the download/upload ratio from counts and duration."""
    duration = out["flow_duration_microseconds"]
    fwd_packets = out["total_forward_packets"]
    bwd_packets = out["total_backward_packets"]
    out["flow_bytes_per_second"] = per_second(
        out["total_forward_bytes"] + out["total_backward_bytes"], duration)
    out["flow_packets_per_second"] = per_second(fwd_packets + bwd_packets, duration)
    out["forward_packets_per_second"] = per_second(fwd_packets, duration)
    out["backward_packets_per_second"] = per_second(bwd_packets, duration)
    # CICFlowMeter divides the packet counts as integers, so the ratio is a whole number.
    out["download_upload_ratio"] = float(bwd_packets // fwd_packets) if fwd_packets else 0.0


def set_iat_family(out: dict, prefix: str, gaps: list[int], with_total: bool) -> None:
    """Set the mean/std/max/min (and total) inter-arrival time fields named by prefix."""
    total, low, high, mean, std = describe(gaps)
    if with_total:
        out[prefix + "_total"] = float(total)
    out[prefix + "_mean"] = mean
    out[prefix + "_std"] = std
    out[prefix + "_max"] = high
    out[prefix + "_min"] = low


def compute_iat_features(trace: PacketTrace, flow_gaps: list[int], out: dict) -> None:
    """Set the flow, forward and backward inter-arrival time statistics."""
    set_iat_family(out, "flow_inter_arrival_time", flow_gaps, with_total=False)
    set_iat_family(out, "forward_inter_arrival_time", gaps_of(trace.fwd_times), with_total=True)
    set_iat_family(out, "backward_inter_arrival_time", gaps_of(trace.bwd_times), with_total=True)


def count_flags(flags: list[int]) -> list[int]:
    """Return how many packets carry each flag bit, indexed by bit position (FIN first)."""
    counts = [0] * 8
    for combination, packets in Counter(flags).items():
        for bit in range(8):
            if combination >> bit & 1:
                counts[bit] += packets
    return counts


def compute_flag_features(trace: PacketTrace, out: dict) -> None:
    """Set the TCP flag counts; a UDP flow has none."""
    fwd = count_flags(trace.fwd_flags)
    bwd = count_flags(trace.bwd_flags)
    out["fin_flag_count"] = fwd[0] + bwd[0]
    out["syn_flag_count"] = fwd[1] + bwd[1]
    out["rst_flag_count"] = fwd[2] + bwd[2]
    out["psh_flag_count"] = fwd[3] + bwd[3]
    out["ack_flag_count"] = fwd[4] + bwd[4]
    out["urg_flag_count"] = fwd[5] + bwd[5]
    # The wire format names the CWR flag "cwe", as the CIC-IDS2017 column "CWE Flag Count" does.
    out["cwe_flag_count"] = fwd[7] + bwd[7]
    out["ece_flag_count"] = fwd[6] + bwd[6]
    out["forward_psh_flags"] = fwd[3]
    out["backward_psh_flags"] = bwd[3]
    out["forward_urg_flags"] = fwd[5]
    out["backward_urg_flags"] = bwd[5]


def compute_header_features(trace: PacketTrace, out: dict) -> None:
    """Set header byte totals, the smallest forward header and the initial TCP windows."""
    out["forward_header_length"] = float(sum(trace.fwd_headers))
    out["backward_header_length"] = float(sum(trace.bwd_headers))
    out["min_seg_size_forward"] = min(trace.fwd_headers) if trace.fwd_headers else 0
    # -1 for a direction without packets and for non-TCP flows, as CICFlowMeter writes it.
    out["init_win_bytes_forward"] = trace.fwd_window
    out["init_win_bytes_backward"] = trace.bwd_window


def measure_run(times: list[int], payloads: list[int]) -> tuple[int, int, int, int]:
    """Return (bulks, packets, bytes, duration) of one same-direction run of payload packets.

    The run is cut wherever two packets are more than BULK_GAP_US apart, and each piece with at
    least BULK_MIN_PACKETS packets is a bulk.
    """
    bulks = packets = size = duration = 0
    start = 0
    count = len(times)
    for index in range(1, count + 1):
        if index < count and times[index] - times[index - 1] <= BULK_GAP_US:
            continue
        if index - start >= BULK_MIN_PACKETS:
            bulks += 1
            packets += index - start
            size += sum(payloads[start:index])
            duration += times[index - 1] - times[start]
        start = index
    return bulks, packets, size, duration


def measure_bulks(trace: PacketTrace) -> dict[bool, list[int]]:
    """Return [bulks, packets, bytes, duration in us] of the bulk transfers per direction.

    A bulk is a run of at least BULK_MIN_PACKETS payload-carrying packets in one direction with no
    payload-carrying packet of the other direction between them and no gap above BULK_GAP_US.
    """
    totals = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}
    payloads = trace.payloads
    data_times = list(compress(trace.times, payloads))
    data_payloads = list(compress(payloads, payloads))
    data_forward = compress(trace.forward, payloads)
    start = 0
    for direction, run in groupby(data_forward):
        length = sum(1 for _ in run)
        if length >= BULK_MIN_PACKETS:
            measured = measure_run(data_times[start:start + length],
                                   data_payloads[start:start + length])
            total = totals[direction]
            for index in range(4):
                total[index] += measured[index]
        start += length
    return totals


def compute_bulk_features(trace: PacketTrace, out: dict) -> None:
    """Set the average bytes, packets and rate per bulk transfer for both directions."""
    fwd_data = len(trace.fwd_payloads) - trace.fwd_payloads.count(0)
    bwd_data = len(trace.bwd_payloads) - trace.bwd_payloads.count(0)
    if fwd_data < BULK_MIN_PACKETS and bwd_data < BULK_MIN_PACKETS:
        totals = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}
    else:
        totals = measure_bulks(trace)
    for prefix, forward in (("forward", True), ("backward", False)):
        bulks, packets, size, duration = totals[forward]
        out[prefix + "_average_bytes_bulk"] = size / bulks if bulks else 0.0
        out[prefix + "_average_packets_bulk"] = packets / bulks if bulks else 0.0
        out[prefix + "_average_bulk_rate"] = per_second(size, duration)


def compute_subflow_features(flow_gaps: list[int], out: dict) -> None:
    """Set the per-subflow averages; a gap above SUBFLOW_GAP_US starts a new subflow."""
    subflows = 1
    if flow_gaps and max(flow_gaps) > SUBFLOW_GAP_US:
        subflows += sum(1 for gap in flow_gaps if gap > SUBFLOW_GAP_US)
    out["subflow_forward_packets"] = out["total_forward_packets"] // subflows
    out["subflow_forward_bytes"] = out["total_forward_bytes"] // subflows
    out["subflow_backward_packets"] = out["total_backward_packets"] // subflows
    out["subflow_backward_bytes"] = out["total_backward_bytes"] // subflows


def split_activity(times: list[int], flow_gaps: list[int]) -> tuple[list[int], list[int]]:
    """Return the active and idle periods; a gap above ACTIVITY_TIMEOUT_US is an idle period."""
    duration = times[-1] - times[0] if times else 0
    if not flow_gaps or max(flow_gaps) <= ACTIVITY_TIMEOUT_US:
        return ([duration] if duration > 0 else []), []
    active: list[int] = []
    idle: list[int] = []
    start = end = times[0]
    for time_us in times[1:]:
        if time_us - end > ACTIVITY_TIMEOUT_US:
            if end > start:
                active.append(end - start)
            idle.append(time_us - end)
            start = time_us
        end = time_us
    if end > start:
        active.append(end - start)
    return active, idle


def compute_activity_features(trace: PacketTrace, flow_gaps: list[int], out: dict) -> None:
    """Set the active and idle period statistics."""
    active, idle = split_activity(trace.times, flow_gaps)
    for prefix, periods in (("active", active), ("idle", idle)):
        _, low, high, mean, std = describe(periods)
        out[prefix + "_mean"] = mean
        out[prefix + "_std"] = std
        out[prefix + "_max"] = float(high)
        out[prefix + "_min"] = float(low)


def compute_features(trace: PacketTrace) -> dict:
    """Compute all 76 flow statistics of a trace, keyed by NetworkFeatures field name."""
    out: dict = {}
    times = trace.times
    flow_gaps = gaps_of(times)
    out["flow_duration_microseconds"] = times[-1] - times[0] if times else 0
    compute_length_features(trace, out)
    compute_rate_features(out)
    compute_iat_features(trace, flow_gaps, out)
    compute_flag_features(trace, out)
    compute_header_features(trace, out)
    compute_bulk_features(trace, out)
    compute_subflow_features(flow_gaps, out)
    compute_activity_features(trace, flow_gaps, out)
    return out
