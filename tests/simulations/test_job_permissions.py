"""Who may see and start simulation jobs: alice (owner) may, bob (reviewer) may only look, mallory sees nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from simulations.models import Exploration, Run, Sweep

JOB_ENDPOINTS = ["/api/runs/", "/api/sweeps/", "/api/explorations/"]


@pytest.fixture
def alice_run(alice, example_version):
    return Run.objects.create(version=example_version, created_by=alice, seed=1)


@pytest.mark.parametrize("endpoint", JOB_ENDPOINTS)
def test_a_reviewer_cannot_start_jobs(bob_client, example_version, endpoint):
    response = bob_client.post(endpoint, {"version": example_version.id}, format="json")
    assert response.status_code == 403
    assert not Run.objects.exists() and not Sweep.objects.exists() and not Exploration.objects.exists()


@pytest.mark.parametrize("endpoint", JOB_ENDPOINTS)
def test_an_outsider_cannot_use_another_teams_version(mallory_client, example_version, endpoint):
    response = mallory_client.post(endpoint, {"version": example_version.id}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert not Run.objects.exists() and not Sweep.objects.exists() and not Exploration.objects.exists()


def test_an_outsider_neither_lists_nor_reads_runs(mallory_client, alice_run):
    assert mallory_client.get("/api/runs/").json()["count"] == 0
    assert mallory_client.get(f"/api/runs/{alice_run.id}/").status_code == 404
    assert mallory_client.get(f"/api/runs/{alice_run.id}/trace/").status_code == 404


def test_a_reviewer_reads_the_teams_runs(bob_client, alice_run):
    body = bob_client.get("/api/runs/").json()
    assert [r["id"] for r in body["results"]] == [str(alice_run.id)]


def test_anonymous_requests_are_refused(client, alice_run):
    assert client.get("/api/runs/").status_code == 403


def test_an_unknown_scenario_is_a_400_naming_the_field(alice_client, example_version):
    response = alice_client.post("/api/runs/", {"version": example_version.id, "scenario": "nope"}, format="json")
    assert response.status_code == 400
    assert "scenario" in response.json()
    assert not Run.objects.exists()


def test_a_negative_horizon_is_a_400(alice_client, example_version):
    response = alice_client.post("/api/runs/", {"version": example_version.id, "until": -5}, format="json")
    assert response.status_code == 400 and "until" in response.json()


def test_listing_runs_takes_a_constant_number_of_queries(alice_client, alice, example_version):
    for seed in range(3):
        Run.objects.create(version=example_version, created_by=alice, seed=seed)
    with CaptureQueriesContext(connection) as few:
        alice_client.get("/api/runs/")
    for seed in range(3, 23):
        Run.objects.create(version=example_version, created_by=alice, seed=seed)
    with CaptureQueriesContext(connection) as many:
        body = alice_client.get("/api/runs/").json()
    assert body["count"] == 23
    assert len(many) == len(few)
