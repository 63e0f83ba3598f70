"""Short runs, sweep runs and explorations wait in separate queues: a worker given one queue takes only that work."""

import pytest

from simulations.models import FINISHED, JobStatus, Run
from tests.workers import WorkerProcess, wait_for

pytestmark = pytest.mark.worker


def test_a_worker_dedicated_to_short_runs_leaves_sweeps_and_explorations_waiting(
    transactional_db, alice_client, example_version
):
    worker = WorkerProcess(queues="runs")
    try:
        sweep = alice_client.post("/api/sweeps/", {"version": example_version.id, "seeds": 1}, format="json").json()
        body = {"version": example_version.id, "max_states": 100, "max_seconds": 5}
        exploration = alice_client.post("/api/explorations/", body, format="json").json()
        run = alice_client.post("/api/runs/", {"version": example_version.id}, format="json").json()
        done = wait_for(lambda: Run.objects.filter(id=run["id"], status__in=FINISHED).first())
        assert done.status == JobStatus.SUCCEEDED, done.error
        # Submitted before the short run, the others are still waiting in their own queues.
        assert alice_client.get(f"/api/sweeps/{sweep['id']}/").json()["runs_done"] == 0
        assert alice_client.get(f"/api/explorations/{exploration['id']}/").json()["status"] == "queued"
    finally:
        worker.stop()
    both = WorkerProcess(queues="sweeps,explorations")
    try:
        wait_for(lambda: alice_client.get(f"/api/explorations/{exploration['id']}/").json()["status"] == "succeeded")
        wait_for(lambda: alice_client.get(f"/api/sweeps/{sweep['id']}/").json()["status"] == "succeeded")
    finally:
        both.stop()
