"""Per-team limits answer a clear 4xx and create nothing; progress and ETA come from the row."""

from datetime import timedelta

from django.utils import timezone

from simulations.models import JobStatus, Run, Sweep


def test_a_team_at_its_limit_of_active_jobs_gets_429(db, alice_client, example_version, settings):
    settings.TEAM_MAX_ACTIVE_JOBS = 2
    for seed in range(2):
        assert alice_client.post("/api/runs/", {"version": example_version.id, "seed": seed}).status_code == 201
    response = alice_client.post("/api/sweeps/", {"version": example_version.id, "seeds": 2}, format="json")
    assert response.status_code == 429
    assert "already has 2 jobs queued or running (the limit is 2)" in response.json()["detail"]
    assert not Sweep.objects.exists() and Run.objects.count() == 2
    Run.objects.update(status=JobStatus.SUCCEEDED)  # finished jobs do not count
    assert alice_client.post("/api/runs/", {"version": example_version.id}).status_code == 201


def test_a_sweep_with_more_runs_than_the_limit_gets_400_naming_seeds(db, alice_client, example_version, settings):
    settings.TEAM_MAX_RUNS_PER_SWEEP = 5
    body = {"version": example_version.id, "parameter": "links/0/loss", "values": [0.0, 0.1], "seeds": 3}
    response = alice_client.post("/api/sweeps/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"seeds": ["2 values x 3 seeds is 6 runs; a sweep has at most 5"]}
    assert not Run.objects.exists()


def test_progress_elapsed_and_remaining_come_from_the_row(db, alice_client, example_version, alice):
    started = timezone.now() - timedelta(seconds=30)
    run = Run.objects.create(version=example_version, created_by=alice, status=JobStatus.RUNNING, progress=0.25,
                             started_at=started)
    body = alice_client.get(f"/api/runs/{run.id}/").json()
    assert body["progress"] == 0.25
    assert 30 <= body["elapsed_seconds"] < 40
    assert abs(body["remaining_seconds"] - 3 * body["elapsed_seconds"]) < 0.1
    queued = alice_client.get(f"/api/runs/{Run.objects.create(version=example_version).id}/").json()
    assert queued["elapsed_seconds"] is None and queued["remaining_seconds"] is None
