"""Health of the parts a run needs: database, broker, workers.

Each check answers truthfully and quickly: a stopped worker shows as down,
an unreachable broker as down, within about a second each.
"""

from django.db import connection
from django.http import JsonResponse

from holarchy.celery import app as celery_app


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up", "vendor": connection.vendor}
    except Exception as exc:  # any failure means "down"; say why
        return {"status": "down", "error": str(exc)}


def check_broker() -> dict:
    url = celery_app.conf.broker_url
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return {"status": "up", "transport": url.split("://", 1)[0]}
    except Exception as exc:
        return {"status": "down", "transport": url.split("://", 1)[0], "error": str(exc)}


def check_workers(broker_up: bool) -> dict:
    if not broker_up:
        return {"status": "down", "workers": [], "error": "broker unreachable"}
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as exc:
        return {"status": "down", "workers": [], "error": str(exc)}
    names = sorted(name for reply in replies for name in reply)
    return {"status": "up" if names else "down", "workers": names}


def health(request) -> JsonResponse:
    database = check_database()
    broker = check_broker()
    workers = check_workers(broker["status"] == "up")
    healthy = all(part["status"] == "up" for part in (database, broker, workers))
    body = {"status": "up" if healthy else "degraded", "database": database, "broker": broker, "workers": workers}
    return JsonResponse(body, status=200 if healthy else 503)
