"""A JSON health file that a service rewrites every second, read by container healthchecks.

Slim images have no curl, nc or ps, so the healthcheck runs `python -m discovery.healthcheck PATH`,
which needs nothing but this file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class HealthFile:
    """Writes a service's health as JSON, atomically, so a reader never sees half a file."""

    path: Path | None
    _warned: bool

    def __init__(self, path: str) -> None:
        self.path = Path(path) if path else None
        self._warned = False

    def write(self, healthy: bool, **fields: Any) -> None:
        """Replace the file with ``fields`` plus healthy, pid and updated_at (Unix seconds)."""
        if self.path is None:
            return
        document = {"healthy": healthy, "pid": os.getpid(), "updated_at": time.time(), **fields}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".health-")
            with os.fdopen(fd, "w") as handle:
                json.dump(document, handle)
            os.replace(temporary, self.path)
        except OSError as error:
            if not self._warned:
                log.warning("Cannot write health file %s: %s", self.path, error)
                self._warned = True

    def remove(self) -> None:
        """Delete the file, so a stopped service never looks healthy."""
        if self.path is not None:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                log.warning("Cannot remove health file %s: %s", self.path, error)
