"""Distributed Systems Inc.: duplicate effects appear without idempotency keys and vanish with them, counted.

The clerk answers a request the same way whether it files it or answers it from its cabinet, so for one seed
the idempotent and the plain clerk see the same arrivals: every arrival the plain clerk files beyond the
first of its id is one the idempotent clerk answers as a repeat. The plain clerk's extra filings are
therefore exactly the idempotent clerk's repeats, and the idempotent clerk files each of the 20 ids once.
"""

from __future__ import annotations

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import dump_model, load_model, load_text
from simulations.engine.overrides import apply_overrides

from .conftest import EXAMPLES

DOC = dump_model(load_text((EXAMPLES / "distributed-systems-inc.yaml").read_text()))
IDEMPOTENT = "components/clerk/params/idempotent"


def clerk_at_end(scenario: str, seed: int, **changes) -> dict:
    model = load_model(apply_overrides(DOC, changes))
    run = simulate(model, seed=seed, scenario=scenario, trace=True)
    return run.reader().global_state(run.summary["steps"])["components"]["clerk"]["state"]


@pytest.mark.parametrize("seed", range(1, 6))
@pytest.mark.parametrize("scenario", ["tubes-lose-answers", "tubes-deliver-twice"])
def test_the_plain_clerks_extra_filings_are_the_idempotent_clerks_repeats(scenario, seed):
    plain = clerk_at_end(scenario, seed)
    keyed = clerk_at_end(scenario, seed, **{IDEMPOTENT: True})
    extra = len(plain["filed"]) - len(set(plain["filed"]))
    assert extra == keyed["repeats_answered"] > 0
    assert sorted(keyed["filed"]) == sorted(set(plain["filed"]))
    assert len(keyed["filed"]) == len(set(keyed["filed"])) == 20


def test_retries_are_what_turn_lost_answers_into_duplicates():
    without_retries = clerk_at_end("tubes-lose-answers", 1, **{"components/customer/params/retries": 0})
    assert len(without_retries["filed"]) == len(set(without_retries["filed"]))


@pytest.mark.parametrize(("scenario", "answered"), [
    ("clerk-on-a-break", True), ("clerk-on-holidays", True), ("clerk-leaves-for-good", False),
])
def test_retries_ride_out_a_break_and_holidays_but_not_a_permanent_absence(scenario, answered):
    summary = simulate(load_model(DOC), seed=1, scenario=scenario).summary
    status = {p["name"]: p["status"] for p in summary["liveness"]}
    assert (status["every-request-answered"] == "satisfied") is answered
    assert summary["crashes"] == {"clerk-on-a-break": 1, "clerk-on-holidays": 4, "clerk-leaves-for-good": 1}[scenario]
