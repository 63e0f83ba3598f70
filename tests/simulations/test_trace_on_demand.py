"""A sweep's runs store summaries only; opening one produces its trace by running it again.

The API answers 202 "being produced" until the trace is there; the rerun must
take the very steps of the run (its trace hash), or the trace is refused.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from simulations.models import JobStatus, Run, RunTrace, Sweep, TraceChunk, TraceStatus
from simulations.tasks import produce_trace, simulate_run
from tests.workers import wait_for


@pytest.fixture
def sweep_run(alice, example_version) -> Run:
    sweep = Sweep.objects.create(version=example_version, created_by=alice, seeds=1)
    run = Run.objects.create(version=example_version, created_by=alice, seed=5, sweep=sweep)
    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    return Run.objects.get(id=run.id)


def test_a_sweep_run_stores_its_summary_and_no_trace(sweep_run):
    assert sweep_run.summary["steps"] > 0
    assert not RunTrace.objects.filter(run=sweep_run).exists()
    assert not TraceChunk.objects.filter(run=sweep_run).exists()


def test_opening_a_sweep_run_produces_the_same_trace_a_single_run_stores(
        alice_client, alice, example_version, sweep_run, django_capture_on_commit_callbacks):
    url = f"/api/runs/{sweep_run.id}/trace/"
    with django_capture_on_commit_callbacks() as queued:
        first = alice_client.get(url, {"step": 3})
        again = alice_client.get(url, {"step": 3})
    assert first.status_code == again.status_code == 202
    assert "being produced" in first.json()["detail"]
    assert len(queued) == 1, "one production queued, however often the run is opened"
    assert RunTrace.objects.get(run=sweep_run).status == TraceStatus.PRODUCING

    assert produce_trace.apply(args=[str(sweep_run.id)]).get() == "succeeded"
    assert produce_trace.apply(args=[str(sweep_run.id)]).get() == "already produced"

    single = Run.objects.create(version=example_version, created_by=alice, seed=5)
    simulate_run.apply(args=[str(single.id)])
    for step in (0, 3, sweep_run.summary["steps"]):
        produced = alice_client.get(url, {"step": step})
        stored = alice_client.get(f"/api/runs/{single.id}/trace/", {"step": step})
        assert produced.status_code == 200
        assert produced.json() == stored.json()


def test_a_rerun_that_takes_other_steps_is_refused(alice_client, sweep_run, django_capture_on_commit_callbacks):
    Run.objects.filter(id=sweep_run.id).update(summary={**sweep_run.summary, "trace_hash": "0" * 64})
    with django_capture_on_commit_callbacks():
        assert alice_client.get(f"/api/runs/{sweep_run.id}/trace/").status_code == 202
    assert produce_trace.apply(args=[str(sweep_run.id)]).get() == "failed"
    response = alice_client.get(f"/api/runs/{sweep_run.id}/trace/")
    assert response.status_code == 409 and "trace hash" in response.json()["detail"]
    assert not TraceChunk.objects.filter(run=sweep_run).exists()


def test_a_production_that_went_silent_is_asked_for_again(
        alice_client, sweep_run, settings, django_capture_on_commit_callbacks):
    url = f"/api/runs/{sweep_run.id}/trace/"
    RunTrace.objects.create(run=sweep_run, status=TraceStatus.PRODUCING, heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks() as queued:
        assert alice_client.get(url).status_code == 202
    assert queued == [], "a live production is not asked for twice"
    silent = timezone.now() - timedelta(seconds=settings.TRACE_PRODUCTION_STALE_SECONDS + 1)
    RunTrace.objects.filter(run=sweep_run).update(heartbeat_at=silent)
    with django_capture_on_commit_callbacks() as queued:
        assert alice_client.get(url).status_code == 202
    assert len(queued) == 1


def test_an_unfinished_or_failed_run_has_no_trace_to_produce(alice_client, alice, example_version):
    for status in (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED):
        run = Run.objects.create(version=example_version, created_by=alice, status=status)
        assert alice_client.get(f"/api/runs/{run.id}/trace/").status_code == 404
        assert not RunTrace.objects.filter(run=run).exists()


@pytest.mark.worker
def test_a_worker_produces_an_opened_sweep_runs_trace(celery_worker, alice_client, example_version):
    body = {"version": example_version.id, "seeds": 2}
    sweep_id = alice_client.post("/api/sweeps/", body, format="json").json()["id"]
    wait_for(lambda: Sweep.objects.filter(id=sweep_id, status=JobStatus.SUCCEEDED).exists(), timeout=120)
    run = Run.objects.filter(sweep_id=sweep_id).order_by("seed").first()
    url = f"/api/runs/{run.id}/trace/"
    assert alice_client.get(url, {"step": 5}).status_code == 202
    body = wait_for(lambda: (r := alice_client.get(url, {"step": 5})).status_code == 200 and r.json(), timeout=60)
    assert body["step"] == 5 and body["last_step"] == run.summary["steps"]
    assert RunTrace.objects.get(run=run).status == TraceStatus.READY
