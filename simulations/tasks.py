"""Celery tasks: load ids, call the engine, store the result. Nothing else."""

from celery import shared_task

from simulations.engine.api import simulate
from simulations.engine.modelcode import ModelError

from . import services
from .models import Run


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def simulate_run(self, run_id: str) -> str:
    if not services.claim_run(run_id=run_id, worker=self.request.hostname or ""):
        return "already finished"
    run = Run.objects.select_related("version").get(id=run_id)
    try:
        result = simulate(
            run.version.document,
            seed=run.seed,
            scenario=run.scenario or None,
            until=run.until,
            progress=services.progress_reporter(run_id),
        )
    except ModelError as exc:
        services.finish_run(run_id=run_id, error=f"invalid model: {exc}")
        return "failed"
    services.finish_run(run_id=run_id, summary=result.summary)
    return "succeeded"
