"""/api/health/ tells the truth about database, broker and workers."""

import pytest

from tests.workers import WorkerProcess, wait_for

pytestmark = pytest.mark.worker


def health(client):
    response = client.get("/api/health/")
    return response.status_code, response.json()


def test_health_reports_a_running_worker_and_then_its_absence(transactional_db, client):
    worker = WorkerProcess()
    try:
        status, body = health(client)
        assert status == 200, body
        assert body["database"]["status"] == "up"
        assert body["broker"]["status"] == "up"
        assert body["workers"] == {"status": "up", "count": 1}
        assert body["database"] == body["broker"] == {"status": "up"}  # no host, vendor or exception text
    finally:
        worker.stop()

    def worker_down():
        status, body = health(client)
        return (status, body) if body["workers"]["status"] == "down" else None

    status, body = wait_for(worker_down)
    assert status == 503
    assert body["status"] == "degraded"
    assert body["database"]["status"] == "up"


def test_health_reports_an_unreachable_broker(db, client, settings):
    from holarchy.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        status, body = health(client)
    finally:
        app.conf.broker_url = original
    assert status == 503
    assert body["broker"]["status"] == "down"
    assert body["workers"]["status"] == "down"
