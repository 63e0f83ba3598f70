"""Submitting while the broker is down: a clear 503, the row stays queued, and the reaper enqueues it later.

The broker is a private redis-server started by the test, so it can really be stopped and started again.
"""

import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from holarchy.celery import app
from simulations.models import JobStatus, Run
from tests.workers import ROOT, WorkerProcess, wait_for

pytestmark = pytest.mark.worker


class RedisServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=ROOT / "var", stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", self.port)) == 0, timeout=10, interval=0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def web_broker(url: str):
    """Point this (web) process's Celery app at `url`, with fresh connection pools."""
    saved = app.conf.broker_url

    def use(broker: str) -> None:
        app.conf.broker_url = broker
        app._pool = None
        app.amqp._producer_pool = None

    use(url)
    try:
        yield
    finally:
        use(saved)


def test_a_run_submitted_while_the_broker_is_down_is_queued_and_started_once_it_is_back(
    transactional_db, alice_client, example_version, client
):
    redis = RedisServer()
    redis.start()
    broker = {"CELERY_BROKER_URL": redis.url, "CELERY_RESULT_BACKEND": redis.url}
    worker = WorkerProcess(beat=True, JOB_REAPER_SECONDS="1", JOB_STALE_SECONDS="2", JOB_HEARTBEAT_SECONDS="0.5",
                           **broker)
    try:
        with web_broker(redis.url):
            redis.stop()
            began = time.monotonic()
            response = alice_client.post("/api/runs/", {"version": example_version.id, "seed": 3}, format="json")
            assert time.monotonic() - began < 5, "a down broker is answered quickly"
            assert response.status_code == 503, response.content
            assert "saved and queued" in response.json()["detail"]
            health = client.get("/api/health/")
            assert health.status_code == 503 and health.json()["broker"] == {"status": "down"}
            [run] = Run.objects.all()
            assert run.status == JobStatus.QUEUED and run.enqueued_at is None

            redis.start()
            done = wait_for(lambda: Run.objects.filter(id=run.id, status=JobStatus.SUCCEEDED).first(), timeout=90)
            assert client.get("/api/health/").json()["broker"] == {"status": "up"}
    finally:
        worker.stop()
        redis.stop()
    assert done.enqueued_at is not None and done.attempts == 1
