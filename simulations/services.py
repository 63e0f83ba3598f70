"""Writes for simulation jobs: submit, claim, report progress, finish. Each is atomic.

A task may be delivered more than once (late acknowledgement, a worker that
died mid-job). Claiming is a conditional UPDATE, so a finished job is never
run again, and finishing is one too, so a job stores exactly one outcome.
"""

from collections.abc import Callable, Sequence
from typing import Any

from celery import chord, group
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from holarchy.modeling.models import ModelVersion
from simulations.engine.modelcode import ModelError, load_model
from simulations.engine.overrides import OverrideError, apply_overrides

from .models import Exploration, Job, JobStatus, Run, Sweep


def claim_job(job_model: type[Job], *, job_id: str, worker: str) -> bool:
    """Mark a job as running for this worker; False when it already finished.

    A job left 'running' by a worker that died is claimed again by the
    redelivered task: the broker redelivers only once that delivery is lost.
    """
    updated = job_model.objects.filter(id=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, worker=worker, started_at=timezone.now(), attempts=F("attempts") + 1, progress=0.0
    )
    return updated == 1


def progress_reporter(job_model: type[Job], job_id: str) -> Callable[[float], None]:
    def report(fraction: float) -> None:
        job_model.objects.filter(id=job_id, status=JobStatus.RUNNING).update(progress=round(fraction, 4))

    return report


def finish_job(job_model: type[Job], *, job_id: str, summary: Any = None, error: str = "", **outcome: Any) -> bool:
    """Store the outcome once; a late duplicate delivery changes nothing."""
    updated = job_model.objects.filter(id=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED if error else JobStatus.SUCCEEDED,
        summary=summary,
        error=error,
        progress=1.0,
        finished_at=timezone.now(),
        **outcome,
    )
    return updated == 1


@transaction.atomic
def submit_run(
    *, version: ModelVersion, user, seed: int, scenario: str = "", until: float | None = None
) -> Run:
    """Create a queued run and hand it to a worker once the row is committed."""
    from .tasks import simulate_run

    run = Run.objects.create(version=version, created_by=user, seed=seed, scenario=scenario, until=until)
    transaction.on_commit(lambda: simulate_run.delay(str(run.id)))
    return run


def _check_variant(version: ModelVersion, parameter: str, value: Any) -> None:
    """Every swept value must give a valid model, or no run starts at all (a 400 naming the field)."""
    try:
        load_model(apply_overrides(version.document, {parameter: value}))
    except OverrideError as exc:
        raise ValidationError({"parameter": str(exc)}) from None
    except ModelError as exc:
        reasons = "; ".join(f"{issue.path}: {issue.message}" for issue in exc.issues)
        raise ValidationError({"values": f"{parameter}={value!r} gives an invalid model: {reasons}"}) from None


@transaction.atomic
def submit_sweep(
    *,
    version: ModelVersion,
    user,
    scenario: str = "",
    parameter: str = "",
    values: Sequence[Any] = (),
    seeds: int = 1,
    until: float | None = None,
) -> Sweep:
    """Fan a sweep out as a chord: one run per (value, seed) in parallel, then one summary."""
    from .tasks import simulate_run, summarize_sweep

    for value in values:
        _check_variant(version, parameter, value)
    sweep = Sweep.objects.create(
        version=version, created_by=user, scenario=scenario, parameter=parameter,
        values=list(values), seeds=seeds, until=until, status=JobStatus.RUNNING, started_at=timezone.now(),
    )
    points = [{parameter: value} for value in values] if parameter else [{}]
    runs = Run.objects.bulk_create(
        Run(
            version=version, created_by=user, scenario=scenario, seed=seed, until=until, overrides=overrides,
            sweep=sweep,
        )
        for overrides in points
        for seed in range(seeds)
    )
    workflow = chord(group(simulate_run.si(str(run.id)) for run in runs), summarize_sweep.si(str(sweep.id)))
    transaction.on_commit(workflow.delay)
    return sweep


@transaction.atomic
def submit_exploration(
    *, version: ModelVersion, user, max_states: int, max_seconds: float, max_depth: int | None = None
) -> Exploration:
    from .tasks import explore_version

    exploration = Exploration.objects.create(
        version=version, created_by=user, max_states=max_states, max_depth=max_depth, max_seconds=max_seconds
    )
    transaction.on_commit(lambda: explore_version.delay(str(exploration.id)))
    return exploration
