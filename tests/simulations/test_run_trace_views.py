"""The run viewer's API: one step's global view beside one component's local view."""

import pytest

from simulations.models import Run
from simulations.tasks import simulate_run


@pytest.fixture
def finished_run(alice, example_version) -> Run:
    run = Run.objects.create(version=example_version, created_by=alice, seed=5)
    simulate_run.apply(args=[str(run.id)])
    return Run.objects.get(id=run.id)


def test_the_global_view_shows_every_component_and_the_messages_in_flight(alice_client, finished_run):
    body = alice_client.get(f"/api/runs/{finished_run.id}/trace/", {"step": 3}).json()
    assert body["step"] == 3 and body["last_step"] == finished_run.summary["steps"]
    assert set(body["global"]["components"]) == {"client", "server"}
    assert "inflight" in body["global"]
    assert body["delta"]["s"] == 3


def test_in_flight_messages_can_be_shown_in_the_network_or_in_inboxes(alice_client, finished_run):
    url = f"/api/runs/{finished_run.id}/trace/"
    for step in range(1, finished_run.summary["steps"]):
        network = alice_client.get(url, {"step": step}).json()["global"]
        if network["inflight"]:
            break
    inboxes = alice_client.get(url, {"step": step, "messages": "inboxes"}).json()["global"]
    assert "inflight" not in inboxes
    in_inboxes = sum(len(c["inbox"]) for c in inboxes["components"].values())
    assert in_inboxes == len(network["inflight"]) > 0


def test_the_local_view_holds_only_what_the_component_can_know(alice_client, finished_run):
    last = finished_run.summary["steps"]
    local = alice_client.get(f"/api/runs/{finished_run.id}/trace/", {"step": last, "component": "client"}).json()
    view = local["local"]
    assert set(view) == {"id", "step", "up", "state", "timers", "sent", "received"}
    assert view["id"] == "client"
    assert all(sent[1] == "client" for sent in view["sent"]), "only messages the client itself sent"
    assert view["received"], "the client received answers"
    assert "server" not in str(view["state"].keys())


def test_a_window_of_steps_feeds_the_space_time_diagram(alice_client, finished_run):
    body = alice_client.get(f"/api/runs/{finished_run.id}/trace/", {"from": 1, "to": 10}).json()
    assert [d["s"] for d in body["window"]] == list(range(1, 11))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"step": 10**9}, "step"),
        ({"step": "x"}, "step"),
        ({"component": "nobody"}, "component"),
        ({"step": 1, "local": "nobody"}, "local"),
        ({"messages": "teleport"}, "messages"),
    ],
)
def test_bad_trace_queries_are_400_naming_the_field(alice_client, finished_run, params, field):
    response = alice_client.get(f"/api/runs/{finished_run.id}/trace/", params)
    assert response.status_code == 400 and field in response.json()


def test_a_run_without_a_trace_is_404(alice_client, alice, example_version):
    run = Run.objects.create(version=example_version, created_by=alice)
    assert alice_client.get(f"/api/runs/{run.id}/trace/").status_code == 404
