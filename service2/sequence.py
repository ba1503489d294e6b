"""Per-producer sequence tracking: gaps count as lost, repeats as duplicates.

Each producer run numbers its events 1, 2, 3 … A consumer that joins a running producer starts
counting at the first number it receives. Numbers before that are reported as skipped, not lost.
A late event that fills a gap turns a lost event back into a received one. A producer that
restarts under the same instance id sends a new run id, and its count starts again.

PUSH sockets deal events round-robin over their connected consumers, so while several consumers
share the producers, the others' events show up as gaps at every consumer. Such gaps are counted as
shared_gaps instead of lost. The sum of received over all consumers is then the figure to
compare with the producer's sent count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Gaps remembered per producer for late arrivals; older gaps stay counted as lost for good.
MAX_REMEMBERED_GAPS = 10_000
# Producers tracked at once. Events of further producer ids count as unsequenced, which bounds
# the memory a stream of forged ids can take.
MAX_TRACKED_PRODUCERS = 10_000


@dataclass
class ProducerSequence:
    """Sequence state of one producer."""

    first: int
    highest: int
    run_id: str = ""
    received: int = 1
    lost: int = 0
    duplicates: int = 0
    restarts: int = 0
    shared_gaps: int = 0
    missing: set[int] = field(default_factory=set)
    before_join: set[int] = field(default_factory=set)

    def restart(self, number: int, run_id: str) -> None:
        """Start counting a new run of the same producer at ``number``; totals carry over."""
        self.restarts += 1
        self.first = self.highest = number
        self.run_id = run_id
        self.received += 1
        self.missing.clear()
        self.before_join.clear()


@dataclass
class SequenceTracker:
    """Tracks every producer's sequence numbers and sums them up."""

    producers: dict[str, ProducerSequence] = field(default_factory=dict)
    unsequenced: int = 0
    skipped_before_join: int = 0

    def observe(self, producer_id: str, number: int, shared: bool = False, run_id: str = "") -> str:
        """Record one event and return what it was.

        The result is one of new, first, gap, shared_gap, late, duplicate, restart or unsequenced.
        ``shared`` is true while other consumers take events from the same producers.
        ``run_id`` identifies the producer run; without one, a 1 after higher numbers counts as a restart.
        """
        if not producer_id or number <= 0:
            self.unsequenced += 1
            return "unsequenced"
        state = self.producers.get(producer_id)
        if state is None:
            if len(self.producers) >= MAX_TRACKED_PRODUCERS:
                self.unsequenced += 1
                return "untracked"
            self.producers[producer_id] = ProducerSequence(first=number, highest=number, run_id=run_id)
            self.skipped_before_join += number - 1
            return "first"
        if self._is_restart(state, number, run_id):
            state.restart(number, run_id)
            self.skipped_before_join += number - 1
            return "restart"
        if number == state.highest + 1:
            state.highest = number
            state.received += 1
            return "new"
        if number > state.highest:
            if shared:
                state.shared_gaps += number - state.highest - 1
            else:
                self._record_gap(state, state.highest + 1, number)
            state.highest = number
            state.received += 1
            return "shared_gap" if shared else "gap"
        if number in state.missing:
            state.missing.discard(number)
            state.lost -= 1
            state.received += 1
            return "late"
        if number < state.first and number not in state.before_join and len(state.before_join) < MAX_REMEMBERED_GAPS:
            # Sent before the first event this consumer received, so it was counted as skipped.
            state.before_join.add(number)
            self.skipped_before_join -= 1
            state.received += 1
            return "late"
        state.duplicates += 1
        return "duplicate"

    @staticmethod
    def _is_restart(state: ProducerSequence, number: int, run_id: str) -> bool:
        if run_id and state.run_id:
            return run_id != state.run_id
        return number == 1 and state.highest > 1

    @staticmethod
    def _record_gap(state: ProducerSequence, start: int, end: int) -> None:
        state.lost += end - start
        if len(state.missing) + (end - start) <= MAX_REMEMBERED_GAPS:
            state.missing.update(range(start, end))

    @property
    def lost(self) -> int:
        """Events missing between numbers this consumer received, over all producers."""
        return sum(state.lost for state in self.producers.values())

    @property
    def shared_gaps(self) -> int:
        """Gaps seen while other consumers shared the producers, over all producers."""
        return sum(state.shared_gaps for state in self.producers.values())

    @property
    def duplicates(self) -> int:
        """Events received more than once, over all producers."""
        return sum(state.duplicates for state in self.producers.values())
