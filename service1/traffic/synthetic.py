"""Synthetic flow source: draws profiles by the --mix proportions and fills events from them."""

from __future__ import annotations

import logging
import random
import time

from protobuf import network_security_pb2 as pb

from . import event_fill, geo
from .errors import TrafficError
from .flow import compute_features
from .profiles import PROFILE_BUILDERS, PROFILE_GROUPS, PROFILE_NAMES

log = logging.getLogger(__name__)

DEFAULT_MIX = ("benign=0.8,ddos_syn=0.05,ddos_udp=0.03,ddos_http=0.02,portscan=0.04,"
               "bruteforce_ssh=0.02,bruteforce_ftp=0.01,ransomware=0.03")

# Delay between the last packet of a flow and its export, as a flow meter exports it.
EXPORT_DELAY_US = 50_000


def describe_mix_names() -> str:
    """Return the names a mix accepts, for help and error texts."""
    return ", ".join(PROFILE_NAMES + tuple(PROFILE_GROUPS))


def parse_weight(name: str, text: str) -> float:
    """Return the weight of one mix entry, a finite number >= 0."""
    try:
        weight = float(text)
    except ValueError:
        raise TrafficError(
            f"invalid --mix (TRAFFIC_MIX) weight {text!r} for {name!r}: use a number such as 0.1") from None
    if not weight >= 0 or weight == float("inf"):
        raise TrafficError(
            f"invalid --mix (TRAFFIC_MIX) weight {text!r} for {name!r}: use a finite number >= 0")
    return weight


def parse_mix(mix: str) -> dict[str, float]:
    """Parse "name=weight,..." into profile weights that sum to 1.

    A group name (benign, ddos, bruteforce, ransomware) spreads its weight over its profiles.
    Weights are relative, so "benign=8,ddos=2" equals "benign=0.8,ddos=0.2".
    """
    weights: dict[str, float] = {}
    seen: set[str] = set()
    for entry in mix.split(","):
        entry = entry.strip()
        if not entry:
            continue
        name, sep, text = entry.partition("=")
        name = name.strip().lower()
        if not sep:
            raise TrafficError(f"invalid --mix (TRAFFIC_MIX) entry {entry!r}: write name=weight, e.g. portscan=0.1")
        if name in seen:
            raise TrafficError(f"invalid --mix (TRAFFIC_MIX): {name!r} appears twice; give each name once")
        seen.add(name)
        weight = parse_weight(name, text.strip())
        if name in PROFILE_GROUPS:
            for profile, share in PROFILE_GROUPS[name].items():
                weights[profile] = weights.get(profile, 0.0) + weight * share
        elif name in PROFILE_BUILDERS:
            weights[name] = weights.get(name, 0.0) + weight
        else:
            raise TrafficError(
                f"unknown profile {name!r} in --mix (TRAFFIC_MIX): use one of {describe_mix_names()}")

    total = sum(weights.values())
    if total <= 0:
        raise TrafficError(f"invalid --mix (TRAFFIC_MIX) {mix!r}: give at least one profile a weight above 0")
    return {name: weight / total for name, weight in weights.items() if weight > 0}


class SyntheticSource:
    """Endless source of synthetic flows drawn from profiles in the requested proportions."""

    def __init__(self, mix: str | None = None, seed: int | None = None) -> None:
        self.weights = parse_mix(mix or DEFAULT_MIX)
        self.rng = random.Random(seed)
        self.names = list(self.weights)
        self.cumulative: list[float] = []
        running = 0.0
        for name in self.names:
            running += self.weights[name]
            self.cumulative.append(running)
        self.metadata_by_profile = {
            name: {"traffic_source": "synthetic", "traffic_profile": name} for name in self.names}
        log.info("synthetic traffic mix: %s",
                 ", ".join(f"{name}={weight:.3f}" for name, weight in self.weights.items()))

    def draw_profile(self) -> str:
        """Return a profile name drawn by the mix weights."""
        return self.rng.choices(self.names, cum_weights=self.cumulative)[0]

    def fill(self, event: pb.NetworkSecurityEvent) -> bool:
        """Fill the event with one new flow; a synthetic source never runs out."""
        flow = PROFILE_BUILDERS[self.draw_profile()](self.rng)
        features = compute_features(flow.trace)
        duration = features["flow_duration_microseconds"]
        start_us = time.time_ns() // 1000 - duration - EXPORT_DELAY_US

        event.ClearField("network_features")
        nf = event.network_features
        event_fill.fill_identity(nf, flow.source.ip, flow.destination.ip, flow.source_port,
                                 flow.destination_port, flow.trace.protocol)
        event_fill.fill_times(nf, start_us, duration)
        event_fill.fill_statistics(nf, features)
        event_fill.fill_metadata(nf, self.metadata_by_profile[flow.profile])
        geo.fill_geo(event.geo_enrichment, flow.source, flow.destination)
        event_fill.fill_label(event, flow.label, flow.profile)
        return True

    @property
    def exhausted(self) -> bool:
        """Always False: a synthetic source never runs out."""
        return False

    def progress(self) -> str | None:
        """Return None: a synthetic source has no position to report."""
        return None

    def close(self) -> None:
        """Release nothing; present for the FlowSource protocol."""
