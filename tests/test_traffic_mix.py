"""Tests of --mix parsing, --source selection and the proportions of a synthetic source."""

from __future__ import annotations

from collections import Counter

import pytest

from protobuf import network_security_pb2 as pb
from service1.traffic import DEFAULT_MIX, PROFILE_NAMES, TrafficError, open_source
from service1.traffic.synthetic import parse_mix


def test_default_mix_parses() -> None:
    weights = parse_mix(DEFAULT_MIX)
    assert sum(weights.values()) == pytest.approx(1.0)
    assert set(weights) <= set(PROFILE_NAMES)


def test_group_name_expands() -> None:
    weights = parse_mix("benign=0.5,ddos=0.5")
    assert weights["benign_web"] > 0
    assert weights["ddos_syn"] > 0
    assert sum(value for name, value in weights.items() if name.startswith("ddos")) == \
        pytest.approx(0.5)


def test_weights_are_relative() -> None:
    assert parse_mix("benign_web=8,portscan=2") == pytest.approx(
        parse_mix("benign_web=0.8,portscan=0.2"))


@pytest.mark.parametrize("mix, fragment", [
    ("benign=0.8,nosuch=0.2", "unknown profile 'nosuch'"),
    ("benign", "write name=weight"),
    ("benign=abc", r"invalid --mix \(TRAFFIC_MIX\) weight 'abc'"),
    ("benign=-1", "finite number >= 0"),
    ("benign=nan", "finite number >= 0"),
    ("benign=0", "above 0"),
    ("portscan=1,portscan=2", "appears twice"),
])
def test_invalid_mix_raises(mix: str, fragment: str) -> None:
    with pytest.raises(TrafficError, match=fragment):
        open_source("synthetic", mix, 1, False)


def test_invalid_source_raises() -> None:
    with pytest.raises(TrafficError, match="use 'synthetic' or 'csv:PATH'"):
        open_source("pcap:/tmp/x", None, 1, False)


def test_mix_proportions_hold() -> None:
    source = open_source("synthetic", "benign=0.8,ddos_syn=0.1,portscan=0.1", 42, False)
    event = pb.NetworkSecurityEvent()
    counts: Counter[str] = Counter()
    for _ in range(2000):
        source.fill(event)
        counts[event.final_classification] += 1
    assert 0.76 <= counts["BENIGN"] / 2000 <= 0.84
    assert 0.08 <= counts["DDOS"] / 2000 <= 0.12
    assert 0.08 <= counts["PORTSCAN"] / 2000 <= 0.12


def test_same_seed_same_flows() -> None:
    first = open_source("synthetic", None, 9, False)
    second = open_source("synthetic", None, 9, False)
    a, b = pb.NetworkSecurityEvent(), pb.NetworkSecurityEvent()
    for _ in range(20):
        first.fill(a)
        second.fill(b)
        assert list(a.network_features.ddos_features) == list(b.network_features.ddos_features)


def test_synthetic_progress_is_none() -> None:
    assert open_source("synthetic", None, 1, False).progress() is None
