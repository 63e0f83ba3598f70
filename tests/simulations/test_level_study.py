"""Level studies as jobs: planned by the engine, one run per point on real workers, the engine's roll-up stored."""

import json

import pytest

from simulations import studies
from simulations.engine.study import digest, plan_study, roll_up, run_points
from simulations.models import JobStatus, LevelStudy, Run
from tests.workers import wait_for

STUDY = {"holarchy": "physical", "levels": ["cluster", "node"]}


@pytest.fixture
def replicated(version_of):
    return version_of("replicated-service")


@pytest.mark.worker
def test_a_study_runs_every_point_and_stores_the_engines_roll_up(celery_worker, alice_client, replicated):
    response = alice_client.post("/api/studies/", {"version": replicated.id, **STUDY, "seeds": 2}, format="json")
    assert response.status_code == 201, response.content
    study_id = response.json()["id"]
    assert response.json()["plan"]["runs"] == 2 * (1 + 2 + 4)

    study = wait_for(lambda: LevelStudy.objects.filter(id=study_id, status=JobStatus.SUCCEEDED).first(), timeout=120)

    assert set(study.runs.values_list("status", flat=True)) == {JobStatus.SUCCEEDED}
    plan, points = plan_study(replicated.document, seeds=2, **STUDY)
    local = roll_up(plan, run_points(replicated.document, points))
    assert json.dumps(study.summary, sort_keys=True) == json.dumps(local, sort_keys=True)  # what the CLI prints
    # Rolled up from the digests the workers stored; runs finished by a release without digests, from summaries.
    assert all(r.digest == digest(r.summary) for r in study.runs.all())
    study.runs.filter(seed=1).update(digest=None)
    assert json.dumps(studies.summarize(study), sort_keys=True) == json.dumps(local, sort_keys=True)
    assert {lv["level"]: lv["survival"] for lv in study.summary["levels"]} == {"cluster": 1.0, "node": 1.0}
    body = alice_client.get(f"/api/studies/{study_id}/").json()
    assert body["runs_done"] == body["runs_total"] == 14 and body["progress"] == 1.0
    runs = alice_client.get(f"/api/studies/{study_id}/runs/").json()
    assert len(runs) == 14 and {"study:node/n1", "study:baseline"} <= {r["scenario"] for r in runs}
    one = next(r for r in runs if r["scenario"] == "study:cluster/c1" and r["seed"] == 0)
    run = alice_client.get(f"/api/runs/{one['id']}/").json()  # an ordinary run: the run viewer opens it
    assert run["study"] == study_id and run["summary"]["crashes"] == 2
    trace = f"/api/runs/{one['id']}/trace/"
    assert alice_client.get(trace, {"step": 1}).status_code == 202  # a study's runs keep summaries: opening one
    wait_for(lambda: alice_client.get(trace, {"step": 1}).status_code == 200, timeout=60)  # produces its trace


@pytest.mark.parametrize(("body", "field", "reason"), [
    ({"holarchy": "nope"}, "holarchy", "unknown holarchy 'nope'"),
    ({"holarchy": "physical", "levels": ["rack"]}, "levels", "0: unknown level 'rack'"),
    ({"holarchy": "physical", "faults": {"node": {"crash": {"kind": "transient", "at": 5}}}}, "faults",
     "node/crash/duration: a transient crash needs 'duration'"),
    ({"holarchy": "physical", "faults": {"node": {"meteor": {}}}}, "faults", "node: a fault is one of"),
    ({"holarchy": "physical", "levels": ["region"], "faults": {"region": {"partition": {"from": 5}}}}, "faults",
     "region: the fault applies to no studied holon"),
    ({"holarchy": "physical", "seeds": 0}, "seeds", ""),
    ({"holarchy": "physical", "sample": 0}, "sample", ""),
    ({"levels": ["node"]}, "holarchy", ""),
])
def test_bad_options_are_a_400_naming_the_field_and_create_nothing(alice_client, replicated, body, field, reason):
    response = alice_client.post("/api/studies/", {"version": replicated.id, **body}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json() and reason in " ".join(response.json()[field]), response.json()
    assert not LevelStudy.objects.exists() and not Run.objects.exists()


def test_a_reviewer_cannot_start_a_study_and_an_outsider_cannot_see_one(bob_client, mallory_client, alice,
                                                                         replicated):
    response = bob_client.post("/api/studies/", {"version": replicated.id, **STUDY}, format="json")
    assert response.status_code == 403
    assert mallory_client.post("/api/studies/", {"version": replicated.id, **STUDY}, format="json").status_code == 400
    study = LevelStudy.objects.create(version=replicated, created_by=alice, holarchy="physical")
    assert bob_client.get("/api/studies/").json()["count"] == 1
    assert mallory_client.get("/api/studies/").json()["count"] == 0
    assert mallory_client.get(f"/api/studies/{study.id}/").status_code == 404
    assert mallory_client.get(f"/api/studies/{study.id}/runs/").status_code == 404
    assert not Run.objects.exists()


def test_cancelling_a_study_cancels_its_queued_runs_and_finishes_it(alice_client, replicated):
    study_id = alice_client.post("/api/studies/", {"version": replicated.id, **STUDY}, format="json").json()["id"]

    body = alice_client.post(f"/api/studies/{study_id}/cancel/").json()  # no worker: every run is still queued

    assert body["status"] == JobStatus.CANCELLED and body["cancel_requested"] is True
    assert set(Run.objects.filter(study_id=study_id).values_list("status", flat=True)) == {JobStatus.CANCELLED}
    assert body["summary"]["finished"] == 0 and body["summary"]["survives"] is False
    assert {lv["unknown"] for lv in body["summary"]["levels"]} == {2, 4}
    assert alice_client.post(f"/api/studies/{study_id}/cancel/").status_code == 409


def test_a_study_of_more_runs_than_the_team_limit_is_refused(alice_client, replicated, settings):
    settings.TEAM_MAX_RUNS_PER_SWEEP = 10
    response = alice_client.post("/api/studies/", {"version": replicated.id, **STUDY, "seeds": 2}, format="json")
    assert response.status_code == 400 and "14 runs" in response.json()["seeds"][0]
    assert not LevelStudy.objects.exists()
