"""Write the small flow CSV samples in tests/data from synthetic flows, one file per header style.

Run from the repository root: `python tests/data/make_flow_csvs.py`. The output is deterministic
(fixed seed and start time), so rerunning it changes no file unless the traffic model changed.
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timezone
from pathlib import Path

from service1.traffic import columns
from service1.traffic.flow import FLOW_FIELD_NAMES, compute_features
from service1.traffic.profiles import PROFILE_BUILDERS

DATA_DIR = Path(__file__).resolve().parent
START_US = 1_499_072_100_000_000  # 2017-07-03 08:55:00 UTC

CIC_IDS2017_HEADER = [
    "Flow ID", " Source IP", " Source Port", " Destination IP", " Destination Port", " Protocol",
    " Timestamp", " Flow Duration", " Total Fwd Packets", " Total Backward Packets",
    "Total Length of Fwd Packets", " Total Length of Bwd Packets", " Fwd Packet Length Max",
    " Fwd Packet Length Min", " Fwd Packet Length Mean", " Fwd Packet Length Std",
    "Bwd Packet Length Max", " Bwd Packet Length Min", " Bwd Packet Length Mean",
    " Bwd Packet Length Std", "Flow Bytes/s", " Flow Packets/s", " Flow IAT Mean", " Flow IAT Std",
    " Flow IAT Max", " Flow IAT Min", "Fwd IAT Total", " Fwd IAT Mean", " Fwd IAT Std",
    " Fwd IAT Max", " Fwd IAT Min", "Bwd IAT Total", " Bwd IAT Mean", " Bwd IAT Std",
    " Bwd IAT Max", " Bwd IAT Min", "Fwd PSH Flags", " Bwd PSH Flags", " Fwd URG Flags",
    " Bwd URG Flags", " Fwd Header Length", " Bwd Header Length", "Fwd Packets/s",
    " Bwd Packets/s", " Min Packet Length", " Max Packet Length", " Packet Length Mean",
    " Packet Length Std", " Packet Length Variance", "FIN Flag Count", " SYN Flag Count",
    " RST Flag Count", " PSH Flag Count", " ACK Flag Count", " URG Flag Count", " CWE Flag Count",
    " ECE Flag Count", " Down/Up Ratio", " Average Packet Size", " Avg Fwd Segment Size",
    " Avg Bwd Segment Size", " Fwd Header Length", "Fwd Avg Bytes/Bulk", " Fwd Avg Packets/Bulk",
    " Fwd Avg Bulk Rate", " Bwd Avg Bytes/Bulk", " Bwd Avg Packets/Bulk", "Bwd Avg Bulk Rate",
    "Subflow Fwd Packets", " Subflow Fwd Bytes", " Subflow Bwd Packets", " Subflow Bwd Bytes",
    "Init_Win_bytes_forward", " Init_Win_bytes_backward", " act_data_pkt_fwd",
    " min_seg_size_forward", "Active Mean", " Active Std", " Active Max", " Active Min",
    "Idle Mean", " Idle Std", " Idle Max", " Idle Min", " Label",
]

CSE_CIC_IDS2018_HEADER = [
    "Dst Port", "Protocol", "Timestamp", "Flow Duration", "Tot Fwd Pkts", "Tot Bwd Pkts",
    "TotLen Fwd Pkts", "TotLen Bwd Pkts", "Fwd Pkt Len Max", "Fwd Pkt Len Min", "Fwd Pkt Len Mean",
    "Fwd Pkt Len Std", "Bwd Pkt Len Max", "Bwd Pkt Len Min", "Bwd Pkt Len Mean", "Bwd Pkt Len Std",
    "Flow Byts/s", "Flow Pkts/s", "Flow IAT Mean", "Flow IAT Std", "Flow IAT Max", "Flow IAT Min",
    "Fwd IAT Tot", "Fwd IAT Mean", "Fwd IAT Std", "Fwd IAT Max", "Fwd IAT Min", "Bwd IAT Tot",
    "Bwd IAT Mean", "Bwd IAT Std", "Bwd IAT Max", "Bwd IAT Min", "Fwd PSH Flags", "Bwd PSH Flags",
    "Fwd URG Flags", "Bwd URG Flags", "Fwd Header Len", "Bwd Header Len", "Fwd Pkts/s",
    "Bwd Pkts/s", "Pkt Len Min", "Pkt Len Max", "Pkt Len Mean", "Pkt Len Std", "Pkt Len Var",
    "FIN Flag Cnt", "SYN Flag Cnt", "RST Flag Cnt", "PSH Flag Cnt", "ACK Flag Cnt", "URG Flag Cnt",
    "CWE Flag Count", "ECE Flag Cnt", "Down/Up Ratio", "Pkt Size Avg", "Fwd Seg Size Avg",
    "Bwd Seg Size Avg", "Fwd Byts/b Avg", "Fwd Pkts/b Avg", "Fwd Blk Rate Avg", "Bwd Byts/b Avg",
    "Bwd Pkts/b Avg", "Bwd Blk Rate Avg", "Subflow Fwd Pkts", "Subflow Fwd Byts",
    "Subflow Bwd Pkts", "Subflow Bwd Byts", "Init Fwd Win Byts", "Init Bwd Win Byts",
    "Fwd Act Data Pkts", "Fwd Seg Size Min", "Active Mean", "Active Std", "Active Max",
    "Active Min", "Idle Mean", "Idle Std", "Idle Max", "Idle Min", "Label",
]

CICFLOWMETER_HEADER = [
    "src_ip", "dst_ip", "src_port", "dst_port", "protocol", "timestamp", "flow_duration",
    "flow_byts_s", "flow_pkts_s", "fwd_pkts_s", "bwd_pkts_s", "tot_fwd_pkts", "tot_bwd_pkts",
    "totlen_fwd_pkts", "totlen_bwd_pkts", "fwd_pkt_len_max", "fwd_pkt_len_min",
    "fwd_pkt_len_mean", "fwd_pkt_len_std", "bwd_pkt_len_max", "bwd_pkt_len_min",
    "bwd_pkt_len_mean", "bwd_pkt_len_std", "pkt_len_max", "pkt_len_min", "pkt_len_mean",
    "pkt_len_std", "pkt_len_var", "fwd_header_len", "bwd_header_len", "fwd_seg_size_min",
    "fwd_act_data_pkts", "flow_iat_mean", "flow_iat_max", "flow_iat_min", "flow_iat_std",
    "fwd_iat_tot", "fwd_iat_max", "fwd_iat_min", "fwd_iat_mean", "fwd_iat_std", "bwd_iat_tot",
    "bwd_iat_max", "bwd_iat_min", "bwd_iat_mean", "bwd_iat_std", "fwd_psh_flags", "bwd_psh_flags",
    "fwd_urg_flags", "bwd_urg_flags", "fin_flag_cnt", "syn_flag_cnt", "rst_flag_cnt",
    "psh_flag_cnt", "ack_flag_cnt", "urg_flag_cnt", "ece_flag_cnt", "down_up_ratio",
    "pkt_size_avg", "init_fwd_win_byts", "init_bwd_win_byts", "active_max", "active_min",
    "active_mean", "active_std", "idle_max", "idle_min", "idle_mean", "idle_std",
    "fwd_byts_b_avg", "fwd_pkts_b_avg", "bwd_byts_b_avg", "bwd_pkts_b_avg", "fwd_blk_rate_avg",
    "bwd_blk_rate_avg", "fwd_seg_size_avg", "bwd_seg_size_avg", "cwe_flag_count",
    "subflow_fwd_pkts", "subflow_bwd_pkts", "subflow_fwd_byts", "subflow_bwd_byts", "label",
]

# Profile -> the label each dataset uses for that kind of traffic.
DATASET_LABELS = {
    "cicids2017": {"benign_web": "BENIGN", "benign_dns": "BENIGN", "ddos_http": "DDoS",
                   "portscan": "PortScan", "bruteforce_ssh": "SSH-Patator"},
    "csecicids2018": {"benign_web": "Benign", "benign_dns": "Benign",
                      "ddos_http": "DDOS attack-HOIC", "portscan": "Infilteration",
                      "bruteforce_ssh": "SSH-Bruteforce"},
    "cicflowmeter": {"benign_web": "benign_web", "benign_dns": "benign_dns",
                     "ddos_http": "ddos_http", "portscan": "portscan",
                     "bruteforce_ssh": "bruteforce_ssh"},
}
ROW_PROFILES = ["benign_web", "benign_dns", "benign_web", "ddos_http", "portscan",
                "bruteforce_ssh", "benign_dns", "ddos_http", "portscan", "benign_web"]
TIMESTAMP_STYLES = {"cicids2017": "%d/%m/%Y %H:%M", "csecicids2018": "%d/%m/%Y %H:%M:%S",
                    "cicflowmeter": "%Y-%m-%d %H:%M:%S"}


def format_value(value: float | int) -> str:
    """Return a cell text that parses back to exactly the same value."""
    return repr(value) if isinstance(value, float) else str(value)


def build_row(header: list[str], style: str, rng: random.Random, index: int,
              profile: str) -> list[str]:
    """Return one CSV row of a synthetic flow under a header style."""
    flow = PROFILE_BUILDERS[profile](rng)
    features = compute_features(flow.trace)
    start = datetime.fromtimestamp((START_US + index * 7_000_000) / 1e6, timezone.utc)
    protocol = flow.trace.protocol
    identity = {
        columns.SOURCE_IP: flow.source.ip, columns.DESTINATION_IP: flow.destination.ip,
        columns.SOURCE_PORT: str(flow.source_port),
        columns.DESTINATION_PORT: str(flow.destination_port),
        columns.PROTOCOL: str(protocol), columns.TIMESTAMP: start.strftime(TIMESTAMP_STYLES[style]),
        columns.LABEL: DATASET_LABELS[style][profile],
    }
    row = []
    for name in header:
        target = columns.ALIASES.get(columns.normalize_name(name))
        if target in identity:
            row.append(identity[target])
        elif target in FLOW_FIELD_NAMES:
            row.append(format_value(features[target]))
        else:  # Flow ID, or the second "Fwd Header Length" of CIC-IDS2017
            row.append(f"{flow.source.ip}-{flow.destination.ip}-{flow.source_port}-"
                       f"{flow.destination_port}-{protocol}" if name == "Flow ID"
                       else format_value(features["forward_header_length"]))
    return row


def write_sample(path: Path, header: list[str], style: str, seed: int) -> None:
    """Write a header and one row per entry of ROW_PROFILES."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for index, profile in enumerate(ROW_PROFILES):
            writer.writerow(build_row(header, style, rng, index, profile))


def write_dirty_sample(path: Path) -> None:
    """Write a CIC-IDS2017 file with the defects real files have, one kind per row.

    The file starts with a UTF-8 byte order mark, ends lines with CRLF and carries a Windows-1252
    label byte (0x96), as the published CIC-IDS2017 CSVs do.
    """
    rng = random.Random(99)
    header = CIC_IDS2017_HEADER
    index = {name.strip(): i for i, name in reversed(list(enumerate(header)))}
    rows = [build_row(header, "cicids2017", rng, i, "benign_web") for i in range(9)]
    rows[0][index["Flow Bytes/s"]] = "Infinity"           # inf, kept
    rows[0][index["Flow Packets/s"]] = "inf"              # inf, kept
    rows[1][index["Flow Bytes/s"]] = "NaN"                # nan, kept
    rows[2][index["Fwd IAT Std"]] = ""                    # empty, kept
    rows[3][index["Init_Win_bytes_backward"]] = "-1"      # CICFlowMeter "no packet", kept
    rows[3][index["Flow IAT Min"]] = "-3"                 # negative, kept
    rows[4][index["Active Mean"]] = "n/a"                 # invalid, kept
    rows[5][index["Flow Duration"]] = "NaN"               # nan in a required column, skipped
    rows[6] = rows[6][:10]                                # short row, skipped
    rows[7] = [name for name in header]                   # repeated header, skipped
    rows[8][index["Subflow Fwd Bytes"]] = "1e30"          # huge, kept
    labels = ["BENIGN", "BENIGN", "BENIGN", "DDoS", "DDoS", "BENIGN", "BENIGN", "BENIGN",
              "Web Attack <DASH> Brute Force"]
    for row, label in zip(rows, labels):
        if len(row) == len(header) and row[0] != header[0]:
            row[-1] = label
    with path.open("wb") as handle:
        handle.write(b"\xef\xbb\xbf")
        for row in [header] + rows:
            handle.write(",".join(row).encode("utf-8").replace(b"<DASH>", b"\x96") + b"\r\n")


def main() -> None:
    """Write the samples."""
    write_sample(DATA_DIR / "cicids2017_sample.csv", CIC_IDS2017_HEADER, "cicids2017", 2017)
    write_sample(DATA_DIR / "csecicids2018_sample.csv", CSE_CIC_IDS2018_HEADER, "csecicids2018",
                 2018)
    write_sample(DATA_DIR / "cicflowmeter_sample.csv", CICFLOWMETER_HEADER, "cicflowmeter", 2020)
    write_dirty_sample(DATA_DIR / "cicids2017_dirty.csv")


if __name__ == "__main__":
    main()
