"""Replay of CICFlowMeter flow records from CSV files (CIC-IDS2017, CSE-CIC-IDS2018, cicflowmeter).

Cell policy, applied per cell and counted for the progress line:
- empty, NaN, Infinity (any sign or spelling) and non-numeric cells become 0, or -1 in the initial
  TCP window columns, where CICFlowMeter writes -1 for "no packet". CICFlowMeter writes an
  Infinity rate for a zero duration, so 0 matches the synthetic zero-duration policy;
- negative values become 0, except -1 in the initial window columns, which is kept;
- values above the range of an unsigned protobuf field are clamped to its maximum (counted as
  huge);
- a row is skipped (counted) when a required column is empty, NaN, Infinity or non-numeric, when it
  has fewer cells than the header, or when it repeats the header line.
"""

from __future__ import annotations

import codecs
import csv
import logging
import math
import os
import time
from datetime import datetime, timezone

from protobuf import network_security_pb2 as pb

from . import event_fill, geo
from .columns import (DESTINATION_IP, DESTINATION_PORT, LABEL, PROTOCOL, REQUIRED_FIELDS,
                      SOURCE_IP, SOURCE_PORT, TIMESTAMP, map_header)
from .errors import TrafficError
from .flow import FLOW_FIELD_NAMES
from .labels import classify_label

log = logging.getLogger(__name__)

UINT32_MAX = 2**32 - 1
UINT64_MAX = 2**64 - 1
INT64_MAX = 2**63 - 1
INFINITY_WORDS = frozenset(("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"))
WINDOW_FIELDS = frozenset(("init_win_bytes_forward", "init_win_bytes_backward"))
COUNTERS = ("skipped", "inf", "nan", "empty", "negative", "huge", "invalid")
TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S",
                     "%d/%m/%Y %H:%M", "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p")
# Fewest of the 76 statistics a header must name to count as a flow CSV.
MIN_KNOWN_STATISTICS = 5
DECODE_FALLBACK = "traffic-cp1252-fallback"


def decode_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252 (CIC-IDS2017 labels contain 0x96)."""
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(DECODE_FALLBACK, decode_as_cp1252)


def field_limits() -> dict[str, tuple[bool, int]]:
    """Return, per statistic, (is integer, maximum) from the protobuf field types."""
    limits = {}
    fields = pb.NetworkFeatures.DESCRIPTOR.fields_by_name
    for name in FLOW_FIELD_NAMES:
        kind = fields[name].type
        if kind in (fields[name].TYPE_UINT32,):
            limits[name] = (True, UINT32_MAX)
        elif kind == fields[name].TYPE_UINT64:
            limits[name] = (True, UINT64_MAX)
        elif kind == fields[name].TYPE_INT64:
            limits[name] = (True, INT64_MAX)
        else:
            limits[name] = (False, 0)
    return limits


FIELD_LIMITS = field_limits()


def check_file(path: str) -> None:
    """Raise TrafficError unless path is a readable text file that could be a CSV."""
    if not os.path.exists(path):
        raise TrafficError(f"CSV file {path!r} not found: check the path given to --source csv:")
    if os.path.isdir(path):
        raise TrafficError(f"--source csv:{path} is a directory: give one CSV file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise TrafficError(f"failed to read CSV file {path!r}: {error.strerror}") from None
    if not head.strip():
        raise TrafficError(f"CSV file {path!r} is empty: give a CICFlowMeter CSV with a header")
    if head[:2] == b"\x1f\x8b" or head[:4] == b"PK\x03\x04":
        raise TrafficError(f"{path!r} is a compressed archive, not a CSV: extract it first")
    if b"\x00" in head:
        raise TrafficError(f"{path!r} is not a CSV file (it contains binary data)")


def count_lines(path: str) -> int:
    """Return the number of lines in a file, counting a last line without a line end."""
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def pick_delimiter(header_line: str) -> str:
    """Return the delimiter of a header line: comma, else semicolon or tab."""
    for delimiter in (",", ";", "\t"):
        if delimiter in header_line:
            return delimiter
    return ","


def parse_timestamp(text: str) -> int | None:
    """Return unix microseconds for a CICFlowMeter timestamp (taken as UTC), None if unknown.

    CIC-IDS2017 and CSE-CIC-IDS2018 write the day first ("03/07/2017 08:55:58", "3/7/2017 8:55"),
    the cicflowmeter tool writes ISO dates.
    """
    text = text.strip()
    if not text:
        return None
    if text.replace(".", "", 1).isdigit():
        value = float(text)
        return int(value * 1_000_000) if value < 1e11 else int(value * 1_000)
    for pattern in TIMESTAMP_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return int(moment.replace(tzinfo=timezone.utc).timestamp() * 1_000_000)
    return None


class RowError(ValueError):
    """A row that cannot be replayed; the message names the reason."""


class CsvSource:
    """Flow source that replays the rows of one CICFlowMeter CSV file."""

    def __init__(self, path: str, loop: bool = False) -> None:
        self.path = path
        self.loop = loop
        check_file(path)
        self.total_rows = max(count_lines(path) - 1, 0)
        self.counts = dict.fromkeys(COUNTERS, 0)
        self.row_number = 0
        self.replayed = 0
        self.loops = 0
        self.replayed_in_pass = 0
        self.started = time.monotonic()
        self.handle = None
        self.open_reader()
        self.metadata = {"traffic_source": "csv", "csv_file": os.path.basename(path)}

    def open_reader(self) -> None:
        """Open the file, read the header and map its columns; raise TrafficError if unusable."""
        self.handle = open(self.path, newline="", encoding="utf-8-sig", errors=DECODE_FALLBACK)
        first_line = self.handle.readline()
        self.handle.seek(0)
        self.reader = csv.reader(self.handle, delimiter=pick_delimiter(first_line))
        try:
            self.header = next(self.reader)
        except (StopIteration, csv.Error) as error:
            self.close()
            raise TrafficError(f"{self.path!r} is not a readable CSV file: {error}") from None
        self.mapping, unknown = map_header(self.header)
        self.check_columns()
        self.header_key = [cell.strip() for cell in self.header]
        self.row_number = 0
        if self.loops == 0:
            self.log_columns(unknown)

    def check_columns(self) -> None:
        """Raise TrafficError when the header is not a flow header or lacks required columns."""
        known = sum(1 for name in FLOW_FIELD_NAMES if name in self.mapping)
        if known < MIN_KNOWN_STATISTICS:
            self.close()
            raise TrafficError(
                f"{self.path!r} is not a CICFlowMeter flow CSV: its header names {known} flow "
                f"statistics (for example 'Flow Duration', 'Total Fwd Packets'); export flows "
                f"with CICFlowMeter or use --source synthetic")
        missing = [f"{title} ({field})" for field, title in REQUIRED_FIELDS.items()
                   if field not in self.mapping]
        if missing:
            self.close()
            raise TrafficError(
                f"{self.path!r} lacks required columns: {', '.join(missing)}; add them or "
                f"export the file with CICFlowMeter")

    def log_columns(self, unknown: list[str]) -> None:
        """Log the file size, the columns ignored and the statistics the file lacks."""
        absent = [name for name in FLOW_FIELD_NAMES if name not in self.mapping]
        log.info("replaying %s: %d rows, %d of 76 flow statistics, label column %s",
                 self.path, self.total_rows, 76 - len(absent),
                 "present" if LABEL in self.mapping else "absent")
        if unknown:
            log.info("ignoring unknown CSV columns: %s", ", ".join(unknown))
        if absent:
            log.info("CSV lacks these statistics, which stay at their default: %s",
                     ", ".join(absent))

    def next_row(self) -> list[str] | None:
        """Return the next data row, reopening the file when looping; None when exhausted."""
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                row = None
            except csv.Error as error:
                self.counts["skipped"] += 1
                log.warning("skipping unreadable CSV row after row %d: %s", self.row_number, error)
                continue
            if row is not None:
                self.row_number += 1
                return row
            if not self.loop or self.replayed_in_pass == 0:
                return None
            self.handle.close()
            self.loops += 1
            self.replayed_in_pass = 0
            self.open_reader()

    def parse_number(self, text: str, name: str, required: bool) -> float:
        """Return a cell's value under the cell policy; raise RowError for a required cell."""
        cell = text.strip()
        kind = None
        if not cell:
            kind = "empty"
        elif cell.lower() in INFINITY_WORDS:
            kind = "inf"
        else:
            try:
                value = float(cell)
            except ValueError:
                kind = "invalid"
            else:
                if math.isnan(value):
                    kind = "nan"
                elif math.isinf(value):
                    kind = "inf"
                else:
                    return value
        self.counts[kind] += 1
        if required:
            raise RowError(f"{kind} value {cell!r} in required column {name}")
        return -1.0 if name in WINDOW_FIELDS else 0.0

    def clamp(self, name: str, value: float) -> float | int:
        """Return a value within its protobuf field's range, counting each change."""
        is_integer, maximum = FIELD_LIMITS[name]
        if value < 0:
            if name in WINDOW_FIELDS and value >= -1:
                return -1
            self.counts["negative"] += 1
            return -1 if name in WINDOW_FIELDS else 0
        if is_integer:
            if value > maximum:
                self.counts["huge"] += 1
                return maximum
            return int(value)
        return value

    def read_statistics(self, row: list[str]) -> dict:
        """Return the 76 statistics of a row, with defaults for columns the file lacks."""
        features: dict = {}
        mapping = self.mapping
        for name in FLOW_FIELD_NAMES:
            index = mapping.get(name)
            if index is None:
                features[name] = -1 if name in WINDOW_FIELDS else 0
                continue
            value = self.parse_number(row[index], name, name in REQUIRED_FIELDS)
            features[name] = self.clamp(name, value)
        return features

    def read_cell(self, row: list[str], target: str) -> str:
        """Return a stripped text cell, or an empty string when the column is absent."""
        index = self.mapping.get(target)
        return row[index].strip() if index is not None else ""

    def read_port(self, row: list[str], target: str) -> int:
        """Return a port or protocol number, 0 when absent or invalid (counted)."""
        text = self.read_cell(row, target)
        if not text:
            return 0
        try:
            value = int(float(text))
        except ValueError:
            self.counts["invalid"] += 1
            return 0
        if not 0 <= value <= 65535:
            self.counts["invalid"] += 1
            return 0
        return value

    def is_header_repeat(self, row: list[str]) -> bool:
        """Tell whether a row repeats the header (CSE-CIC-IDS2018 files contain such lines)."""
        return [cell.strip() for cell in row] == self.header_key

    def fill_event(self, event: pb.NetworkSecurityEvent, row: list[str]) -> None:
        """Fill an event from a row; raise RowError when the row cannot be replayed."""
        if len(row) < len(self.header):
            raise RowError(f"{len(row)} cells where the header has {len(self.header)}")
        if self.is_header_repeat(row):
            raise RowError("repeated header line")
        features = self.read_statistics(row)
        duration = features["flow_duration_microseconds"]
        start_us = parse_timestamp(self.read_cell(row, TIMESTAMP))
        if start_us is None:
            start_us = time.time_ns() // 1000 - duration

        event.ClearField("network_features")
        nf = event.network_features
        event_fill.fill_identity(nf, self.read_cell(row, SOURCE_IP),
                                 self.read_cell(row, DESTINATION_IP),
                                 self.read_port(row, SOURCE_PORT),
                                 self.read_port(row, DESTINATION_PORT),
                                 self.read_port(row, PROTOCOL) if PROTOCOL in self.mapping else 0)
        event_fill.fill_times(nf, start_us, duration)
        event_fill.fill_statistics(nf, features)
        label = self.read_cell(row, LABEL)
        event_fill.fill_metadata(nf, {**self.metadata, "csv_row": str(self.row_number),
                                      "csv_label": label})
        geo.fill_sniffer_only(event.geo_enrichment)
        event_fill.fill_label(event, classify_label(label), label)

    def fill(self, event: pb.NetworkSecurityEvent) -> bool:
        """Fill the event from the next usable row; return False at the end of the file."""
        while True:
            row = self.next_row()
            if row is None:
                return False
            if not any(cell.strip() for cell in row):
                continue
            try:
                self.fill_event(event, row)
            except RowError as error:
                self.count_skip(error)
                continue
            self.replayed += 1
            self.replayed_in_pass += 1
            return True

    def count_skip(self, error: RowError) -> None:
        """Count a skipped row and log the first few reasons, then every thousandth."""
        self.counts["skipped"] += 1
        skipped = self.counts["skipped"]
        if skipped <= 5 or skipped % 1000 == 0:
            log.warning("skipping CSV row %d of %s (%d skipped so far): %s",
                        self.row_number, self.path, skipped, error)

    def progress(self) -> str:
        """Return position, replay rate and cell-policy counts, e.g. for the summary line."""
        share = 100.0 * self.row_number / self.total_rows if self.total_rows else 100.0
        elapsed = max(time.monotonic() - self.started, 1e-9)
        counts = ", ".join(f"{name} {self.counts[name]}" for name in COUNTERS)
        text = (f"row {self.row_number}/{self.total_rows} ({share:.1f}%), {counts}, "
                f"{self.replayed / elapsed:.0f} rows/s")
        return text + (f", loop {self.loops + 1}" if self.loop else "")

    def close(self) -> None:
        """Close the file."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
