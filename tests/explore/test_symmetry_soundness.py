"""Symmetry is applied only to components that model code does not tell apart (models written for this):
a member named by a property or a handler is left out of its group and the summary says where; params
that renaming would change are refused with a message naming them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulations.engine.explore import explore
from simulations.engine.modelcode import ModelError

ROOT = Path(__file__).resolve().parents[2]


def counters(invariant: str, groups: list[list[str]]) -> dict[str, Any]:
    return {
        "format": "holarchy/v1",
        "name": "symmetric counters",
        "components": [{"id": c, "behavior": "step"} for c in ("a", "b", "c")],
        "behaviors": {"step": {"variables": {"k": 0}, "handlers": [
            {"on": "start", "actions": [{"set_timer": {"name": "t", "after": 1}}]},
            {"on": {"timer": "t"}, "actions": [{"assign": {"k": "1"}}]}]}},
        "holarchies": [{"name": "logical", "root": {"id": "system", "components": ["a", "b", "c"]}}],
        "properties": {"safety": [{"name": "inv", "always": invariant}]},
        "explore": {"symmetry": groups},
    }


def verdict(result) -> tuple[str, int | None]:
    [prop] = result.summary["properties"][:1]
    return prop["verdict"], prop.get("counterexample_length")


def test_an_invariant_naming_a_member_leaves_it_out_of_the_group():
    # Interchanging a, b and c here stored a state in which b moved first for the one in which a did: "holds".
    doc = counters("not (component['a'].k == 1 and component['b'].k == 0)", [["a", "b", "c"]])
    result = explore(doc)
    plain = explore(doc, symmetry=False)
    assert verdict(result) == verdict(plain) == ("violated", 1)
    notes = result.summary["reductions"]["symmetry"]
    assert notes["groups"] == [] and notes["requested"] == [["a", "b", "c"]]
    assert [(d["component"], d["path"]) for d in notes["dropped"]] == [
        ("a", "properties/safety/0/always"), ("b", "properties/safety/0/always")]
    assert not result.summary["symmetry"]


def test_the_members_no_code_names_stay_interchangeable():
    doc = counters("component['a'].k <= 1", [["a", "b", "c"]])
    result = explore(doc)
    assert result.summary["reductions"]["symmetry"]["groups"] == [["b", "c"]]
    assert result.summary["states"] < explore(doc, symmetry=False).summary["states"]
    assert verdict(result) == ("holds", None)


def coordinator(guard: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """p1 and p2 each send a vote; the coordinator counts in y the votes whose sender passes `guard`, in z
    the others. With the guard `msg.sender == 'p1'`, y never exceeds 1."""
    return {
        "format": "holarchy/v1",
        "name": "votes",
        "components": [{"id": "coord", "behavior": "count", "params": params or {}},
                       {"id": "p1", "behavior": "voter"}, {"id": "p2", "behavior": "voter"}],
        "behaviors": {
            "count": {"variables": {"y": 0, "z": 0}, "handlers": [
                {"on": {"message": "vote"}, "guard": guard, "actions": [{"assign": {"y": "y + 1"}}]},
                {"on": {"message": "vote"}, "actions": [{"assign": {"z": "z + 1"}}]}]},
            "voter": {"handlers": [
                {"on": "start", "actions": [{"send": {"to": "'coord'", "type": "vote", "payload": {}}}]}]},
        },
        "links": [{"from": "p1", "to": "coord"}, {"from": "p2", "to": "coord"}],
        "holarchies": [{"name": "logical", "root": {"id": "system", "components": ["coord", "p1", "p2"]}}],
        "properties": {"safety": [{"name": "y-at-most-1", "always": "component['coord'].y < 2"}]},
        "explore": {"symmetry": [["p1", "p2"]]},
    }


def test_a_guard_naming_a_member_leaves_it_out_of_the_group():
    # Interchanging p1 and p2 here made the search count both votes in y (a state no behavior reaches).
    result = explore(coordinator("msg.sender == 'p1'"))
    assert verdict(result) == verdict(explore(coordinator("msg.sender == 'p1'"), symmetry=False)) == ("holds", None)
    [dropped] = result.summary["reductions"]["symmetry"]["dropped"]
    assert dropped == {"component": "p1", "path": "behaviors/count/handlers/0/guard", "text": "msg.sender == 'p1'"}


def test_a_guard_reading_the_sender_from_the_message_keeps_the_group():
    result = explore(coordinator("msg.sender != ''"))
    assert result.summary["symmetry"] and result.summary["reductions"]["symmetry"]["dropped"] == []
    assert verdict(result) == verdict(explore(coordinator("msg.sender != ''"), symmetry=False)) == ("violated", 2)


def test_params_naming_a_member_are_refused_with_a_message_naming_them(tmp_path):
    doc = coordinator("msg.sender == params.favourite", params={"favourite": "p1"})
    with pytest.raises(ModelError, match=r"params of coord .*favourite.*p1"):
        explore(doc)
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(doc))
    done = subprocess.run([sys.executable, "-m", "simulations.engine", "explore", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "params of coord" in done.stderr and "Traceback" not in done.stderr


def test_a_cli_run_says_which_member_was_left_out(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(coordinator("msg.sender == 'p1'")))
    done = subprocess.run([sys.executable, "-m", "simulations.engine", "explore", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert "p1 left out of its group: behaviors/count/handlers/0/guard names it" in done.stdout
