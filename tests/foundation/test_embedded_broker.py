"""Without Redis, the embedded filesystem broker still runs simulations in real worker processes."""

import pytest

from simulations.models import JobStatus, Run
from tests.workers import WorkerProcess, django_shell, wait_for

pytestmark = pytest.mark.worker


def test_a_run_goes_through_the_embedded_broker_to_a_worker_process(transactional_db, alice, example_version, tmp_path):
    broker = {
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "queue"),
        "CELERY_RESULT_BACKEND": f"file://{tmp_path / 'results'}",
    }
    (tmp_path / "results").mkdir()  # the broker's folders come with its settings
    run = Run.objects.create(version=example_version, created_by=alice, seed=2)
    worker = WorkerProcess(**broker)
    try:
        # Publish and ask for health from another process configured like `make run` without Redis.
        script = (
            f"from simulations.tasks import simulate_run; simulate_run.delay('{run.id}'); "
            "from holarchy.health import check_workers; print('workers', check_workers(broker_up=True)['count'])"
        )
        assert "workers 1" in django_shell(script, **broker), "health sees the worker through the embedded broker too"
        finished = wait_for(lambda: Run.objects.filter(id=run.id, status=JobStatus.SUCCEEDED).first())
    finally:
        worker.stop()
    assert finished.worker.startswith(f"{worker.name}/")
    assert finished.summary["steps"] > 0
