"""Partial-order reduction never changes a verdict nor lengthens a counterexample (models written for it)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.explore import Bounds, explore


def counter(steps: int, to: str | None = None) -> dict[str, Any]:
    """A component that counts k from 0 to `steps`, one timer step at a time, telling `to` at each step;
    a message received counts in r."""
    tell = [{"send": {"to": f"'{to}'", "type": "m", "payload": {"k": "k"}}}] if to else []
    return {
        "variables": {"k": 0, "r": 0},
        "handlers": [
            {"on": "start", "actions": [{"set_timer": {"name": "t", "after": 1}}]},
            {"on": {"timer": "t"}, "guard": f"k < {steps - 1}",
             "actions": [{"assign": {"k": "k + 1"}}, *tell, {"set_timer": {"name": "t", "after": 1}}]},
            {"on": {"timer": "t"}, "actions": [{"assign": {"k": "k + 1"}}, *tell]},
            {"on": {"message": "m"}, "actions": [{"assign": {"r": "r + 1"}}]},
        ],
    }


def model(steps: dict[str, int], invariant: str, *, por: bool = True, links=()) -> dict[str, Any]:
    told = dict(links)
    doc: dict[str, Any] = {
        "format": "holarchy/v1",
        "name": "independent counters",
        "components": [{"id": c, "behavior": f"count-{c}"} for c in steps],
        "behaviors": {f"count-{c}": counter(n, told.get(c)) for c, n in steps.items()},
        "holarchies": [{"name": "logical", "root": {"id": "system", "components": list(steps)}}],
        "properties": {"safety": [{"name": "inv", "always": invariant}]},
        "explore": {"por": por},
    }
    if links:
        doc["links"] = [{"from": a, "to": b} for a, b in links]
    return doc


def verdict(result) -> tuple[str, int | None]:
    [prop] = result.summary["properties"]
    return prop["verdict"], prop.get("counterexample_length")


def test_a_step_that_keeps_the_invariant_here_but_not_after_another_cluster_moved_is_visible():
    # a's step keeps the invariant true while b.k is 0, but not once b moved: it must not be postponed.
    doc = model({"a": 1, "b": 1}, "not (component['a'].k == 0 and component['b'].k == 1)")
    reduced, plain = explore(doc), explore({**doc, "explore": {"por": False}})
    assert verdict(plain) == ("violated", 1)
    assert verdict(reduced) == ("violated", 1)
    assert reduced.counterexamples["inv"]["steps"][-1]["actor"] == "b"


def test_steps_of_components_no_invariant_reads_are_taken_in_one_order():
    reduced = explore(model({"a": 2, "b": 2}, "component['a'].k <= 2"))
    assert reduced.summary["partial_order_reduction"]
    assert reduced.summary["states"] == 5  # b's steps first, then a's: one path instead of the 9-state lattice
    assert verdict(reduced) == ("holds", None)


def test_an_invariant_whose_reads_are_unknown_sees_every_step():
    doc = model({"a": 2, "b": 2}, "all(c.k <= 2 for c in components)")
    assert explore(doc).summary["states"] == 9


def test_a_counterexample_found_under_reduction_is_replaced_by_a_shortest_one():
    # c is invisible, so the reduced search runs its two steps before a and b move: a violation at depth 3.
    doc = model({"a": 1, "b": 1, "c": 2}, "not (component['a'].k == 1 and component['b'].k == 1)")
    reduced = explore(doc)
    [prop] = reduced.summary["properties"]
    assert (prop["verdict"], prop["counterexample_length"], prop["shortest"]) == ("violated", 2, True)
    assert [s["actor"] for s in reduced.counterexamples["inv"]["steps"][1:]] in (["a", "b"], ["b", "a"])


IDS = ("a", "b", "c")


@st.composite
def models(draw) -> dict[str, Any]:
    ids = IDS[: draw(st.integers(2, 3))]
    steps = {c: draw(st.integers(1, 3)) for c in ids}
    pairs = [(x, y) for x in ids for y in ids if x != y]
    links = draw(st.lists(st.sampled_from(pairs), max_size=1, unique=True))
    x, y = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
    vx, vy = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    invariant = draw(st.sampled_from([
        f"not (component['{x}'].k == {vx} and component['{y}'].k == {vy})",
        f"not (component['{x}'].r == {vx} and component['{y}'].k == {vy})",
        f"component['{x}'].k + component['{y}'].k != {vx + vy}",
        f"component['{x}'].k != {vx}",
        f"all(c.k != {vx} or c.id != '{y}' for c in components)",
    ]))
    return model(steps, invariant, links=links)


@settings(max_examples=60, deadline=None)
@given(models())
def test_reduction_keeps_verdicts_and_shortest_counterexample_lengths(doc):
    reduced = explore(doc)
    plain = explore({**doc, "explore": {"por": False}})
    assert verdict(reduced) == verdict(plain)
    assert reduced.summary["terminal_states"] == plain.summary["terminal_states"]


def test_a_cut_liveness_search_makes_the_whole_result_incomplete():
    # The reduced search (one order, 7 states) completes; liveness needs the full 27-state lattice, cut at 8.
    doc = model({"a": 2, "b": 2, "c": 2}, "component['a'].k <= 2")
    doc["properties"]["liveness"] = [{"name": "all-done", "eventually": "all(c.k == 2 for c in components)",
                                      "within": 10}]
    result = explore(doc, bounds=Bounds(max_states=8))
    summary = result.summary
    assert summary["partial_order_reduction"] and summary["states"] == 7
    assert (summary["complete"], summary["stopped_by"], summary["verdict"]) == (
        False, "max_states (liveness search)", "incomplete")
    assert {p["name"]: p["verdict"] for p in summary["properties"]} == {"inv": "holds", "all-done": "incomplete"}
