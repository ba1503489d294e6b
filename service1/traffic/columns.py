"""Header normalisation that maps CICFlowMeter CSV column names to NetworkFeatures fields.

The three header styles in use name the same statistic differently: CIC-IDS2017 writes
" Total Length of Fwd Packets", CSE-CIC-IDS2018 "TotLen Fwd Pkts" and the Python cicflowmeter tool
"totlen_fwd_pkts". Each name is split into words (at separators and camelCase), each word is
replaced by one canonical spelling, filler words are dropped, and the sorted words form the key.
All three names above give the key ("fwd", "len", "pkt", "tot"). The protobuf field names
normalise the same way, so the table is built from them plus a few identity columns instead of
listing every variant.
"""

from __future__ import annotations

import re

from .flow import FLOW_FIELD_NAMES

# Targets that are not flow statistics.
SOURCE_IP = "source_ip"
DESTINATION_IP = "destination_ip"
SOURCE_PORT = "source_port"
DESTINATION_PORT = "destination_port"
PROTOCOL = "protocol_number"
TIMESTAMP = "timestamp"
LABEL = "label"

WORD_SYNONYMS = {
    "packets": "pkt", "packet": "pkt", "pkts": "pkt",
    "bytes": "byt", "byts": "byt", "byte": "byt",
    "length": "len", "total": "tot",
    "forward": "fwd", "backward": "bwd",
    "average": "avg", "count": "cnt",
    "minimum": "min", "maximum": "max",
    "window": "win", "segment": "seg", "variance": "var", "deviation": "std",
    "destination": "dst", "dest": "dst", "source": "src",
    "flags": "flag", "second": "s", "sec": "s",
    "blk": "bulk", "b": "bulk",
    "cwr": "cwe", "download": "down", "upload": "up",
    "proto": "protocol", "time": "timestamp",
    "labels": "label",
}
# Words that carry no meaning in any style: "Total Length of Fwd Packets", "bytes_per_second",
# "flow_duration_microseconds".
FILLER_WORDS = frozenset(("of", "per", "microseconds", "us", "number"))
# Names that must not be read as their first word alone.
WORD_SPLITS = {"totlen": ("tot", "len")}

CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(name: str) -> tuple[str, ...]:
    """Return the canonical key of a column name: sorted canonical words, fillers removed."""
    text = CAMEL_BOUNDARY.sub(" ", name.replace("\ufeff", "").strip()).lower()
    text = NON_ALNUM.sub("_", text).strip("_")
    text = text.replace("inter_arrival_time", "iat")
    words: list[str] = []
    for word in text.split("_"):
        if not word or word in FILLER_WORDS:
            continue
        if word in WORD_SPLITS:
            words.extend(WORD_SPLITS[word])
            continue
        words.append(WORD_SYNONYMS.get(word, word))
    return tuple(sorted(words))


def build_alias_table() -> dict[tuple[str, ...], str]:
    """Return the key -> target table for the 76 statistics and the identity columns."""
    table = {normalize_name(field): field for field in FLOW_FIELD_NAMES}
    for names, target in (
        (("Source IP", "src_ip", "Src IP"), SOURCE_IP),
        (("Destination IP", "dst_ip"), DESTINATION_IP),
        (("Source Port", "src_port"), SOURCE_PORT),
        (("Destination Port", "dst_port"), DESTINATION_PORT),
        (("Protocol", "protocol_number"), PROTOCOL),
        (("Timestamp",), TIMESTAMP),
        (("Label", "class"), LABEL),
    ):
        for name in names:
            table[normalize_name(name)] = target
    # CIC-IDS2017 calls the forward byte total "Total Length of Fwd Packets".
    table[normalize_name("Total Length of Fwd Packets")] = "total_forward_bytes"
    table[normalize_name("Total Length of Bwd Packets")] = "total_backward_bytes"
    return table


ALIASES = build_alias_table()

# Columns without which a row cannot describe a flow, with the CIC-IDS2017 name for messages.
REQUIRED_FIELDS: dict[str, str] = {
    "flow_duration_microseconds": "Flow Duration",
    "total_forward_packets": "Total Fwd Packets",
    "total_backward_packets": "Total Backward Packets",
    "total_forward_bytes": "Total Length of Fwd Packets",
    "total_backward_bytes": "Total Length of Bwd Packets",
}


def map_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Return (target -> column index, unknown column names) for a CSV header.

    When two columns map to the same target (CIC-IDS2017 writes "Fwd Header Length" twice), the
    first one wins.
    """
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for index, name in enumerate(header):
        target = ALIASES.get(normalize_name(name))
        if target is None:
            unknown.append(name.strip())
        elif target not in mapping:
            mapping[target] = index
    return mapping, unknown
