"""A task delivered twice stores one result."""

from simulations import services
from simulations.models import JobStatus, Run
from simulations.tasks import simulate_run


def test_a_task_run_twice_stores_one_result(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, seed=3)

    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    first = Run.objects.get(id=run.id)
    assert simulate_run.apply(args=[str(run.id)]).get() == "already finished"
    second = Run.objects.get(id=run.id)

    assert first.status == second.status == JobStatus.SUCCEEDED
    assert second.summary == first.summary
    assert second.finished_at == first.finished_at
    assert second.attempts == 1


def test_finishing_a_run_that_is_not_running_changes_nothing(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.SUCCEEDED, summary={"a": 1})
    assert services.finish_job(Run, job_id=str(run.id), error="late duplicate") is False
    run.refresh_from_db()
    assert run.status == JobStatus.SUCCEEDED and run.summary == {"a": 1} and run.error == ""
