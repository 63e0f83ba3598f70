"""The simulator and the explorer are two drivers over one semantics (simulations/engine/semantics.py).

Random small models (tests/explore/differential.py) are checked four ways;
`bench/differential.py` runs thousands. Each disagreement the random models
found has a regression test with a model written for it below.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, Phase, given, settings

from simulations.engine.api import simulate
from simulations.engine.explore import Bounds, explore
from simulations.engine.explore.loading import load_spec
from simulations.engine.explore.system import System
from simulations.engine.semantics import freeze, thaw
from tests.explore.differential import models, plain_bfs_agrees, reductions_agree, simulated_paths, simulated_violations

# About 60 models per check keep the whole file near 30 s on the shared machine; bench/differential.py runs more.
# No shrinking: it can take minutes on these models, and the failing model is printed whole anyway.
RANDOM = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None,
                  phases=[Phase.explicit, Phase.reuse, Phase.generate])


@RANDOM
@given(models())
def test_every_simulated_behavior_is_an_explored_path_and_its_violations_are_found(doc):
    problems, walked = simulated_paths(doc)
    assert problems == []
    assert simulated_violations(doc, walked) == []


@RANDOM
@given(models())
def test_the_explorer_finds_what_a_plain_breadth_first_search_finds(doc):
    assert plain_bfs_agrees(doc) == []


@RANDOM
@given(models(symmetric=True))
def test_reductions_keep_the_verdicts(doc):
    problems, _complete = reductions_agree(doc)
    assert problems == []


# -- regressions, one model each --------------------------------------------------------------------------

def _doc(behaviors, components, faults=(), links=(), safety=(), explore_options=None):
    ids = [c["id"] for c in components]
    return {"format": "holarchy/v1", "name": "regression", "components": components, "behaviors": behaviors,
            "links": list(links), "holarchies": [{"name": "h", "levels": ["system"],
                                                  "root": {"id": "root", "components": ids}}],
            "properties": {"safety": list(safety)},
            "scenarios": [{"name": "s", "until": 20, "faults": list(faults)}],
            "explore": explore_options or {}}


COUNTER = {"variables": {"x": 0}, "handlers": [{"on": "start", "actions": [{"assign": {"x": "x + 1"}}]}]}


def test_a_crashed_volatile_component_holds_its_initial_state_while_down():
    doc = _doc({"counter": COUNTER}, [{"id": "a", "behavior": "counter"}],
               faults=[{"crash": {"component": "a", "kind": "transient", "at": 5, "duration": 3}}],
               safety=[{"name": "down-means-reset", "always": "component['a'].up or component['a'].x == 0"}])
    run = simulate(doc, seed=1, trace=True)
    reader = run.reader()
    crash = next(s for s in range(1, reader.last_step + 1) if reader.delta(s)["k"] == "crash")
    assert reader.global_state(crash)["components"]["a"] == {"up": False, "state": {"x": 0}, "timers": {}}
    assert reader.global_state(crash + 1)["components"]["a"]["state"] == {"x": 1}  # restarted
    assert run.summary["safety"][0]["status"] == "holds"
    assert explore(doc).summary["properties"][0]["verdict"] == "holds"
    assert simulated_paths(doc) == ([], {})


def test_a_durable_component_keeps_its_state_while_down():
    doc = _doc({"counter": COUNTER}, [{"id": "a", "behavior": "counter", "state": "durable"}],
               faults=[{"crash": {"component": "a", "kind": "transient", "at": 5, "duration": 3}}])
    reader = simulate(doc, seed=1, trace=True).reader()
    assert reader.global_state(reader.last_step)["components"]["a"]["state"] == {"x": 2}
    assert simulated_paths(doc) == ([], {})


def test_properties_are_first_evaluated_once_every_component_has_started():
    # Each start sets x = 1: between two starts the invariant is false, but no behavior of the system is
    # there (the initial state is every component started), in simulation as in exploration.
    one = {"variables": {"x": 0}, "handlers": [{"on": "start", "actions": [{"assign": {"x": "1"}}]}]}
    doc = _doc({"one": one}, [{"id": "a", "behavior": "one"}, {"id": "b", "behavior": "one"}],
               safety=[{"name": "same", "always": "component['a'].x == component['b'].x"}])
    assert simulate(doc, seed=1).summary["safety"][0]["status"] == "holds"
    assert explore(doc).summary["properties"][0]["verdict"] == "holds"


PING_SET = {"variables": {"seen": 0}, "handlers": [
    {"on": "start", "actions": [{"send": {"to": "'b'", "type": "ping", "payload": {"ids": "set([1, 2])"}}}]},
    {"on": {"message": "ping"}, "actions": [{"assign": {"seen": "len(msg.payload.ids | {3})"}}]},
]}


def test_a_set_in_a_payload_arrives_as_a_set_in_both_drivers():
    doc = _doc({"p": PING_SET}, [{"id": "a", "behavior": "p"}, {"id": "b", "behavior": "p"}],
               links=[{"from": "a", "to": "b"}],
               safety=[{"name": "three", "always": "component['b'].seen in (0, 3)"}])
    summary = simulate(doc, seed=1).summary
    assert summary["safety"][0]["status"] == "holds" and summary["messages"]["delivered"] == 1
    result = explore(doc)
    assert result.summary["complete"] and result.summary["properties"][0]["verdict"] == "holds"
    assert simulated_paths(doc) == ([], {})


def test_a_dict_with_keys_of_mixed_types_is_one_value_in_both_drivers_and_in_traces():
    mixed = {"variables": {"m": {}}, "handlers": [
        {"on": "start", "actions": [{"assign": {"m": "{1: 'one', 'two': 2}"}},
                                    {"send": {"to": "'b'", "type": "map", "payload": {"m": "m"}}}]},
        {"on": {"message": "map"}, "actions": [{"assign": {"m": "msg.payload.m"}}]},
    ]}
    doc = _doc({"mixed": mixed}, [{"id": "a", "behavior": "mixed"}, {"id": "b", "behavior": "mixed"}],
               links=[{"from": "a", "to": "b"}],
               safety=[{"name": "kept", "always": "component['b'].m[1] == 'one'"}])
    run = simulate(doc, seed=1, trace=True)
    assert run.summary["safety"][0]["status"] == "holds"
    assert run.reader().global_state(run.reader().last_step)["components"]["b"]["state"] == {
        "m": {"1": "one", "two": 2}}  # JSON writes every key as a string
    result = explore(doc)
    assert result.summary["complete"] and result.summary["properties"][0]["verdict"] == "holds"
    assert simulated_paths(doc) == ([], {})


def test_values_that_python_calls_equal_are_distinct_states():
    assert freeze({"x": 1}) != freeze({"x": True}) != freeze({"x": 1.0})
    for value in ({"s": {1, 2}}, {1: "a", "b": [True, 1.5, None]}, [[], {}]):
        assert thaw(freeze(value)) == value and freeze(copy.deepcopy(value)) == freeze(value)


def test_an_intermittent_crash_without_times_crashes_again_and_again():
    flaky = {"variables": {"n": 0}, "handlers": [{"on": "start", "actions": [{"assign": {"n": "n + 1"}}]}]}
    doc = _doc({"flaky": flaky}, [{"id": "a", "behavior": "flaky", "state": "durable"}],
               faults=[{"crash": {"component": "a", "kind": "intermittent", "at": 1, "down": 1, "up": 1}}],
               safety=[{"name": "at-most-two-starts", "always": "component['a'].n <= 2"}])
    assert simulate(doc, seed=1).summary["safety"][0]["status"] == "violated"
    result = explore(doc, bounds=Bounds(max_depth=6))
    prop = result.summary["properties"][0]
    assert prop["verdict"] == "violated" and prop["counterexample_length"] == 4  # crash, recover, crash, recover
    # Volatile, each restart counts from 0 again: the crash/recover cycle is a loop and the search ends.
    doc["components"][0]["state"] = "volatile"
    doc["properties"]["safety"][0]["always"] = "component['a'].n <= 1"
    result = explore(doc)
    assert result.summary["complete"] and result.summary["properties"][0]["verdict"] == "holds"
    assert result.summary["states"] == 2


def test_overlapping_crashes_nest_in_both_drivers():
    # `a` goes down for good at 1; the holon-wide transient crash at 1 takes `b` down too and its recovery
    # brings back only `b`. The explorer let that crash happen only when both were up.
    doc = _doc({"counter": COUNTER}, [{"id": "a", "behavior": "counter"}, {"id": "b", "behavior": "counter"}],
               faults=[{"crash": {"component": "a", "kind": "permanent", "at": 1}},
                       {"crash": {"component": "b", "kind": "transient", "at": 2, "duration": 2}},
                       {"crash": {"component": "a", "kind": "transient", "at": 1.5, "duration": 1}}],
               safety=[{"name": "a-stays-down", "always": "component['a'].up or component['a'].x == 0"}])
    assert simulated_paths(doc) == ([], {})
    assert plain_bfs_agrees(doc) == []
    system = System(load_spec(doc)[0])
    (start,) = system.initial_states()
    permanent = next(t for label, t in system.transitions(start) if label == ("crash", 0, None))
    again = dict(system.transitions(permanent))[("crash", 2, None)]  # may strike `a` while it is down
    recovered = dict(system.transitions(again))[("recover", 2, None)]
    assert not system.snapshot(recovered)["components"]["a"]["up"]  # the permanent crash still holds it


def test_a_holon_crash_is_one_step_for_all_its_components():
    # Between the two components going down no state exists in which only one is down.
    doc = _doc({"counter": COUNTER}, [{"id": "a", "behavior": "counter"}, {"id": "b", "behavior": "counter"}],
               faults=[{"crash": {"holarchy": "h", "holon": "root", "kind": "transient", "at": 2, "duration": 3}}],
               safety=[{"name": "together", "always": "component['a'].up == component['b'].up"}])
    run = simulate(doc, seed=1, trace=True)
    assert run.summary["safety"][0]["status"] == "holds"
    assert (run.summary["crashes"], run.summary["recoveries"]) == (2, 2)
    reader = run.reader()
    faults = [reader.delta(s) for s in range(1, reader.last_step + 1) if reader.delta(s)["k"] in ("crash", "recover")]
    assert [(d["a"], d["k"], d["c"]) for d in faults] == [("environment", "crash", ["a", "b"]),
                                                          ("environment", "recover", ["a", "b"])]
    crash = faults[0]["s"]
    assert {c["up"] for c in reader.global_state(crash)["components"].values()} == {False}
    assert reader.global_state(faults[1]["s"])["components"]["a"]["state"] == {"x": 1}  # restarted
    assert explore(doc).summary["properties"][0]["verdict"] == "holds"
    assert simulated_paths(doc) == ([], {})


def _copies_doc(sends: int, most: int, copies: str = "many"):
    """`a` sends `sends` copies of one message at start; `b` counts what it receives; at most `most`."""
    sender = {"variables": {"x": 0}, "handlers": [
        {"on": "start", "actions": [{"send": {"to": "'b'", "type": "m", "payload": {}}}] * sends}]}
    counter = {"variables": {"x": 0}, "handlers": [{"on": {"message": "m"}, "actions": [{"assign": {"x": "x + 1"}}]}]}
    return _doc({"sender": sender, "counter": counter}, [{"id": "a", "behavior": "sender"},
                                                         {"id": "b", "behavior": "counter"}],
                links=[{"from": "a", "to": "b"}], safety=[{"name": "few", "always": f"component['b'].x <= {most}"}],
                explore_options={"copies": copies})


def test_every_copy_of_a_message_is_received_by_a_receiver_that_is_not_idempotent():
    # Merging identical messages in flight said "holds" here: two copies, one receipt.
    for sends in (2, 5):  # 5 copies are counted "many"
        doc = _copies_doc(sends, 1)
        assert simulate(doc, seed=1).summary["safety"][0]["status"] == "violated"
        prop = explore(doc).summary["properties"][0]
        assert prop["verdict"] == "violated" and prop["counterexample_length"] == 2
        assert simulated_paths(doc) == ([], {"few": 2})
        assert plain_bfs_agrees(doc) == []


def test_receipts_that_only_many_allows_are_refuted_with_every_copy_counted():
    # "many" (three or more) may be received a fourth time; three copies never are.
    summary = explore(_copies_doc(3, 3)).summary
    assert summary["reductions"]["copies"] == {"counted": "many", "many_reached": True, "searched_exactly": True}
    assert summary["verdict"] == "holds" and summary["complete"]
    assert explore(_copies_doc(3, 3, "exact")).summary["verdict"] == "holds"
    prop = explore(_copies_doc(3, 2)).summary["properties"][0]  # a real violation is kept, and shortest
    assert prop["verdict"] == "violated" and prop["counterexample_length"] == 3


def test_a_retry_timer_keeps_the_space_finite_and_every_copy_received():
    retry = {"variables": {"x": 0}, "handlers": [
        {"on": "start", "actions": [{"set_timer": {"name": "t", "after": 1}}]},
        {"on": {"timer": "t"}, "actions": [{"send": {"to": "'b'", "type": "m", "payload": {}}},
                                           {"set_timer": {"name": "t", "after": 1}}]},
        {"on": {"message": "m"}, "actions": [{"assign": {"x": "min(x + 1, 4)"}}]}]}
    doc = _doc({"retry": retry}, [{"id": "a", "behavior": "retry"}, {"id": "b", "behavior": "retry"}],
               links=[{"from": "a", "to": "b"}], safety=[{"name": "few", "always": "component['b'].x < 4"}])
    summary = explore(doc).summary
    assert summary["verdict"] == "violated" and summary["properties"][0]["counterexample_length"] == 8
    doc["properties"]["safety"][0]["always"] = "component['b'].x <= 4"
    summary = explore(doc).summary
    assert summary["verdict"] == "holds" and summary["complete"] and summary["reductions"]["copies"]["many_reached"]
