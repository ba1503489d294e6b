"""Tests of the rule-based score: it separates attack profiles from benign traffic and never crashes."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protobuf import network_security_pb2 as pb
from service1.traffic import PROFILE_NAMES, open_source
from service2.scoring import ThreatAssessment, assess

SAMPLES_PER_PROFILE = 300
ATTACK_CLASSES = {"DDOS", "PORTSCAN", "BRUTE_FORCE", "RANSOMWARE"}


def classify_profile(profile: str, seed: int = 17) -> Counter[str]:
    """Return the assessed classes of SAMPLES_PER_PROFILE events of one profile."""
    source = open_source("synthetic", f"{profile}=1", seed, False)
    event = pb.NetworkSecurityEvent()
    counts: Counter[str] = Counter()
    for _ in range(SAMPLES_PER_PROFILE):
        source.fill(event)
        counts[assess(event).classification] += 1
    return counts


@pytest.mark.parametrize("profile", [p for p in PROFILE_NAMES if p.startswith("ddos")])
def test_flags_most_ddos_flows(profile: str) -> None:
    counts = classify_profile(profile)
    assert counts["DDOS"] / SAMPLES_PER_PROFILE >= 0.9


@pytest.mark.parametrize("profile", [p for p in PROFILE_NAMES if p.startswith("benign")])
def test_flags_few_benign_flows(profile: str) -> None:
    counts = classify_profile(profile)
    flagged = sum(counts[name] for name in ATTACK_CLASSES)
    assert flagged / SAMPLES_PER_PROFILE <= 0.02


@pytest.mark.parametrize("profile, expected", [
    ("portscan", "PORTSCAN"), ("bruteforce_ssh", "BRUTE_FORCE"),
    ("bruteforce_ftp", "BRUTE_FORCE"), ("ransomware_smb", "RANSOMWARE"),
    ("ransomware_encrypt", "RANSOMWARE"), ("ransomware_exfil", "RANSOMWARE"),
])
def test_attack_profile_gets_its_class(profile: str, expected: str) -> None:
    counts = classify_profile(profile)
    assert counts[expected] / SAMPLES_PER_PROFILE >= 0.85


def test_default_event_is_benign() -> None:
    assert assess(pb.NetworkSecurityEvent()) == ThreatAssessment(0.0, "BENIGN", ())


def test_syn_flood_reason_names_ratio() -> None:
    event = pb.NetworkSecurityEvent()
    nf = event.network_features
    nf.protocol_number = 6
    nf.destination_port = 80
    nf.total_forward_packets = 48
    nf.syn_flag_count = 48
    nf.flow_duration_microseconds = 2_000
    result = assess(event)
    assert result.classification == "DDOS"
    assert any("SYN/ACK ratio 48.0 (>3)" in reason for reason in result.reasons)
    assert 0.0 < result.score <= 1.0


def test_tor_source_alone_is_suspicious() -> None:
    event = pb.NetworkSecurityEvent()
    event.geo_enrichment.source_ip_geo.is_tor_exit_node = True
    result = assess(event)
    assert result.classification == "SUSPICIOUS"
    assert result.reasons == ("source address is a Tor exit node",)


finite_or_not = st.floats(allow_nan=True, allow_infinity=True)
counts = st.integers(0, 2**64 - 1)


@settings(max_examples=300, deadline=None)
@given(fwd=counts, bwd=counts, fwd_bytes=counts, bwd_bytes=counts, duration=counts,
       syn=st.integers(0, 2**32 - 1), ack=st.integers(0, 2**32 - 1),
       port=st.integers(0, 65535), protocol=st.sampled_from([0, 6, 17, 1, 255]),
       rate=finite_or_not, mean=finite_or_not,
       vector=st.lists(finite_or_not, max_size=83))
def test_random_legacy_events_never_crash(fwd, bwd, fwd_bytes, bwd_bytes, duration, syn, ack,
                                          port, protocol, rate, mean, vector) -> None:
    event = pb.NetworkSecurityEvent()
    nf = event.network_features
    nf.total_forward_packets = fwd
    nf.total_backward_packets = bwd
    nf.total_forward_bytes = fwd_bytes
    nf.total_backward_bytes = bwd_bytes
    nf.flow_duration_microseconds = duration
    nf.syn_flag_count = syn
    nf.ack_flag_count = ack
    nf.destination_port = port
    nf.protocol_number = protocol
    nf.flow_packets_per_second = rate
    nf.forward_packet_length_mean = mean
    nf.backward_inter_arrival_time_mean = mean
    nf.ddos_features.extend(vector)
    decoded = pb.NetworkSecurityEvent.FromString(event.SerializeToString())
    result = assess(decoded)
    assert 0.0 <= result.score <= 1.0
    assert math.isfinite(result.score)
    assert isinstance(result.classification, str)
