"""The reaper makes the broker agree with the rows: what no live worker holds is queued again or finished."""

from datetime import timedelta

import pytest
from django.utils import timezone

from simulations import reaper
from simulations.models import JobStatus, Run
from tests.workers import WorkerProcess, wait_for

#: A worker whose embedded beat runs the reaper every second and calls heartbeats older than 2 s stale.
FAST_REAPER = {"JOB_REAPER_SECONDS": "1", "JOB_STALE_SECONDS": "2", "JOB_HEARTBEAT_SECONDS": "0.5"}


def left_running(version, user, **fields) -> Run:
    """A row as a worker killed with kill -9 leaves it: running, its heartbeat long stale."""
    long_ago = timezone.now() - timedelta(hours=1)
    return Run.objects.create(
        version=version, created_by=user, status=JobStatus.RUNNING, worker="gone@host/task/0", attempts=1,
        started_at=long_ago, heartbeat_at=long_ago, **fields,
    )


@pytest.mark.worker
def test_the_reaper_requeues_a_stale_running_row_and_publishes_a_never_published_one(
    transactional_db, alice, example_version
):
    stale = left_running(example_version, alice, seed=4)
    unpublished = Run.objects.create(version=example_version, created_by=alice, seed=5)  # broker was down
    worker = WorkerProcess(beat=True, **FAST_REAPER)
    try:
        done = wait_for(
            lambda: Run.objects.filter(id__in=[stale.id, unpublished.id], status=JobStatus.SUCCEEDED).count() == 2,
            timeout=60,
        )
    finally:
        worker.stop()
    assert done
    stale.refresh_from_db()
    assert stale.attempts == 2 and stale.worker.startswith(f"{worker.name}/")
    assert Run.objects.get(id=unpublished.id).enqueued_at is not None


def test_a_row_whose_worker_died_too_often_fails_with_that_reason(db, alice, example_version, settings):
    settings.JOB_MAX_ATTEMPTS = 3
    run = left_running(example_version, alice)
    Run.objects.filter(id=run.id).update(attempts=3)
    assert reaper.reap()["failed"] == 1
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED
    assert run.error.startswith("stopped after 3 attempts: the worker running it died each time")


def test_a_stale_row_asked_to_cancel_is_cancelled_and_one_past_the_limit_timed_out(db, alice, example_version,
                                                                                  settings):
    settings.JOB_SOFT_TIME_LIMIT_SECONDS = 60
    cancelled = left_running(example_version, alice, cancel_requested=True)
    hung = left_running(example_version, alice)
    Run.objects.filter(id=hung.id).update(started_at=hung.heartbeat_at - timedelta(seconds=61))
    counts = reaper.reap()
    assert counts["cancelled"] == counts["timed_out"] == 1
    assert Run.objects.get(id=cancelled.id).status == JobStatus.CANCELLED
    assert Run.objects.get(id=hung.id).status == JobStatus.TIMED_OUT


def test_a_live_row_is_left_alone(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.RUNNING, worker="w@h/t/1",
                             started_at=timezone.now(), heartbeat_at=timezone.now(), attempts=1)
    reaper.reap()
    run.refresh_from_db()
    assert run.status == JobStatus.RUNNING and run.worker == "w@h/t/1" and run.attempts == 1
