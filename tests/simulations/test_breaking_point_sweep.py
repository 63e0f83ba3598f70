"""A breaking-point sweep: rounds planned by the engine, fanned out over real workers, each round enqueued by
the last run of the one before it; the stored summary is the CLI's for the same search."""

import json

import pytest

from simulations import lifecycle, traces
from simulations.engine.breaking import check_search
from simulations.engine.breaking.cli import search_locally
from simulations.models import ACTIVE, JobStatus, Run, Sweep
from tests.workers import WorkerProcess, wait_for

RATE = "components/client/params/rate"
SEARCH = {"low": 0.5, "high": 2, "resolution": 0.05, "per_round": 3}


def start(client, version, **changes):
    body = {"version": version.id, "mode": "breaking_point", "parameter": RATE, "seeds": 2, "search": SEARCH,
            **changes}
    return client.post("/api/sweeps/", body, format="json")


@pytest.fixture
def queue_version(version_of):
    return version_of("saturated-queue")


@pytest.fixture
def two_workers(transactional_db):
    """Two worker processes of two pool processes each: runs of a round finish at the same moment."""
    workers = [WorkerProcess(concurrency=2), WorkerProcess(concurrency=2)]
    yield workers
    for worker in workers:
        worker.stop()


@pytest.mark.worker
def test_the_search_on_workers_stores_what_the_cli_prints_and_brackets_the_hand_computed_rate(
        two_workers, alice_client, queue_version):
    response = start(alice_client, queue_version)
    assert response.status_code == 201, response.content
    sweep_id = response.json()["id"]
    assert response.json()["mode"] == "breaking_point" and response.json()["values"] == [0.5, 1.25, 2.0]

    sweep = wait_for(lambda: Sweep.objects.filter(id=sweep_id, status=JobStatus.SUCCEEDED).first(), timeout=240)

    spec = check_search(queue_version.document, {**SEARCH, "parameter": RATE, "seeds": 2})
    local = search_locally(queue_version.document, spec)
    stored = dict(sweep.summary)
    assert stored.pop("failures") == []
    assert json.dumps(stored, sort_keys=True) == json.dumps(local, sort_keys=True)
    bp = stored["breaking_point"]
    assert bp["held"] <= 10 / 9 < bp["broke"] and bp["width"] <= 0.05
    # One run per (value, seed) of every round: no round was enqueued twice by two runs finishing together.
    runs = list(sweep.runs.values_list("overrides", "seed"))
    planned = [v for r in stored["rounds"] for v in r["values"]]
    assert sorted((o[RATE], s) for o, s in runs) == sorted((v, s) for v in planned for s in range(2))
    assert sweep.values == planned and len(stored["rounds"]) > 1
    body = alice_client.get(f"/api/sweeps/{sweep_id}/").json()
    assert body["progress"] == 1.0 and body["runs_done"] == body["runs_total"] == len(runs)


def finish_round(sweep: Sweep) -> None:
    """Run the sweep's queued runs here, as a worker would, then settle as the last of them does."""
    for run in sweep.runs.filter(status__in=ACTIVE).select_related("version"):
        summary = traces.run_engine(run, None).summary
        Run.objects.filter(id=run.id).update(status=JobStatus.SUCCEEDED, summary=summary)
    lifecycle.settle(Sweep, sweep.id)


def test_each_round_is_summarised_as_it_completes_and_settling_twice_enqueues_it_once(alice_client, queue_version):
    sweep = Sweep.objects.get(id=start(alice_client, queue_version).json()["id"])
    finish_round(sweep)
    lifecycle.settle(Sweep, sweep.id)  # a second caller, e.g. the reaper or the round's other last run

    sweep.refresh_from_db()
    assert sweep.status == JobStatus.RUNNING
    assert [r["values"] for r in sweep.summary["rounds"]] == [[0.5, 1.25, 2.0]]
    assert sweep.summary["outcome"] == "searching"
    assert sweep.summary["breaking_point"] == {"held": 0.5, "broke": 1.25, "width": 0.75}
    assert sweep.summary["next_round"] == [0.6875, 0.875, 1.0625]
    assert sweep.runs.filter(status=JobStatus.QUEUED).count() == 3 * 2
    assert sweep.values == [0.5, 1.25, 2.0, 0.6875, 0.875, 1.0625]
    progress = alice_client.get(f"/api/sweeps/{sweep.id}/").json()["progress"]
    assert 0 < progress < 1


def test_a_cancelled_search_plans_no_next_round(alice_client, queue_version):
    sweep_id = start(alice_client, queue_version).json()["id"]
    assert alice_client.post(f"/api/sweeps/{sweep_id}/cancel/").status_code == 200
    sweep = Sweep.objects.get(id=sweep_id)
    assert sweep.status == JobStatus.CANCELLED and sweep.runs.count() == 3 * 2


@pytest.mark.parametrize(("changes", "errors"), [
    ({"search": {**SEARCH, "high": 0.1}}, {"search": {"high": ["must be above low (0.5)"]}}),
    ({"search": {**SEARCH, "resolution": 5}}, {"search": {"resolution": [
        "must be below high - low (1.5): the interval is already that narrow"]}}),
    ({"search": {**SEARCH, "slos": ["nope"]}}, {"search": {"slos": [
        "0: unknown SLO 'nope'; this model has ['server-latency']"]}}),
    ({"search": {**SEARCH, "per_round": 1}}, {"search": {"per_round": [
        "Ensure this value is greater than or equal to 2."]}}),
    ({"search": {**SEARCH, "low": "x"}}, {"search": {"low": ["A valid number is required."]}}),
    ({"parameter": "components/nobody/params/rate"}, {"parameter": [
        "components/nobody/params/rate: no element 'nobody'"]}),
    ({"parameter": ""}, {"parameter": ["a breaking-point search varies one parameter"]}),
    ({"search": None}, {"search": ["a breaking-point search needs its interval"]}),
    ({"values": [1, 2]}, {"values": ["a breaking-point search plans its own values"]}),
    ({"mode": "values", "values": [1]}, {"search": ["only a sweep in mode `breaking_point` has a search"]}),
    ({"search": {**SEARCH, "resolution": 0.00001}, "seeds": 100}, {"seeds": [
        "the search makes up to 10 rounds of 3 points x 100 seeds, at most 3000 runs; a sweep has at most 500"]}),
])
def test_a_bad_search_is_a_400_naming_the_field_and_starts_nothing(alice_client, queue_version, changes, errors):
    response = start(alice_client, queue_version, **changes)
    assert response.status_code == 400 and response.json() == errors
    assert not Sweep.objects.exists() and not Run.objects.exists()


def test_a_reviewer_cannot_start_a_search_and_an_outsider_cannot_see_the_version(bob_client, mallory_client,
                                                                                 queue_version):
    assert start(bob_client, queue_version).status_code == 403
    refused = start(mallory_client, queue_version)
    assert refused.status_code == 400 and list(refused.json()) == ["version"]
    assert not Sweep.objects.exists()
