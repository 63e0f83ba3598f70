"""The breaking-point search's narrowing, held to an independent bisection and to its own promises."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.breaking import Search, advance, bracket


def search_with(verdict, search: Search) -> tuple[dict[float, bool], list[tuple[float, ...]]]:
    """Drive `advance` as the CLI and the workers do: run each next round, until none is left."""
    verdicts: dict[float, bool] = {}
    rounds = []
    while not (progress := advance(search, verdicts)).done:
        assert not set(progress.next_round) & set(verdicts), "a round reruns a point"
        assert len(progress.next_round) <= search.per_round
        rounds.append(progress.next_round)
        verdicts.update((v, verdict(v)) for v in progress.next_round)
    assert list(progress.rounds) == rounds
    return verdicts, rounds


def bisection(holds, low: float, high: float, resolution: float) -> tuple[float, float]:
    """The textbook one-point-at-a-time bisection, written apart: (held, broke), given holds(low), not holds(high)."""
    lo, hi = low, high
    while hi - lo > resolution:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if holds(mid) else (lo, mid)
    return lo, hi


searches = st.builds(
    lambda low, width, fraction, k, thr: (Search(parameter="p", low=low, high=low + width,
                                                 resolution=width * fraction, per_round=k), low + width * thr),
    low=st.floats(-100, 100), width=st.floats(0.01, 1000), fraction=st.floats(0.0005, 0.5),
    k=st.integers(2, 8), thr=st.floats(0, 1),
)


@settings(max_examples=1000, deadline=None)
@given(searches)
def test_a_monotone_threshold_is_bracketed_to_the_resolution_like_bisection_finds_it(case):
    search, threshold = case
    holds = lambda v: v <= threshold  # noqa: E731
    verdicts, rounds = search_with(holds, search)
    found = bracket(verdicts)
    assert found.non_monotone == ()
    assert len(rounds) <= search.max_rounds()
    if not holds(search.low):
        assert (found.held, found.broke) == (None, search.low)
        return
    if holds(search.high):
        assert (found.held, found.broke) == (search.high, None)
        return
    assert found.held <= threshold < found.broke
    # Values are rounded to 12 significant digits, which may widen the interval by that much.
    assert found.broke - found.held <= search.resolution + 1e-11 * max(abs(found.held), abs(found.broke))
    lo, hi = bisection(holds, search.low, search.high, search.resolution)
    # Both intervals hold the threshold, so they overlap, and neither is wider than the resolution.
    assert max(lo, found.held) <= min(hi, found.broke)
    assert abs(lo - found.held) <= search.resolution + 1e-11 * abs(lo)


@settings(max_examples=200, deadline=None)
@given(searches, st.randoms(use_true_random=False))
def test_any_verdicts_give_the_interval_below_the_lowest_break_and_report_every_held_point_above_it(case, rnd):
    search, _ = case
    cache: dict[float, bool] = {}
    verdicts, _ = search_with(lambda v: cache.setdefault(v, rnd.random() < 0.6), search)
    found = bracket(verdicts)
    broken = [v for v, h in verdicts.items() if not h]
    held = [v for v, h in verdicts.items() if h]
    lowest = min(broken, default=math.inf)
    assert found.broke == (None if not broken else lowest)
    assert found.held == max((v for v in held if v < lowest), default=None)
    assert sorted(h for h, _ in found.non_monotone) == sorted(v for v in held if v > lowest)
    for h, b in found.non_monotone:
        assert b < h and not verdicts[b]


def test_an_integer_parameter_runs_whole_values_and_stops_when_none_is_left_inside():
    search = Search(parameter="p", low=1, high=40, resolution=0.5, per_round=3, integer=True)
    verdicts, rounds = search_with(lambda v: v <= 17, search)
    assert all(v == int(v) for r in rounds for v in r)
    assert (bracket(verdicts).held, bracket(verdicts).broke) == (17, 18)


def test_rounds_replay_identically_from_the_verdicts_alone():
    search = Search(parameter="p", low=0, high=1, resolution=0.001, per_round=4)
    verdicts, rounds = search_with(lambda v: v < 0.3337, search)
    assert advance(search, verdicts).rounds == tuple(rounds)
    assert rounds[0] == (0.0, 0.333333333333, 0.666666666667, 1.0)
