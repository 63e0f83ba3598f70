"""An exploration submitted through the API is executed by a real worker and its verdicts stored."""

import pytest

from simulations.models import Exploration, JobStatus
from tests.workers import wait_for

pytestmark = pytest.mark.worker


def test_exploring_two_phase_commit_finds_the_liveness_lasso(celery_worker, alice_client, version_of):
    version = version_of("two-phase-commit-coordinator-crash")
    response = alice_client.post("/api/explorations/", {"version": version.id, "max_seconds": 60}, format="json")
    assert response.status_code == 201, response.content

    job = wait_for(lambda: Exploration.objects.filter(id=response.json()["id"], status=JobStatus.SUCCEEDED).first())

    assert job.summary["complete"] is True
    assert job.summary["states"] > 10
    assert job.graph["nodes"] and job.graph["edges"]
    verdicts = {p["name"]: p for p in job.summary["properties"]}
    assert verdicts["agreement"]["verdict"] == "holds"
    assert verdicts["all-decide"]["verdict"] == "violated"
    assert job.summary["counterexamples"]["all-decide"], "the lasso is stored for the viewer"


def test_an_expression_failing_while_exploring_fails_the_job_with_the_reason(celery_worker, alice_client, workspace,
                                                                            alice):
    from holarchy.modeling.models import ModelVersion, SystemModel
    from simulations.engine import modelcode
    from tests.explore.test_expression_failures import CASES

    doc, expected = CASES["division in a timer handler"]
    model = modelcode.load_model(doc)
    version = ModelVersion.objects.create(
        model=SystemModel.objects.create(workspace=workspace, name="failing"), number=1,
        document=modelcode.dump_model(model), content_hash=modelcode.content_hash(model), created_by=alice)
    response = alice_client.post("/api/explorations/", {"version": version.id, "max_seconds": 60}, format="json")
    assert response.status_code == 201, response.content

    job = wait_for(lambda: Exploration.objects.filter(id=response.json()["id"], status=JobStatus.FAILED).first())

    for part in expected:
        assert part in job.error
