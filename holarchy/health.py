"""Health of the parts a job needs: database, broker, workers.

Each check answers truthfully and quickly (a stopped worker shows as down,
an unreachable broker as down, within about a second each) and says only
up or down: no exception text or host name reaches this public endpoint
(the reason goes to the log).
"""

import logging

from django.db import connection
from django.http import JsonResponse

from holarchy.celery import app as celery_app

log = logging.getLogger(__name__)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up"}
    except Exception:  # any failure means "down"
        log.exception("health: database down")
        return {"status": "down"}


def check_broker() -> dict:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return {"status": "up"}
    except Exception:
        log.exception("health: broker down")
        return {"status": "down"}


def check_workers(broker_up: bool) -> dict:
    if not broker_up:
        return {"status": "down", "count": 0}
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception:
        log.exception("health: workers unreachable")
        return {"status": "down", "count": 0}
    count = sum(len(reply) for reply in replies)
    return {"status": "up" if count else "down", "count": count}


def health(request) -> JsonResponse:
    database = check_database()
    broker = check_broker()
    workers = check_workers(broker["status"] == "up")
    healthy = all(part["status"] == "up" for part in (database, broker, workers))
    body = {"status": "up" if healthy else "degraded", "database": database, "broker": broker, "workers": workers}
    return JsonResponse(body, status=200 if healthy else 503)
