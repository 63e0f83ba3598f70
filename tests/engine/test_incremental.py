"""Incremental properties give the value full evaluation gives, step after step, whatever changes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.expr import ExprError, compile_expr, compile_function, environment
from simulations.engine.incremental import Incremental
from simulations.engine.properties import PROPERTY_NAMES

PROPERTIES = [
    "all(c.done for c in components if c.behavior == 'worker')",
    "any(c.role == 'leader' and c.up for c in components)",
    "len([c for c in components if c.role == 'leader' and c.up]) <= 1",
    "len(set(c.decision for c in components if c.decision)) <= 1",
    "len({c.decision for c in components}) == 2",
    "not all(c.done for c in components if c.behavior == 'worker') or component['w0'].n == 2",
    "all(c.n < 3 for c in components) and any(x.done for x in components)",
    "all(100 // c.n > 0 for c in components)",  # fails on n == 0: full evaluation decides, and raises
    "len(set(c.items for c in components)) < 3",  # a list is unhashable: set() fails
    "sum(c.n for c in components) < 6 or all(c.up for c in components)",  # sum stays a full evaluation
]

record = st.fixed_dictionaries({
    "behavior": st.sampled_from(["worker", "other"]),
    "done": st.booleans(),
    "up": st.booleans(),
    "role": st.sampled_from(["leader", "follower", None]),
    "decision": st.sampled_from([None, "", "commit", "abort", 1, True]),
    "n": st.integers(0, 4),
    "items": st.sampled_from([1, "x", [1]]),
})


def _full(text: str, env: dict) -> object:
    try:
        return ("value", bool(compile_expr(text, PROPERTY_NAMES).evaluate(env)))
    except ExprError:
        return ("error",)


def _incremental(evaluate, env: dict) -> object:
    try:
        return ("value", bool(evaluate(env)))
    except ExprError:
        return ("error",)


@settings(max_examples=60, deadline=None)
@given(st.lists(record, min_size=1, max_size=6), st.lists(st.tuples(st.integers(0, 5), record), max_size=12))
def test_every_step_agrees_with_full_evaluation(initial, changes):
    records = [{**r, "id": f"w{i}"} for i, r in enumerate(initial)]
    env = environment({"components": records, "component": {r["id"]: r for r in records}, "now": 0.0})
    incremental = Incremental(records, env, PROPERTY_NAMES)
    split = {text: incremental.split(compile_expr(text, PROPERTY_NAMES),
                                     compile_function(text, PROPERTY_NAMES, env)) for text in PROPERTIES}
    assert all(split[text] is not None for text in PROPERTIES)
    for at, change in [(None, None), *changes]:
        if at is not None:
            i = at % len(records)
            records[i] = env["component"][f"w{i}"] = {**change, "id": f"w{i}"}
            incremental.changed(i)
        for text in PROPERTIES:
            assert _incremental(split[text][1], env) == _full(text, env), text


def test_a_property_without_an_aggregate_is_left_alone():
    records = [{"id": "a", "n": 1}]
    env = environment({"components": records, "component": {"a": records[0]}, "now": 0.0})
    incremental = Incremental(records, env, PROPERTY_NAMES)
    for text in ("component['a'].n == 1", "sum(c.n for c in components) > 0",
                 "all(c.n > now for c in components)",  # reads `now`: no term of its record alone
                 "all(c.n == component['a'].n for c in components)"):
        assert incremental.split(compile_expr(text, PROPERTY_NAMES),
                                 compile_function(text, PROPERTY_NAMES, env)) is None, text


def test_equal_aggregates_are_kept_once():
    text = "all(c.n > 0 for c in components)"
    records = [{"id": "a", "n": 1}]
    env = environment({"components": records, "component": {"a": records[0]}, "now": 0.0})
    incremental = Incremental(records, env, PROPERTY_NAMES)
    for _ in range(2):
        incremental.split(compile_expr(text, PROPERTY_NAMES), compile_function(text, PROPERTY_NAMES, env))
    assert len(incremental.aggregates) == 1
