"""Per-team limits: owners lower them, administrators raise them; each refusal is a 4xx naming the limit."""

from rest_framework.test import APIClient

from holarchy import limits
from holarchy.accounts.models import TeamLimits
from holarchy.accounts.throttles import UserThrottle
from simulations.models import Run


def test_limits_read_the_server_defaults_until_a_team_sets_its_own(db, alice_client, acme, settings):
    body = alice_client.get(f"/api/auth/teams/{acme.id}/limits/").json()
    assert body["max_active_jobs"] is None
    assert body["in_force"] == {
        "max_active_jobs": settings.TEAM_MAX_ACTIVE_JOBS, "max_runs_per_sweep": settings.TEAM_MAX_RUNS_PER_SWEEP,
        "max_steps_per_run": settings.JOB_MAX_STEPS, "max_exploration_states": settings.TEAM_MAX_EXPLORATION_STATES,
    }
    response = alice_client.patch(f"/api/auth/teams/{acme.id}/limits/", {"max_active_jobs": 1}, format="json")
    assert response.status_code == 200 and response.json()["in_force"]["max_active_jobs"] == 1
    assert limits.for_team(acme.id).max_active_jobs == 1


def test_owners_lower_limits_and_only_staff_raise_them(db, alice, alice_client, bob_client, acme, settings):
    url = f"/api/auth/teams/{acme.id}/limits/"
    over = alice_client.patch(url, {"max_runs_per_sweep": settings.TEAM_MAX_RUNS_PER_SWEEP + 1}, format="json")
    assert over.status_code == 400
    assert over.json() == {"max_runs_per_sweep": [
        f"the server allows at most {settings.TEAM_MAX_RUNS_PER_SWEEP}; only an administrator may raise it"
    ]}
    assert alice_client.patch(url, {"max_runs_per_sweep": 0}, format="json").status_code == 400
    reviewer = bob_client.patch(url, {"max_runs_per_sweep": 3}, format="json")
    assert reviewer.status_code == 403 and "only owners can" in reviewer.json()["detail"]
    assert not TeamLimits.objects.exists()
    alice.is_staff = True
    alice.save()
    staff = APIClient()
    staff.force_authenticate(alice)
    raised = staff.patch(url, {"max_runs_per_sweep": 10_000}, format="json").json()
    assert raised["in_force"]["max_runs_per_sweep"] == 10_000


def test_a_teams_own_limits_refuse_jobs_with_a_4xx_naming_them(db, alice_client, acme, example_version):
    TeamLimits.objects.create(team=acme, max_active_jobs=1, max_runs_per_sweep=2, max_exploration_states=50)
    assert alice_client.post("/api/runs/", {"version": example_version.id}).status_code == 201
    busy = alice_client.post("/api/runs/", {"version": example_version.id})
    assert busy.status_code == 429 and "(the limit is 1)" in busy.json()["detail"]
    Run.objects.update(status="succeeded")
    sweep = alice_client.post("/api/sweeps/", {"version": example_version.id, "seeds": 3}, format="json")
    assert sweep.status_code == 400
    assert sweep.json() == {"seeds": ["1 values x 3 seeds is 3 runs; a sweep has at most 2"]}
    states = alice_client.post("/api/explorations/", {"version": example_version.id, "max_states": 51}, format="json")
    assert states.status_code == 400
    assert states.json() == {
        "max_states": ["an exploration visits at most 50 states in your team (max_exploration_states)"]
    }


def test_a_teams_steps_per_run_bound_the_engine(db, acme, example_version):
    from simulations import traces

    TeamLimits.objects.create(team=acme, max_steps_per_run=7)
    run = Run.objects.create(version=example_version, until=10_000)
    summary = traces.run_engine(run, None).summary
    assert summary["steps"] == 7, summary


def test_requests_beyond_the_rate_are_429s_naming_the_limit(db, alice_client, monkeypatch):
    monkeypatch.setattr(UserThrottle, "THROTTLE_RATES", {**UserThrottle.THROTTLE_RATES, "user": "3/min"})
    answers = [alice_client.get("/api/auth/me/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    detail = answers[-1].json()["detail"]
    assert detail.startswith("more than 3/min requests of this user (the user rate limit); try again in")


def test_a_document_over_the_size_limit_is_refused_naming_it(db, alice_client, workspace, settings):
    settings.MODEL_DOCUMENT_MAX_BYTES = 1000
    response = alice_client.post("/api/models/import/", {"workspace": workspace.id, "document": "x" * 1001},
                                 format="json")
    assert response.status_code == 400
    assert "larger than the limit of 1,000 bytes" in response.content.decode()
