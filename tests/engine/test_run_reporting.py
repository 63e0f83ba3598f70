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
    summary = simulate(doc, seed=1, stop_on_violation=True).summary
    few, other = summary["safety"]
    assert summary["stopped"] == "violation" and few["status"] == "violated"
    assert other["status"] == "not_checked" and other["checked_until"] == few["step"] == summary["steps"]
    full = simulate(doc, seed=1).summary  # by default the run goes to its end
    assert full["stopped"] == "until" and full["steps"] > summary["steps"]
    assert full["safety"][1] == {**full["safety"][1], "status": "holds", "checked_until": None}
    assert full["safety"][0] == {**few, "violations": 1}  # the same first violation, reported the same way


def test_a_run_counts_each_time_an_invariant_breaks_and_reports_the_first():
    # n counts 1, 2, 3, ...: "n is even" breaks at every odd n and holds again at every even one.
    doc = _doc({"ticker": TICKER}, [{"id": "a", "behavior": "ticker"}], until=20.5,
               safety=[{"name": "even", "always": "component['a'].n % 2 == 0"},
                       {"name": "small", "always": "component['a'].n < 5"}])
    summary = simulate(doc, seed=1).summary
    even, small = summary["safety"]
    assert summary["stopped"] == "until"
    assert even["status"] == "violated" and even["violations"] == 10  # n = 1, 3, ..., 19
    assert even["violation_steps"] == [even["step"] + 2 * k for k in range(10)]  # a start step, then one tick each
    assert small["violations"] == 1 and small["step"] == even["step"] + 4  # n = 5 and it stays broken
    assert [v["name"] for v in summary["violations"]] == ["even", "small"]
    every = simulate(doc, seed=1, stop_on_violation=False)
    assert every.summary == summary  # the default is to run to the end


def test_no_faults_is_a_choice_apart_from_the_first_scenario():
    doc = _doc({"ticker": TICKER}, [{"id": "a", "behavior": "ticker"}])
    crash = {"crash": {"kind": "permanent", "component": "a", "at": 5}}
    doc["scenarios"] = [{"name": "crashy", "until": 20, "faults": [crash]}]
    assert simulate(doc, seed=1).summary["crashes"] == 1  # no name: the model's first scenario
    plain = simulate(doc, seed=1, scenario="").summary
    assert plain["scenario"] is None and plain["crashes"] == 0


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


def test_a_window_with_too_few_requests_does_not_decide_the_slo():
    # One bad request in each 50-long window would miss 0.99, but 5 requests per window judge nothing.
    slow = {**TICKER, "handlers": [TICKER["handlers"][0], {**TICKER["handlers"][1], "actions": [
        {"assign": {"n": "n + 1"}}, {"set_timer": {"name": "tick", "after": 10}},
        {"observe": {"server": "self", "ok": "n % 5 != 0", "latency": 1}}]}]}
    slo = {"name": "good", "holarchy": "h", "holon": "root", "sli": "availability", "objective": 0.99,
           "window": 50}
    summary = simulate(_doc({"ticker": slow}, [{"id": "a", "behavior": "ticker"}], slos=[slo], until=100),
                       seed=1).summary
    (result,) = summary["slos"]
    assert [w["requests"] for w in result["windows"]] == [5, 5]  # ticks at 1, 11, ..., 91
    assert all(w["too_few"] for w in result["windows"]) and result["windows_too_few"] == 2
    assert result["too_few_requests"] is False and result["requests"] == 10  # the whole run's 10 judge
    assert result["met"] is False  # 2 of 10 bad (n = 5, 10): the whole run's SLI misses the objective
    short = simulate(_doc({"ticker": slow}, [{"id": "a", "behavior": "ticker"}], slos=[slo], until=60),
                     seed=1).summary["slos"][0]
    assert short["requests"] == 6 and short["too_few_requests"] is True  # a verdict on 6 requests, flagged


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
