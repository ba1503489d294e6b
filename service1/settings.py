"""Settings of the producer (`python -m service1 --help` lists them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from types import SimpleNamespace

from config import Setting, load_settings, parsers
from config.common import common_settings, validate_common
from service1.traffic import DEFAULT_MIX, describe_mix_names

DESCRIPTION = """\
Generate NetworkSecurityEvent messages and PUSH them over ZeroMQ as binary protobuf frames,
registered in etcd under /services/producer/<instance-id>.

When no consumer can take an event (none is connected, or every connected one has reached the
high-water mark), the producer waits up to --send-timeout milliseconds, then drops the event
and counts it. Dropped events still use up a sequence number, so consumers see them as lost."""


def producer_settings() -> list[Setting]:
    """Return the producer's settings, the shared ones first."""
    return common_settings("service1") + [
        Setting("bind", "BIND_ENDPOINT", "--bind", parsers.parse_bind_endpoint, "tcp://*:5555",
                "ZeroMQ endpoint the PUSH socket binds", metavar="ENDPOINT"),
        Setting("rate", "EVENT_RATE", "--rate", partial(parsers.parse_float, minimum=0.0), "2",
                "events per second; 0 sends as fast as possible", metavar="N"),
        Setting("count", "EVENT_COUNT", "--count", partial(parsers.parse_int, minimum=0), "0",
                "stop after N events and exit 0; 0 runs until stopped", metavar="N"),
        Setting("seed", "SEED", "--seed", _parse_seed, "",
                "seed of the event generator, for a repeatable stream; unset picks one at random", metavar="N"),
        Setting("source", "SOURCE", "--source", str.strip, "synthetic",
                "where flows come from: 'synthetic', or 'csv:PATH' to replay CICFlowMeter CSV records",
                metavar="SOURCE"),
        Setting("mix", "TRAFFIC_MIX", "--mix", str.strip, DEFAULT_MIX,
                "relative weights of synthetic traffic profiles, such as benign=0.8,ddos_syn=0.2; "
                f"names: {describe_mix_names()}", metavar="MIX"),
        Setting("loop", "LOOP", "--loop", parsers.parse_bool, "false",
                "replay the CSV file again from the start when it ends", is_switch=True),
        Setting("send_timeout_ms", "SEND_TIMEOUT_MS", "--send-timeout",
                partial(parsers.parse_int, minimum=0, maximum=parsers.C_INT_MAX),
                "1000", "milliseconds to wait for a consumer that can take an event before dropping it",
                metavar="MS"),
        Setting("send_hwm", "SEND_HWM", "--send-hwm", partial(parsers.parse_int, minimum=1, maximum=parsers.C_INT_MAX),
                "1000",
                "high-water mark: events queued per connected consumer before sends wait", metavar="N"),
        Setting("linger_ms", "LINGER_MS", "--linger", partial(parsers.parse_int, minimum=0, maximum=parsers.C_INT_MAX),
                "1000",
                "milliseconds queued events may take to leave on a normal exit (SIGTERM uses at most 500)",
                metavar="MS"),
    ]


def _parse_seed(text: str) -> int | None:
    return None if not text.strip() else parsers.parse_int(text)


def load(argv: Iterable[str] | None = None, environ: Mapping[str, str] | None = None) -> SimpleNamespace:
    """Read the producer's settings from flags and ``environ`` (default: os.environ).

    Exits with code 2 when a value is invalid.
    """
    return load_settings("service1", DESCRIPTION, producer_settings(), argv, environ=environ,
                         validate=validate_common)
