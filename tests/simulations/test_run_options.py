"""What a run is asked for through the API: its scenario or no faults at all, and whether it stops at the
first violation (by default it runs to its end, so every property and SLO is judged over the whole run)."""

import pytest

from simulations.models import Run
from simulations.tasks import simulate_run


@pytest.fixture
def start(alice_client, version_of):
    version = version_of("split-brain")

    def start_run(**options) -> dict:
        response = alice_client.post("/api/runs/", {"version": version.id, "seed": 1, **options}, format="json")
        assert response.status_code == 201, response.json()
        simulate_run.apply(args=[response.json()["id"]])
        return Run.objects.get(id=response.json()["id"]).summary

    return start_run


def status(summary: dict) -> dict:
    return {p["name"]: p["status"] for p in summary["safety"]}


def test_a_run_goes_to_its_end_and_reports_every_violated_property(start):
    summary = start(scenario="partition-old-leader")
    assert summary["stopped"] == "until"
    assert status(summary) == {"single-leader": "violated", "one-leader-per-term": "holds",
                               "no-stale-writes": "violated"}


def test_stopping_at_the_first_violation_is_asked_for_and_says_what_was_not_checked(start):
    summary = start(scenario="partition-old-leader", stop_at_violation=True)
    assert summary["stopped"] == "violation"
    assert status(summary) == {"single-leader": "violated", "one-leader-per-term": "not_checked",
                               "no-stale-writes": "not_checked"}
    assert {p["checked_until"] for p in summary["safety"][1:]} == {summary["steps"]}


def test_no_scenario_means_no_faults(start):
    summary = start(scenario="")
    assert summary["scenario"] is None and summary["messages"]["dropped"] == 0
    assert set(status(summary).values()) == {"holds"}
