"""A level study's runs in batches: one message runs several, so the cost of a message is paid once for them.

A study's run is a few milliseconds of engine work; a message, a claim, a
heartbeat, an outcome and a settle per run cost more than that, and on one
database most of it is serialized. So services.enqueue hands a study's runs
to the workers as a Celery group of batches (`split`), and a batch:

- claims every claimable run in it with one conditional UPDATE (lifecycle.claim_all, the rule of a run's own
  claim), so a batch delivered again takes only the runs no live delivery holds and no outcome has ended;
- runs them one after another, one heartbeat for all, and stores their outcomes together, at most once a
  second and at its end, each a conditional UPDATE on its run still held by the batch's token;
- settles its study once, after its last outcomes are committed.

Every run it does not finish gets its outcome or goes back to the queue: a
cancelled run is cancelled (looked at once a second), a run stopped by the
time or memory limit gets that outcome and the runs after it are handed back
as a new batch, and after a hard time limit the worker's parent (`fail`)
times out the one that had started and queues the others for the reaper.
"""

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from holarchy import limits
from simulations.engine.api import simulate
from simulations.engine.overrides import apply_overrides
from simulations.engine.study import digest

from . import lifecycle
from .errors import BrokerUnavailable, MemoryLimitExceeded, Released
from .models import JobStatus, LevelStudy, Run

log = logging.getLogger(__name__)

T = TypeVar("T")

#: A run stopped by one of these gets its outcome, and the batch hands the runs after it back to the queue.
STOPS_THE_BATCH = (SoftTimeLimitExceeded, TimeLimitExceeded, MemoryLimitExceeded, MemoryError)

#: Outcomes are written, and cancel looked at, at most this often (and at the end of the batch).
WRITE_SECONDS = lifecycle.PROGRESS_WRITE_SECONDS


def batch_size(runs: int) -> int:
    """Runs per batch: about JOB_STUDY_BATCHES batches, enough for every worker process to take several
    (the last ones balance the processes' ends), at most JOB_STUDY_BATCH_MAX_RUNS (a batch's time bound)."""
    return max(1, min(settings.JOB_STUDY_BATCH_MAX_RUNS, math.ceil(runs / settings.JOB_STUDY_BATCHES)))


def split(items: Sequence[T]) -> list[list[T]]:
    size = batch_size(len(items))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


@dataclass
class Outcome:
    run_id: str
    status: str
    error: str
    started_at: datetime
    summary: Any = None
    digest: Any = None


class Batch:
    """One delivery's run of some of a study's runs, holding them with one token."""

    def __init__(self, study_id: str, run_ids: list[str], delivery: str):
        self.study_id = study_id
        self.token, self.claimed = lifecycle.claim_all(Run, run_ids, delivery=delivery, started=False,
                                                       settles=False)
        self.pending: list[Outcome] = []
        self.written = self.looked = time.monotonic()

    def mine(self, **where: Any) -> Any:
        return lifecycle.held_by(Run, self.token, study_id=self.study_id, **where)

    def run(self) -> str:
        if not self.claimed:
            lifecycle.settle(LevelStudy, self.study_id)  # a claim may have just ended runs as cancelled
            return "not claimed"
        study = LevelStudy.objects.select_related("version__model__workspace").get(id=self.study_id)
        max_steps = limits.for_team(study.version.model.workspace.team_id).max_steps_per_run
        runs = list(self.mine().only("id", "scenario", "seed", "until", "overrides", "stop_at_violation"))
        deadline = time.monotonic() + settings.JOB_SOFT_TIME_LIMIT_SECONDS / 2
        try:
            with lifecycle.heartbeat(self.mine(), f"study {self.study_id}"):
                for index, run in enumerate(runs):
                    if time.monotonic() > deadline:
                        self.hand_back(runs[index:])  # every run keeps at least half the time limit
                        break
                    if self.cancelled(run):
                        continue
                    try:
                        self.simulate(study.version.document, run, max_steps)
                    except STOPS_THE_BATCH:
                        self.hand_back(runs[index + 1:])
                        break
        except Released:
            log.warning("study %s: the batch's runs were taken back; it stops without writing", self.study_id)
        finally:
            self.write()
        lifecycle.settle(LevelStudy, self.study_id)
        return "succeeded"

    def cancelled(self, run: Run) -> bool:
        """Whether the run was cancelled: its row is looked at once a second (the study's cancel asks every run)."""
        if time.monotonic() - self.looked < WRITE_SECONDS:
            return False
        self.looked = time.monotonic()
        for run_id in self.mine(cancel_requested=True).values_list("id", flat=True):
            if not any(o.run_id == str(run_id) for o in self.pending):
                self.pending.append(Outcome(str(run_id), JobStatus.CANCELLED, "cancelled on request",
                                            timezone.now()))
        return any(o.run_id == str(run.id) for o in self.pending)

    def simulate(self, document: dict[str, Any], run: Run, max_steps: int) -> None:
        """The run's engine work and its outcome, kept for the next write; a limit's exception goes on up."""
        run_id, started = str(run.id), timezone.now()
        progress = lifecycle.Reporter(Run, run_id, self.token, started_at=started)
        try:
            result = simulate(
                apply_overrides(document, run.overrides), seed=run.seed, scenario=run.scenario, until=run.until,
                stop_on_violation=run.stop_at_violation, max_steps=max_steps, progress=progress,
            )
        except STOPS_THE_BATCH as exc:
            self.pending.append(Outcome(run_id, *lifecycle.outcome_of(exc), started))  # type: ignore[misc]
            raise
        except Exception as exc:  # the run failed (or was cancelled): the batch goes on with the next one
            self.pending.append(Outcome(run_id, *lifecycle.outcome_of(exc), started))  # type: ignore[misc]
            return
        self.pending.append(Outcome(run_id, JobStatus.SUCCEEDED, "", started, result.summary, digest(result.summary)))
        if time.monotonic() - self.written >= WRITE_SECONDS:
            self.write()

    def write(self) -> None:
        """The outcomes kept so far, in one transaction; a run no longer held by the batch keeps its row."""
        if self.pending:
            with transaction.atomic():
                for o in self.pending:
                    lifecycle.conclude(Run, o.run_id, o.status, held=self.mine(id=o.run_id), summary=o.summary,
                                       digest=o.digest, error=o.error, started_at=o.started_at, settles=False)
            self.pending = []
        self.written = time.monotonic()

    def hand_back(self, runs: list[Run]) -> None:
        """Runs the batch will not start go back to the queue as a new batch (the attempt was not theirs)."""
        ids = [r.id for r in runs]
        back = self.mine(id__in=ids).update(status=JobStatus.QUEUED, worker="", heartbeat_at=None, started_at=None,
                                            enqueued_at=None, attempts=F("attempts") - 1)
        if back:
            from .services import enqueue

            try:
                enqueue(list(Run.objects.filter(id__in=ids, status=JobStatus.QUEUED)))
            except BrokerUnavailable:
                pass  # they stay queued, unpublished: the reaper publishes them


def run_batch(study_id: str, run_ids: list[str], delivery: str) -> str:
    return Batch(study_id, run_ids, delivery).run()


def fail(study_id: str, task_id: str, exc: BaseException) -> None:
    """After the batch of message `task_id` stopped from outside (the hard time limit, in the worker's parent):
    the run that had started gets the outcome, the ones not started go back to the queue for the reaper
    (the attempt counts: a batch that fails each time ends its runs at JOB_MAX_ATTEMPTS)."""
    outcome = lifecycle.outcome_of(exc)
    if outcome is None:
        return
    held = Run.objects.filter(study_id=study_id, status=JobStatus.RUNNING, worker__contains=f"/{task_id}/")
    for run_id in held.filter(started_at__isnull=False).values_list("id", flat=True):
        lifecycle.conclude(Run, str(run_id), outcome[0], held=held.filter(id=run_id), error=outcome[1],
                           settles=False)
    held.update(status=JobStatus.QUEUED, worker="", heartbeat_at=None, enqueued_at=None)
    lifecycle.settle(LevelStudy, study_id)
