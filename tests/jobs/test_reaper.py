"""The reaper makes the broker agree with the rows: what no live worker holds is queued again or finished."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from simulations import reaper, services, traces
from simulations.engine.trace import Chunk
from simulations.models import JobStatus, Run, RunTrace, TraceChunk, TraceStatus
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


@pytest.mark.worker
def test_the_reaper_runs_on_time_while_every_job_workers_child_is_busy(transactional_db, alice, example_version,
                                                                      settings):
    """Its own queue and worker: a job worker whose only child runs a long job never holds the reaper back."""
    jobs = WorkerProcess(queues=",".join(settings.JOB_QUEUES), **FAST_REAPER)
    reaper_worker = None
    try:
        busy = Run.objects.create(version=example_version, created_by=alice, until=10**7,
                                  overrides={"components/client/params/count": 10**6})  # minutes of work
        services.enqueue([busy])
        wait_for(lambda: Run.objects.filter(id=busy.id, status=JobStatus.RUNNING).exists())
        worn_out = left_running(example_version, alice, seed=6)
        Run.objects.filter(id=worn_out.id).update(attempts=settings.JOB_MAX_ATTEMPTS)
        stale = left_running(example_version, alice, seed=7)
        reaper_worker = WorkerProcess(beat=True, queues=settings.MAINTENANCE_QUEUE, **FAST_REAPER)
        wait_for(lambda: not Run.objects.filter(id__in=[worn_out.id, stale.id], status=JobStatus.RUNNING).exists(),
                 timeout=30)
        assert Run.objects.get(id=busy.id).status == JobStatus.RUNNING, "the job worker's child was busy throughout"
    finally:
        jobs.kill_whole()
        if reaper_worker is not None:
            reaper_worker.stop()
    assert Run.objects.get(id=worn_out.id).status == JobStatus.FAILED
    requeued = Run.objects.get(id=stale.id)
    assert requeued.status == JobStatus.QUEUED and requeued.enqueued_at is not None, "waits for a free child"
    assert "reap_jobs[" not in jobs.log.read_text(), "the job worker never took the reaper's messages"


def test_chunks_no_trace_will_name_are_deleted_and_the_others_kept(db, alice, example_version):
    """A delivery cut off while another stored its run's outcome leaves chunks no RunTrace names."""
    now = timezone.now()
    cut_off = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.TIMED_OUT)
    producing = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.SUCCEEDED)
    RunTrace.objects.create(run=producing, status=TraceStatus.PRODUCING, heartbeat_at=now)
    running = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.RUNNING,
                                 worker="w@h/t/1", started_at=now, heartbeat_at=now, attempts=1)
    for run in (cut_off, producing, running):
        traces.writer_for(str(run.id)).store(Chunk(0, 0, 9, ['{"step": 0}']))
    assert reaper.reap()["traces_discarded"] == 1
    assert not TraceChunk.objects.filter(run=cut_off).exists()
    assert not default_storage.exists(traces.folder(str(cut_off.id))) or default_storage.listdir(
        traces.folder(str(cut_off.id))) == ([], [])
    for kept in (producing, running):  # a trace being produced, a run still going: theirs to finish
        [chunk] = TraceChunk.objects.filter(run=kept)
        assert default_storage.exists(chunk.name)
    assert "traces_discarded" not in reaper.reap()
