"""`max_seconds` bounds an exploration as a whole: each search after the first gets only the time left."""

import time

from simulations.engine.explore.explorer import _budget
from simulations.engine.explore.search import Bounds


def test_each_later_pass_gets_only_the_seconds_left():
    left = _budget(Bounds(max_states=10, max_seconds=0.3))
    assert 0.25 < left().max_seconds <= 0.3
    time.sleep(0.35)
    spent = left()
    assert spent.max_seconds == 0.0 and spent.max_states == 10  # a pass then stops at once, cut by max_seconds


def test_without_a_time_bound_every_pass_gets_the_same_bounds():
    bounds = Bounds(max_states=10)
    assert _budget(bounds)() is bounds
