"""Job progress and cancel in the UI: elapsed and remaining time from the row, a Cancel button that reaches the API."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from holarchy.modeling.models import ModelVersion
from simulations.models import JobStatus, Run, Sweep
from tests.workers import wait_for

from .conftest import import_example, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def version(alice_client, workspace) -> ModelVersion:
    return ModelVersion.objects.get(model_id=import_example(alice_client, workspace, "request-response.yaml"), number=1)


def test_a_queued_run_is_cancelled_from_its_page_and_says_so(page, alice, version):
    run = Run.objects.create(version=version, created_by=alice, seed=1)
    log_in(page, "alice")
    page.goto(f"/models/{version.model_id}/runs/{run.id}")
    progress = page.get_by_test_id("job-progress")
    expect(progress).to_contain_text("Waiting for a worker…")
    expect(page.get_by_test_id("job-timing")).to_have_text("not started yet")
    progress.get_by_role("button", name="Cancel run").click()
    expect(page.get_by_test_id("run-status")).to_have_text("cancelled")
    expect(page.get_by_role("alert")).to_contain_text("The run was cancelled")
    expect(page.get_by_role("alert")).to_contain_text("cancelled before it started")
    assert Run.objects.get(id=run.id).status == JobStatus.CANCELLED


def test_a_running_sweep_shows_elapsed_and_remaining_time_and_cancel_reaches_every_run(page, alice, version):
    sweep = Sweep.objects.create(version=version, created_by=alice, seeds=4, status=JobStatus.RUNNING,
                                 started_at=timezone.now() - timedelta(seconds=60))
    for seed in (2, 3):  # half the runs done: as long again to go
        Run.objects.create(version=version, created_by=alice, sweep=sweep, seed=seed, status=JobStatus.SUCCEEDED)
    running = Run.objects.create(version=version, created_by=alice, sweep=sweep, seed=0, status=JobStatus.RUNNING,
                                 started_at=timezone.now(), heartbeat_at=timezone.now(), worker="w@h/t/1")
    queued = Run.objects.create(version=version, created_by=alice, sweep=sweep, seed=1)
    log_in(page, "alice")
    page.goto(f"/models/{version.model_id}/sweeps/{sweep.id}")
    timing = re.compile(r"^elapsed 1 min( \d+ s)? · about 1 min( \d+ s)? left$")
    expect(page.get_by_test_id("job-timing")).to_have_text(timing)
    page.get_by_role("button", name="Cancel sweep").click()
    expect(page.get_by_role("button", name="Cancelling…")).to_be_disabled()
    expect(page.get_by_test_id("job-progress")).to_contain_text("Stopping at the next progress report…")
    wait_for(lambda: Run.objects.get(id=queued.id).status == JobStatus.CANCELLED, timeout=15)
    assert Run.objects.get(id=running.id).cancel_requested  # it stops at its next progress report
    assert Sweep.objects.get(id=sweep.id).cancel_requested


def test_a_reviewer_sees_progress_without_a_cancel_button(page, bob, alice, version):
    run = Run.objects.create(version=version, created_by=alice, status=JobStatus.RUNNING, progress=0.2,
                             started_at=timezone.now(), heartbeat_at=timezone.now())
    log_in(page, "bob")
    page.goto(f"/models/{version.model_id}/runs/{run.id}")
    expect(page.get_by_test_id("job-progress")).to_contain_text("20%")
    expect(page.get_by_test_id("cancel-job")).to_have_count(0)
