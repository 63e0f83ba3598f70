"""Every example model loads and runs; where a scenario records `expect`, the verdicts match it."""

from __future__ import annotations

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import ModelError, load_text

from .conftest import EXAMPLES

CASES = []
for path in sorted(EXAMPLES.glob("*.yaml")):
    try:
        model = load_text(path.read_text())
    except ModelError as exc:  # reported by the test below rather than breaking collection
        CASES.append(pytest.param(exc, None, id=f"{path.stem}:invalid"))
        continue
    expected = [s for s in model.scenarios if s.expect is not None]
    if not expected:
        CASES.append(pytest.param(model, None, id=f"{path.stem}:default"))
    CASES += [pytest.param(model, s, id=f"{path.stem}:{s.name}") for s in expected]


@pytest.mark.parametrize(("model", "scenario"), CASES)
def test_example(model, scenario):
    if isinstance(model, ModelError):
        pytest.fail(f"example does not load:\n{model}")
    if scenario is None:
        summary = simulate(model, seed=1).summary
        assert summary["steps"] > 0
        return
    e = scenario.expect
    summary = simulate(model, seed=e.seed, scenario=scenario.name, stop_on_violation=False).summary
    status = {p["name"]: p["status"] for p in summary["safety"] + summary["liveness"]}
    met = {s["name"]: s["met"] for s in summary["slos"]}
    assert {n: status[n] for n in e.violated} == dict.fromkeys(e.violated, "violated")
    assert all(status[n] in ("holds", "satisfied") for n in e.holds), status
    assert {n: met[n] for n in e.slos_met + e.slos_missed} == {**dict.fromkeys(e.slos_met, True),
                                                               **dict.fromkeys(e.slos_missed, False)}
    for v in summary["violations"]:
        assert v["step"] is not None and v["counterexample_length"] == v["step"]
