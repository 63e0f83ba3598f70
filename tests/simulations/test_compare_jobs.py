"""`GET /api/<jobs>/<id>/compare/?with=<id>`: two versions of the replicated service, compared run by run and
study by study; who may compare, and what cannot be compared."""

import copy
import json
import uuid
from pathlib import Path

import pytest

from holarchy.modeling.models import ModelVersion, SystemModel, Workspace
from simulations.engine import modelcode
from simulations.engine.api import simulate
from simulations.engine.compare import compare
from simulations.engine.study import plan_study, roll_up, run_points
from simulations.models import JobStatus, LevelStudy, Run, Sweep

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "replicated-service.yaml"
CROSS = modelcode.dump_model(modelcode.load_text(EXAMPLE.read_text()))


def same_cluster(doc: dict) -> dict:
    """The example with each client failing over to the neighbour in its own cluster: a cluster's loss breaks it."""
    doc = copy.deepcopy(doc)
    order = {"client-1": ["r1", "r2", "r3", "r4"], "client-2": ["r3", "r4", "r1", "r2"]}
    for c in doc["components"]:
        if c["behavior"] == "failover_client":
            c["params"]["replicas"] = order[c["id"]]
    return doc


def study_summary(doc: dict) -> dict:
    plan, points = plan_study(doc, holarchy="physical", levels=["cluster", "node"])
    return roll_up(plan, run_points(doc, points))


def run_summary(doc: dict) -> dict:
    return simulate(modelcode.load_model(doc), seed=1, scenario="cluster-c1-down").summary


@pytest.fixture(scope="module")
def summaries():
    """Computed once: v1 fails over inside the cluster, v2 across clusters."""
    v1, v2 = same_cluster(CROSS), CROSS
    return {"study": (study_summary(v1), study_summary(v2)), "run": (run_summary(v1), run_summary(v2))}


def _version(model: SystemModel, number: int, doc: dict, message: str = "") -> ModelVersion:
    loaded = modelcode.load_model(doc)
    return ModelVersion.objects.create(model=model, number=number, document=modelcode.dump_model(loaded),
                                       content_hash=modelcode.content_hash(loaded), message=message)


@pytest.fixture
def versions(workspace):
    model = SystemModel.objects.create(workspace=workspace, name="replicated")
    return _version(model, 1, same_cluster(CROSS)), _version(model, 2, CROSS, "fail over across clusters")


def _job(kind, version, summary, **fields):
    return kind.objects.create(version=version, status=JobStatus.SUCCEEDED, summary=summary, **fields)


@pytest.fixture
def studies(versions, summaries):
    return [_job(LevelStudy, v, s, holarchy="physical") for v, s in zip(versions, summaries["study"], strict=True)]


@pytest.fixture
def runs(versions, summaries):
    return [_job(Run, v, s, seed=1, scenario="cluster-c1-down")
            for v, s in zip(versions, summaries["run"], strict=True)]


def _compare(client, kind: str, job, other, **query):
    return client.get(f"/api/{kind}/{job.id}/compare/", {"with": str(other.id) if other else None, **query})


def test_two_studies_say_cluster_failures_are_now_survived_from_either_side(alice_client, studies, summaries):
    v1, v2 = studies
    body = _compare(alice_client, "studies", v2, v1).json()
    assert _compare(alice_client, "studies", v1, v2).json() == body  # the older version is always `a`
    assert body["headline"].startswith("v2 fail over across clusters: cluster failures are now survived")
    assert (body["a"]["id"], body["b"]["id"]) == (str(v1.id), str(v2.id))
    assert (body["a"]["version_number"], body["b"]["version_message"]) == (1, "fail over across clusters")
    assert body["version_change"] == "changes components client-1 (params), client-2 (params)"
    assert body["comparison"] == json.loads(json.dumps(compare(*summaries["study"])))  # the engine's, as stored
    level = next(v for v in body["comparison"]["verdicts"] if v["kind"] == "level")
    assert (level["where"], level["a"], level["b"]) == ("cluster", "not survived", "survived")
    assert level["change"] == "better"


def test_two_runs_of_a_cluster_loss_say_the_system_slos_are_now_met(bob_client, runs):
    body = _compare(bob_client, "runs", *runs).json()  # a reviewer may compare what they may read
    assert body["kind"] == "run"
    changed = {(v["name"], v["a"], v["b"]) for v in body["comparison"]["verdicts"]}
    assert ("availability", "missed", "met") in changed
    assert "SLO availability is now met at physical/world (was missed)" in body["headline"]


def test_two_jobs_of_one_version_compare_their_details(alice_client, versions, summaries):
    one, other = (_job(Run, versions[1], summaries["run"][1], seed=1) for _ in range(2))
    body = _compare(alice_client, "runs", one, other).json()
    assert body["headline"] == ("v2, scenario cluster-c1-down, seed 1 → scenario cluster-c1-down, seed 1: "
                                "nothing changed: the same verdicts and the same measurements")
    assert body["version_change"] == ""


def test_a_job_the_caller_cannot_see_is_404_on_either_side(alice_client, mallory_client, globex, studies,
                                                           summaries):
    workspace = Workspace.objects.create(team=globex, name="Globex")
    foreign = _version(SystemModel.objects.create(workspace=workspace, name="theirs"), 1, CROSS)
    theirs = _job(LevelStudy, foreign, summaries["study"][1], holarchy="physical")
    assert _compare(mallory_client, "studies", studies[0], theirs).status_code == 404
    hidden = _compare(alice_client, "studies", studies[0], theirs)
    missing = alice_client.get(f"/api/studies/{studies[0].id}/compare/", {"with": str(uuid.uuid4())})
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()


@pytest.mark.parametrize(("query", "reason"), [
    ({}, "This field is required."),
    ({"with": "not-a-uuid"}, "Must be a valid UUID."),
])
def test_a_missing_or_malformed_other_is_400_on_with(alice_client, studies, query, reason):
    response = alice_client.get(f"/api/studies/{studies[0].id}/compare/", query)
    assert response.status_code == 400 and response.json() == {"with": [reason]}


def test_another_kind_or_model_or_holarchy_is_400_on_with(alice_client, workspace, studies, runs, summaries):
    assert _compare(alice_client, "studies", studies[0], runs[0]).json() == {
        "with": ["is a run, not a level study: compare two of one kind"]}
    other_model = _version(SystemModel.objects.create(workspace=workspace, name="other"), 1, CROSS)
    response = _compare(alice_client, "studies", studies[0], _job(LevelStudy, other_model, summaries["study"][1]))
    assert response.status_code == 400
    assert response.json() == {"with": ["is a level study of another model: compare two versions of one model"]}
    logical = _job(LevelStudy, studies[1].version, {**summaries["study"][1], "holarchy": "logical"})
    response = _compare(alice_client, "studies", studies[0], logical)
    assert response.status_code == 400 and "holarchy" in response.json()["with"][0]


def test_a_job_without_a_summary_yet_is_409(alice_client, versions, runs):
    queued = Run.objects.create(version=versions[1])
    response = _compare(alice_client, "runs", runs[0], queued)
    assert response.status_code == 409
    assert response.json() == {"detail": f"run {queued.id} has no summary yet (it is queued)"}


def test_two_sweeps_compare_per_swept_value(alice_client, versions):
    def summary(sli_at_8: float) -> dict:
        slos = {"availability": {"sli": sli_at_8, "met_fraction": 1.0 if sli_at_8 == 1 else 0.0,
                                 "budget_consumed": 0.0 if sli_at_8 == 1 else 3.0}}
        return {"parameter": "components/client-1/params/interval", "failures": [],
                "points": [{"value": 8, "runs": 1, "failed_runs": 0, "violations": 0, "slos": slos}]}

    old, new = (_job(Sweep, v, summary(s), parameter="components/client-1/params/interval", values=[8])
                for v, s in zip(versions, (0.9, 1.0), strict=True))
    body = _compare(alice_client, "sweeps", new, old).json()
    assert body["headline"].startswith("v2 fail over across clusters: SLO availability is now met at interval=8")
    assert [m["metric"] for m in body["comparison"]["metrics"]] == [
        "SLI (availability)", "budget consumed (availability)", "seeds meeting (availability)"]
