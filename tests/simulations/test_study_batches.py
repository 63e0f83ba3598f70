"""A level study's runs go to the workers in batches: a batch delivered again, twice at once, or cut off by a
hard time limit runs no run twice and leaves every row true; a cancel stops the running batches."""

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import TimeLimitExceeded
from django.utils import timezone

from simulations import batches, lifecycle, services
from simulations.engine import modelcode
from simulations.engine.study import plan_study, roll_up, run_points
from simulations.models import FINISHED, JobStatus, LevelStudy, Run
from simulations.tasks import simulate_batch
from tests.workers import WorkerProcess, wait_for

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

STUDY = {"holarchy": "physical", "levels": ["cluster", "node"]}


@pytest.fixture
def replicated(version_of):
    return version_of("replicated-service")


def local_summary(version, seeds: int) -> str:
    plan, points = plan_study(version.document, seeds=seeds, **STUDY)
    return json.dumps(roll_up(plan, run_points(version.document, points)), sort_keys=True)


def test_batches_are_sized_from_the_study_and_cover_every_run_once(settings):
    settings.JOB_STUDY_BATCHES, settings.JOB_STUDY_BATCH_MAX_RUNS = 16, 25
    assert [len(b) for b in batches.split(list(range(108)))] == [7] * 15 + [3]
    assert [len(b) for b in batches.split(list(range(5)))] == [1] * 5
    assert {len(b) for b in batches.split(list(range(1000)))} == {25}
    assert sum(batches.split(list(range(1000))), []) == list(range(1000))


def test_a_study_is_published_as_one_group_of_batch_messages_without_time_limits(alice, replicated, monkeypatch,
                                                                                 settings):
    """The worker applies its own limits (see services.enqueue): a message carrying the web side's would win."""
    from holarchy.celery import app

    settings.JOB_STUDY_BATCHES = 4
    sent = []
    monkeypatch.setattr(app.amqp, "send_task_message", lambda producer, name, message, **options: sent.append(
        (name, message.headers["timelimit"], message.headers["group"], message.headers["argsrepr"])))
    study = services.submit_study(version=replicated, user=alice, seeds=2, **STUDY)

    services.enqueue(list(study.runs.order_by("id")))

    assert [(name, limits) for name, limits, _, _ in sent] == [("simulations.tasks.simulate_batch", [None, None])] * 4
    assert len({group_id for _, _, group_id, _ in sent}) == 1
    published = sum((ast.literal_eval(args)[1] for _, _, _, args in sent), [])
    assert sorted(published) == sorted(str(i) for i in study.runs.values_list("id", flat=True))
    assert not study.runs.filter(enqueued_at__isnull=True).exists()


def test_a_batch_delivered_again_runs_only_what_the_dead_delivery_left_and_settles_the_study_once(
        alice, replicated):
    """The first delivery stored 4 outcomes and died holding the other runs; its message comes back
    (same task id): the second delivery takes back only the unfinished runs, a third finds nothing to do."""
    study = services.submit_study(version=replicated, user=alice, seeds=2, **STUDY)  # not published: no commit
    ids = [str(i) for i in study.runs.order_by("id").values_list("id", flat=True)]
    assert simulate_batch.apply(args=[str(study.id), ids[:4]], task_id="first").get() == "succeeded"
    before = {r.id: (r.finished_at, r.summary) for r in Run.objects.filter(id__in=ids[:4])}
    long_ago = timezone.now() - timedelta(minutes=5)
    Run.objects.filter(id__in=ids[4:]).update(status=JobStatus.RUNNING, worker="worker/again/dead", attempts=1,
                                              heartbeat_at=long_ago)

    assert simulate_batch.apply(args=[str(study.id), ids], task_id="again").get() == "succeeded"

    runs = {str(r.id): r for r in Run.objects.filter(study=study)}
    assert len(runs) == len(ids) == 14 and {r.status for r in runs.values()} == {JobStatus.SUCCEEDED}
    assert {r.id: (r.finished_at, r.summary) for r in runs.values() if str(r.id) in ids[:4]} == before
    assert [runs[i].attempts for i in ids] == [1] * 4 + [2] * 10
    assert all(runs[i].started_at is not None and runs[i].heartbeat_at is None for i in ids)
    study.refresh_from_db()
    assert study.status == JobStatus.SUCCEEDED and study.progress == 1.0
    assert json.dumps(study.summary, sort_keys=True) == local_summary(replicated, seeds=2)
    settled = study.finished_at

    assert simulate_batch.apply(args=[str(study.id), ids], task_id="third").get() == "not claimed"
    study.refresh_from_db()
    assert study.finished_at == settled
    assert {(str(r.id), r.finished_at, r.attempts) for r in Run.objects.filter(study=study)} == {
        (i, runs[i].finished_at, runs[i].attempts) for i in ids}


def test_a_hard_time_limit_times_out_the_run_that_had_started_and_queues_the_others(alice, replicated):
    study = services.submit_study(version=replicated, user=alice, seeds=1, **STUDY)
    ids = [str(i) for i in study.runs.order_by("id").values_list("id", flat=True)]
    token, claimed = lifecycle.claim_all(Run, ids[:3], delivery="w@host/msg-1", started=False)
    assert claimed == 3 and Run.objects.get(id=ids[0]).started_at is None  # a batch's runs wait for their turn
    Run.objects.filter(id=ids[0]).update(started_at=timezone.now())  # its first progress write

    batches.fail(str(study.id), "msg-1", TimeLimitExceeded(5))

    first, *others = (Run.objects.get(id=i) for i in ids[:3])
    assert first.status == JobStatus.TIMED_OUT and first.error.startswith("stopped at the time limit")
    assert [(r.status, r.worker, r.heartbeat_at, r.enqueued_at) for r in others] == [
        (JobStatus.QUEUED, "", None, None)] * 2  # the reaper publishes them again
    assert LevelStudy.objects.get(id=study.id).status == JobStatus.RUNNING


def batch_tasks_done(worker: WorkerProcess) -> int:
    return sum("simulate_batch[" in line and " succeeded in " in line for line in worker.log.read_text().splitlines())


@pytest.mark.worker
def test_every_batch_published_twice_runs_each_run_once(transactional_db, alice, replicated, settings):
    """Two worker children take the duplicate messages at once: one claim per run, one settle of the study."""
    settings.JOB_STUDY_BATCHES = 3  # batches of 5, 5 and 4 runs; the second publication groups them otherwise
    study = services.submit_study(version=replicated, user=alice, seeds=2, **STUDY)  # published on commit
    services.enqueue(list(study.runs.all()))  # every run published a second time, as a broker redelivery would
    worker = WorkerProcess(concurrency=2)
    try:
        done = wait_for(lambda: LevelStudy.objects.filter(id=study.id, status__in=FINISHED).first(), timeout=120)
        wait_for(lambda: batch_tasks_done(worker) == 6, timeout=30)
    finally:
        worker.stop()
    assert done.status == JobStatus.SUCCEEDED, done.error
    runs = list(done.runs.all())
    assert len(runs) == 14 and {(r.status, r.attempts) for r in runs} == {(JobStatus.SUCCEEDED, 1)}
    assert json.dumps(done.summary, sort_keys=True) == local_summary(replicated, seeds=2)
    assert worker.log.read_text().count(f"job {study.id}: succeeded") == 1


@pytest.mark.worker
@pytest.mark.slow
def test_cancelling_a_study_midway_stops_its_running_batches_within_a_second(transactional_db, alice_client,
                                                                              save_version, settings):
    settings.JOB_STUDY_BATCHES, settings.JOB_STUDY_BATCH_MAX_RUNS = 4, 1000  # 4 batches of 90 runs
    document = modelcode.dump_model(modelcode.load_text((EXAMPLES / "replicated-service.yaml").read_text()))
    for client in (c for c in document["components"] if c["behavior"] == "failover_client"):
        client["params"]["count"] = 1000  # each run of the study lasts a tenth of a second: each batch, seconds
    version = save_version(document)
    worker = WorkerProcess(concurrency=2)
    try:
        body = {"version": version.id, "holarchy": "physical", "seeds": 40, "until": 6000}
        study_id = alice_client.post("/api/studies/", body, format="json").json()["id"]
        wait_for(lambda: Run.objects.filter(study_id=study_id, status=JobStatus.SUCCEEDED).exists(), timeout=60)
        assert alice_client.post(f"/api/studies/{study_id}/cancel/").status_code == 200
        cancelled_at = timezone.now()
        study = wait_for(lambda: LevelStudy.objects.filter(id=study_id, status__in=FINISHED).first(), timeout=30)
    finally:
        worker.stop()
    runs = list(Run.objects.filter(study_id=study_id))
    statuses = {r.status for r in runs}
    assert study.status == JobStatus.CANCELLED and len(runs) == 360
    assert statuses <= {JobStatus.SUCCEEDED, JobStatus.CANCELLED} and JobStatus.SUCCEEDED in statuses
    stopped = [r for r in runs if r.error == "cancelled on request"]  # by the running batches, mid-way
    never = [r for r in runs if r.error == "cancelled before it started"]  # the batches still queued
    assert stopped and len(never) >= 90
    succeeded = sum(r.status == JobStatus.SUCCEEDED for r in runs)
    assert succeeded < 180, "the two running batches ran to their end"
    assert study.error == f"cancelled on request; {succeeded} of 360 runs had finished"
    assert (study.finished_at - cancelled_at).total_seconds() < 15  # a second to notice, then writes (loaded machine)
