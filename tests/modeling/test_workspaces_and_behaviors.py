"""Workspaces belong to a team; the behavior catalogue comes from the engine."""

from holarchy.modeling.models import Workspace


def test_owner_creates_a_workspace_in_her_team(alice_client, acme):
    response = alice_client.post("/api/workspaces/", {"team": acme.pk, "name": "Research"}, format="json")

    assert response.status_code == 201
    assert response.json()["models_count"] == 0
    assert Workspace.objects.get(pk=response.json()["id"]).team == acme


def test_reviewer_cannot_create_and_outsider_cannot_target_the_team(bob_client, mallory_client, acme):
    assert bob_client.post("/api/workspaces/", {"team": acme.pk, "name": "R"}, format="json").status_code == 403
    response = mallory_client.post("/api/workspaces/", {"team": acme.pk, "name": "R"}, format="json")
    assert response.status_code == 400
    assert not Workspace.objects.filter(name="R").exists()


def test_workspaces_are_listed_per_team(alice_client, mallory_client, workspace, shop):
    assert [(w["name"], w["models_count"]) for w in alice_client.get("/api/workspaces/").json()["results"]] == [
        ("Payments", 1)
    ]
    assert mallory_client.get("/api/workspaces/").json()["count"] == 0
    assert mallory_client.get(f"/api/workspaces/{workspace.pk}/").status_code == 404


def test_builtin_behaviors_are_listed_with_their_parameters(bob_client):
    body = bob_client.get("/api/behaviors/").json()

    client = next(b for b in body if b["name"] == "client")
    assert any(p["name"] == "server" and p["required"] for p in client["params"])
