"""Hostile expressions through the API and a real worker: a bound that is static is refused when the model is
saved (400 naming the field, nothing stored); one that depends on the state fails the job with the reason, in
little time and memory, and the worker goes on to the next job (tests/hostile.py has the cases)."""

from pathlib import Path

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import ModelVersion, SystemModel
from simulations.models import Exploration, JobStatus, Run
from tests.hostile import LIMIT_BYTES, LIMIT_SECONDS, STATIC, grower_model
from tests.workers import wait_for

STATIC_PROPERTIES = ["percent width", "chained powers", "nested repetition", "product of comprehensions"]


@pytest.mark.parametrize("name", STATIC_PROPERTIES)
def test_saving_a_model_whose_property_is_over_the_budget_is_refused_naming_the_field(alice_client, workspace, name):
    document = grower_model(prop=f"{STATIC[name]} != 0")

    response = alice_client.post("/api/models/import/", {"workspace": workspace.pk, "document": document},
                                 format="json")

    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert error["path"] == "properties/safety/0/always"
    assert "goes over the evaluation budget" in error["message"]
    assert not SystemModel.objects.exists()


def test_a_variable_too_large_for_expressions_is_refused(alice_client, workspace):
    document = grower_model()
    document["behaviors"]["grower"]["variables"]["s"] = "x" * 100_001

    response = alice_client.post("/api/models/import/", {"workspace": workspace.pk, "document": document},
                                 format="json")

    assert response.status_code == 400, response.content
    assert [e["path"] for e in response.json()["errors"]] == ["behaviors/grower/variables/s"]


def _peak_bytes_of_pool(worker) -> int:
    """The pool processes' peak resident memory (VmHWM), summed."""
    children = Path(f"/proc/{worker.process.pid}/task/{worker.process.pid}/children").read_text().split()
    peaks = [line for pid in children for line in Path(f"/proc/{pid}/status").read_text().splitlines()
             if line.startswith("VmHWM:")]
    return sum(int(line.split()[1]) * 1024 for line in peaks)


@pytest.mark.worker
def test_jobs_over_the_budget_fail_with_the_reason_and_the_worker_goes_on(celery_worker, alice_client, alice,
                                                                          workspace, example_version):
    model = services.import_model_document(workspace=workspace, document=grower_model(), user=alice)
    version = ModelVersion.objects.get(model=model)
    before = _peak_bytes_of_pool(celery_worker)
    assert before > 0, "the worker has a pool process to measure"

    run = alice_client.post("/api/runs/", {"version": version.id}, format="json")
    exploration = alice_client.post("/api/explorations/", {"version": version.id, "max_seconds": 60}, format="json")
    assert (run.status_code, exploration.status_code) == (201, 201), (run.content, exploration.content)

    for job_model, response in ((Run, run), (Exploration, exploration)):
        job = wait_for(lambda m=job_model, r=response: m.objects.filter(id=r.json()["id"], status=JobStatus.FAILED)
                       .first())
        assert "'s + s' went over the evaluation budget" in job.error, job.error
        assert "longer than 100,000 characters" in job.error
        assert (job.finished_at - job.started_at).total_seconds() < LIMIT_SECONDS
    assert _peak_bytes_of_pool(celery_worker) - before < LIMIT_BYTES

    second = alice_client.post("/api/runs/", {"version": example_version.id}, format="json")
    assert wait_for(lambda: Run.objects.filter(id=second.json()["id"], status=JobStatus.SUCCEEDED).first())
