"""Tests of the built-in geo table, haversine distances and threat flags per profile."""

from __future__ import annotations

import pytest

from protobuf import network_security_pb2 as pb
from service1.traffic import open_source
from service1.traffic.geo import haversine_km


def fill_many(profile: str, count: int) -> list[pb.NetworkSecurityEvent]:
    """Return count events of one profile."""
    source = open_source("synthetic", f"{profile}=1", 21, False)
    events = []
    for _ in range(count):
        event = pb.NetworkSecurityEvent()
        source.fill(event)
        events.append(event)
    return events


def test_sevilla_to_san_francisco_distance() -> None:
    assert haversine_km(37.3886, -5.9823, 37.7749, -122.4194) == pytest.approx(9418, abs=2)


def test_distance_to_itself_is_zero() -> None:
    assert haversine_km(37.3886, -5.9823, 37.3886, -5.9823) == 0.0


def test_benign_web_to_san_francisco() -> None:
    events = [e for e in fill_many("benign_web", 60)
              if e.geo_enrichment.destination_ip_geo.city_name == "San Francisco"]
    assert events, "no benign_web flow went to San Francisco"
    geo = events[0].geo_enrichment
    assert geo.source_ip_geo.city_name == "Sevilla"
    assert geo.sniffer_node_geo.latitude == 37.3886
    assert geo.source_destination_distance_km == pytest.approx(9418, abs=2)
    assert not geo.source_destination_same_country
    assert not geo.source_destination_same_continent
    assert geo.distance_category == "INTERCONTINENTAL"


def test_benign_flows_never_flagged() -> None:
    for event in fill_many("benign_dns", 100) + fill_many("benign_web", 100):
        geo = event.geo_enrichment
        assert not geo.source_ip_geo.is_known_malicious
        assert not geo.destination_ip_geo.is_known_malicious
        assert not geo.source_ip_geo.is_tor_exit_node
        assert list(geo.threat_intelligence_matches) == []


def test_ddos_sources_sometimes_flagged() -> None:
    flagged = sum(e.geo_enrichment.source_ip_geo.is_known_malicious
                  for e in fill_many("ddos_syn", 200))
    assert 30 <= flagged <= 120


def test_flagged_source_listed_in_matches() -> None:
    for event in fill_many("bruteforce_ssh", 100):
        geo = event.geo_enrichment
        if geo.source_ip_geo.is_tor_exit_node:
            assert f"tor_exit_node:{event.network_features.source_ip}" in \
                geo.threat_intelligence_matches
            assert geo.source_ip_geo.threat_level >= pb.GeoLocationInfo.MEDIUM


def test_lateral_movement_stays_local() -> None:
    geo = fill_many("ransomware_smb", 1)[0].geo_enrichment
    assert geo.source_destination_same_country
    assert geo.source_destination_distance_km == 0.0
    assert geo.distance_category == "LOCAL"
