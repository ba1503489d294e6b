"""Measure how many events per second one core generates, and print the scoring confusion matrix.

Usage:
    python bench/bench_generator.py [--events 20000] [--mix MIX] [--seed 1]
    python bench/bench_generator.py --confusion [--per-profile 1000]

The timing covers what the producer does per event apart from sending: fill the event from the
synthetic source and serialize it. It runs in one thread, so it uses one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

# Run from a checkout without installing the project, as `make run` leaves it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from protobuf import network_security_pb2 as pb  # noqa: E402
from service1.traffic import DEFAULT_MIX, PROFILE_NAMES, open_source  # noqa: E402
from service2.scoring import assess  # noqa: E402

CLASSES = ("BENIGN", "SUSPICIOUS", "DDOS", "PORTSCAN", "BRUTE_FORCE", "RANSOMWARE")


def measure_rate(mix: str, seed: int, events: int) -> tuple[float, float]:
    """Return (events per second, mean serialized bytes) over a run of events."""
    source = open_source("synthetic", mix, seed, False)
    event = pb.NetworkSecurityEvent()
    total_bytes = 0
    started = time.perf_counter()
    for _ in range(events):
        source.fill(event)
        total_bytes += len(event.SerializeToString())
    elapsed = time.perf_counter() - started
    return events / elapsed, total_bytes / events


def print_confusion(per_profile: int, seed: int) -> None:
    """Print a Markdown table: rows are profiles, columns the classes assess() returns."""
    print("| profile | " + " | ".join(CLASSES) + " |")
    print("|---" * (len(CLASSES) + 1) + "|")
    for profile in PROFILE_NAMES:
        source = open_source("synthetic", f"{profile}=1", seed, False)
        event = pb.NetworkSecurityEvent()
        counts: Counter[str] = Counter()
        for _ in range(per_profile):
            source.fill(event)
            counts[assess(event).classification] += 1
        print(f"| {profile} | " + " | ".join(str(counts[name]) for name in CLASSES) + " |")


def main() -> None:
    """Parse the options and run the benchmark or the confusion matrix."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000, help="events to generate")
    parser.add_argument("--mix", default=DEFAULT_MIX, help="traffic mix, as --mix of service1")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--confusion", action="store_true",
                        help="print the scoring confusion matrix instead of timing")
    parser.add_argument("--per-profile", type=int, default=1000,
                        help="events per profile for --confusion")
    args = parser.parse_args()
    if args.confusion:
        print_confusion(args.per_profile, args.seed)
        return
    rate, size = measure_rate(args.mix, args.seed, args.events)
    print(f"{args.events} events, mix {args.mix}: {rate:.0f} events/s on one core, "
          f"{size:.0f} bytes per event on average")


if __name__ == "__main__":
    main()
