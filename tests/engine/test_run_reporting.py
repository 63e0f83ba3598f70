"""What a run's summary claims: nothing past where it stopped, SLO windows by one rule, FIFO delays as measured."""

from __future__ import annotations

from simulations.engine.api import simulate


def _doc(behaviors, components, links=(), safety=(), slos=(), until=20):
    ids = [c["id"] for c in components]
    return {"format": "holarchy/v1", "name": "reporting", "components": components, "behaviors": behaviors,
            "links": list(links), "holarchies": [{"name": "h", "levels": ["system"],
                                                  "root": {"id": "root", "components": ids}}],
            "properties": {"safety": list(safety)}, "slos": list(slos),
            "scenarios": [{"name": "s", "until": until, "faults": []}]}


TICKER = {"variables": {"n": 0}, "handlers": [
    {"on": "start", "actions": [{"set_timer": {"name": "tick", "after": 1}}]},
    {"on": {"timer": "tick"}, "actions": [{"assign": {"n": "n + 1"}}, {"set_timer": {"name": "tick", "after": 1}},
                                          {"observe": {"server": "self", "ok": "now < 100", "latency": 1}}]},
]}


def test_properties_not_judged_after_the_stopping_violation_say_so():
    doc = _doc({"ticker": TICKER}, [{"id": "a", "behavior": "ticker"}],
               safety=[{"name": "few", "always": "component['a'].n < 3"},
                       {"name": "never-negative", "always": "component['a'].n >= 0"}])
    summary = simulate(doc, seed=1).summary
    few, other = summary["safety"]
    assert summary["stopped"] == "violation" and few["status"] == "violated"
    assert other["status"] == "not_checked" and other["checked_until"] == few["step"] == summary["steps"]
    full = simulate(doc, seed=1, stop_on_violation=False).summary
    assert full["safety"][1] == {**full["safety"][1], "status": "holds", "checked_until": None}


def test_a_partial_window_at_the_end_of_the_run_does_not_decide_the_slo():
    # Every request is good until time 100; the run ends at 105, inside a third 50-long window.
    slo = {"name": "good", "holarchy": "h", "holon": "root", "sli": "availability", "objective": 0.99,
           "window": 50}
    summary = simulate(_doc({"ticker": TICKER}, [{"id": "a", "behavior": "ticker"}], slos=[slo], until=105),
                       seed=1).summary
    (result,) = summary["slos"]
    assert [(w["start"], w["met"], w["partial"]) for w in result["windows"]] == [
        (0, True, False), (50, True, False), (100, False, True)]
    assert result["met"] is True
    short = simulate(_doc({"ticker": TICKER}, [{"id": "a", "behavior": "ticker"}], slos=[slo], until=30),
                     seed=1).summary["slos"][0]
    assert short["windows"][0]["partial"] and short["met"] is True  # no complete window: the whole run is judged


def test_a_fifo_link_reports_its_measured_delay_next_to_the_configured_one():
    burst = {"variables": {}, "handlers": [
        {"on": "start", "actions": [{"send": {"to": "'b'", "type": "m", "payload": {"i": i}}} for i in range(30)]}]}
    sink = {"variables": {}, "handlers": []}
    delay = {"dist": "uniform", "low": 0, "high": 10}
    doc = _doc({"burst": burst, "sink": sink}, [{"id": "a", "behavior": "burst"}, {"id": "b", "behavior": "sink"},
                                                {"id": "c", "behavior": "burst"}],
               links=[{"from": "a", "to": "b", "delay": delay}, {"from": "c", "to": "b", "delay": delay,
                                                                 "reorder": True}])
    links = simulate(doc, seed=3).summary["links"]
    assert set(links) == {"a->b"}  # a reordering link delivers as drawn
    fifo = links["a->b"]
    assert fifo["messages"] == 30 and fifo["held_back"] > 0
    assert fifo["measured_mean"] > fifo["configured_mean"] > 0
