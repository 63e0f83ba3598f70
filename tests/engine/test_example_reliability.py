"""Reliability: where the availability SLO breaks under loss, computed by hand and found by the fault sweep,
without retries and with them; and that retries ride out longer absences of the server.

A try is answered when neither the request nor its response is lost: probability (1 - loss)^2. Without
retries that is the availability; with r retries a request fails only when all r + 1 tries fail, so the
availability is 1 - (1 - (1 - loss)^2)^(r + 1). The SLO breaks where that falls below its objective.
"""

from __future__ import annotations

import pytest

from simulations.engine.breaking import check_search
from simulations.engine.breaking.cli import search_locally
from simulations.engine.modelcode import dump_model, load_text
from simulations.engine.overrides import apply_overrides

from .conftest import EXAMPLES

DOC = dump_model(load_text((EXAMPLES / "reliability-loss-and-crashes.yaml").read_text()))
RETRIES = "components/client/params/retries"
DOWN = "scenarios/server-away-again-and-again/faults/0/crash/down"


def hand_computed_breaking_loss(retries: int, objective: float) -> float:
    """The loss at which 1 - (1 - (1 - loss)^2)^(retries + 1) equals the objective, solved in closed form."""
    answered_per_try = 1 - (1 - objective) ** (1 / (retries + 1))
    return 1 - answered_per_try ** 0.5


def search(retries: int, parameter: str, scenario: str, low: float, high: float, resolution: float, seeds=1):
    doc = apply_overrides(DOC, {RETRIES: retries})
    spec = {"parameter": parameter, "low": low, "high": high, "resolution": resolution, "seeds": seeds}
    return search_locally(doc, check_search(doc, spec), scenario=scenario)


@pytest.mark.parametrize(("retries", "expected"), [(0, 0.0253), (3, 0.274)])
def test_the_breaking_loss_rate_is_where_the_formula_says(retries, expected):
    (slo,) = DOC["slos"]
    p = hand_computed_breaking_loss(retries, slo["objective"])
    assert p == pytest.approx(expected, abs=5e-4)
    result = search(retries, "links/0/loss", "lossy-link", 0, 0.5, 0.005, seeds=3)
    assert result["outcome"] == "found"
    bp = result["breaking_point"]
    # 200 requests per run, 3 seeds: the measured availability is within a few points of its expectation,
    # which moves the measured breaking point by at most 0.01 without retries and 0.04 with them.
    tolerance = 0.01 if retries == 0 else 0.04
    assert bp["held"] - tolerance <= p <= bp["broke"] + tolerance


def test_retries_move_both_breaking_points_out():
    no_retries = search(0, "links/0/loss", "lossy-link", 0, 0.5, 0.01)["breaking_point"]
    with_retries = search(3, "links/0/loss", "lossy-link", 0, 0.5, 0.01)["breaking_point"]
    assert with_retries["held"] > 5 * no_retries["broke"]
    short = search(0, DOWN, "server-away-again-and-again", 1, 40, 1)["breaking_point"]
    long = search(3, DOWN, "server-away-again-and-again", 1, 40, 1)["breaking_point"]
    # Three retries 4 apart cover an absence of up to about 12: past that every try of some request fails.
    assert short["broke"] <= 5 and 10 <= long["held"] < long["broke"] <= 22
