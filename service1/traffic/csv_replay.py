"""Replay of CICFlowMeter flow records from CSV files (CIC-IDS2017, CSE-CIC-IDS2018, cicflowmeter).

Cell policy, applied per cell and counted for the progress line:
- empty, NaN, Infinity (any sign or spelling) and non-numeric cells become 0, or -1 in the initial
  TCP window columns, where CICFlowMeter writes -1 for "no packet". CICFlowMeter writes an
  Infinity rate for a zero duration, so 0 matches the synthetic zero-duration policy. A number is
  ASCII digits with an optional sign, decimal point and exponent: "1_000", "0,5" and non-ASCII
  digits are non-numeric;
- negative values become 0, except -1 in the initial window columns, which is kept;
- values above the range of an unsigned protobuf field are clamped to its maximum (counted as
  huge). The flow duration is clamped to the google.protobuf.Duration maximum and a start time
  derived from it to the google.protobuf.Timestamp minimum (each counted as huge);
- a timestamp that is not in a known format or lies outside years 1 to 9999 is counted as invalid,
  and the start time becomes the replay time minus the duration, as for a missing timestamp;
- a row is skipped (counted) when a required column is empty, NaN, Infinity or non-numeric, when it
  has fewer cells than the header, or when it repeats the header line. It is also skipped when the
  csv module cannot read it or converting it fails in any other way;
- a record with a line break inside a cell is skipped, and every line it spans counts as a skipped
  row, because it comes from an unterminated quote.
"""

from __future__ import annotations

import codecs
import csv
import logging
import math
import os
import re
import time
from collections import Counter
from datetime import datetime, timedelta

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
NAN_WORDS = frozenset(("nan", "+nan", "-nan"))
# Python's float() also accepts "1_000" and non-ASCII digits, which no flow meter writes.
DECIMAL_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
UNIX_TIME_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?")
UNIX_EPOCH = datetime(1970, 1, 1)
WINDOW_FIELDS = frozenset(("init_win_bytes_forward", "init_win_bytes_backward"))
COUNTERS = ("skipped", "inf", "nan", "empty", "negative", "huge", "invalid")
TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S",
                     "%d/%m/%Y %H:%M", "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p")
# Fewest of the 76 statistics a header must name to count as a flow CSV.
MIN_KNOWN_STATISTICS = 5
DECODE_FALLBACK = "traffic-cp1252-fallback"
# Rows one fill() call examines at most, so that the producer can act on a stop request, write
# its health file and log summaries while a long run of rows is skipped.
MAX_ROWS_PER_FILL = 1000
# Data rows whose numeric cells are checked for a wrong decimal separator or delimiter, and the
# share of non-numeric cells among them above which a warning names the likely cause.
FORMAT_SAMPLE_ROWS = 100
MAX_INVALID_SHARE = 0.10
QUOTE_REASON = "line break inside a cell (unterminated quote)"


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
    # The duration is also sent as a google.protobuf.Duration, which has a smaller range.
    limits["flow_duration_microseconds"] = (True, event_fill.DURATION_MAX_US)
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
    encoding = detect_wide_encoding(head)
    if encoding:
        raise TrafficError(
            f"{path!r} looks like {encoding}: convert it to UTF-8, for example with "
            f"`iconv -f {encoding} -t UTF-8 {path} > out.csv`")
    if b"\x00" in head:
        raise TrafficError(f"{path!r} is not a CSV file (it contains binary data)")


def detect_wide_encoding(head: bytes) -> str | None:
    """Return "UTF-16" or "UTF-32" when the first bytes of a file look like that text encoding.

    A byte order mark decides. Without one, ASCII text in UTF-16 has a NUL byte at every second
    position, which the 90 % thresholds below detect for text that is mostly ASCII.
    """
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, text in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and text.count(0) <= 0.1 * len(text):
            return "UTF-16"
    return None


def count_lines(path: str) -> int:
    """Return the number of lines in a file, counting a last line without a line end.

    A line ends at LF, CR LF or a lone CR, as for the csv module reading a file opened with
    newline="".
    """
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
            if last == b"\r" and chunk[:1] == b"\n":
                lines -= 1
            last = chunk[-1:]
    return lines + (last not in (b"\n", b"\r"))


def pick_delimiter(header_line: str) -> str:
    """Return the delimiter of a header line: comma, else semicolon or tab."""
    for delimiter in (",", ";", "\t"):
        if delimiter in header_line:
            return delimiter
    return ","


def parse_timestamp(text: str) -> int | None:
    """Return unix microseconds for a CICFlowMeter timestamp (taken as UTC), None if unknown.

    CIC-IDS2017 and CSE-CIC-IDS2018 write the day first ("03/07/2017 08:55:58", "3/7/2017 8:55"),
    the cicflowmeter tool writes ISO dates. A plain number below 1e11 is unix seconds, a larger
    one unix milliseconds. A time outside the google.protobuf.Timestamp range also gives None.
    """
    text = text.strip()
    if not text:
        return None
    if UNIX_TIME_NUMBER.fullmatch(text):
        value = float(text)
        micros = int(value * 1_000_000) if value < 1e11 else int(value * 1_000)
        if micros > event_fill.TIMESTAMP_MAX_US:
            return None
        return micros
    for pattern in TIMESTAMP_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        # Integer arithmetic keeps microseconds exact where a float timestamp would round them.
        return (moment - UNIX_EPOCH) // timedelta(microseconds=1)
    return None


def parse_decimal(text: str) -> float | None:
    """Return the value of a stripped decimal number, None when the text is not one."""
    if not DECIMAL_NUMBER.fullmatch(text):
        return None
    return float(text)


class RowError(ValueError):
    """A record that cannot be replayed.

    The message is the detail for the log, reason a short category for the end-of-file summary,
    and rows the number of lines the record spans, each counted as a skipped row.
    """

    def __init__(self, reason: str, detail: str, rows: int = 1) -> None:
        super().__init__(detail)
        self.reason = reason
        self.rows = rows


class CsvSource:
    """Flow source that replays the rows of one CICFlowMeter CSV file.

    Row numbers count physical lines after the header, like total_rows, so that the progress
    text reaches 100 % even when a record spans several lines.
    """

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
        self.skip_reasons: Counter[str] = Counter()
        self.warnings_logged: Counter[str] = Counter()
        self.finished = False
        self.format_checked = False
        self.data_rows = 0
        self.numeric_cells = 0
        self.non_numeric_cells = 0
        self.non_numeric_example = ""
        self.started = time.monotonic()
        self.handle = None
        self.open_reader()
        self.metadata = {"traffic_source": "csv", "csv_file": os.path.basename(path)}

    @property
    def exhausted(self) -> bool:
        """True once the file has ended (after the last pass with --loop)."""
        return self.finished

    def open_reader(self) -> None:
        """Open the file, read the header and map its columns; raise TrafficError if unusable."""
        self.handle = open(self.path, newline="", encoding="utf-8-sig", errors=DECODE_FALLBACK)
        first_line = self.handle.readline()
        self.handle.seek(0)
        self.delimiter = pick_delimiter(first_line)
        self.reader = csv.reader(self.handle, delimiter=self.delimiter)
        try:
            self.header = next(self.reader)
        except (StopIteration, csv.Error) as error:
            self.close()
            raise TrafficError(f"{self.path!r} is not a readable CSV file: {error}") from None
        self.mapping, unknown = map_header(self.header)
        self.check_columns()
        self.header_key = [cell.strip() for cell in self.header]
        self.header_lines = self.reader.line_num
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

    def read_record(self) -> list[str] | None:
        """Return the next record, None at the end of the file; raise RowError for a bad record.

        A record that spans several lines has a line break inside a quoted cell. Flow meters
        never write one, so it is almost always an unterminated quote that swallowed the rows
        after it: the csv module reads on until a closing quote, the end of the file or
        csv.field_size_limit() characters (131072 by default).
        """
        first_row = self.reader.line_num - self.header_lines + 1
        try:
            row = next(self.reader)
        except StopIteration:
            return None
        except csv.Error as error:
            self.row_number = self.reader.line_num - self.header_lines
            rows = self.row_number - first_row + 1
            hint = " (an unterminated quote?)" if rows > 1 else ""
            raise RowError("unreadable by the csv module",
                           f"unreadable CSV record{hint}: {error}", rows) from None
        self.row_number = self.reader.line_num - self.header_lines
        rows = self.row_number - first_row + 1
        if rows > 1:
            raise RowError(QUOTE_REASON,
                           f"a quoted cell starting in row {first_row} spans rows {first_row} "
                           f"to {self.row_number} (an unterminated quote?): fix the quoting "
                           f"to replay those rows", rows)
        return row

    def start_next_pass(self) -> bool:
        """Reopen the file for the next --loop pass; return False when there is none."""
        if not self.loop or self.replayed_in_pass == 0:
            return False
        self.handle.close()
        self.loops += 1
        self.replayed_in_pass = 0
        self.skip_reasons.clear()
        self.open_reader()
        return True

    def parse_number(self, text: str, name: str, required: bool) -> float:
        """Return a cell's value under the cell policy; raise RowError for a required cell."""
        cell = text.strip()
        kind = None
        lower = cell.lower()
        if not cell:
            kind = "empty"
        elif lower in INFINITY_WORDS:
            kind = "inf"
        elif lower in NAN_WORDS:
            kind = "nan"
        else:
            value = parse_decimal(cell)
            if value is None:
                kind = "invalid"
            elif math.isinf(value):
                kind = "inf"
            else:
                self.numeric_cells += 1
                return value
        self.counts[kind] += 1
        if kind == "invalid":
            self.count_non_numeric(cell)
        if required:
            raise RowError(f"{kind} value in a required column",
                           f"{kind} value {cell!r} in required column {name}")
        return -1.0 if name in WINDOW_FIELDS else 0.0

    def count_non_numeric(self, cell: str) -> None:
        """Record a non-numeric cell for the decimal separator check of the first rows."""
        self.numeric_cells += 1
        self.non_numeric_cells += 1
        if not self.non_numeric_example:
            self.non_numeric_example = cell

    def check_number_format(self) -> None:
        """Warn once when many numeric cells of the first rows are not numbers.

        A file with decimal commas ("0,5"), often written with ';' as delimiter, or a file
        split at the wrong delimiter, shows up only as a high invalid count otherwise.
        """
        if self.format_checked:
            return
        self.format_checked = True
        if self.non_numeric_cells <= MAX_INVALID_SHARE * self.numeric_cells:
            return
        log.warning(
            "%d of %d numeric cells in the first %d rows of %s are not numbers (for example "
            "%r) and become 0: the file may use decimal commas or a delimiter other than %r; "
            "export it with ',' between cells and '.' as decimal point",
            self.non_numeric_cells, self.numeric_cells, self.data_rows, self.path,
            self.non_numeric_example, self.delimiter)

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
        value = parse_decimal(text)
        if value is None or not 0 <= value < 65536:
            self.counts["invalid"] += 1
            return 0
        return int(value)

    def read_start_time(self, row: list[str], duration: int) -> int:
        """Return the flow start in unix microseconds, within the protobuf Timestamp range.

        An invalid or missing timestamp gives the replay time minus the duration.
        """
        text = self.read_cell(row, TIMESTAMP)
        start_us = parse_timestamp(text)
        if start_us is not None:
            return start_us
        if text:
            self.counts["invalid"] += 1
        start_us = time.time_ns() // 1000 - duration
        if start_us < event_fill.TIMESTAMP_MIN_US:
            self.counts["huge"] += 1
            return event_fill.TIMESTAMP_MIN_US
        return start_us

    def is_header_repeat(self, row: list[str]) -> bool:
        """Tell whether a row repeats the header (CSE-CIC-IDS2018 files contain such lines)."""
        return [cell.strip() for cell in row] == self.header_key

    def fill_event(self, event: pb.NetworkSecurityEvent, row: list[str]) -> None:
        """Fill an event from a row; raise RowError when the row cannot be replayed."""
        if len(row) < len(self.header):
            raise RowError("fewer cells than the header",
                           f"{len(row)} cells where the header has {len(self.header)}")
        if self.is_header_repeat(row):
            raise RowError("repeated header line", "repeated header line")
        features = self.read_statistics(row)
        duration = features["flow_duration_microseconds"]
        start_us = self.read_start_time(row, duration)

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
        """Fill the event from the next replayable row; return whether a row was replayed.

        One call examines at most MAX_ROWS_PER_FILL rows. False with exhausted still False
        means that those rows were all skipped and the caller should call again. Raise
        TrafficError when the file, or a --loop pass over it, ends without one replayed row.
        """
        if self.finished:
            return False
        for _ in range(MAX_ROWS_PER_FILL):
            try:
                row = self.read_record()
            except RowError as error:
                self.count_skip(error)
                continue
            if row is None:
                if self.start_next_pass():
                    continue
                self.finish()
                return False
            if not any(cell.strip() for cell in row):
                continue
            if self.replay_row(event, row):
                return True
        return False

    def replay_row(self, event: pb.NetworkSecurityEvent, row: list[str]) -> bool:
        """Fill the event from one non-blank row; return False when the row is skipped."""
        self.data_rows += 1
        try:
            self.fill_event(event, row)
        except RowError as error:
            self.count_skip(error)
            return False
        except (ValueError, OverflowError, TypeError) as error:
            # A safety net for conversions the cell policy does not foresee: one row must not
            # end the replay.
            self.count_skip(RowError("conversion error", f"{type(error).__name__}: {error}"))
            return False
        finally:
            if self.data_rows == FORMAT_SAMPLE_ROWS:
                self.check_number_format()
        self.replayed += 1
        self.replayed_in_pass += 1
        return True

    def finish(self) -> None:
        """Mark the source exhausted; raise TrafficError when the last pass replayed no row."""
        self.finished = True
        self.check_number_format()
        if self.replayed_in_pass:
            return
        skipped = sum(self.skip_reasons.values())
        where = f"no row of {self.path!r} could be replayed"
        if self.loops:
            where += f" in --loop pass {self.loops + 1}"
        if not skipped:
            raise TrafficError(f"{where}: the file has no data rows after the header")
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.skip_reasons.most_common())
        raise TrafficError(f"{where}: {skipped} rows skipped ({reasons}); see the warnings "
                           f"above for row numbers")

    def count_skip(self, error: RowError) -> None:
        """Count a skipped record and log the first five of each reason, then every thousandth."""
        self.counts["skipped"] += error.rows
        self.skip_reasons[error.reason] += error.rows
        self.warnings_logged[error.reason] += 1
        occurrences = self.warnings_logged[error.reason]
        if occurrences > 5 and occurrences % 1000 != 0:
            return
        first_row = self.row_number - error.rows + 1
        rows = f"row {first_row}" if error.rows == 1 else f"rows {first_row}-{self.row_number}"
        level = logging.ERROR if error.reason == QUOTE_REASON else logging.WARNING
        log.log(level, "skipping CSV %s of %s (%d rows skipped so far, %d for this reason): %s",
                rows, self.path, self.counts["skipped"], self.skip_reasons[error.reason], error)

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
