"""The error-budget burn over time: a readable number of steps whatever the run's length, every request counted."""

import random

from simulations.engine.metrics import BURN_POINTS, BURN_SPLIT, SloTracker
from simulations.engine.modelcode.model import Slo

SLO = Slo(name="up", holarchy="h", holon="x", sli="availability", objective=0.9, window=10.0)


def fed(times: list[float], bad_every: int) -> SloTracker:
    tracker = SloTracker(SLO)
    for k, t in enumerate(times):
        tracker.add(k % bad_every != 0, 0.1, t)
    return tracker


def test_a_long_run_is_merged_to_at_most_the_point_limit_and_keeps_every_request():
    times = sorted(random.Random(3).uniform(0, 5_000) for _ in range(20_000))
    tracker = fed(times, 7)
    burn = tracker.summary(5_000)["burn"]
    assert len(burn["points"]) <= BURN_POINTS
    assert burn["width"] >= SLO.window and (burn["width"] / SLO.window).is_integer(), "steps align with windows"
    assert sum(p[1] for p in burn["points"]) == len(times)
    assert sum(p[2] for p in burn["points"]) == sum(1 for k in range(len(times)) if k % 7 == 0)
    # Each step is a whole number of the SLO's windows: its counts are theirs, summed.
    per = int(burn["width"] // SLO.window)
    windows = tracker.windows
    for start, n, bad in burn["points"]:
        first = int(start // SLO.window)
        assert n == sum(windows.get(w, [0, 0])[0] for w in range(first, first + per))
        assert bad == sum(windows.get(w, [0, 0])[1] for w in range(first, first + per))


def test_a_run_shorter_than_one_window_still_shows_when_its_budget_burned():
    # Requests every 0.1 over 10 time units, bad ones only between 5 and 6.
    tracker = SloTracker(SLO)
    for k in range(100):
        tracker.add(not 50 <= k < 60, 0.1, k / 10)
    summary = tracker.summary(10)
    assert len(summary["windows"]) == 1, "one window of the SLO: the verdict's own series is a single point"
    burn = summary["burn"]
    assert burn["width"] == SLO.window / BURN_SPLIT and len(burn["points"]) == BURN_SPLIT
    burning = [start for start, _n, bad in burn["points"] if bad]
    assert burning and min(burning) >= 5 - burn["width"] and max(burning) < 6
    assert [p[0] for p in burn["points"]] == [k * burn["width"] for k in range(BURN_SPLIT)], "empty steps included"
