"""Cancel: queued work never starts, running work stops at its next progress report; a sweep's reaches every run."""

import pytest

from simulations import lifecycle
from simulations.models import FINISHED, JobStatus, Run, Sweep
from tests.workers import WorkerProcess, wait_for

#: Runs of a few seconds each (summaries only: no trace).
LONG_SWEEP = {"parameter": "components/client/params/count", "values": [40000], "until": 200_000}


@pytest.mark.worker
def test_cancel_stops_a_running_sweep_and_every_run_in_it(transactional_db, alice_client, example_version):
    """Two runs running (one per worker child) and one queued: cancel reaches all three."""
    worker = WorkerProcess(concurrency=2)
    try:
        body = {"version": example_version.id, "seeds": 3, **LONG_SWEEP}
        sweep_id = alice_client.post("/api/sweeps/", body, format="json").json()["id"]

        def both_running() -> set | None:
            ids = set(Run.objects.filter(sweep_id=sweep_id, status=JobStatus.RUNNING).values_list("id", flat=True))
            return ids if len(ids) == 2 else None

        running = wait_for(both_running)
        response = alice_client.post(f"/api/sweeps/{sweep_id}/cancel/")
        assert response.status_code == 200, response.content
        assert response.json()["cancel_requested"] is True
        sweep = wait_for(lambda: Sweep.objects.filter(id=sweep_id, status__in=FINISHED).first(), timeout=30)
    finally:
        worker.stop()
    assert sweep.status == JobStatus.CANCELLED
    runs = {run.id: run for run in sweep.runs.all()}
    assert {run.status for run in runs.values()} == {JobStatus.CANCELLED}
    for run_id in running:  # stopped mid-run, each at its next progress report
        assert runs[run_id].error == "cancelled on request" and runs[run_id].progress < 1.0
    [other] = [run for run_id, run in runs.items() if run_id not in running]
    assert other.error == "cancelled before it started" and other.attempts == 0


def test_a_cancelled_queued_run_never_starts(db, alice_client, example_version):
    run_id = alice_client.post("/api/runs/", {"version": example_version.id}, format="json").json()["id"]
    body = alice_client.post(f"/api/runs/{run_id}/cancel/").json()
    assert body["status"] == "cancelled" and body["error"] == "cancelled before it started"
    assert lifecycle.claim(Run, job_id=run_id, delivery="w@host/late-message") is None
    run = Run.objects.get(id=run_id)
    assert run.status == JobStatus.CANCELLED and run.attempts == 0 and run.started_at is None


def test_a_finished_job_cannot_be_cancelled_and_a_reviewer_cannot_cancel(db, alice_client, bob_client,
                                                                          example_version, alice):
    done = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.SUCCEEDED)
    response = alice_client.post(f"/api/runs/{done.id}/cancel/")
    assert response.status_code == 409 and "already finished (succeeded)" in response.json()["detail"]
    queued = Run.objects.create(version=example_version, created_by=alice)
    assert bob_client.post(f"/api/runs/{queued.id}/cancel/").status_code == 403
    assert Run.objects.get(id=queued.id).status == JobStatus.QUEUED
