"""Monitor semantics: always, eventually within T, always-eventually over a window; what a property can reach."""

from __future__ import annotations

import pytest

from simulations.engine.expr import environment
from simulations.engine.properties import Monitor, named_components, reads_only_named


def run(monitor: Monitor, values: list[tuple[float, bool]]) -> Monitor:
    for step, (now, value) in enumerate(values, start=1):
        monitor.observe(environment({"x": value, "now": now, "components": [], "component": {}}), step, now, "a")
    return monitor


def test_eventually_within_bound():
    ok = Monitor("p", "eventually", "now >= 3", 5)
    assert run(ok, [(1, False), (3, True)]).status == "satisfied" and ok.step == 2
    late = Monitor("p", "eventually", "now >= 9", 5)
    assert run(late, [(1, False), (6, False)]).status == "violated" and late.time == 5
    open_ = Monitor("p", "eventually", "now >= 9", 50)
    run(open_, [(1, False)]).finish(1, 10, quiescent=False)
    assert open_.status == "inconclusive"
    stuck = Monitor("p", "eventually", "now >= 9", 50)
    run(stuck, [(1, False)]).finish(1, 10, quiescent=True)
    assert stuck.status == "violated"


@pytest.mark.parametrize(("gaps", "status"), [([0, 4, 8, 12], "holds"), ([0, 4, 20], "violated")])
def test_always_eventually_over_a_window(gaps, status):
    # true at the listed times, false one time unit after each
    values = [(t + d, d == 0) for t in gaps for d in (0, 1)]
    monitor = run(Monitor("p", "always_eventually", "now in [" + ", ".join(str(g) for g in gaps) + "]", 5), values)
    monitor.finish(len(values), values[-1][0], quiescent=False)
    assert monitor.status == status


def test_what_a_property_can_reach():
    assert named_components("component['a'].x + component['b'].y") == ["a", "b"]
    assert reads_only_named("component['a'].x > 1")
    assert not reads_only_named("all(c.x for c in components)")
    assert not reads_only_named("component[now].x")
    assert not reads_only_named("len(component) > 1")
