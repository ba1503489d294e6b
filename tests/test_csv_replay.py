"""Tests of CICFlowMeter CSV replay: header styles, cell policy, errors, looping, end to end."""

from __future__ import annotations

import csv
import logging
import shutil
from collections import Counter
from pathlib import Path

import pytest

from protobuf import network_security_pb2 as pb
from service1.traffic import TrafficError, csv_replay, open_source
from service1.traffic.columns import LABEL, map_header, normalize_name
from service1.traffic.flow import FLOW_FIELD_NAMES
from service1.traffic.invariants import find_violations
from conftest import loopback_endpoint, read_json

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ["cicids2017_sample.csv", "csecicids2018_sample.csv", "cicflowmeter_sample.csv"]
SAMPLE_LABELS = {
    "cicids2017_sample.csv": {"BENIGN": 5, "DDOS": 2, "PORTSCAN": 2, "BRUTE_FORCE": 1},
    "csecicids2018_sample.csv": {"BENIGN": 5, "DDOS": 2, "INFILTRATION": 2, "BRUTE_FORCE": 1},
    "cicflowmeter_sample.csv": {"BENIGN": 5, "DDOS": 2, "PORTSCAN": 2, "BRUTE_FORCE": 1},
}


def replay_all(path: Path | str, loop: bool = False, limit: int = 1000):
    """Return (events, source) after replaying a file until it ends or limit events."""
    source = open_source(f"csv:{path}", None, None, loop)
    events = []
    while len(events) < limit and not source.exhausted:
        event = pb.NetworkSecurityEvent()
        if source.fill(event):
            events.append(event)
    return events, source


def read_header(path: Path) -> list[str]:
    """Return the header row of a CSV file."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("name", SAMPLES + ["cicids2017_dirty.csv"])
def test_header_maps_all_statistics(name: str) -> None:
    mapping, _ = map_header(read_header(DATA / name))
    assert [field for field in FLOW_FIELD_NAMES if field not in mapping] == []
    assert LABEL in mapping


@pytest.mark.parametrize("column, field", [
    (" Total Length of Fwd Packets", "total_forward_bytes"),
    ("TotLen Fwd Pkts", "total_forward_bytes"),
    ("totlen_fwd_pkts", "total_forward_bytes"),
    ("Tot Bwd Pkts", "total_backward_packets"),
    (" Total Backward Packets", "total_backward_packets"),
    ("Init_Win_bytes_forward", "init_win_bytes_forward"),
    ("Init Fwd Win Byts", "init_win_bytes_forward"),
    ("init_fwd_win_byts", "init_win_bytes_forward"),
    (" act_data_pkt_fwd", "act_data_pkt_forward"),
    ("Fwd Act Data Pkts", "act_data_pkt_forward"),
    (" min_seg_size_forward", "min_seg_size_forward"),
    ("fwd_seg_size_min", "min_seg_size_forward"),
    ("Flow Byts/s", "flow_bytes_per_second"),
    ("flow_byts_s", "flow_bytes_per_second"),
    ("Flow Bytes/s", "flow_bytes_per_second"),
    (" Fwd Avg Bytes/Bulk", "forward_average_bytes_bulk"),
    ("Fwd Byts/b Avg", "forward_average_bytes_bulk"),
    ("Fwd Blk Rate Avg", "forward_average_bulk_rate"),
    (" CWE Flag Count", "cwe_flag_count"),
    ("cwr_flag_count", "cwe_flag_count"),
    ("\ufeffFlow Duration", "flow_duration_microseconds"),
    ("FLOW_DURATION", "flow_duration_microseconds"),
    ("flowDuration", "flow_duration_microseconds"),
    ("  Fwd IAT Total ", "forward_inter_arrival_time_total"),
    ("fwd_iat_tot", "forward_inter_arrival_time_total"),
    ("Pkt Len Var", "packet_length_variance"),
    ("Average Packet Size", "average_packet_size"),
    ("Pkt Size Avg", "average_packet_size"),
    (" Destination Port", "destination_port"),
    ("Dst Port", "destination_port"),
    ("src_ip", "source_ip"),
    (" Label", "label"),
    ("label", "label"),
])
def test_column_alias(column: str, field: str) -> None:
    mapping, unknown = map_header([column])
    assert mapping == {field: 0}
    assert unknown == []


def test_duplicate_header_first_wins() -> None:
    mapping, unknown = map_header([" Fwd Header Length", "x", " Fwd Header Length"])
    assert mapping["forward_header_length"] == 0
    assert unknown == ["x"]


def test_normalize_ignores_order_and_case() -> None:
    assert normalize_name("Fwd Pkt Len Max") == normalize_name("max_packet_length_FORWARD")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_replays_with_labels(name: str) -> None:
    events, source = replay_all(DATA / name)
    assert len(events) == 10
    assert Counter(e.final_classification for e in events) == SAMPLE_LABELS[name]
    assert source.progress().startswith("row 10/10 (100.0%), skipped 0")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_rows_satisfy_relations(name: str) -> None:
    events, _ = replay_all(DATA / name)
    for event in events:
        assert find_violations(event.network_features) == []


def test_replay_keeps_values_exactly() -> None:
    events, _ = replay_all(DATA / "cicflowmeter_sample.csv")
    with (DATA / "cicflowmeter_sample.csv").open(newline="") as handle:
        first = next(csv.DictReader(handle))
    nf = events[0].network_features
    assert nf.flow_duration_microseconds == int(first["flow_duration"])
    assert nf.total_forward_bytes == int(first["totlen_fwd_pkts"])
    assert nf.flow_inter_arrival_time_mean == float(first["flow_iat_mean"])
    assert nf.source_ip == first["src_ip"]
    assert nf.destination_port == int(first["dst_port"])
    assert events[0].threat_category == first["label"]


def test_dirty_file_policy_counts() -> None:
    events, source = replay_all(DATA / "cicids2017_dirty.csv")
    assert len(events) == 6
    progress = source.progress()
    for part in ("row 9/9", "skipped 3", "inf 2", "nan 2", "empty 1", "negative 1", "huge 1",
                 "invalid 1"):
        assert part in progress
    assert events[0].network_features.flow_bytes_per_second == 0.0
    assert events[3].network_features.init_win_bytes_backward == -1
    assert events[3].network_features.flow_inter_arrival_time_min == 0
    assert events[-1].network_features.subflow_forward_bytes == 2**64 - 1
    assert events[-1].threat_category == "Web Attack \u2013 Brute Force"
    assert events[-1].final_classification == "WEB_ATTACK"


def test_dirty_rows_serialize() -> None:
    events, _ = replay_all(DATA / "cicids2017_dirty.csv")
    for event in events:
        assert pb.NetworkSecurityEvent.FromString(event.SerializeToString()) == event


def write_variant(tmp_path: Path, transform) -> Path:
    """Write the cicflowmeter sample with its header and rows passed through transform."""
    with (DATA / "cicflowmeter_sample.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = transform(rows[0], rows[1:])
    path = tmp_path / "variant.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([header] + body)
    return path


def test_reordered_upper_case_columns_with_extras(tmp_path: Path) -> None:
    def transform(header, body):
        order = list(reversed(range(len(header))))
        new_header = [" " + header[i].upper() + " " for i in order] + ["Extra Column"]
        return new_header, [[row[i] for i in order] + ["zzz"] for row in body]

    events, source = replay_all(write_variant(tmp_path, transform))
    assert len(events) == 10
    assert Counter(e.final_classification for e in events)["BENIGN"] == 5
    assert "invalid 0" in source.progress()


def test_missing_columns_listed(tmp_path: Path) -> None:
    def transform(header, body):
        drop = {header.index("flow_duration"), header.index("tot_bwd_pkts")}
        keep = [i for i in range(len(header)) if i not in drop]
        return [header[i] for i in keep], [[row[i] for i in keep] for row in body]

    with pytest.raises(TrafficError) as error:
        open_source(f"csv:{write_variant(tmp_path, transform)}", None, None, False)
    message = str(error.value)
    assert "Flow Duration" in message
    assert "Total Backward Packets" in message
    assert "\n" not in message


def test_not_a_flow_csv(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,age\nalice,30\n")
    with pytest.raises(TrafficError, match="not a CICFlowMeter flow CSV"):
        open_source(f"csv:{path}", None, None, False)


def test_binary_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "capture.pcap"
    path.write_bytes(b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + bytes(200))
    with pytest.raises(TrafficError, match="not a CSV file"):
        open_source(f"csv:{path}", None, None, False)


def test_compressed_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "flows.csv.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + bytes(50))
    with pytest.raises(TrafficError, match="extract it first"):
        open_source(f"csv:{path}", None, None, False)


def test_empty_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(TrafficError, match="is empty"):
        open_source(f"csv:{path}", None, None, False)


def test_missing_file_rejected(tmp_path: Path) -> None:
    with pytest.raises(TrafficError, match="not found"):
        open_source(f"csv:{tmp_path / 'nope.csv'}", None, None, False)


def test_loop_repeats_file() -> None:
    events, source = replay_all(DATA / "csecicids2018_sample.csv", loop=True, limit=25)
    assert len(events) == 25
    assert "loop 3" in source.progress()
    assert events[20].network_features.flow_duration_microseconds == \
        events[0].network_features.flow_duration_microseconds


def test_loop_over_unusable_rows_ends(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    shutil.copy(DATA / "cicflowmeter_sample.csv", path)
    lines = path.read_text().splitlines()
    path.write_text(lines[0] + "\n" + "\n".join("x," * 5 for _ in range(3)) + "\n")
    with pytest.raises(TrafficError) as error:
        replay_all(path, loop=True)
    assert "could be replayed: 3 rows skipped (3 fewer cells than the header)" in str(error.value)


def write_rows(tmp_path: Path, edit, name: str = "edited.csv") -> Path:
    """Write the cicflowmeter sample after edit(header, body) changed the body list in place."""
    with (DATA / "cicflowmeter_sample.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    edit(header, body)
    path = tmp_path / name
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([header] + body)
    return path


def set_cell(tmp_path: Path, column: str, value: str, row: int = 0) -> Path:
    """Write the cicflowmeter sample with one cell replaced."""
    def edit(header, body):
        body[row][header.index(column)] = value

    return write_rows(tmp_path, edit)


@pytest.mark.parametrize("column, value", [
    ("dst_port", "Infinity"),
    ("dst_port", "1e400"),
    ("dst_port", "nan"),
    ("timestamp", "\u00b2"),
    ("timestamp", "\u0663"),
    ("timestamp", "99999999999999999999999"),
    ("timestamp", "1e30"),
])
def test_bad_cell_counted_as_invalid(tmp_path: Path, column: str, value: str) -> None:
    events, source = replay_all(set_cell(tmp_path, column, value))
    assert len(events) == 10
    assert "invalid 1" in source.progress()
    assert "skipped 0" in source.progress()
    nf = events[0].network_features
    nf.flow_start_time.ToJsonString()
    assert nf.destination_port == (0 if column == "dst_port" else 443)


def test_huge_duration_clamped_to_protobuf(tmp_path: Path) -> None:
    def edit(header, body):
        body[0][header.index("flow_duration")] = "1e30"
        body[0][header.index("timestamp")] = ""

    events, source = replay_all(write_rows(tmp_path, edit))
    assert len(events) == 10
    nf = events[0].network_features
    assert nf.flow_duration.seconds == 315_576_000_000
    assert nf.flow_duration_microseconds == 315_576_000_000 * 1_000_000
    assert nf.flow_duration.ToJsonString() == "315576000000s"
    assert nf.flow_start_time.ToJsonString() == "0001-01-01T00:00:00Z"
    assert "huge 2" in source.progress()


def test_conversion_error_skips_row(tmp_path: Path, monkeypatch, caplog) -> None:
    def fail_on_marker(label: str) -> str:
        if label == "explode":
            raise OverflowError("simulated conversion failure")
        return "BENIGN"

    monkeypatch.setattr(csv_replay, "classify_label", fail_on_marker)
    path = set_cell(tmp_path, "label", "explode", row=2)
    events, source = replay_all(path)
    assert len(events) == 9
    assert "skipped 1" in source.progress()
    assert "row 3 " in caplog.text
    assert "OverflowError: simulated conversion failure" in caplog.text


def test_fill_scans_bounded_rows(tmp_path: Path) -> None:
    def edit(header, body):
        body[:] = [["x"]] * 2500 + body[:1]

    source = open_source(f"csv:{write_rows(tmp_path, edit)}", None, None, False)
    event = pb.NetworkSecurityEvent()
    assert source.fill(event) is False
    assert source.exhausted is False
    assert source.row_number == csv_replay.MAX_ROWS_PER_FILL
    assert source.fill(event) is False
    assert source.fill(event) is True
    assert source.row_number == 2501
    assert source.fill(event) is False
    assert source.exhausted is True
    assert "skipped 2500" in source.progress()


def test_oversized_cells_rate_limited(tmp_path: Path, caplog) -> None:
    def edit(header, body):
        for row in body[1:]:
            row[header.index("label")] = "x" * (csv.field_size_limit() + 1)

    caplog.set_level(logging.WARNING)
    events, source = replay_all(write_rows(tmp_path, edit))
    assert len(events) == 1
    assert "skipped 9" in source.progress()
    warnings = [r.getMessage() for r in caplog.records if "field larger" in r.getMessage()]
    assert len(warnings) == 5
    assert warnings[0].startswith("skipping CSV row 2 of ")
    assert warnings[4].startswith("skipping CSV row 6 of ")


def test_unterminated_quote_counts_swallowed_rows(tmp_path: Path, caplog) -> None:
    path = tmp_path / "quote.csv"
    lines = (DATA / "cicflowmeter_sample.csv").read_text().splitlines(keepends=True)
    lines[3] = '"' + lines[3]
    path.write_text("".join(lines))
    events, source = replay_all(path)
    assert len(events) == 2
    assert source.progress().startswith("row 10/10 (100.0%), skipped 8")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "rows 3-10" in errors[0]
    assert "starting in row 3" in errors[0]
    assert "unterminated quote" in errors[0]


def test_carriage_return_line_ends_counted(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    lines = (DATA / "cicflowmeter_sample.csv").read_text().splitlines()
    path.write_text("\r".join(lines) + "\r", newline="")
    events, source = replay_all(path)
    assert len(events) == 10
    assert source.progress().startswith("row 10/10 (100.0%)")


@pytest.mark.parametrize("data, lines", [
    (b"a\r\nb\rc\nd", 4),
    (b"a\r\r\n", 2),
    (b"a\r", 1),
    (b"a", 1),
])
def test_count_lines_all_line_ends(tmp_path: Path, data: bytes, lines: int) -> None:
    path = tmp_path / "lines.csv"
    path.write_bytes(data)
    assert csv_replay.count_lines(str(path)) == lines


def test_underscore_numbers_are_invalid(tmp_path: Path) -> None:
    def edit(header, body):
        body[0][header.index("flow_duration")] = "1_000"
        body[1][header.index("flow_iat_mean")] = "1_000.5"

    events, source = replay_all(write_rows(tmp_path, edit))
    assert len(events) == 9
    assert "skipped 1" in source.progress()
    assert "invalid 2" in source.progress()
    assert events[0].network_features.flow_inter_arrival_time_mean == 0.0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_rejected_with_hint(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes((DATA / "cicflowmeter_sample.csv").read_text().encode(encoding))
    with pytest.raises(TrafficError) as error:
        open_source(f"csv:{path}", None, None, False)
    assert "looks like UTF-16" in str(error.value)
    assert "iconv -f UTF-16 -t UTF-8" in str(error.value)


def test_decimal_commas_warned_once(tmp_path: Path, caplog) -> None:
    with (DATA / "cicflowmeter_sample.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    path = tmp_path / "semicolon.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow([cell.replace(".", ",") if cell[:1].isdigit() and ":" not in cell
                             else cell for cell in row])
    caplog.set_level(logging.WARNING)
    events, source = replay_all(path)
    assert len(events) == 10
    warnings = [r.getMessage() for r in caplog.records if "decimal commas" in r.getMessage()]
    assert len(warnings) == 1
    assert "delimiter other than ';'" in warnings[0]


def test_clean_file_has_no_format_warning(caplog) -> None:
    replay_all(DATA / "cicids2017_dirty.csv")
    assert "decimal commas" not in caplog.text


def test_nothing_replayable_raises(tmp_path: Path) -> None:
    def edit(header, body):
        for row in body[:5]:
            row[header.index("flow_duration")] = "NaN"
        del body[5:]
        body.append(header)

    path = write_rows(tmp_path, edit)
    with pytest.raises(TrafficError) as error:
        replay_all(path)
    message = str(error.value)
    assert message.startswith(f"no row of {str(path)!r} could be replayed: 6 rows skipped")
    assert "5 nan value in a required column" in message
    assert "1 repeated header line" in message
    assert "\n" not in message


def test_header_only_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text((DATA / "cicflowmeter_sample.csv").read_text().splitlines()[0] + "\n\n")
    with pytest.raises(TrafficError, match="has no data rows after the header"):
        replay_all(path)


@pytest.mark.parametrize("name", SAMPLES)
def test_csv_replays_through_service2(name: str, start_service, tmp_path: Path) -> None:
    stats = tmp_path / "stats.json"
    producer_endpoint = loopback_endpoint()
    no_etcd = {"ETCD_ENDPOINTS": f"http://127.0.0.1:{loopback_endpoint().rsplit(':', 1)[1]}"}
    consumer = start_service("service2", "--connect", producer_endpoint, "--discover", "false",
                             "--bind", loopback_endpoint(), "--stats-file", str(stats),
                             env=no_etcd)
    producer = start_service("service1", "--bind", producer_endpoint, "--source",
                             f"csv:{DATA / name}", "--rate", "0", env=no_etcd)
    assert producer.wait(30) == 0
    consumer.wait_for_output(r"received=10 ", timeout=10)
    consumer.terminate()
    totals = read_json(stats)
    assert totals["received"] == 10
    assert totals["invalid"] == 0
    assert totals["labels"] == SAMPLE_LABELS[name]
