"""List every registration under /services/ with its lease's remaining TTL.

Usage: python -m discovery.status [--etcd-endpoints URLS]   (default: $ETCD_ENDPOINTS or http://127.0.0.1:2379)
"""

from __future__ import annotations

import argparse
import os
import sys

from config.common import DEFAULT_ETCD_ENDPOINTS
from config.parsers import parse_etcd_endpoints
from discovery.etcd import EtcdCluster, EtcdError
from discovery.record import SERVICES_ROOT, InvalidRecord, ServiceRecord


def format_registrations(cluster: EtcdCluster) -> list[str]:
    """Return one line per key under /services/: key, endpoint, health, lease and remaining TTL."""
    items, revision = cluster.get_prefix(SERVICES_ROOT)
    lines = [f"{len(items)} registration(s) under {SERVICES_ROOT} at revision {revision}"]
    for item in items:
        try:
            record = ServiceRecord.from_json(item.value)
            summary = f"endpoint={record.endpoint} health={record.health} last_heartbeat={record.last_heartbeat}"
        except InvalidRecord as error:
            summary = f"invalid value ({error})"
        if item.lease:
            ttl = cluster.lease_ttl(item.lease)
            lease = f"lease={item.lease:x} ttl={ttl}s" if ttl > 0 else f"lease={item.lease:x} ttl=expired"
        else:
            lease = "no lease (the key never expires)"
        lines.append(f"  {item.key}  {summary}  {lease}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discovery.status", description=__doc__.splitlines()[0])
    parser.add_argument("--etcd-endpoints", default=os.environ.get("ETCD_ENDPOINTS", DEFAULT_ETCD_ENDPOINTS),
                        metavar="URLS", help="comma-separated etcd client URLs")
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for etcd")
    args = parser.parse_args(argv)
    try:
        endpoints = parse_etcd_endpoints(args.etcd_endpoints)
    except ValueError as error:
        print(f"invalid --etcd-endpoints value {args.etcd_endpoints!r}: {error}", file=sys.stderr)
        return 2
    try:
        lines = format_registrations(EtcdCluster(endpoints, timeout=args.timeout))
    except EtcdError as error:
        print(f"etcd is not reachable: {error}", file=sys.stderr)
        print("Start it with `make run` (local) or `make lab-start` (Docker), or pass --etcd-endpoints.",
              file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
