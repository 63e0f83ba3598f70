"""A task delivered twice stores one result."""

from simulations import lifecycle
from simulations.models import JobStatus, Run
from simulations.tasks import simulate_run


def test_a_task_run_twice_stores_one_result(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, seed=3)

    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    first = Run.objects.get(id=run.id)
    assert simulate_run.apply(args=[str(run.id)]).get() == "not claimed"
    second = Run.objects.get(id=run.id)

    assert first.status == second.status == JobStatus.SUCCEEDED
    assert second.summary == first.summary
    assert second.finished_at == first.finished_at
    assert second.attempts == 1


def test_finishing_a_run_that_is_not_running_changes_nothing(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.SUCCEEDED, summary={"a": 1})
    assert lifecycle.finish(Run, str(run.id), "w/t/1", JobStatus.FAILED, error="late duplicate") is False
    run.refresh_from_db()
    assert run.status == JobStatus.SUCCEEDED and run.summary == {"a": 1} and run.error == ""


def test_a_running_row_held_by_a_live_worker_is_not_claimed_again(db, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice)
    token = lifecycle.claim(Run, job_id=str(run.id), delivery="w1@host/task-1")
    assert token is not None
    assert lifecycle.claim(Run, job_id=str(run.id), delivery="w2@host/task-2") is None
    # The same message given back to the same worker: the execution that held it is dead.
    assert lifecycle.claim(Run, job_id=str(run.id), delivery="w1@host/task-1") not in (None, token)
