"""Celery tasks: load ids, call the engine, store the result idempotently. Nothing else."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from simulations.engine.api import simulate
from simulations.engine.explore import Bounds, explore
from simulations.engine.modelcode import ModelError
from simulations.engine.overrides import OverrideError, apply_overrides

from . import services, sweeps, traces
from .models import Exploration, Job, Run, RunTrace, Sweep

TASK_OPTIONS = {"bind": True, "acks_late": True, "reject_on_worker_lost": True}


def claimed(task, job_model: type[Job], job_id: str) -> Job | None:
    """The job with its version, once this delivery owns it; None when it already finished."""
    if not services.claim_job(job_model, job_id=job_id, worker=task.request.hostname or ""):
        return None
    return job_model.objects.select_related("version").get(id=job_id)


@shared_task(**TASK_OPTIONS)
def simulate_run(self, run_id: str) -> str:
    run = claimed(self, Run, run_id)
    if run is None:
        return "already finished"
    try:
        document = apply_overrides(run.version.document, run.overrides)
        result = simulate(
            document, seed=run.seed, scenario=run.scenario or None, until=run.until,
            trace=True, trace_limit=settings.RUN_TRACE_STEPS, progress=services.progress_reporter(Run, run_id),
        )
    except (ModelError, OverrideError) as exc:
        services.finish_job(Run, job_id=run_id, error=f"invalid model: {exc}")
        return "failed"
    with transaction.atomic():
        if services.finish_job(Run, job_id=run_id, summary=result.summary):
            traced = min(result.summary["steps"], settings.RUN_TRACE_STEPS)
            RunTrace.objects.create(run=run, data=traces.pack(result.trace), steps=traced)
    return "succeeded"


@shared_task(**TASK_OPTIONS)
def summarize_sweep(self, sweep_id: str) -> str:
    """Chord body: every run of the sweep has finished."""
    sweep = Sweep.objects.get(id=sweep_id)
    services.finish_job(Sweep, job_id=sweep_id, summary=sweeps.summarize(sweep))
    return "succeeded"


@shared_task(**TASK_OPTIONS)
def explore_version(self, exploration_id: str) -> str:
    job = claimed(self, Exploration, exploration_id)
    if job is None:
        return "already finished"
    try:
        result = explore(
            job.version.document,
            bounds=Bounds(max_states=job.max_states, max_depth=job.max_depth, max_seconds=job.max_seconds),
            progress=services.progress_reporter(Exploration, exploration_id),
        )
    except ModelError as exc:
        services.finish_job(Exploration, job_id=exploration_id, error=f"invalid model: {exc}")
        return "failed"
    summary = {**result.summary, "counterexamples": result.counterexamples, "races": result.races}
    services.finish_job(Exploration, job_id=exploration_id, summary=summary, graph=result.graph)
    return "succeeded"
