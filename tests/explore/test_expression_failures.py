"""An expression that fails while exploring is a model error naming the expression, the handler or property,
the component and the step: through the engine API, the CLI (exit 2, no traceback) and a worker."""

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
START = {"on": "start", "actions": [{"set_timer": {"name": "t", "after": 1}}]}


def failing(handlers: list[dict[str, Any]], invariant: str = "True") -> dict[str, Any]:
    return {
        "format": "holarchy/v1",
        "name": "failing expression",
        "components": [{"id": "a", "behavior": "node"}, {"id": "z", "behavior": "node"}],
        "behaviors": {"node": {"variables": {"n": 0}, "handlers": handlers}},
        "links": [{"from": "a", "to": "z", "bidirectional": True}],
        "holarchies": [{"name": "logical", "root": {"id": "system", "components": ["a", "z"]}}],
        "properties": {"safety": [{"name": "inv", "always": invariant}]},
    }


CASES = {
    "division in a timer handler": (
        failing([START, {"on": {"timer": "t"}, "actions": [{"assign": {"n": "1 / n"}}]}]),
        ["components/0", "component a", "handler on timer 't'", "'1 / n'", "ZeroDivisionError", "at step 1"]),
    "max of nothing at start": (
        failing([{"on": "start", "actions": [{"assign": {"n": "max([])"}}]}]),
        ["components/0", "handler on start", "'max([])'", "step 0"]),
    "negative shift at start": (
        failing([{"on": "start", "actions": [{"assign": {"n": "1 << -1"}}]}]),
        ["handler on start", "'1 << -1'", "negative shift"]),
    "msg in a start handler": (
        failing([{"on": "start", "actions": [{"assign": {"n": "msg.payload"}}]}]),
        ["handler on start", "'msg.payload'", "not a record"]),
    "a received message": (
        failing([{"on": "start", "actions": [{"send": {"to": "'z'", "type": "m", "payload": {"x": 0}}}]},
                 {"on": {"message": "m"}, "actions": [{"assign": {"n": "1 // msg.payload.x"}}]}]),
        ["components/1", "component z", "handler on message 'm' from a", "at step 1"]),
    "an invariant": (
        failing([START, {"on": {"timer": "t"}, "actions": [{"assign": {"n": "n - 1"}}]}],
                "1 / (component['a'].n + 1) < 5"),
        ["properties/safety/0/always", "property inv", "ZeroDivisionError", "at step 1"]),
}


@pytest.mark.parametrize("name", CASES)
def test_the_engine_api_raises_a_model_error_that_says_where(name):
    doc, expected = CASES[name]
    with pytest.raises(ModelError) as caught:
        explore(doc)
    [issue] = caught.value.issues
    for part in expected:
        assert part in str(issue)


def test_a_failure_under_partial_order_reduction_and_in_liveness_is_reported_too():
    doc, _ = CASES["division in a timer handler"]
    doc = {**doc, "explore": {"por": True},
           "properties": {"liveness": [{"name": "ends", "eventually": "1 / component['z'].n > 0", "within": 9}]}}
    with pytest.raises(ModelError, match="1 / "):
        explore(doc)


def test_a_liveness_goal_or_an_outcome_failing_after_the_search_names_its_step():
    steps = [START, {"on": {"timer": "t"}, "actions": [{"assign": {"n": "n + 1"}}]}]
    live = {**failing(steps), "properties": {"liveness": [
        {"name": "ends", "eventually": "1 / (component['a'].n - 1) > 5", "within": 9}]}}
    with pytest.raises(ModelError, match=r"^properties/liveness/0/eventually: property ends: .* \(at step 1\)$"):
        explore(live)
    outcome = {**failing(steps), "explore": {"outcome": "1 // (component['a'].n - 1)"}}
    with pytest.raises(ModelError, match=r"^explore/outcome: explore.outcome: .* \(at step 2\)$"):
        explore(outcome)


@pytest.mark.parametrize("name", ["division in a timer handler", "an invariant"])
def test_the_cli_exits_2_with_the_reason_and_no_traceback(tmp_path, name):
    doc, expected = CASES[name]
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(doc))
    done = subprocess.run([sys.executable, "-m", "simulations.engine", "explore", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for part in expected:
        assert part in done.stderr
