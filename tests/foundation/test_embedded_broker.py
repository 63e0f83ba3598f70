"""Without Redis, the embedded filesystem broker still runs simulations in real worker processes."""

import os
import subprocess
import sys

import pytest

from simulations.models import Run, RunStatus
from tests.workers import ROOT, WorkerProcess, wait_for, worker_environment

pytestmark = pytest.mark.worker


def test_a_run_goes_through_the_embedded_broker_to_a_worker_process(transactional_db, alice, example_version, tmp_path):
    broker = {
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "queue"),
        "CELERY_RESULT_BACKEND": f"file://{tmp_path / 'results'}",
    }
    for folder in ("queue", "queue-processed", "results"):
        (tmp_path / folder).mkdir()
    run = Run.objects.create(version=example_version, created_by=alice, seed=2)
    worker = WorkerProcess(**broker)
    try:
        # Publish from another process configured like `make run` without Redis.
        publish = f"from simulations.tasks import simulate_run; simulate_run.delay('{run.id}')"
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", publish],
            cwd=ROOT, env={**os.environ, **worker_environment(), **broker}, check=True, capture_output=True,
        )
        finished = wait_for(lambda: Run.objects.filter(id=run.id, status=RunStatus.SUCCEEDED).first())
    finally:
        worker.stop()
    assert finished.worker == worker.name
    assert finished.summary["steps"] > 0
