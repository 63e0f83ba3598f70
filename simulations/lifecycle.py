"""A job's life on the worker side: claim the row, report progress and heartbeats, store one outcome.

Every write is a conditional UPDATE on the row, so a task delivered twice,
a worker that died mid-job and a reaper running at the same time never give
a job two outcomes or two live executions:

- the claim takes a row that is queued, or running without a heartbeat for
  JOB_STALE_SECONDS (its worker is gone), and writes a fresh delivery token;
- progress, heartbeats and the outcome are written only while the row still
  holds that token, so a delivery that lost its row stops without writing.
"""

import logging
import os
import resource
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from simulations.engine.modelcode import ModelError
from simulations.engine.overrides import OverrideError

from . import studies, sweeps, traces
from .errors import Cancelled, MemoryLimitExceeded, Released
from .models import ACTIVE, FINISHED, Job, JobStatus, LevelStudy, Run, Sweep

log = logging.getLogger(__name__)


def stale_before() -> Any:
    """Heartbeats older than this belong to workers that are gone."""
    return timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)


def unheld(delivery: str = "") -> Q:
    """Rows no live worker holds: queued, or running with a stale heartbeat, or running for `delivery`
    itself: the broker gives a message back to the worker that held it only once that execution died."""
    free = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, heartbeat_at__lt=stale_before())
    return free | Q(status=JobStatus.RUNNING, worker__startswith=f"{delivery}/") if delivery else free


def attempts_exhausted(attempts: int) -> str:
    return (
        f"stopped after {attempts} attempts: the worker running it died each time (killed, or out of memory); "
        "try a shorter run or a smaller model"
    )


def claim(job_model: type[Job], *, job_id: str, delivery: str) -> str | None:
    """This delivery's token once it owns the job; None when another holds it or it is finished."""
    token, claimed = claim_all(job_model, [job_id], delivery=delivery, started=True)
    return token if claimed else None


def claim_all(job_model: type[Job], job_ids: list[str], *, delivery: str, started: bool,
              settles: bool = True) -> tuple[str, int]:
    """This delivery's token and how many of the jobs it now owns (a batch's runs share one token).

    `started`: the claim is the job's start; a batch's runs get their started_at when their turn comes."""
    token = f"{delivery}/{uuid.uuid4().hex[:8]}"
    now = timezone.now()
    rows = job_model.objects.filter(unheld(delivery), id__in=job_ids)
    claimed = rows.filter(cancel_requested=False, attempts__lt=settings.JOB_MAX_ATTEMPTS).update(
        status=JobStatus.RUNNING, worker=token, started_at=now if started else None, heartbeat_at=now,
        attempts=F("attempts") + 1, progress=0.0,
    )
    if claimed == len(job_ids):
        return token, claimed
    # Not claimable: finished, held by a live worker, cancelled before it started, or out of attempts.
    for job in rows.exclude(worker=token).only("id", "attempts", "cancel_requested"):
        held = rows.filter(id=job.id)
        if job.cancel_requested:
            conclude(job_model, str(job.id), JobStatus.CANCELLED, error="cancelled before it started", held=held,
                     settles=settles)
        else:
            conclude(job_model, str(job.id), JobStatus.FAILED, error=attempts_exhausted(job.attempts), held=held,
                     settles=settles)
    return token, claimed


def rss_mb() -> float:
    """This process's resident memory now (peak on systems without /proc)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: Progress is written (and cancel looked at) at most this often: each write is a commit the database
#: server pays on the workers' cores, and a run of a few tenths of a second needs none.
PROGRESS_WRITE_SECONDS = 1.0


class Reporter:
    """The engine's progress callback: stores progress and a heartbeat, and stops the job
    (by raising) when its row asks for cancel, when the row was taken from it, or past the memory bound.

    `also`: values stored with each progress write (a batch's run stores its started_at with its first)."""

    def __init__(self, job_model: type[Job], job_id: str, token: str, **also: Any):
        self.mine = job_model.objects.filter(id=job_id, status=JobStatus.RUNNING, worker=token)
        self.also = also
        self.written = time.monotonic()  # the claim (or the batch's last write) has just written the row

    def __call__(self, fraction: float) -> None:
        used = rss_mb()
        if used > settings.JOB_MEMORY_LIMIT_MB:
            raise MemoryLimitExceeded(
                f"memory limit: the job used {used:.0f} MB, more than {settings.JOB_MEMORY_LIMIT_MB} MB; "
                "try a shorter run or a smaller model"
            )
        if time.monotonic() - self.written < PROGRESS_WRITE_SECONDS:
            return
        self.written = time.monotonic()
        if not self.mine.filter(cancel_requested=False).update(
            progress=round(min(max(fraction, 0.0), 1.0), 4), heartbeat_at=timezone.now(), **self.also
        ):
            raise Cancelled("cancelled on request") if self.mine.exists() else Released()


@contextmanager
def heartbeat(rows: Any, name: str) -> Iterator[None]:
    """Touch the `rows` (still running, held by one token) every JOB_HEARTBEAT_SECONDS while the job runs,
    whatever the engine is doing."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    rows.update(heartbeat_at=timezone.now())
                except DatabaseError as exc:
                    # A busy or briefly unreachable database skips one beat; only beats missed for
                    # JOB_STALE_SECONDS let the reaper take the job, which is the bound it promises.
                    log.warning("job %s: heartbeat not stored (%s); trying again", name, exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name=f"heartbeat-{name}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def held_by(job_model: type[Job], token: str, **where: Any) -> Any:
    """The rows still running for the delivery holding `token`."""
    return job_model.objects.filter(status=JobStatus.RUNNING, worker=token, **where)


def conclude(job_model: type[Job], job_id: str, status: str, *, held: Any = None, summary: Any = None,
             error: str = "", settles: bool = True, **outcome: Any) -> bool:
    """Store the job's one outcome on the rows `held` (by default: still running); then settle its sweep or
    study, unless the caller settles it once for many (`settles`: a study's batch).

    A run that did not succeed keeps no partial trace: whoever stores its outcome (its task, the worker's
    parent after a hard time limit, the reaper) drops the chunks it had stored."""
    rows = held if held is not None else job_model.objects.filter(id=job_id, status=JobStatus.RUNNING)
    values = {"progress": 1.0} if status == JobStatus.SUCCEEDED else {}
    values.update(outcome)
    stored = rows.update(
        status=status, summary=summary, error=error, finished_at=timezone.now(), heartbeat_at=None, **values
    ) == 1
    if stored:
        log.info("job %s: %s %s", job_id, status, error)
        if job_model is Run:
            if status != JobStatus.SUCCEEDED:
                traces.discard(job_id)
            run = Run.objects.filter(id=job_id).only("sweep_id", "study_id").first() if settles else None
            parent = parent_of(run) if run is not None else None
            if parent is not None:
                # Looked at once this outcome is committed, or the last two runs could miss each other.
                transaction.on_commit(lambda: settle(*parent))
    return stored


def finish(job_model: type[Job], job_id: str, token: str, status: str, **outcome: Any) -> bool:
    """The outcome of the delivery holding `token`; False when the row is no longer its own."""
    return conclude(job_model, job_id, status, held=held_by(job_model, token, id=job_id), **outcome)


def time_limit_reason() -> str:
    return (
        f"stopped at the time limit of {settings.JOB_SOFT_TIME_LIMIT_SECONDS:g} s; "
        "simulate less time (a smaller `until`) or ask an operator to raise JOB_TIME_LIMIT_SECONDS"
    )


def outcome_of(exc: BaseException) -> tuple[str, str] | None:
    """The status and the reason a user can act on for a job stopped by `exc`; None: store nothing."""
    if isinstance(exc, Released):
        return None
    if isinstance(exc, Cancelled):
        return JobStatus.CANCELLED, "cancelled on request"
    if isinstance(exc, (SoftTimeLimitExceeded, TimeLimitExceeded)):
        return JobStatus.TIMED_OUT, time_limit_reason()
    if isinstance(exc, MemoryLimitExceeded):
        return JobStatus.FAILED, str(exc)
    if isinstance(exc, MemoryError):
        return JobStatus.FAILED, "memory limit: the worker ran out of memory; try a shorter run or a smaller model"
    if isinstance(exc, (ModelError, OverrideError)):
        return JobStatus.FAILED, f"invalid model: {exc}"
    return JobStatus.FAILED, f"unexpected error {type(exc).__name__}: {exc}"


def fail(job_model: type[Job], job_id: str, task_id: str, exc: BaseException) -> bool:
    """Record why the delivery of message `task_id` stopped: from the worker child, or from its parent
    after a hard time limit (the parent knows the message, not the child's host name)."""
    outcome = outcome_of(exc)
    if outcome is None:
        return False
    status, error = outcome
    held = job_model.objects.filter(id=job_id, status=JobStatus.RUNNING, worker__contains=f"/{task_id}/")
    return conclude(job_model, job_id, status, held=held, error=error)


def _sweep_outcome(sweep: Sweep, total: int) -> tuple[dict[str, Any], int, str]:
    summary = sweeps.summarize(sweep)
    failures = summary["failures"]
    return summary, total - len(failures), sweeps.describe_failures(failures, total) if failures else ""


#: Jobs made of runs: the Run field that points at one, and its outcome once its runs are all finished
#: (the summary, how many runs succeeded, why the others did not).
PARENTS: dict[type[Job], tuple[str, Callable[[Any, int], tuple[dict[str, Any], int, str]]]] = {
    Sweep: ("sweep_id", _sweep_outcome),
    LevelStudy: ("study_id", studies.outcome),
}


def parent_of(run: Run) -> tuple[type[Job], Any] | None:
    """The sweep or level study a run belongs to, as (model, id); None for a run of its own."""
    return next(((model, getattr(run, field)) for model, (field, _) in PARENTS.items() if getattr(run, field)), None)


def settle(parent_model: type[Job], parent_id) -> bool:
    """Finish a sweep or a level study once none of its runs is active, whatever their outcomes.

    Every finishing run calls this after its own outcome is committed, so the
    last one to look sees every run finished; the conditional UPDATE lets only
    one caller write the summary (all would write the same one).
    """
    field, outcome = PARENTS[parent_model]
    counts = Run.objects.filter(**{field: parent_id}).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status__in=FINISHED)))
    total, done = counts["total"], counts["done"]
    active = parent_model.objects.filter(id=parent_id, status__in=ACTIVE)
    if done < total:
        active.update(progress=round(done / total, 4))
        return False
    parent = parent_model.objects.filter(id=parent_id).first()
    if parent is None or parent.status in FINISHED:
        return False
    if parent_model is Sweep and sweeps.next_round(parent_id):
        return False  # a breaking-point search runs its next round (or another caller just enqueued it)
    summary, succeeded, reason = outcome(parent, total)
    if parent.cancel_requested:
        status, error = JobStatus.CANCELLED, f"cancelled on request; {succeeded} of {total} runs had finished"
    elif succeeded < total:
        status, error = JobStatus.FAILED if succeeded == 0 else JobStatus.SUCCEEDED, reason
    else:
        status, error = JobStatus.SUCCEEDED, ""
    return conclude(parent_model, parent_id, status, held=active, summary=summary, error=error, progress=1.0)
