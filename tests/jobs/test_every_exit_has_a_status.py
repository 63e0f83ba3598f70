"""Every exit of a job task ends in a status and a reason on its row: real worker processes, real Redis."""

import json

import pytest

from simulations.models import FINISHED, JobStatus, Run
from tests.workers import WorkerProcess, wait_for

pytestmark = pytest.mark.worker


def finished(run_id, timeout: float = 60.0) -> Run:
    return wait_for(lambda: Run.objects.filter(id=run_id, status__in=FINISHED).first(), timeout=timeout)


def test_an_unexpected_exception_fails_the_run_with_its_type_and_message(transactional_db, alice_client,
                                                                          example_version):
    worker = WorkerProcess(app="tests.faults", TEST_FAULT_SEEDS="2")
    try:
        response = alice_client.post("/api/runs/", {"version": example_version.id, "seed": 2}, format="json")
        assert response.status_code == 201, response.content
        run = finished(response.json()["id"])
    finally:
        worker.stop()
    assert run.status == JobStatus.FAILED
    assert run.error == "unexpected error BehaviorBug: the behavior tripped over seed 2"
    assert run.finished_at is not None and run.heartbeat_at is None
    body = alice_client.get(f"/api/runs/{run.id}/").json()
    assert body["status"] == "failed" and body["remaining_seconds"] == 0.0
    # The worker's log lines about this job name it (structured JSON lines).
    lines = [json.loads(line) for line in worker.log.read_text().splitlines() if line.startswith("{")]
    assert any(line["job_id"] == str(run.id) and "BehaviorBug" in line["message"] for line in lines)


def test_a_run_past_its_soft_time_limit_is_timed_out(transactional_db, long_run):
    worker = WorkerProcess(JOB_TIME_LIMIT_SECONDS="6", JOB_SOFT_TIME_LIMIT_SECONDS="1")
    try:
        run = long_run()
        run = finished(run.id, timeout=30)
    finally:
        worker.stop()
    assert run.status == JobStatus.TIMED_OUT, run.error
    assert run.error.startswith("stopped at the time limit of 1 s")
    assert (run.finished_at - run.started_at).total_seconds() < 6


def test_a_run_past_the_memory_bound_fails_with_memory_limit(transactional_db, long_run):
    worker = WorkerProcess(JOB_MEMORY_LIMIT_MB="1")
    try:
        run = finished(long_run().id, timeout=30)
    finally:
        worker.stop()
    assert run.status == JobStatus.FAILED
    assert run.error.startswith("memory limit: the job used ") and "more than 1 MB" in run.error
