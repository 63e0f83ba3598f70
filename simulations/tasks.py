"""Celery tasks: load ids, call the engine, store the result. The job's life is in lifecycle.py.

Every job task derives from JobTask: its limits are the worker's own settings
(messages carry none, see services.enqueue), and every exception, from a
behavior bug to the soft time limit, ends in an outcome on the row.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task, shared_task
from django.conf import settings
from django.db import transaction

from holarchy.logs import current_job
from simulations.engine.explore import Bounds, explore

from . import batches, lifecycle, reaper, traces
from .models import Exploration, Job, JobStatus, Run


class JobTask(Task):
    job_model: type[Job]
    acks_late = True
    ignore_result = True  # the row holds the outcome; results in Redis would only fill it
    # A worker that dies mid-job gives its message back; the claim drops it while the row looks held.
    reject_on_worker_lost = True
    time_limit = settings.JOB_TIME_LIMIT_SECONDS
    soft_time_limit = settings.JOB_SOFT_TIME_LIMIT_SECONDS

    def delivery(self, task_id: str) -> str:
        return f"{self.request.hostname or 'worker'}/{task_id}"

    def before_start(self, task_id, args, kwargs):
        current_job.set(str(args[0]))

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        current_job.set("")

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Any exception ends the job with a status and a reason (in the parent, for a hard time limit)."""
        lifecycle.fail(self.job_model, str(args[0]), task_id, exc)

    @contextmanager
    def claimed(self, job_id: str) -> Iterator[tuple[Job, str, lifecycle.Reporter] | None]:
        """The job, this delivery's token and a progress reporter, beating meanwhile; None if not ours."""
        token = lifecycle.claim(self.job_model, job_id=job_id, delivery=self.delivery(self.request.id))
        if token is None:
            yield None
            return
        job = self.job_model.objects.select_related("version").get(id=job_id)
        with lifecycle.heartbeat(lifecycle.held_by(self.job_model, token, id=job_id), job_id):
            yield job, token, lifecycle.Reporter(self.job_model, job_id, token)


@shared_task(base=JobTask, bind=True, job_model=Run)
def simulate_run(self, run_id: str) -> str:
    with self.claimed(run_id) as held:
        if held is None:
            return "not claimed"
        run, token, report = held
        writer = traces.writer_for(run_id) if traces.keeps_trace(run) else None
        # Whatever stops it, the outcome stored (lifecycle.conclude) drops the chunks stored so far.
        result = traces.run_engine(run, writer, progress=report)
        if writer:
            writer.close()  # the last chunk is compressed and stored here, not inside the finishing transaction
        with transaction.atomic():
            if lifecycle.finish(Run, run_id, token, JobStatus.SUCCEEDED, summary=result.summary) and writer:
                traces.record(run_id, writer)
    return "succeeded"


class BatchTask(JobTask):
    """A batch of a level study's runs (batches.py): its arguments are the study and the runs."""

    job_model = Run

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        batches.fail(str(args[0]), task_id, exc)


@shared_task(base=BatchTask, bind=True)
def simulate_batch(self, study_id: str, run_ids: list[str]) -> str:
    return batches.run_batch(study_id, run_ids, delivery=self.delivery(self.request.id))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, time_limit=settings.JOB_TIME_LIMIT_SECONDS,
             soft_time_limit=settings.JOB_SOFT_TIME_LIMIT_SECONDS)
def produce_trace(self, run_id: str) -> str:
    """A finished run's trace, when someone opens it: the run again, same seed, traced."""
    if not traces.claim_production(run_id):
        return "already produced"
    run = Run.objects.select_related("version").get(id=run_id)
    writer = traces.writer_for(run_id)
    try:
        result = traces.run_engine(run, writer, progress=traces.heartbeat(run_id))
    except Exception as exc:
        traces.fail_production(run_id, f"the rerun failed: {type(exc).__name__}: {exc}")
        raise
    return "succeeded" if traces.produced(run, writer, result) else "failed"


@shared_task(base=JobTask, bind=True, job_model=Exploration)
def explore_version(self, exploration_id: str) -> str:
    with self.claimed(exploration_id) as held:
        if held is None:
            return "not claimed"
        job, token, report = held
        result = explore(
            job.version.document,
            bounds=Bounds(max_states=job.max_states, max_depth=job.max_depth, max_seconds=job.max_seconds),
            progress=report,
        )
        summary = {**result.summary, "counterexamples": result.counterexamples, "races": result.races}
        lifecycle.finish(Exploration, exploration_id, token, JobStatus.SUCCEEDED, summary=summary, graph=result.graph)
    return "succeeded"


@shared_task(ignore_result=True)
def reap_jobs() -> dict[str, int]:
    """Periodic (celery beat): give every job no live worker holds back to the broker, or its final status."""
    return reaper.reap()
