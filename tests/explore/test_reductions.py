"""Symmetry and partial-order reduction store fewer states but never change a verdict."""

from dataclasses import replace

import pytest

from simulations.engine.explore import explore
from simulations.engine.explore.loading import load_spec
from simulations.engine.modelcode import ModelError
from tests.explore.conftest import EXAMPLES

SYMMETRIC = [
    ("two-interleaved-processes", ((0, 1),)),
    ("lost-update", ((1, 2),)),
    ("two-phase-commit-coordinator-crash", ((1, 2),)),
    ("two-phase-commit-coordinator-recovery", ((1, 2),)),
]


def outcome(result):
    props = {p["name"]: (p["verdict"], p.get("counterexample_length")) for p in result.summary["properties"]}
    races = sorted((str(r["outcome"]), r["serializable"]) for r in result.summary.get("serializability", ()))
    return props, races, result.summary["deadlocks"] > 0


@pytest.mark.parametrize(("name", "groups"), SYMMETRIC)
def test_symmetry_keeps_verdicts(name, groups):
    spec, _ = load_spec(EXAMPLES / f"{name}.yaml")
    plain = explore(replace(spec, symmetry=()))
    reduced = explore(replace(spec, symmetry=groups))
    assert reduced.summary["symmetry"]
    assert reduced.summary["states"] < plain.summary["states"]
    assert outcome(reduced) == outcome(plain)


@pytest.mark.parametrize("name", [name for name, _groups in SYMMETRIC])
def test_partial_order_reduction_keeps_verdicts(name):
    plain = explore(EXAMPLES / f"{name}.yaml", por=False)
    reduced = explore(EXAMPLES / f"{name}.yaml", por=True)
    assert outcome(reduced) == outcome(plain)
    assert reduced.summary["terminal_states"] == plain.summary["terminal_states"]


def test_symmetry_counterexample_is_a_concrete_behavior():
    spec, _ = load_spec(EXAMPLES / "lost-update.yaml")
    trace = explore(replace(spec, symmetry=((1, 2),))).counterexamples["no-lost-update"]
    steps = trace["steps"]
    # Every step is consistent with the one before: each received message was in flight just before.
    for before, after in zip(steps, steps[1:], strict=False):
        if after["action"].startswith("receive"):
            assert len(after["state"]["inflight"]) <= len(before["state"]["inflight"]) + 1
    assert steps[-1]["state"]["components"]["db"]["state"]["x"] == 1


def test_engine_two_phase_commit_with_symmetric_participants():
    spec, _ = load_spec(EXAMPLES / "two-phase-commit.yaml")
    plain, reduced = explore(spec), explore(replace(spec, symmetry=((1, 2),)))
    assert reduced.summary["states"] < plain.summary["states"]
    assert outcome(reduced) == outcome(plain)


def test_components_that_differ_are_refused_as_symmetric():
    spec, _ = load_spec(EXAMPLES / "two-phase-commit.yaml")
    with pytest.raises(ModelError, match="not interchangeable"):
        explore(replace(spec, symmetry=((0, 1),), mentions=()))  # the coordinator and a participant


def test_code_that_names_the_members_leaves_them_out_of_the_group():
    # The roster keeps one variable per doctor, named after the doctor: renaming alice and bob would not rename them.
    spec, _ = load_spec(EXAMPLES / "write-skew.yaml")
    result = explore(replace(spec, symmetry=((1, 2),)))
    assert not result.summary["symmetry"]
    assert [d["path"] for d in result.summary["reductions"]["symmetry"]["dropped"]] == [
        "behaviors/roster/variables/alice", "behaviors/roster/variables/bob"]
