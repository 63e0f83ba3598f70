"""Operators inspect job rows, versions and traces in the Django admin, and cancel jobs through the service."""

import pytest

from simulations.models import JobStatus, Run, RunTrace, Sweep


@pytest.fixture
def operator_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("operator", password="operator-password"))
    return client


def test_every_job_kind_version_and_trace_has_an_admin_page(operator_client, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.FAILED,
                             error="unexpected error BehaviorBug: boom")
    RunTrace.objects.create(run=run, steps=0)
    for page in ["simulations/run/", "simulations/sweep/", "simulations/exploration/", "simulations/levelstudy/",
                 "simulations/runtrace/", "modeling/modelversion/", f"simulations/run/{run.id}/change/",
                 f"modeling/modelversion/{example_version.id}/change/"]:
        response = operator_client.get(f"/admin/{page}")
        assert response.status_code == 200, page
    listing = operator_client.get("/admin/simulations/run/?status__exact=failed").content.decode()
    assert str(run.id) in listing


def test_the_admin_cancels_queued_jobs_through_the_service(operator_client, alice, example_version):
    sweep = Sweep.objects.create(version=example_version, created_by=alice, status=JobStatus.RUNNING)
    run = Run.objects.create(version=example_version, created_by=alice, sweep=sweep)
    chosen = {"action": "cancel_jobs", "_selected_action": [sweep.id]}
    response = operator_client.post("/admin/simulations/sweep/", chosen)
    assert response.status_code == 302
    assert Run.objects.get(id=run.id).status == JobStatus.CANCELLED
    assert Sweep.objects.get(id=sweep.id).status == JobStatus.CANCELLED
