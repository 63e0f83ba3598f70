"""Every exit of a job task ends in a status and a reason on its row: real worker processes, real Redis."""

import json
import time

import pytest
from django.core.files.storage import default_storage

from simulations import traces
from simulations.models import FINISHED, JobStatus, Run, RunTrace, TraceChunk
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


def test_a_run_killed_by_the_hard_time_limit_is_timed_out_and_leaves_no_chunk_behind(transactional_db, long_run):
    """Stuck past its soft limit, the run's process is killed: its parent stores the outcome and drops the
    chunks the run had stored, rows and files, so nothing unreachable remains; the message is not run again."""
    worker = WorkerProcess(app="tests.faults", TEST_STUCK_SEEDS="3", JOB_TIME_LIMIT_SECONDS="5",
                           JOB_SOFT_TIME_LIMIT_SECONDS="2")
    try:
        run = long_run(seed=3)
        wait_for(lambda: TraceChunk.objects.filter(run_id=run.id).exists(), timeout=30)
        run = finished(run.id, timeout=30)
        time.sleep(2)  # time enough for a redelivery to show
    finally:
        worker.stop()
    assert "Hard time limit (5" in worker.log.read_text(), "the hard limit, not the soft one, stopped it"
    assert run.status == JobStatus.TIMED_OUT and run.error.startswith("stopped at the time limit of 2 s")
    assert not TraceChunk.objects.filter(run_id=run.id).exists() and not RunTrace.objects.filter(run=run).exists()
    assert not default_storage.exists(traces.folder(str(run.id))) or default_storage.listdir(
        traces.folder(str(run.id))) == ([], [])
    again = Run.objects.get(id=run.id)
    assert (again.status, again.attempts, again.finished_at) == (JobStatus.TIMED_OUT, 1, run.finished_at)


def test_a_run_past_the_memory_bound_fails_with_memory_limit(transactional_db, long_run):
    worker = WorkerProcess(JOB_MEMORY_LIMIT_MB="1")
    try:
        run = finished(long_run().id, timeout=30)
    finally:
        worker.stop()
    assert run.status == JobStatus.FAILED
    assert run.error.startswith("memory limit: the job used ") and "more than 1 MB" in run.error
