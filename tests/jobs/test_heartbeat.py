"""A heartbeat that cannot be stored once (a busy SQLite, a PostgreSQL failover) is tried again at the next beat:
the thread must not die, or a live job would look gone to the reaper after JOB_STALE_SECONDS."""

import time
from datetime import timedelta

from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone

from simulations import lifecycle
from simulations.models import JobStatus, Run


def test_a_heartbeat_the_database_refused_once_is_stored_at_the_next_beat(
    transactional_db, settings, monkeypatch, alice, example_version
):
    settings.JOB_HEARTBEAT_SECONDS = 0.05
    long_ago = timezone.now() - timedelta(hours=1)
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.RUNNING,
                             worker="here/task/1", attempts=1, started_at=long_ago, heartbeat_at=long_ago)
    update = QuerySet.update
    refused = []

    def locked_once(queryset, **values):  # fault injection: the first heartbeat write meets a locked database
        if "heartbeat_at" in values and not refused:
            refused.append(values)
            raise OperationalError("database is locked")
        return update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", locked_once)
    with lifecycle.heartbeat(lifecycle.held_by(Run, "here/task/1", id=run.id), str(run.id)):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.heartbeat_at > long_ago:
                break
            time.sleep(0.05)
    assert refused, "the injected failure was never reached"
    assert run.heartbeat_at > long_ago, "no heartbeat was stored after the refused one"
