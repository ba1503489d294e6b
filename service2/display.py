"""Text shown for events: the first one in full, then one line each, plus summary lines."""

from __future__ import annotations

from google.protobuf.message import Message

from protobuf import network_security_pb2 as pb
from service2.scoring import ThreatAssessment


def _format_value(descriptor, value) -> str:
    if descriptor.message_type is not None and descriptor.message_type.GetOptions().map_entry:
        return "{" + ", ".join(f"{printable(str(key))}: {printable(str(value[key]))}" for key in sorted(value)) + "}"
    if descriptor.is_repeated:
        items = list(value)
        head = ", ".join(f"{item:.4g}" if isinstance(item, float) else printable(str(item)) for item in items[:12])
        more = f", … ({len(items)} values)" if len(items) > 12 else ""
        return f"[{head}{more}]"
    if descriptor.enum_type is not None:
        return descriptor.enum_type.values_by_number.get(value).name if value in descriptor.enum_type.values_by_number else str(value)
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 1e5 else f"{value:.6g}"
    if isinstance(value, str):
        return printable(value)
    return str(value)


def printable(text: str) -> str:
    """Return ``text`` with control characters escaped, so a crafted event cannot drive the terminal."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def _format_time(value: Message) -> str:
    """Return a Timestamp or Duration as JSON text, or its raw fields when it is out of range."""
    try:
        return value.ToJsonString()
    except ValueError:
        return f"out of range ({value.seconds} s, {value.nanos} ns)"


def _format_message(message: Message, indent: str, lines: list[str]) -> None:
    """Append every field of ``message``, set or not, one per line."""
    for descriptor in message.DESCRIPTOR.fields:
        value = getattr(message, descriptor.name)
        is_map = descriptor.message_type is not None and descriptor.message_type.GetOptions().map_entry
        if descriptor.message_type is not None and not is_map and not descriptor.is_repeated:
            if descriptor.message_type.full_name == "google.protobuf.Timestamp":
                text = _format_time(value) if message.HasField(descriptor.name) else "unset"
                lines.append(f"{indent}{descriptor.name}: {text}")
            elif descriptor.message_type.full_name == "google.protobuf.Duration":
                lines.append(f"{indent}{descriptor.name}: {_format_time(value)}")
            elif message.HasField(descriptor.name):
                lines.append(f"{indent}{descriptor.name}:")
                _format_message(value, indent + "  ", lines)
            continue
        if descriptor.message_type is not None and not is_map:
            lines.append(f"{indent}{descriptor.name}: {len(value)} item(s)")
            continue
        lines.append(f"{indent}{descriptor.name}: {_format_value(descriptor, value)}")


def format_full_event(event: pb.NetworkSecurityEvent, assessment: ThreatAssessment) -> str:
    """Return a multi-line text with every field of the event, nested messages indented."""
    origin = printable(event.producer_instance_id or event.originating_node_id or "an unnamed producer")
    lines = [f"===== First event from {origin}"
             f" ({event.ByteSize()} bytes) ====="]
    _format_message(event, "  ", lines)
    lines.append(f"  => threat score {assessment.score:.2f}, classified {assessment.classification}"
                 + (f" ({printable('; '.join(assessment.reasons))})" if assessment.reasons else ""))
    lines.append("=" * 40)
    return "\n".join(lines)


def format_event_line(event: pb.NetworkSecurityEvent, assessment: ThreatAssessment) -> str:
    """Return one line: producer and sequence, flow five-tuple, size, label, score and classification."""
    features = event.network_features
    label = printable(event.final_classification or "unlabelled")
    producer = printable(event.producer_instance_id)
    sequence = f"{producer}#{event.sequence_number}" if event.sequence_number else "unsequenced"
    flow = (f"{printable(features.source_ip)}:{features.source_port} -> "
            f"{printable(features.destination_ip)}:{features.destination_port} "
            f"{printable(features.protocol_name) or features.protocol_number}")
    volume = (f"{features.total_forward_packets}/{features.total_backward_packets} pkts "
              f"{features.total_forward_bytes + features.total_backward_bytes} B "
              f"{features.flow_duration_microseconds / 1e6:.3f} s")
    reasons = f" [{printable('; '.join(assessment.reasons))}]" if assessment.reasons else ""
    return (f"{sequence} {flow} {volume} label={label} score={assessment.score:.2f} "
            f"=> {assessment.classification}{reasons}")
