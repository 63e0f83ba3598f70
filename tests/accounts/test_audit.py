"""The audit log: every write that succeeded, with who, when, what and which version a job used; for owners."""

from django.contrib.auth.models import AnonymousUser

from holarchy.accounts.models import AuditEntry, Membership


def test_writes_are_logged_with_the_version_a_job_used_and_failures_are_not(db, alice_client, shop, example_version):
    assert alice_client.patch(f"/api/models/{shop.id}/", {"description": "the shop"}, format="json").status_code == 200
    run = alice_client.post("/api/runs/", {"version": example_version.id, "seed": 4}).json()
    assert alice_client.patch(f"/api/models/{shop.id}/", {"name": ""}).status_code == 400
    entries = alice_client.get("/api/auth/audit/").json()["results"]
    assert [(e["actor_name"], e["action"], e["kind"]) for e in entries] == [
        ("alice", "created", "run"), ("alice", "changed", "model")
    ]
    ran, changed = entries
    assert ran["object_id"] == run["id"] and ran["version_id"] == example_version.id
    assert ran["model_id"] == example_version.model_id and ran["workspace_id"] == shop.workspace_id
    assert changed["fields"] == ["description"] and changed["model_id"] == shop.id
    assert changed["object_label"] == shop.name


def test_a_delete_is_logged_with_what_it_deleted(db, alice_client, shop):
    component = shop.components.get(key="cache")
    assert alice_client.delete(f"/api/components/{component.id}/").status_code in (204, 400)
    entry = AuditEntry.objects.filter(kind="component").first()
    if entry is not None:  # the engine may refuse a draft without the cache; then nothing was deleted
        assert (entry.action, entry.object_id, entry.model_id) == ("deleted", str(component.id), shop.id)


def test_actions_and_token_writes_name_the_user(db, alice, alice_client, shop):
    from holarchy.accounts.services import create_api_token

    _, token = create_api_token(user=alice, name="cli")
    from rest_framework.test import APIClient

    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.post(f"/api/models/{shop.id}/versions/", {"message": "again"}).status_code in (200, 201)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.kind, entry.model_id) == (alice, "versions", "model", shop.id)


def test_only_owners_read_the_log(db, alice_client, bob_client, mallory_client, shop, acme, bob):
    alice_client.patch(f"/api/models/{shop.id}/", {"description": "x"})
    assert alice_client.get("/api/auth/audit/").json()["count"] == 1
    assert alice_client.get("/api/auth/audit/", {"model": shop.id}).json()["count"] == 1
    assert alice_client.get("/api/auth/audit/", {"model": shop.id + 1}).json()["count"] == 0
    assert bob_client.get("/api/auth/audit/").json()["count"] == 0
    assert mallory_client.get("/api/auth/audit/").json()["count"] == 0
    Membership.objects.filter(user=bob).update(role="owner")
    assert bob_client.get("/api/auth/audit/").json()["count"] == 1
    assert not AnonymousUser().is_authenticated


def test_joining_by_invitation_is_logged_in_the_team_joined(db, alice_client, acme, mallory):
    from rest_framework.test import APIClient

    link = alice_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "m@example.com"}).json()["link"]
    client = APIClient()
    client.force_authenticate(mallory)
    assert client.post("/api/auth/invitations/accept/", {"token": link.rsplit("/", 1)[1]}).status_code == 200
    entries = AuditEntry.objects.filter(team=acme).values_list("actor_name", "action", "kind")
    assert list(entries) == [("mallory", "accept", "invitation"), ("alice", "created", "invitation")]
