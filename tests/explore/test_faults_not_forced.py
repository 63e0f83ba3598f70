"""Weak fairness forces receiving, timers, recovery and healing, never a fault, even when a fault is the only
step enabled: a behavior may stop where no fair step is enabled (models written for this)."""

from __future__ import annotations

from typing import Any

from simulations.engine.explore import explore


def model(goal: str, faults: list[dict[str, Any]], *, timer: bool = False) -> dict[str, Any]:
    handlers: list[dict[str, Any]] = []
    if timer:
        handlers = [{"on": "start", "actions": [{"set_timer": {"name": "t", "after": 1}}]},
                    {"on": {"timer": "t"}, "actions": [{"assign": {"k": "1"}}]}]
    return {
        "format": "holarchy/v1",
        "name": "faults are not forced",
        "components": [{"id": "a", "behavior": "idle"}, {"id": "b", "behavior": "idle"}],
        "behaviors": {"idle": {"variables": {"k": 0}, "handlers": handlers}},
        "links": [{"from": "a", "to": "b", "bidirectional": True}],
        "holarchies": [{"name": "physical", "root": {"id": "dc", "children": [
            {"id": "m1", "components": ["a"]}, {"id": "m2", "components": ["b"]}]}}],
        "properties": {"liveness": [{"name": "goal", "eventually": goal, "within": 100}]},
        "scenarios": [{"name": "faults", "until": 100, "faults": faults}],
    }


def goal(result) -> dict[str, Any]:
    [prop] = result.summary["properties"]
    return prop


def crash(kind: str) -> dict[str, Any]:
    return {"crash": {"component": "a", "kind": kind, "at": 5, **({"duration": 10} if kind == "transient" else {})}}


def test_a_scheduled_permanent_crash_is_not_forced():
    result = explore(model("not component['a'].up", [crash("permanent")]))
    prop = goal(result)
    assert result.summary["complete"]
    assert (prop["verdict"], prop["dead_end"], prop["counterexample_length"]) == ("violated", True, 0)


def test_a_transient_crash_is_not_forced_either():
    prop = goal(explore(model("not component['a'].up", [crash("transient")])))
    assert (prop["verdict"], prop["counterexample_length"]) == ("violated", 0)


def test_a_partition_is_not_forced_the_behavior_may_stop_before_it():
    # Nothing but the partition can happen; the goal never holds. The shortest lasso stops at once.
    partition = {"partition": {"holarchy": "physical", "sides": [["m1"], ["m2"]], "from": 5, "until": 20}}
    prop = goal(explore(model("component['a'].k == 1", [partition])))
    assert (prop["verdict"], prop["dead_end"], prop["counterexample_length"]) == ("violated", True, 0)


def test_fair_steps_are_still_forced_next_to_faults():
    # The timer must fire (fair); the crash may come first but then recovery (fair) restarts the timer.
    prop = goal(explore(model("component['a'].k == 1", [crash("transient")], timer=True)))
    assert prop["verdict"] == "holds"
