"""Transparent rule-based threat scoring of one flow event.

Each rule looks at the flow statistics of a single event (and the threat-intelligence flags of its
geo enrichment), and a rule that fires adds a weight and a human-readable reason. Rates are
recomputed from counts and duration instead of read from the event, because the older C++ producer
fills the rate fields inconsistently. Non-finite values count as 0, so any decodable event can be
scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from protobuf import network_security_pb2 as pb

TCP = 6
UDP = 17
WEB_PORTS = frozenset((80, 443, 8000, 8080, 8443))
LOGIN_PORTS = frozenset((21, 22, 23, 110, 143, 3389, 5900))
FILE_SHARING_PORTS = frozenset((139, 445))

# Score from which an event gets the class of its strongest rule instead of SUSPICIOUS.
ALERT_THRESHOLD = 0.5


@dataclass(frozen=True)
class ThreatAssessment:
    """Result of scoring one event."""

    score: float  # 0.0 .. 1.0
    classification: str  # BENIGN, SUSPICIOUS, DDOS, PORTSCAN, BRUTE_FORCE or RANSOMWARE
    reasons: tuple[str, ...]  # the rules that fired, human readable


@dataclass(frozen=True)
class Finding:
    """One rule that fired: its weight, the class it points to ("" for none) and why."""

    weight: float
    classification: str
    reason: str


@dataclass(frozen=True)
class FlowView:
    """The flow statistics the rules use, cleaned of non-finite values."""

    protocol: int
    destination_port: int
    duration_us: float
    fwd_packets: float
    bwd_packets: float
    fwd_bytes: float
    bwd_bytes: float
    fwd_data_packets: float
    fwd_length_max: float
    bwd_iat_mean: float
    syn: float
    ack: float
    rst: float

    @property
    def packets(self) -> float:
        """Packets in both directions."""
        return self.fwd_packets + self.bwd_packets

    @property
    def packet_rate(self) -> float:
        """Packets per second from counts and duration; 0 for a zero duration."""
        return self.packets * 1e6 / self.duration_us if self.duration_us > 0 else 0.0


def finite(value: float) -> float:
    """Return value, or 0.0 when it is NaN or infinite."""
    return value if math.isfinite(value) else 0.0


def view_flow(nf: pb.NetworkFeatures) -> FlowView:
    """Return the cleaned statistics of an event's flow."""
    protocol = nf.protocol_number
    if protocol == 0:
        protocol = {"TCP": TCP, "UDP": UDP}.get(nf.protocol_name.upper(), 0)
    return FlowView(
        protocol=protocol,
        destination_port=nf.destination_port,
        duration_us=float(nf.flow_duration_microseconds),
        fwd_packets=float(nf.total_forward_packets),
        bwd_packets=float(nf.total_backward_packets),
        fwd_bytes=float(nf.total_forward_bytes),
        bwd_bytes=float(nf.total_backward_bytes),
        fwd_data_packets=float(nf.act_data_pkt_forward),
        fwd_length_max=float(nf.forward_packet_length_max),
        bwd_iat_mean=finite(nf.backward_inter_arrival_time_mean),
        syn=float(nf.syn_flag_count),
        ack=float(nf.ack_flag_count),
        rst=float(nf.rst_flag_count),
    )


def check_syn_flood(flow: FlowView) -> Finding | None:
    """Fire on repeated SYNs that are hardly acknowledged and carry almost no payload."""
    if flow.protocol != TCP or flow.syn < 2:
        return None
    ratio = flow.syn / max(flow.ack, 1.0)
    payload = flow.fwd_bytes / flow.fwd_packets if flow.fwd_packets else 0.0
    if ratio > 3 and payload <= 20:
        return Finding(0.85, "DDOS", f"SYN/ACK ratio {ratio:.1f} (>3) with {payload:.0f}-byte "
                                     f"forward payloads")
    return None


def check_lone_syn(flow: FlowView) -> Finding | None:
    """Fire on a payload-free flow of one or two SYNs: a scan probe or a flood packet."""
    if flow.protocol != TCP or flow.syn < 1 or flow.fwd_packets > 3:
        return None
    if flow.bwd_bytes > 0 or flow.fwd_bytes > 20 * flow.fwd_packets:
        return None
    if flow.syn < flow.fwd_packets - 1:
        return None
    if flow.rst > 0:
        return Finding(0.8, "PORTSCAN", f"SYN probe to port {flow.destination_port} ended by "
                                        f"RST without payload")
    if flow.destination_port in WEB_PORTS:
        return Finding(0.7, "DDOS", f"half-open connection to web port {flow.destination_port} "
                                    f"(SYN without handshake completion)")
    return Finding(0.7, "PORTSCAN", f"unanswered SYN to port {flow.destination_port}")


def check_udp_flood(flow: FlowView) -> Finding | None:
    """Fire on a fast one-way UDP stream."""
    if flow.protocol != UDP or flow.fwd_packets < 10 or flow.bwd_packets * 10 > flow.fwd_packets:
        return None
    rate = flow.packet_rate
    if rate < 1000:
        return None
    return Finding(0.85, "DDOS", f"UDP stream of {flow.fwd_packets:.0f} datagrams at "
                                 f"{rate:.0f} packets/s (>1000) with {flow.bwd_packets:.0f} replies")


def check_http_flood(flow: FlowView) -> Finding | None:
    """Fire on many near-identical requests to a web port at a high request rate.

    The largest forward payload close to the mean payload of the data packets means the requests
    have nearly the same size.
    """
    if flow.protocol != TCP or flow.destination_port not in WEB_PORTS:
        return None
    if flow.fwd_data_packets < 8 or flow.duration_us <= 0:
        return None
    request_rate = flow.fwd_data_packets * 1e6 / flow.duration_us
    data_mean = flow.fwd_bytes / flow.fwd_data_packets
    if request_rate < 20 or not 0 < data_mean <= 1000 or flow.fwd_length_max > 1.1 * data_mean:
        return None
    return Finding(0.8, "DDOS", f"{flow.fwd_data_packets:.0f} requests at {request_rate:.0f}/s "
                                f"(>20), largest {flow.fwd_length_max:.0f} bytes within 10 % of "
                                f"the mean {data_mean:.0f}")


def check_high_rate(flow: FlowView) -> Finding | None:
    """Fire on a very high packet rate over a flow of some size."""
    rate = flow.packet_rate
    if flow.packets < 10 or rate < 5000:
        return None
    return Finding(0.5, "DDOS", f"packet rate {rate:.0f}/s (>5000) over {flow.packets:.0f} packets")


def check_login_guessing(flow: FlowView) -> Finding | None:
    """Fire on a short login-only session: few packets and slow server replies on a login port."""
    if flow.protocol != TCP or flow.destination_port not in LOGIN_PORTS:
        return None
    seconds = flow.duration_us / 1e6
    if not (10 <= flow.packets <= 60 and 2 <= seconds <= 40 and flow.bwd_iat_mean >= 300_000):
        return None
    return Finding(0.75, "BRUTE_FORCE",
                   f"{flow.packets:.0f}-packet session on login port {flow.destination_port} "
                   f"lasting {seconds:.1f} s with {flow.bwd_iat_mean / 1000:.0f} ms between "
                   f"server replies (failed-login delay)")


def check_share_encryption(flow: FlowView) -> Finding | None:
    """Fire on a file-share flow that reads and writes back similar large volumes."""
    if flow.protocol != TCP or flow.destination_port not in FILE_SHARING_PORTS:
        return None
    if flow.fwd_bytes < 50_000 or flow.bwd_bytes < 50_000:
        return None
    ratio = flow.fwd_bytes / flow.bwd_bytes
    if not 0.5 <= ratio <= 2.0:
        return None
    return Finding(0.85, "RANSOMWARE", f"SMB flow read {flow.bwd_bytes / 1e6:.2f} MB and wrote "
                                       f"{flow.fwd_bytes / 1e6:.2f} MB back (ratio {ratio:.2f})")


def check_share_upload(flow: FlowView) -> Finding | None:
    """Fire on an upload to a file share that gets little back (payload copy, lateral movement)."""
    if flow.protocol != TCP or flow.destination_port not in FILE_SHARING_PORTS:
        return None
    if flow.fwd_bytes < 20_000 or flow.fwd_bytes < 10 * flow.bwd_bytes:
        return None
    return Finding(0.7, "RANSOMWARE", f"upload of {flow.fwd_bytes / 1e3:.0f} kB to an SMB share "
                                      f"with {flow.bwd_bytes / 1e3:.1f} kB back")


def check_exfiltration(flow: FlowView) -> Finding | None:
    """Fire on a large one-sided upload off a non-file-share port."""
    if flow.destination_port in FILE_SHARING_PORTS or flow.fwd_bytes < 100_000:
        return None
    if flow.fwd_bytes < 10 * max(flow.bwd_bytes, 1.0):
        return None
    return Finding(0.75, "RANSOMWARE", f"upload of {flow.fwd_bytes / 1e6:.2f} MB with "
                                       f"{flow.bwd_bytes / 1e3:.1f} kB back (>10:1)")


FLOW_RULES = (check_syn_flood, check_lone_syn, check_udp_flood, check_http_flood,
              check_high_rate, check_login_guessing, check_share_encryption,
              check_share_upload, check_exfiltration)


def check_reputation(geo: pb.GeoEnrichment) -> list[Finding]:
    """Return findings for Tor exits and addresses listed as known malicious."""
    findings = []
    for role, info in (("source", geo.source_ip_geo), ("destination", geo.destination_ip_geo)):
        if info.is_known_malicious:
            findings.append(Finding(0.4, "", f"{role} address is listed as known malicious"))
        if info.is_tor_exit_node:
            findings.append(Finding(0.3, "", f"{role} address is a Tor exit node"))
    return findings


def assess(event: pb.NetworkSecurityEvent) -> ThreatAssessment:
    """Score one event with the transparent rules and name its most likely class."""
    flow = view_flow(event.network_features)
    findings = [finding for rule in FLOW_RULES if (finding := rule(flow)) is not None]
    findings.extend(check_reputation(event.geo_enrichment))
    if not findings:
        return ThreatAssessment(0.0, "BENIGN", ())

    remaining = 1.0
    for finding in findings:
        remaining *= 1.0 - finding.weight
    score = min(max(1.0 - remaining, 0.0), 1.0)
    classified = [finding for finding in findings if finding.classification]
    if score >= ALERT_THRESHOLD and classified:
        classification = max(classified, key=lambda finding: finding.weight).classification
    else:
        classification = "SUSPICIOUS"
    return ThreatAssessment(round(score, 4), classification,
                            tuple(finding.reason for finding in findings))
