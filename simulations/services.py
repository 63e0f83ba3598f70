"""Writes for simulation jobs from the web side: submit, enqueue, cancel. Each is atomic.

A submission commits its rows first and hands them to the broker after: the
row is the truth, so a broker that is down costs a 503 and a delay (the
reaper enqueues the row when the broker is back), never a lost job.
"""

import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from celery import Signature, group
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from rest_framework.exceptions import ValidationError

from holarchy import limits
from holarchy.modeling.models import ModelVersion
from simulations.engine import explore
from simulations.engine.breaking import Search, SearchError, check_search
from simulations.engine.modelcode import ModelError, load_model
from simulations.engine.overrides import OverrideError, apply_overrides
from simulations.engine.study import plan_study

from . import lifecycle
from .batches import split
from .errors import BrokerUnavailable, LimitExceeded, NotCancellable
from .models import ACTIVE, FINISHED, Exploration, Job, JobStatus, LevelStudy, Run, Sweep, SweepMode

log = logging.getLogger(__name__)


def queue_of(job: Job) -> str:
    """Short runs, the runs of sweeps and studies, and explorations wait in separate queues (settings.JOB_QUEUES)."""
    if isinstance(job, Exploration):
        return "explorations"
    return "sweeps" if isinstance(job, Run) and lifecycle.parent_of(job) else "runs"


def enqueue(jobs: Sequence[Job]) -> None:
    """Hand committed queued jobs to the broker; BrokerUnavailable when it cannot be reached.

    A level study's runs go as a Celery group of batches (batches.py), every other job as a message of its own.
    Messages carry no time limits: the worker applies its own settings, the ones its
    visibility timeout comes from (a web server's differing value would run a job twice).
    """
    from .tasks import explore_version, simulate_batch, simulate_run

    by_study: dict[Any, list[Job]] = defaultdict(list)
    for job in jobs:
        if isinstance(job, Run) and job.study_id:
            by_study[job.study_id].append(job)
        else:
            task = explore_version if isinstance(job, Exploration) else simulate_run
            _publish(_message(task, queue_of(job), str(job.id)), [job])
    for study_id, runs in by_study.items():
        queue = queue_of(runs[0])
        _publish(group(_message(simulate_batch, queue, str(study_id), [str(r.id) for r in batch])
                       for batch in split(runs)), runs)


def _message(task: Any, queue: str, *args: Any) -> Signature:
    """A task's message to `queue`, without time limits (set on the signature: apply_async drops Nones)."""
    return task.si(*args).set(queue=queue, time_limit=None, soft_time_limit=None)


def _publish(signature: Signature, jobs: Sequence[Job]) -> None:
    try:
        signature.apply_async()
    except (OperationalError, OSError):
        log.warning("jobs %s: the broker is unreachable; they stay queued for the reaper", [j.id for j in jobs])
        raise BrokerUnavailable(
            "the job is saved and queued, but the task queue is unreachable right now; "
            "it starts by itself once the queue is back"
        ) from None
    type(jobs[0]).objects.filter(id__in=[j.id for j in jobs]).update(enqueued_at=timezone.now())


def enqueue_on_commit(jobs: Sequence[Job]) -> None:
    transaction.on_commit(lambda: enqueue(jobs))


def team_of(version: ModelVersion) -> int:
    return version.model.workspace.team_id


def check_active_jobs(version: ModelVersion) -> None:
    """At most the team's max_active_jobs queued or running jobs (a sweep or a study counts once)."""
    team = team_of(version)
    limit = limits.for_team(team).max_active_jobs
    in_team = {"status__in": ACTIVE, "version__model__workspace__team_id": team}
    active = (
        Run.objects.filter(sweep__isnull=True, study__isnull=True, **in_team).count()
        + Sweep.objects.filter(**in_team).count()
        + LevelStudy.objects.filter(**in_team).count()
        + Exploration.objects.filter(**in_team).count()
    )
    if active >= limit:
        raise LimitExceeded(
            f"your team already has {active} jobs queued or running (the limit is {limit}); "
            "wait for one to finish or cancel one"
        )


@transaction.atomic
def submit_run(
    *, version: ModelVersion, user, seed: int = 0, scenario: str = "", until: float | None = None,
    stop_at_violation: bool = False,
) -> Run:
    """Create a queued run and hand it to a worker once the row is committed (scenario "": no faults)."""
    check_active_jobs(version)
    run = Run.objects.create(version=version, created_by=user, seed=seed, scenario=scenario, until=until,
                             stop_at_violation=stop_at_violation)
    enqueue_on_commit([run])
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
    mode: str = SweepMode.VALUES,
    search: dict[str, Any] | None = None,
) -> Sweep:
    """One queued run per (value, seed); the run that finishes last summarises the sweep (lifecycle.settle).

    A breaking-point sweep runs its search's first round; the last run of each round plans the next
    (sweeps.next_round)."""
    spec = _check_search(version, parameter, seeds, search or {}) if mode == SweepMode.BREAKING_POINT else None
    if spec is not None:
        values, total = spec.first_round(), spec.max_runs()
        runs = f"the search makes up to {spec.max_rounds()} rounds of {spec.per_round} points x {seeds} seeds, at most"
    else:
        points = len(values) if parameter else 1  # without a parameter, the version as it is
        total = points * seeds
        runs = f"{points} values x {seeds} seeds is"
    most = limits.for_team(team_of(version)).max_runs_per_sweep
    if total > most:
        raise LimitExceeded(f"{runs} {total} runs; a sweep has at most {most}", field="seeds")
    if spec is None:
        for value in values:
            _check_variant(version, parameter, value)
    check_active_jobs(version)
    sweep = Sweep.objects.create(
        version=version, created_by=user, scenario=scenario, parameter=parameter, mode=mode,
        search=spec.to_json() if spec else None, values=list(values), seeds=seeds,
        until=until, status=JobStatus.RUNNING, started_at=timezone.now(),
    )
    add_sweep_runs(sweep, [spec.as_override(v) for v in values] if spec else values)
    return sweep


def _check_search(version: ModelVersion, parameter: str, seeds: int, search: dict[str, Any]) -> Search:
    """The engine's check of a breaking-point search; its issues become 400s on their fields."""
    try:
        return check_search(version.document, {**search, "parameter": parameter, "seeds": seeds})
    except SearchError as exc:
        errors: dict[str, Any] = {}
        for issue in exc.issues:
            field, _, rest = issue.path.partition("/")
            if field == "search":
                name, _, where = rest.partition("/")
                errors.setdefault("search", {}).setdefault(name, []).append(
                    f"{where}: {issue.message}" if where else issue.message)
            else:
                errors.setdefault(field if field in ("parameter", "seeds") else "version", []).append(
                    issue.message if field in ("parameter", "seeds") else str(issue))
        raise ValidationError(errors) from None


def add_sweep_runs(sweep: Sweep, values: Sequence[Any]) -> list[Run]:
    """Queued runs of the sweep, one per (value, seed), handed to the workers once committed."""
    points = [{sweep.parameter: value} for value in values] if sweep.parameter else [{}]
    runs = Run.objects.bulk_create(
        Run(
            version=sweep.version, created_by=sweep.created_by, scenario=sweep.scenario, seed=seed, until=sweep.until,
            overrides=overrides, sweep=sweep,
        )
        for overrides in points
        for seed in range(sweep.seeds)
    )
    enqueue_on_commit(runs)
    return runs


@transaction.atomic
def submit_exploration(
    *, version: ModelVersion, user, max_states: int, max_seconds: float, max_depth: int | None = None
) -> Exploration:
    most = limits.for_team(team_of(version)).max_exploration_states
    if max_states > most:
        raise LimitExceeded(
            f"an exploration visits at most {most:,} states in your team (max_exploration_states)", field="max_states"
        )
    check_active_jobs(version)
    try:
        explore.check(version.document)
    except ModelError as exc:
        raise ValidationError({"version": [str(issue) for issue in exc.issues]}) from None
    exploration = Exploration.objects.create(
        version=version, created_by=user, max_states=max_states, max_depth=max_depth, max_seconds=max_seconds
    )
    enqueue_on_commit([exploration])
    return exploration


@transaction.atomic
def submit_study(*, version: ModelVersion, user, holarchy: str, levels: Sequence[str] = (),
                 faults: dict[str, Any] | None = None, sample: int | None = None, sample_seed: int = 0,
                 seeds: int = 1, until: float | None = None) -> LevelStudy:
    """Plan the study with the engine (StudyError names a bad field), then one queued run per point; the run
    that finishes last stores the engine's roll-up (lifecycle.settle)."""
    plan, points = plan_study(version.document, holarchy=holarchy, levels=list(levels) or None, faults=faults,
                              sample=sample, sample_seed=sample_seed, seeds=seeds, until=until)
    most = limits.for_team(team_of(version)).max_runs_per_sweep
    if len(points) > most:
        raise LimitExceeded(
            f"the study makes {len(points)} runs; a study has at most {most} "
            "(fewer seeds, fewer levels, or a sample of holons per level)", field="seeds",
        )
    check_active_jobs(version)
    study = LevelStudy.objects.create(
        version=version, created_by=user, holarchy=holarchy, levels=list(levels), faults=dict(faults or {}),
        sample=sample, sample_seed=sample_seed, seeds=seeds, until=until, plan=plan,
        status=JobStatus.RUNNING, started_at=timezone.now(),
    )
    runs = Run.objects.bulk_create(
        Run(version=version, created_by=user, scenario=p.scenario["name"], seed=p.seed, overrides=p.overrides(),
            study=study)
        for p in points
    )
    enqueue_on_commit(runs)
    return study


def _cancel_rows(rows) -> None:
    """Queued rows are cancelled now and never start; running ones stop at their next progress report."""
    rows.filter(status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED, cancel_requested=True, finished_at=timezone.now(),
        error="cancelled before it started",
    )
    rows.filter(status=JobStatus.RUNNING).update(cancel_requested=True)


def cancel_job(job: Job) -> Job:
    """Cancel a run, a sweep or a level study (and every run in it) or an exploration."""
    if job.status in FINISHED:
        raise NotCancellable(f"this job has already finished ({job.status})")
    model = type(job)
    _cancel_rows(model.objects.filter(id=job.id))
    if model in lifecycle.PARENTS:
        _cancel_rows(Run.objects.filter(**{lifecycle.PARENTS[model][0]: job.id}))
        lifecycle.settle(model, job.id)
    elif isinstance(job, Run) and (parent := lifecycle.parent_of(job)):
        lifecycle.settle(*parent)
    log.info("job %s: cancel requested", job.id)
    job.refresh_from_db()
    return job
