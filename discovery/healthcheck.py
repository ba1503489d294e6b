"""Container healthcheck: exit 0 when a service's health file is fresh and marked healthy, else 1.

Usage: python -m discovery.healthcheck PATH [--max-age SECONDS]
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def check(path: str, max_age: float) -> tuple[bool, str]:
    """Return whether the health file at ``path`` is fresh and healthy, with the reason."""
    try:
        with open(path) as handle:
            document = json.load(handle)
    except FileNotFoundError:
        return False, f"no health file at {path}: the service has not started or has stopped"
    except (OSError, ValueError) as error:
        return False, f"cannot read health file {path}: {error}"
    if not isinstance(document, dict):
        return False, f"health file {path} does not contain a JSON object"

    age = time.time() - float(document.get("updated_at", 0))
    if age > max_age:
        return False, f"health file {path} is {age:.1f} s old (maximum {max_age:g} s): the service is stuck"
    details = ", ".join(f"{key}={value}" for key, value in sorted(document.items()) if key != "updated_at")
    if not document.get("healthy"):
        return False, f"unhealthy: {details}"
    return True, f"healthy: {details}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discovery.healthcheck", description=__doc__.splitlines()[0])
    parser.add_argument("path", help="health file written by the service (its HEALTH_FILE setting)")
    parser.add_argument("--max-age", type=float, default=5.0, help="seconds after which the file counts as stale")
    args = parser.parse_args(argv)
    healthy, reason = check(args.path, args.max_age)
    print(reason)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
