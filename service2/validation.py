"""Classification of received frames: malformed (cannot be an event), invalid (an event missing
what every event needs) or valid."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from google.protobuf.message import DecodeError, Message
from google.protobuf.unknown_fields import UnknownFieldSet

from protobuf import network_security_pb2 as pb

# Event timestamps outside these years are garbage, such as another message decoded as an event.
_MIN_TIMESTAMP_SECONDS = 946_684_800     # 2000-01-01T00:00:00Z
_MAX_TIMESTAMP_SECONDS = 7_258_118_400   # 2200-01-01T00:00:00Z
_MAX_EVENT_ID_LENGTH = 256
# A producer numbering a million events a second takes about nine years to reach 2**48, so a
# larger sequence number is corrupt or forged, and would distort the lost and skipped counts.
MAX_SEQUENCE_NUMBER = 2**48


class FrameKind(Enum):
    VALID = "valid"
    MALFORMED = "malformed"
    INVALID = "invalid"


@dataclass(frozen=True)
class FrameResult:
    """The verdict on one frame, with the decoded event when it is valid."""

    kind: FrameKind
    reason: str = ""
    event: pb.NetworkSecurityEvent | None = None


def _mistyped_field(message: Message) -> str | None:
    """Return the path of a known field that arrived with the wrong wire type, if any.

    protobuf keeps such a field as an unknown field instead of failing, so bytes of another
    message type can decode without error. A known tag with a foreign wire type exposes them.
    Unknown tags are fine: they are fields of a newer schema.
    """
    known = message.DESCRIPTOR.fields_by_number
    for field in UnknownFieldSet(message):
        if field.field_number in known:
            return f"{message.DESCRIPTOR.name}.{known[field.field_number].name}"
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None or descriptor.message_type.GetOptions().map_entry:
            continue
        children = value if descriptor.is_repeated else (value,)
        for child in children:
            found = _mistyped_field(child)
            if found:
                return found
    return None


def classify_frame(frame: bytes, max_size: int) -> FrameResult:
    """Decode and check one frame."""
    if len(frame) > max_size:
        return FrameResult(FrameKind.MALFORMED, f"frame of {len(frame)} bytes exceeds the maximum of {max_size}")
    event = pb.NetworkSecurityEvent()
    try:
        event.ParseFromString(frame)
    except DecodeError as error:
        return FrameResult(FrameKind.MALFORMED, f"not a protobuf NetworkSecurityEvent: {error}")
    mistyped = _mistyped_field(event)
    if mistyped:
        return FrameResult(FrameKind.MALFORMED, f"field {mistyped} has the wrong wire type (another message type?)")
    return check_event(event)


def check_event(event: pb.NetworkSecurityEvent) -> FrameResult:
    """Check that a decoded event has what every event needs: an event_id and a plausible timestamp."""
    if not event.event_id:
        return FrameResult(FrameKind.INVALID, "event_id is missing")
    if len(event.event_id) > _MAX_EVENT_ID_LENGTH or not event.event_id.isprintable():
        return FrameResult(FrameKind.INVALID, "event_id is not a printable id of at most 256 characters")
    if not event.HasField("event_timestamp"):
        return FrameResult(FrameKind.INVALID, "event_timestamp is missing")
    stamp = event.event_timestamp
    if not _MIN_TIMESTAMP_SECONDS <= stamp.seconds < _MAX_TIMESTAMP_SECONDS or not 0 <= stamp.nanos < 10**9:
        return FrameResult(FrameKind.INVALID, f"event_timestamp {stamp.seconds}s {stamp.nanos}ns is not between "
                                              "the years 2000 and 2200")
    if event.sequence_number > MAX_SEQUENCE_NUMBER:
        return FrameResult(FrameKind.INVALID, f"sequence_number {event.sequence_number} is above 2**48")
    return FrameResult(FrameKind.VALID, event=event)
