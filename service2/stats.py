"""The consumer's running totals, the summary line and the final JSON stats file."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field

from service2.sequence import SequenceTracker


@dataclass
class ConsumerTotals:
    """Counts of every frame the consumer took off its socket, by outcome."""

    received: int = 0
    malformed: int = 0
    invalid: int = 0
    frames: int = 0
    display_errors: int = 0
    disconnects: int = 0
    labels: Counter = field(default_factory=Counter)
    classifications: Counter = field(default_factory=Counter)
    sequences: SequenceTracker = field(default_factory=SequenceTracker)
    started: float = field(default_factory=time.monotonic)

    def as_dict(self) -> dict:
        """Return the totals as the JSON-ready dictionary written to the stats file."""
        elapsed = time.monotonic() - self.started
        return {
            "received": self.received,
            "lost": self.sequences.lost,
            "shared_gaps": self.sequences.shared_gaps,
            "duplicates": self.sequences.duplicates,
            "unsequenced": self.sequences.unsequenced,
            "skipped_before_join": self.sequences.skipped_before_join,
            "malformed": self.malformed,
            "invalid": self.invalid,
            "frames": self.frames,
            "display_errors": self.display_errors,
            "disconnects": self.disconnects,
            "elapsed_seconds": round(elapsed, 3),
            "labels": dict(sorted(self.labels.items())),
            "classifications": dict(sorted(self.classifications.items())),
            "producers": {
                producer_id: {
                    "first_sequence": state.first,
                    "highest_sequence": state.highest,
                    "received": state.received,
                    "lost": state.lost,
                    "shared_gaps": state.shared_gaps,
                    "duplicates": state.duplicates,
                    "restarts": state.restarts,
                }
                for producer_id, state in sorted(self.sequences.producers.items())
            },
        }

    def summary(self, recent_rate: float, connected: int) -> str:
        """Return the periodic summary line."""
        shared = self.sequences.shared_gaps
        shared_text = f"shared_gaps={shared} " if shared else ""
        return (f"Summary: received={self.received} rate={recent_rate:.1f}/s lost={self.sequences.lost} {shared_text}"
                f"duplicates={self.sequences.duplicates} unsequenced={self.sequences.unsequenced} "
                f"malformed={self.malformed} invalid={self.invalid} producers_connected={connected}")


def write_stats_file(path: str, totals: ConsumerTotals) -> None:
    """Write the totals as JSON, replacing the file atomically."""
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "w") as handle:
        json.dump(totals.as_dict(), handle, indent=2)
        handle.write("\n")
    os.replace(temporary, path)
