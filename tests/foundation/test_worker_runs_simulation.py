"""A run submitted through the API is executed by a separate worker process over the real broker."""

import pytest
from django.core.files.storage import default_storage

from simulations import lifecycle, traces
from simulations.models import JobStatus, Run, RunTrace, TraceChunk
from simulations.tasks import simulate_run
from tests.workers import WorkerProcess, wait_for

pytestmark = pytest.mark.worker

#: A run long enough (several seconds) to be still going when its process is killed.
MANY_REQUESTS = {"components/client/params/count": 20000}
LONG_RUN = 150_000
TRACED = 20_000


def test_worker_process_executes_a_run_submitted_through_the_api(celery_worker, alice_client, example_version):
    response = alice_client.post("/api/runs/", {"version": example_version.id, "seed": 7}, format="json")
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    assert response.json()["status"] == JobStatus.QUEUED

    run = wait_for(lambda: Run.objects.filter(id=run_id, status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED]).first())

    assert run.status == JobStatus.SUCCEEDED, run.error
    assert run.worker.startswith(f"{celery_worker.name}/")
    assert run.summary["steps"] > 0
    assert run.summary["messages"]["delivered"] > 0
    body = alice_client.get(f"/api/runs/{run_id}/").json()
    assert body["status"] == "succeeded" and body["progress"] == 1.0
    assert body["summary"]["trace_hash"] == run.summary["trace_hash"]


def test_a_run_whose_worker_process_dies_is_requeued_and_stored_once(transactional_db, alice, example_version):
    """Late acknowledgement: when the pool process running a task dies, the task goes back on the broker.

    Its trace too is stored once: the chunks the killed delivery stored are kept, no file is left unnamed.
    The worker traces the first 20,000 steps only: a trace of this growing state to the end would cost the
    test minutes on a loaded machine, and redelivery is what it is about.
    """
    worker = WorkerProcess(RUN_TRACE_STEPS=str(TRACED))
    try:
        run = Run.objects.create(version=example_version, created_by=alice, seed=1, until=LONG_RUN,
                                 overrides=MANY_REQUESTS)
        simulate_run.delay(str(run.id))
        wait_for(lambda: Run.objects.filter(id=run.id, status=JobStatus.RUNNING).exists())

        worker.kill_pool_processes()

        run = wait_for(lambda: Run.objects.filter(id=run.id, status=JobStatus.SUCCEEDED).first(), timeout=240)
    finally:
        worker.stop()
    assert run.attempts == 2
    assert run.summary["steps"] > 20_000
    chunks = TraceChunk.objects.filter(run=run)
    assert list(chunks.values_list("index", flat=True)) == list(range(TRACED // 1000 + 1))
    assert RunTrace.objects.get(run=run).steps == TRACED
    names = sorted(name.rsplit("/", 1)[1] for name in chunks.values_list("name", flat=True))
    assert sorted(default_storage.listdir(traces.folder(str(run.id)))[1]) == names


def test_a_run_whose_worker_process_dies_every_time_fails_at_the_attempts_cap(transactional_db, alice,
                                                                             example_version):
    """Not redelivered forever: once it has killed its process JOB_MAX_ATTEMPTS times, it fails with that reason."""
    worker = WorkerProcess(JOB_MAX_ATTEMPTS="2", RUN_TRACE_STEPS=str(TRACED))
    try:
        run = Run.objects.create(version=example_version, created_by=alice, seed=1, until=LONG_RUN,
                                 overrides=MANY_REQUESTS)
        simulate_run.delay(str(run.id))
        for attempt in (1, 2):
            wait_for(lambda n=attempt: Run.objects.filter(id=run.id, status=JobStatus.RUNNING, attempts=n).exists())
            worker.kill_pool_processes()  # as the OOM killer would
        run = wait_for(lambda: Run.objects.filter(id=run.id, status=JobStatus.FAILED).first(), timeout=60)
    finally:
        worker.stop()
    assert run.attempts == 2 and run.error == lifecycle.attempts_exhausted(2)
    assert run.error.startswith("stopped after 2 attempts: the worker running it died each time")
    assert not TraceChunk.objects.filter(run=run).exists(), "a failed run keeps no partial trace"
