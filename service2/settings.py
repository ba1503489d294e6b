"""Settings of the consumer (`python -m service2 --help` lists them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from types import SimpleNamespace

from config import ConfigError, Setting, load_settings, parsers
from config.common import common_settings, validate_common

DESCRIPTION = """\
Find producers under /services/producer/ in etcd, PULL their events, validate and score every
frame, and print the events. Registers itself under /services/consumer/<instance-id>.

Frames that do not decode count as malformed. Frames that decode but lack event_id or
event_timestamp count as invalid. Gaps in a producer's sequence numbers count as lost."""

DISPLAY_MODES = ("events", "summary")
# The ZeroMQ limit is four times this, and must fit in a signed 64-bit integer with room to spare.
MAX_MESSAGE_SIZE_LIMIT = 1 << 40


def _parse_display(text: str) -> str:
    mode = text.strip().lower()
    if mode not in DISPLAY_MODES:
        raise ValueError("expected 'events' (one line per event) or 'summary' (periodic summary lines only)")
    return mode


def consumer_settings() -> list[Setting]:
    """Return the consumer's settings, the shared ones first."""
    return common_settings("service2") + [
        Setting("bind", "BIND_ENDPOINT", "--bind", parsers.parse_bind_endpoint, "tcp://*:5556",
                "ZeroMQ endpoint the PULL socket also binds, so producers can connect to this consumer; "
                "it is the endpoint registered in etcd", metavar="ENDPOINT"),
        Setting("connect", "CONNECT_ENDPOINTS", "--connect", parsers.parse_connect_endpoints, "",
                "fixed producer endpoints to connect to, comma-separated; these work without etcd",
                metavar="ENDPOINTS"),
        Setting("discover", "DISCOVER", "--discover", parsers.parse_bool, "true",
                "find producers in etcd (false with --connect uses the fixed endpoints only)", metavar="BOOL"),
        Setting("display", "DISPLAY_MODE", "--display", _parse_display, "events",
                "'events' prints one line per event, 'summary' only the periodic summary; "
                "the first event is always printed in full", metavar="MODE"),
        Setting("stats_file", "STATS_FILE", "--stats-file", str.strip, "",
                "write the final totals as JSON to this file on exit", metavar="PATH"),
        Setting("max_message_size", "MAX_MESSAGE_SIZE", "--max-message-size",
                partial(parsers.parse_int, minimum=64, maximum=MAX_MESSAGE_SIZE_LIMIT), str(1024 * 1024),
                "largest frame in bytes that is decoded; larger frames count as malformed", metavar="BYTES"),
        Setting("receive_hwm", "RECEIVE_HWM", "--receive-hwm",
                partial(parsers.parse_int, minimum=1, maximum=parsers.C_INT_MAX), "1000",
                "high-water mark: frames queued per producer before the producer has to wait", metavar="N"),
    ]


def validate_consumer_settings(values: SimpleNamespace) -> None:
    """Check relations between the consumer's settings."""
    validate_common(values)
    if not values.discover and not values.connect:
        raise ConfigError("invalid DISCOVER (--discover) value false: without discovery, set CONNECT_ENDPOINTS "
                          "(--connect) to at least one producer endpoint such as tcp://127.0.0.1:5555")


def load(argv: Iterable[str] | None = None, environ: Mapping[str, str] | None = None) -> SimpleNamespace:
    """Read the consumer's settings from flags and ``environ`` (default: os.environ).

    Exits with code 2 when a value is invalid.
    """
    return load_settings("service2", DESCRIPTION, consumer_settings(), argv, environ=environ,
                         validate=validate_consumer_settings)
