"""The behavior-space endpoints: the part to draw, a neighbourhood, a search and one state, read from the stored
graph and checked against it; bounds, bad input and other teams refused."""

import json

import pytest

from simulations.engine.explore import explore
from simulations.engine.explore.graph import state_key
from simulations.engine.trace import TraceReader
from simulations.models import Exploration, JobStatus
from simulations.tasks import explore_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def explored(alice, version_of):
    def run(example: str) -> Exploration:
        exploration = Exploration.objects.create(version=version_of(example), created_by=alice, max_seconds=60)
        assert explore_version.apply(args=[str(exploration.id)]).get() == "succeeded"
        exploration.refresh_from_db()
        return exploration

    return run


def url(exploration, part=""):
    return f"/api/explorations/{exploration.id}/{part}"


def test_the_drawing_puts_the_counterexample_first_and_keeps_only_edges_among_drawn_states(explored, alice_client):
    x = explored("lost-update")
    whole = alice_client.get(url(x, "graph/")).json()
    assert whole["states"] == len(x.graph["nodes"]) == x.summary["states"] == 41
    assert len(whole["nodes"]) == 41 and len(whole["edges"]) == len(x.graph["edges"])
    path = whole["paths"]["no-lost-update"]
    assert len(path) == x.summary["counterexamples"]["no-lost-update"]["length"] + 1 and None not in path
    assert any(name.startswith("serializability") for name in whole["paths"]), "the race's interleaving too"
    assert "state" not in whole["nodes"][0], "states are fetched one by one"

    cut = alice_client.get(url(x, "graph/"), {"limit": 5}).json()
    assert [n["id"] for n in cut["nodes"]] == path[:5]
    drawn = {n["id"] for n in cut["nodes"]}
    assert cut["edges"] and all(a in drawn and b in drawn for a, b, _label in cut["edges"])
    expected = {(e["source"], e["target"]) for e in x.graph["edges"] if {e["source"], e["target"]} <= drawn}
    assert {(a, b) for a, b, _label in cut["edges"]} == expected
    actor, action = cut["labels"][cut["edges"][0][2]]
    assert any(e["actor"] == actor and e["action"] == action for e in x.graph["edges"])


@pytest.mark.slow
def test_a_neighbourhood_is_every_state_one_step_away_either_way(explored, alice_client):
    x = explored("two-phase-commit-coordinator-crash")
    middle = x.graph["paths"]["all-decide"][3]
    answer = alice_client.get(url(x, "neighbourhood/"), {"state": middle, "radius": 1, "limit": 2000}).json()
    expected = {middle} | {e["target"] for e in x.graph["edges"] if e["source"] == middle} | {
        e["source"] for e in x.graph["edges"] if e["target"] == middle}
    assert {n["id"] for n in answer["nodes"]} == expected and answer["complete"]

    two = alice_client.get(url(x, "neighbourhood/"), {"state": middle, "radius": 2, "limit": 2000}).json()
    assert {n["id"] for n in two["nodes"]} > expected
    bounded = alice_client.get(url(x, "neighbourhood/"), {"state": middle, "radius": 6, "limit": 7}).json()
    assert len(bounded["nodes"]) == 7 and not bounded["complete"]


def test_search_by_id_by_variable_and_by_text(explored, alice_client):
    x = explored("lost-update")
    nodes = x.graph["nodes"]
    by_value = alice_client.get(url(x, "states/"), {"q": "db.x=2"}).json()
    two = {n["id"] for n in nodes if n["state"]["components"]["db"]["state"]["x"] == 2}
    assert {n["id"] for n in by_value["results"]} == two
    assert by_value["count"] == len(by_value["results"]) > 0
    done = alice_client.get(url(x, "states/"), {"q": "done=true", "limit": 200}).json()
    components = [n["state"]["components"].values() for n in nodes]
    assert done["count"] == sum(any(c["state"].get("done") is True for c in cs) for cs in components)
    assert alice_client.get(url(x, "states/"), {"q": "7"}).json()["results"][0]["id"] == 7
    text = alice_client.get(url(x, "states/"), {"q": "ACK", "limit": 3}).json()
    acks = sum('"ack"' in json.dumps(n["state"]) for n in nodes)
    assert len(text["results"]) == 3 and text["count"] == acks


@pytest.mark.slow
def test_a_state_comes_with_its_path_replayed_as_a_trace(explored, alice_client):
    x = explored("two-phase-commit-coordinator-crash")
    deepest = max(x.graph["nodes"], key=lambda n: n["depth"])
    answer = alice_client.get(url(x, f"states/{deepest['id']}/"))
    assert answer.status_code == 200, answer.content
    state = answer.json()
    assert state["path"][0] == 0 and state["path"][-1] == deepest["id"] and len(state["path"]) == deepest["depth"] + 1
    trace = state["trace"]
    assert trace["length"] == deepest["depth"]
    assert state_key(trace["steps"][-1]["state"]) == state_key(deepest["state"])
    reader = TraceReader(trace["lines"])
    assert reader.global_state(trace["length"])["components"].keys() == deepest["state"]["components"].keys()


def test_bad_input_names_the_field_and_unknown_states_are_not_found(explored, alice_client):
    x = explored("lost-update")
    for part, params, field in [
        ("graph/", {"limit": 0}, "limit"),
        ("graph/", {"limit": 10_001}, "limit"),
        ("neighbourhood/", {}, "state"),
        ("neighbourhood/", {"state": 41}, "state"),
        ("neighbourhood/", {"state": 1, "radius": "far"}, "radius"),
        ("neighbourhood/", {"state": 1, "limit": 2001}, "limit"),
        ("states/", {}, "q"),
        ("states/", {"q": "x" * 201}, "q"),
    ]:
        answer = alice_client.get(url(x, part), params)
        assert answer.status_code == 400 and field in answer.json(), (part, params, answer.content)
    assert alice_client.get(url(x, "states/41/")).status_code == 404


def test_other_teams_see_nothing_and_unfinished_explorations_have_no_graph(explored, alice, alice_client,
                                                                          mallory_client, bob_client):
    x = explored("lost-update")
    for part in ["graph/", "neighbourhood/?state=0", "states/?q=db", "states/0/"]:
        assert mallory_client.get(url(x, part)).status_code == 404
        assert bob_client.get(url(x, part)).status_code == 200, "a reviewer reads it"
    assert "graph" not in alice_client.get(url(x)).json(), "rows never carry the megabytes"
    queued = Exploration.objects.create(version=x.version, created_by=alice, status=JobStatus.QUEUED)
    answer = alice_client.get(url(queued, "graph/"))
    assert answer.status_code == 409 and "no behavior-space graph yet" in answer.json()["detail"]


def test_a_space_stored_by_levels_only_draws_its_levels_and_refuses_states(alice, alice_client, version_of):
    version = version_of("two-interleaved-processes")
    result = explore(version.document, graph_limit=3)
    x = Exploration.objects.create(version=version, created_by=alice, status=JobStatus.SUCCEEDED,
                                   summary=result.summary, graph=result.graph)
    levels = alice_client.get(url(x, "graph/")).json()
    assert levels["collapsed"] and [n["states"] for n in levels["nodes"]] == [1, 2, 3, 2, 1]
    answer = alice_client.get(url(x, "neighbourhood/"), {"state": 0})
    assert answer.status_code == 409 and "only its levels are kept" in answer.json()["detail"]


def test_a_graph_stored_before_parents_were_kept_still_opens_every_state(explored, alice_client):
    """An exploration saved by an earlier release has no `parent` per state and no `paths`: it is still drawn, and
    each state opens with a shortest path found over the stored steps."""
    x = explored("lost-update")
    old = {**x.graph, "nodes": [{k: v for k, v in n.items() if k != "parent"} for n in x.graph["nodes"]]}
    old.pop("paths", None)
    Exploration.objects.filter(pk=x.pk).update(graph=old, finished_at=x.finished_at.replace(microsecond=1))
    x.refresh_from_db()
    assert alice_client.get(url(x, "graph/")).status_code == 200
    steps = {(e["source"], e["target"]) for e in x.graph["edges"]}
    for node in x.graph["nodes"][:: max(1, len(x.graph["nodes"]) // 8)]:
        answer = alice_client.get(url(x, f"states/{node['id']}/")).json()
        path = answer["path"]
        assert path[-1] == node["id"] and len(path) == node["depth"] + 1, "a shortest path"
        assert old["nodes"][path[0]]["initial"] and all(pair in steps for pair in zip(path, path[1:], strict=False))
        assert answer["trace"]["steps"], "replayed for the viewer"
