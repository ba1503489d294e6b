"""Realistic network flows for the producer: synthetic profiles or replayed CICFlowMeter CSV files.

`open_source("synthetic", mix, seed, loop)` draws labelled flows from traffic profiles, and
`open_source("csv:PATH", ...)` replays flow records from CIC-IDS2017, CSE-CIC-IDS2018 or
cicflowmeter CSV files. Both fill the same NetworkFeatures fields, ML vector and labels.
"""

from __future__ import annotations

from typing import Protocol

from protobuf import network_security_pb2 as pb

from .errors import TrafficError
from .ml_vector import ML_FEATURE_NAMES
from .profiles import PROFILE_GROUPS, PROFILE_NAMES
from .synthetic import DEFAULT_MIX, SyntheticSource, describe_mix_names

__all__ = [
    "DEFAULT_MIX",
    "ML_FEATURE_NAMES",
    "PROFILE_GROUPS",
    "PROFILE_NAMES",
    "FlowSource",
    "TrafficError",
    "describe_mix_names",
    "open_source",
]


class FlowSource(Protocol):
    """Something that fills events with flows, one per call."""

    def fill(self, event: pb.NetworkSecurityEvent) -> bool:
        """Fill network_features, geo_enrichment and labels; return whether a flow was filled.

        False with exhausted still False means that no flow was ready within this call's bounded
        work: call again. A CSV source raises TrafficError when a file ends with no row replayed.
        """

    @property
    def exhausted(self) -> bool:
        """True once the source has no more flows."""

    def progress(self) -> str | None:
        """Return a short position text for the summary line, or None."""

    def close(self) -> None:
        """Release files and other resources."""


def open_source(source: str, mix: str | None = None, seed: int | None = None,
                loop: bool = False) -> FlowSource:
    """Open "synthetic" or "csv:PATH"; raise TrafficError on an invalid value or file."""
    text = (source or "synthetic").strip()
    if text.lower() == "synthetic":
        return SyntheticSource(mix, seed)
    if text[:4].lower() == "csv:":
        from .csv_replay import CsvSource

        return CsvSource(text[4:], loop=loop)
    raise TrafficError(f"invalid --source (SOURCE) {source!r}: use 'synthetic' or 'csv:PATH'")
