"""A sweep finishes when its last run finishes, whatever each run's outcome, and says which failed and why."""

import pytest

from simulations.models import FINISHED, JobStatus, Sweep
from tests.workers import WorkerProcess, wait_for

pytestmark = pytest.mark.worker


def test_a_sweep_with_one_failing_run_finishes_with_that_run_failed(transactional_db, alice_client, example_version):
    worker = WorkerProcess(concurrency=2, app="tests.faults", TEST_FAULT_SEEDS="1")
    try:
        response = alice_client.post("/api/sweeps/", {"version": example_version.id, "seeds": 3}, format="json")
        assert response.status_code == 201, response.content
        sweep = wait_for(lambda: Sweep.objects.filter(id=response.json()["id"], status__in=FINISHED).first())
    finally:
        worker.stop()
    runs = {run.seed: run for run in sweep.runs.all()}
    assert runs[1].status == JobStatus.FAILED and "BehaviorBug" in runs[1].error
    assert runs[0].status == runs[2].status == JobStatus.SUCCEEDED
    assert sweep.status == JobStatus.SUCCEEDED  # two of three runs give a summary
    assert sweep.summary["failures"] == [
        {"run": str(runs[1].id), "value": None, "seed": 1, "status": "failed", "error": runs[1].error}
    ]
    [point] = sweep.summary["points"]
    assert point["runs"] == 3 and point["failed_runs"] == 1
    assert sweep.error.startswith("1 of 3 runs did not succeed: seed 1 failed (unexpected error BehaviorBug")
    body = alice_client.get(f"/api/sweeps/{sweep.id}/").json()
    assert body["runs_done"] == body["runs_total"] == 3 and body["progress"] == 1.0


def test_a_sweep_whose_runs_all_fail_is_failed(transactional_db, alice_client, example_version):
    worker = WorkerProcess(app="tests.faults", TEST_FAULT_SEEDS="0,1")
    try:
        response = alice_client.post("/api/sweeps/", {"version": example_version.id, "seeds": 2}, format="json")
        sweep = wait_for(lambda: Sweep.objects.filter(id=response.json()["id"], status__in=FINISHED).first())
    finally:
        worker.stop()
    assert sweep.status == JobStatus.FAILED
    assert sweep.error.startswith("2 of 2 runs did not succeed")
