"""`make bench`: throughput of event building, frame validation and the whole pipeline.

Each figure is measured on this machine at run time. Nothing is asserted, because speed
targets belong in benchmarks rather than in tests; docs/benchmarks.md records the results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discovery.local_etcd import LocalEtcd, free_port  # noqa: E402
from service1.events import EventFactory  # noqa: E402
from service1.node import NodeInfo  # noqa: E402
from service1.traffic import open_source  # noqa: E402
from service2.scoring import assess  # noqa: E402
from service2.validation import FrameKind, classify_frame  # noqa: E402


def measure_building(count: int) -> tuple[float, float]:
    """Return events built and serialized per second on one core, and the mean frame size."""
    factory = EventFactory("bench-producer", NodeInfo.detect("bench-producer", "127.0.0.1", "bench"),
                           open_source("synthetic", None, 1, False))
    total_bytes = 0
    started = time.perf_counter()
    for _ in range(count):
        total_bytes += len(factory.next_event().SerializeToString())
    elapsed = time.perf_counter() - started
    return count / elapsed, total_bytes / count


def measure_validation(count: int) -> float:
    """Return frames validated and scored per second on one core."""
    factory = EventFactory("bench-producer", NodeInfo.detect("bench-producer", "127.0.0.1", "bench"),
                           open_source("synthetic", None, 2, False))
    frames = [factory.next_event().SerializeToString() for _ in range(count)]
    started = time.perf_counter()
    for frame in frames:
        result = classify_frame(frame, 1 << 20)
        if result.kind is FrameKind.VALID:
            assess(result.event)
    return count / (time.perf_counter() - started)


def measure_pipeline(count: int) -> dict:
    """Run etcd, service2 and `service1 --count N --rate 0`; return the consumer's totals and the rate."""
    etcd = LocalEtcd()
    etcd.start()
    env = dict(os.environ, ETCD_ENDPOINTS=etcd.url, ADVERTISED_HOST="127.0.0.1", SUMMARY_INTERVAL="60")
    with tempfile.TemporaryDirectory() as folder:
        stats = Path(folder) / "stats.json"
        consumer = subprocess.Popen(
            [sys.executable, "-m", "service2", "--bind", f"tcp://127.0.0.1:{free_port()}", "--display", "summary",
             "--stats-file", str(stats)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(2.0)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "service1", "--bind", f"tcp://127.0.0.1:{free_port()}",
                            "--count", str(count), "--rate", "0", "--seed", "3"],
                           env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=600, check=True)
            producer_seconds = time.perf_counter() - started
        finally:
            consumer.terminate()
            consumer.wait(10)
            etcd.cleanup()
        totals = json.loads(stats.read_text())
    totals["producer_seconds"] = producer_seconds
    totals["events_per_second"] = count / producer_seconds
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="events per measurement (default 20000)")
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.events} events per measurement")
    rate, size = measure_building(args.events)
    print(f"build + serialize (one core, default mix): {rate:,.0f} events/s, mean frame {size:,.0f} bytes")
    print(f"validate + score (one core):               {measure_validation(args.events):,.0f} frames/s")
    totals = measure_pipeline(args.events)
    print(f"pipeline (etcd + service2 + service1 --count {args.events} --rate 0): "
          f"{totals['events_per_second']:,.0f} events/s over {totals['producer_seconds']:.1f} s; "
          f"received={totals['received']} lost={totals['lost']} malformed={totals['malformed']} "
          f"invalid={totals['invalid']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
