"""Property tests: every synthetic flow of every profile satisfies the CICFlowMeter relations."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protobuf import network_security_pb2 as pb
from service1.traffic import ML_FEATURE_NAMES, PROFILE_NAMES, open_source
from service1.traffic.flow import ACK, FIN, PSH, SYN, TCP, UDP, PacketTrace, compute_features
from service1.traffic.invariants import find_violations
from service1.traffic.profiles import FLOW_TIMEOUT_US, PROFILE_BUILDERS


def fill_one(profile: str, seed: int) -> pb.NetworkSecurityEvent:
    """Return an event filled by a synthetic source that emits one profile only."""
    source = open_source("synthetic", f"{profile}=1", seed, False)
    event = pb.NetworkSecurityEvent()
    assert source.fill(event)
    return event


@settings(max_examples=300, deadline=None)
@given(profile=st.sampled_from(PROFILE_NAMES), seed=st.integers(0, 2**32 - 1))
def test_profile_flows_satisfy_relations(profile: str, seed: int) -> None:
    event = fill_one(profile, seed)
    assert find_violations(event.network_features) == []


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_default_mix_flows_satisfy_relations(seed: int) -> None:
    source = open_source("synthetic", None, seed, False)
    event = pb.NetworkSecurityEvent()
    for _ in range(5):
        assert source.fill(event)
        assert find_violations(event.network_features) == []


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_profile_flows_fit_flow_timeout(profile: str) -> None:
    rng = random.Random(11)
    for _ in range(30):
        flow = PROFILE_BUILDERS[profile](rng)
        assert flow.trace.times[-1] <= FLOW_TIMEOUT_US


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_profile_event_carries_label(profile: str) -> None:
    event = fill_one(profile, 5)
    assert event.threat_category == profile
    expected = {"benign": "BENIGN", "ddos": "DDOS", "portscan": "PORTSCAN",
                "bruteforce": "BRUTE_FORCE", "ransomware": "RANSOMWARE"}[profile.split("_")[0]]
    assert event.final_classification == expected


def test_event_metadata_lists_ml_feature_names() -> None:
    event = fill_one("benign_web", 1)
    metadata = event.network_features.feature_metadata
    assert metadata["ml_feature_names"].split(",") == list(ML_FEATURE_NAMES)
    assert metadata["ml_feature_count"] == "83"
    assert len(ML_FEATURE_NAMES) == 83
    assert len(set(ML_FEATURE_NAMES)) == 83


def test_syn_flood_shape() -> None:
    source = open_source("synthetic", "ddos_syn=1", 3, False)
    event = pb.NetworkSecurityEvent()
    for _ in range(50):
        source.fill(event)
        nf = event.network_features
        assert nf.syn_flag_count >= nf.total_forward_packets
        assert nf.ack_flag_count <= 1
        assert nf.total_backward_packets <= 1
        assert nf.forward_packet_length_max <= 20


def test_udp_flow_has_no_tcp_fields() -> None:
    event = fill_one("ddos_udp", 4)
    nf = event.network_features
    assert nf.protocol_number == 17
    assert nf.protocol_name == "UDP"
    assert nf.init_win_bytes_forward == -1
    assert nf.syn_flag_count + nf.ack_flag_count + nf.psh_flag_count == 0


def test_ransomware_vector_on_file_share_flow() -> None:
    event = fill_one("ransomware_encrypt", 2)
    nf = event.network_features
    assert list(nf.ransomware_features) == list(nf.ddos_features)


def test_ransomware_vector_absent_on_dns_flow() -> None:
    event = fill_one("benign_dns", 2)
    assert len(event.network_features.ransomware_features) == 0


def test_single_packet_statistics() -> None:
    trace = PacketTrace(TCP)
    trace.add(0, True, 0, 40, SYN, 1024)
    features = compute_features(trace)
    assert features["flow_duration_microseconds"] == 0
    assert features["forward_packet_length_std"] == 0.0
    assert features["flow_packets_per_second"] == 0.0
    assert features["flow_inter_arrival_time_max"] == 0
    assert features["init_win_bytes_backward"] == -1
    assert features["active_mean"] == 0.0


def test_handmade_trace_statistics() -> None:
    trace = PacketTrace(TCP)
    trace.add(0, True, 0, 40, SYN, 64240)
    trace.add(100, False, 0, 40, SYN | ACK, 65160)
    trace.add(200, True, 300, 32, ACK | PSH)
    trace.add(1_200, False, 1448, 32, ACK)
    trace.add(7_001_200, True, 0, 32, FIN | ACK)
    features = compute_features(trace)
    assert features["flow_duration_microseconds"] == 7_001_200
    assert features["total_forward_bytes"] == 300
    assert features["forward_packet_length_mean"] == 100.0
    assert features["backward_packet_length_max"] == 1448
    assert features["flow_inter_arrival_time_max"] == 7_000_000
    assert features["forward_inter_arrival_time_total"] == 7_001_200.0
    assert features["syn_flag_count"] == 2
    assert features["ack_flag_count"] == 4
    assert features["min_seg_size_forward"] == 32
    assert features["init_win_bytes_forward"] == 64240
    assert features["act_data_pkt_forward"] == 1
    assert features["idle_max"] == 7_000_000.0
    assert features["active_max"] == 1_200.0
    assert features["subflow_forward_packets"] == 1  # 3 packets over 2 subflows
    assert features["download_upload_ratio"] == 0.0


def test_bulk_needs_four_packets() -> None:
    trace = PacketTrace(UDP)
    for index in range(4):
        trace.add(index * 10, True, 100, 8)
    features = compute_features(trace)
    assert features["forward_average_bytes_bulk"] == 400.0
    assert features["forward_average_packets_bulk"] == 4.0
    assert features["forward_average_bulk_rate"] == pytest.approx(400 * 1e6 / 30)
    assert features["backward_average_bytes_bulk"] == 0.0
