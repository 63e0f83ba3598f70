"""Network faults are drawn with the probabilities the model states: statistical checks over 20,000 messages."""

from __future__ import annotations

import math

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_model

from .conftest import blaster_doc

N = 20_000


def run(**link):
    result = simulate(load_model(blaster_doc(N, **link)), seed=7, trace=False, until=10_000)
    return result.summary


def within_4_sigma(observed: int, n: int, p: float) -> bool:
    sigma = math.sqrt(n * p * (1 - p))
    return abs(observed - n * p) <= 4 * sigma


@pytest.mark.parametrize("p", [0.05, 0.3])
def test_delivered_fraction_matches_loss(p):
    s = run(loss=p)
    assert s["messages"]["sent"] == N
    assert within_4_sigma(s["messages"]["delivered"], N, 1 - p), s["messages"]
    assert s["messages"]["dropped_by"]["loss"] == N - s["messages"]["delivered"]


def test_duplicated_fraction_matches_duplication():
    s = run(duplication=0.2)
    assert within_4_sigma(s["messages"]["duplicated"], N, 0.2), s["messages"]
    assert s["messages"]["delivered"] == N + s["messages"]["duplicated"]


def _inversions(**link) -> int:
    doc = blaster_doc(2000, **link)
    doc["properties"] = {"safety": [{"name": "fifo", "always": "component['sink'].inversions == 0"}]}
    s = simulate(load_model(doc), seed=3, stop_on_violation=False, until=10_000).summary
    return s["safety"][0]["status"]


def test_reordering_only_when_enabled():
    wide = {"dist": "uniform", "low": 0, "high": 5}
    assert _inversions(reorder=False, delay=wide) == "holds"
    assert _inversions(reorder=True, delay=wide) == "violated"
    assert _inversions(reorder=True, delay={"dist": "fixed", "value": 1}) == "holds"


def test_delay_distributions_and_bound():
    for delay in ({"dist": "exponential", "mean": 2, "bound": 3}, {"dist": "uniform", "low": 1, "high": 2},
                  {"dist": "fixed", "value": 2.5}):
        doc = blaster_doc(200, delay=delay, reorder=True)
        result = simulate(load_model(doc), seed=1, trace=True)
        arrivals = [sent[-1] for step in range(1, result.summary["steps"] + 1)
                    for sent in result.reader().delta(step).get("snd", ())]
        sent_at = [i * 0.01 for i in range(len(arrivals))]
        delays = [a - s for a, s in zip(arrivals, sent_at, strict=True)]
        upper = delay.get("bound") or delay.get("high") or delay.get("value")
        assert all(-1e-9 <= d <= upper + 1e-9 for d in delays)
        distinct = len({round(d, 6) for d in delays})
        assert distinct == 1 if delay["dist"] == "fixed" else distinct > len(delays) // 2
        if "bound" in delay:
            assert max(delays) == pytest.approx(delay["bound"])


def test_events_due_at_the_same_time_run_in_the_order_they_were_scheduled():
    doc = blaster_doc(50, reorder=True, delay={"dist": "fixed", "value": 1})
    doc["behaviors"]["source"]["handlers"][1]["actions"][2]["set_timer"]["after"] = 0  # every send at time 0
    result = simulate(load_model(doc), seed=3, trace=True, until=10)
    reader = result.reader()
    arrivals = [d for d in (reader.delta(s) for s in range(1, result.summary["steps"] + 1)) if d["k"] == "receive"]
    assert len(arrivals) == 50 and {d["t"] for d in arrivals} == {1.0}  # all due at once: one batch
    assert [d["m"] for d in arrivals] == sorted(d["m"] for d in arrivals)  # in the order they were sent
    final = reader.global_state(result.summary["steps"])["components"]["sink"]["state"]
    assert final["received"] == 50 and final["inversions"] == 0
