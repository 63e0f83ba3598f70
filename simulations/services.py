"""Writes for simulation runs: submit, claim, finish. Each is atomic.

A task may be delivered more than once (late acknowledgement, a worker that
died mid-run). Claiming is a conditional UPDATE, so only one delivery at a
time owns a run, and a finished run is never overwritten.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from holarchy.modeling.models import ModelVersion

from .models import Run, RunStatus


@transaction.atomic
def submit_run(*, version: ModelVersion, user, seed: int, scenario: str = "", until: float | None = None) -> Run:
    """Create a queued run and hand it to a worker once the row is committed."""
    from .tasks import simulate_run

    run = Run.objects.create(version=version, created_by=user, seed=seed, scenario=scenario, until=until)
    transaction.on_commit(lambda: simulate_run.delay(str(run.id)))
    return run


def claim_run(*, run_id: str, worker: str) -> bool:
    """Mark a run as running for this worker; False when it is already finished.

    A run left 'running' by a worker that died is re-claimed by the redelivered
    task: the broker only redelivers once the first delivery's worker is gone.
    """
    claimable = Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING)
    updated = Run.objects.filter(claimable, id=run_id).update(
        status=RunStatus.RUNNING, worker=worker, started_at=timezone.now(), attempts=F("attempts") + 1, progress=0.0
    )
    return updated == 1


def progress_reporter(run_id: str) -> Callable[[float], None]:
    def report(fraction: float) -> None:
        Run.objects.filter(id=run_id, status=RunStatus.RUNNING).update(progress=round(fraction, 4))

    return report


def finish_run(*, run_id: str, summary: dict | None = None, error: str = "") -> bool:
    """Store the outcome once; a second delivery of the same run changes nothing."""
    status = RunStatus.FAILED if error else RunStatus.SUCCEEDED
    updated = Run.objects.filter(id=run_id, status=RunStatus.RUNNING).update(
        status=status, summary=summary, error=error, progress=1.0, finished_at=timezone.now()
    )
    return updated == 1
