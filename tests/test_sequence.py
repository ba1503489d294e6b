"""Tests of per-producer sequence tracking: lost, late, duplicate, unsequenced, join and restart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service2.sequence import SequenceTracker

PRODUCER = "service1-instance-001"


def observe_all(tracker: SequenceTracker, numbers: list[int], producer: str = PRODUCER) -> list[str]:
    return [tracker.observe(producer, number) for number in numbers]


def test_sequence_in_order() -> None:
    tracker = SequenceTracker()

    outcomes = observe_all(tracker, [1, 2, 3, 4, 5])

    assert outcomes == ["first", "new", "new", "new", "new"]
    assert tracker.producers[PRODUCER].received == 5
    assert tracker.lost == 0
    assert tracker.duplicates == 0
    assert tracker.skipped_before_join == 0


def test_sequence_gap_counts_lost() -> None:
    tracker = SequenceTracker()

    outcomes = observe_all(tracker, [1, 2, 6, 7])

    assert outcomes[2] == "gap"
    assert tracker.lost == 3
    assert tracker.producers[PRODUCER].received == 4
    assert tracker.duplicates == 0


def test_sequence_late_arrival_fills_gap() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1, 2, 5])

    outcome = tracker.observe(PRODUCER, 3)

    assert outcome == "late"
    assert tracker.lost == 1
    assert tracker.producers[PRODUCER].received == 4
    assert tracker.producers[PRODUCER].missing == {4}


def test_sequence_late_arrivals_close_gap() -> None:
    tracker = SequenceTracker()

    observe_all(tracker, [1, 4, 3, 2, 5])

    assert tracker.lost == 0
    assert tracker.duplicates == 0
    assert tracker.producers[PRODUCER].received == 5


def test_sequence_late_arrival_twice_is_duplicate() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1, 3, 2])

    outcome = tracker.observe(PRODUCER, 2)

    assert outcome == "duplicate"
    assert tracker.lost == 0
    assert tracker.duplicates == 1


def test_sequence_duplicate() -> None:
    tracker = SequenceTracker()

    outcomes = observe_all(tracker, [1, 2, 3, 3, 2, 4])

    assert outcomes[3] == "duplicate"
    assert outcomes[4] == "duplicate"
    assert tracker.duplicates == 2
    assert tracker.lost == 0
    assert tracker.producers[PRODUCER].received == 4


def test_sequence_producers_independent() -> None:
    tracker = SequenceTracker()

    tracker.observe("producer-a", 1)
    tracker.observe("producer-b", 1)
    tracker.observe("producer-a", 2)
    tracker.observe("producer-b", 3)
    tracker.observe("producer-a", 2)
    tracker.observe("producer-b", 4)

    assert tracker.producers["producer-a"].lost == 0
    assert tracker.producers["producer-a"].duplicates == 1
    assert tracker.producers["producer-b"].lost == 1
    assert tracker.producers["producer-b"].duplicates == 0
    assert tracker.lost == 1
    assert tracker.duplicates == 1


def test_sequence_same_number_other_producer() -> None:
    tracker = SequenceTracker()
    tracker.observe("producer-a", 1)

    outcome = tracker.observe("producer-b", 1)

    assert outcome == "first"
    assert tracker.duplicates == 0


def test_sequence_unsequenced_without_producer() -> None:
    tracker = SequenceTracker()

    outcome = tracker.observe("", 7)

    assert outcome == "unsequenced"
    assert tracker.unsequenced == 1
    assert tracker.producers == {}


def test_sequence_unsequenced_number_zero() -> None:
    tracker = SequenceTracker()

    outcomes = observe_all(tracker, [0, 0, 0])

    assert outcomes == ["unsequenced"] * 3
    assert tracker.unsequenced == 3
    assert tracker.duplicates == 0
    assert tracker.producers == {}


def test_sequence_unsequenced_leaves_counts() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1, 2])

    tracker.observe(PRODUCER, 0)
    tracker.observe(PRODUCER, 3)

    assert tracker.unsequenced == 1
    assert tracker.lost == 0
    assert tracker.producers[PRODUCER].received == 3


def test_sequence_join_midway_not_lost() -> None:
    tracker = SequenceTracker()

    outcomes = observe_all(tracker, [500, 501, 502])

    assert outcomes[0] == "first"
    assert tracker.skipped_before_join == 499
    assert tracker.lost == 0
    assert tracker.producers[PRODUCER].first == 500


def test_sequence_join_sums_producers() -> None:
    tracker = SequenceTracker()

    tracker.observe("producer-a", 10)
    tracker.observe("producer-b", 3)

    assert tracker.skipped_before_join == 9 + 2


def test_sequence_restart_at_one() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1, 2, 3, 5])

    outcome = tracker.observe(PRODUCER, 1)
    after = observe_all(tracker, [2, 3])

    state = tracker.producers[PRODUCER]
    assert outcome == "restart"
    assert after == ["new", "new"]
    assert state.restarts == 1
    assert state.highest == 3
    assert state.missing == set()
    assert tracker.duplicates == 0
    assert tracker.lost == 1


def test_sequence_restart_then_gap() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1, 2, 3, 4])

    observe_all(tracker, [1, 3])

    assert tracker.producers[PRODUCER].restarts == 1
    assert tracker.lost == 1



def test_sequence_shared_gap_not_lost() -> None:
    tracker = SequenceTracker()
    tracker.observe(PRODUCER, 1, shared=True)

    outcome = tracker.observe(PRODUCER, 4, shared=True)

    assert outcome == "shared_gap"
    assert tracker.shared_gaps == 2
    assert tracker.lost == 0
    assert tracker.producers[PRODUCER].received == 2


def test_sequence_gap_after_sharing_lost() -> None:
    tracker = SequenceTracker()
    observe_all(tracker, [1])
    tracker.observe(PRODUCER, 3, shared=True)

    tracker.observe(PRODUCER, 6)

    assert tracker.shared_gaps == 1
    assert tracker.lost == 2

@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=200).flatmap(
    lambda size: st.lists(st.integers(min_value=1, max_value=size), min_size=1, unique=True)))
def test_sequence_subset_in_order(numbers: list[int]) -> None:
    delivered = sorted(numbers)
    tracker = SequenceTracker()

    observe_all(tracker, delivered)

    span = delivered[-1] - delivered[0] + 1
    assert tracker.lost == span - len(delivered)
    assert tracker.duplicates == 0
    assert tracker.skipped_before_join == delivered[0] - 1
    assert tracker.producers[PRODUCER].received == len(delivered)


@st.composite
def deliveries_with_repeats(draw: st.DrawFn) -> tuple[list[int], int]:
    """Draw an in-order delivery, then insert repeats, each somewhere after its first copy.

    Sequence number 1 is never repeated, because the tracker reads a 1 after higher numbers as a
    producer restart, which test_sequence_restart_at_one covers.
    """
    size = draw(st.integers(min_value=2, max_value=100))
    delivered = sorted(draw(st.lists(st.integers(min_value=1, max_value=size), min_size=1, unique=True)))
    repeatable = [number for number in delivered if number != 1]
    repeats = draw(st.lists(st.sampled_from(repeatable), max_size=30)) if repeatable else []

    stream = list(delivered)
    for number in repeats:
        first_copy = stream.index(number)
        position = draw(st.integers(min_value=first_copy + 1, max_value=len(stream)))
        stream.insert(position, number)
    return stream, len(repeats)


@settings(max_examples=100, deadline=None)
@given(deliveries_with_repeats())
def test_sequence_repeats_are_duplicates(case: tuple[list[int], int]) -> None:
    stream, repeat_count = case
    distinct = sorted(set(stream))
    tracker = SequenceTracker()

    observe_all(tracker, stream)

    assert tracker.duplicates == repeat_count
    assert tracker.lost == distinct[-1] - distinct[0] + 1 - len(distinct)
    assert tracker.producers[PRODUCER].restarts == 0


def test_sequence_new_run_id_restarts() -> None:
    tracker = SequenceTracker()
    for number in (1, 2, 3):
        tracker.observe("p", number, run_id="run-a")

    outcome = tracker.observe("p", 1, run_id="run-b")
    tracker.observe("p", 2, run_id="run-b")

    assert outcome == "restart"
    assert tracker.producers["p"].restarts == 1
    assert tracker.lost == 0
    assert tracker.duplicates == 0


def test_sequence_repeated_one_same_run_duplicate() -> None:
    tracker = SequenceTracker()
    for number in (1, 2, 3, 1, 4):
        tracker.observe("p", number, run_id="run-a")

    assert tracker.duplicates == 1
    assert tracker.lost == 0
    assert tracker.producers["p"].restarts == 0


def test_sequence_restart_mid_run_counts_skipped() -> None:
    tracker = SequenceTracker()
    tracker.observe("p", 1, run_id="run-a")

    tracker.observe("p", 5, run_id="run-b")

    assert tracker.skipped_before_join == 4
    assert tracker.lost == 0


def test_sequence_before_join_is_late() -> None:
    tracker = SequenceTracker()
    tracker.observe("p", 5)

    first = tracker.observe("p", 3)
    second = tracker.observe("p", 3)

    assert first == "late"
    assert second == "duplicate"
    assert tracker.skipped_before_join == 3
    assert tracker.duplicates == 1


def test_sequence_caps_tracked_producers(monkeypatch) -> None:
    monkeypatch.setattr("service2.sequence.MAX_TRACKED_PRODUCERS", 3)
    tracker = SequenceTracker()
    for index in range(5):
        tracker.observe(f"p{index}", 1)

    assert len(tracker.producers) == 3
    assert tracker.unsequenced == 2


def test_sequence_caps_numbers_before_join(monkeypatch) -> None:
    monkeypatch.setattr("service2.sequence.MAX_REMEMBERED_GAPS", 2)
    tracker = SequenceTracker()
    tracker.observe("p", 100)
    outcomes = [tracker.observe("p", number) for number in (10, 11, 12)]

    assert outcomes == ["late", "late", "duplicate"]
    assert len(tracker.producers["p"].before_join) == 2
