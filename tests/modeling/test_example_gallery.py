"""The read-only example gallery: every user reads it, nobody changes it, and a copy is the user's own."""

from io import StringIO

import pytest
from django.core.management import call_command

from holarchy.accounts.permissions import GALLERY_READ_ONLY
from holarchy.modeling.models import SystemModel

SPLIT_BRAIN = "Split brain (leader election without fencing)"


@pytest.fixture
def gallery(db, alice, mallory):
    call_command("load_examples", stdout=StringIO())
    return SystemModel.objects.filter(workspace__team__slug="examples")


@pytest.fixture
def example(gallery):
    return gallery.get(name=SPLIT_BRAIN)


def test_every_user_lists_the_examples(gallery, alice_client, mallory_client):
    for client in (alice_client, mallory_client):
        names = {m["name"] for m in client.get("/api/models/", {"page_size": 100}).json()["results"]}
        assert set(gallery.values_list("name", flat=True)) <= names
        me = client.get("/api/auth/me/").json()
        (membership,) = [m for m in me["memberships"] if m["team"] == "examples"]
        assert membership["gallery"] is True and membership["cannot"]["write"] == GALLERY_READ_ONLY


@pytest.mark.parametrize(("method", "path", "body"), [
    ("patch", "/api/models/{id}/", {"description": "mine now"}),
    ("post", "/api/models/{id}/replace/", {"document": {"format": "holarchy/v1", "name": "x", "components": [],
                                                        "holarchies": []}}),
    ("post", "/api/models/{id}/versions/", {}),
    ("delete", "/api/models/{id}/", None),
])
def test_nobody_can_change_the_original(example, alice_client, method, path, body):
    before = (example.description, example.revision, example.versions.count())

    response = getattr(alice_client, method)(path.format(id=example.id), body, format="json")

    assert response.status_code == 403
    assert GALLERY_READ_ONLY in str(response.json())
    example.refresh_from_db()
    assert (example.description, example.revision, example.versions.count()) == before


def test_nobody_can_run_the_original(example, alice_client):
    version = example.versions.get()
    response = alice_client.post("/api/runs/", {"version": version.id, "seed": 1}, format="json")
    assert response.status_code == 403 and GALLERY_READ_ONLY in str(response.json())


def test_a_copy_is_independent_of_the_original(example, alice_client, workspace):
    original_doc = alice_client.get(f"/api/models/{example.id}/export/").json()

    response = alice_client.post(f"/api/models/{example.id}/copy/", {"workspace": workspace.id}, format="json")

    assert response.status_code == 201, response.json()
    copy = SystemModel.objects.get(pk=response.json()["id"])
    assert copy.workspace == workspace and copy.name == SPLIT_BRAIN and copy.id != example.id
    assert alice_client.get(f"/api/models/{copy.id}/export/").json() == original_doc
    assert copy.versions.get().message.startswith(f"copied from {SPLIT_BRAIN} (v1")
    # The copy is the user's: editing it leaves the original alone ...
    store = copy.components.get(key="store")
    edited = alice_client.patch(f"/api/components/{store.id}/", {"params": {"fencing": True}}, format="json")
    assert edited.status_code == 200, edited.json()
    assert example.components.get(key="store").params == {"fencing": False}
    assert alice_client.post(f"/api/models/{copy.id}/versions/", {}, format="json").status_code == 201
    assert example.versions.count() == 1
    # ... and reloading or deleting the original leaves the copy alone.
    call_command("load_examples", stdout=StringIO())
    example.delete()
    copy.refresh_from_db()
    assert copy.components.get(key="store").params == {"fencing": True}
    assert list(copy.versions.values_list("number", flat=True)) == [1, 2]


def test_a_second_copy_gets_a_free_name(example, alice_client, workspace):
    names = [alice_client.post(f"/api/models/{example.id}/copy/", {"workspace": workspace.id}, format="json")
             .json()["name"] for _ in range(3)]
    assert names == [SPLIT_BRAIN, f"{SPLIT_BRAIN} (copy)", f"{SPLIT_BRAIN} (copy 2)"]


def test_a_copy_goes_only_where_the_caller_writes(example, alice_client, bob_client, workspace, mallory):
    other = mallory.memberships.get(team__gallery=False).team.workspaces.create(name="Theirs")
    refused = alice_client.post(f"/api/models/{example.id}/copy/", {"workspace": other.id}, format="json")
    assert refused.status_code == 400 and refused.json() == {"workspace": ["no such object"]}
    reviewer = bob_client.post(f"/api/models/{example.id}/copy/", {"workspace": workspace.id}, format="json")
    assert reviewer.status_code == 403 and "workspace" in reviewer.json()
    gallery_ws = example.workspace
    into_gallery = alice_client.post(f"/api/models/{example.id}/copy/", {"workspace": gallery_ws.id}, format="json")
    assert into_gallery.status_code == 403 and into_gallery.json() == {"workspace": [GALLERY_READ_ONLY]}
    assert SystemModel.objects.filter(name=SPLIT_BRAIN).count() == 1


def test_a_model_one_cannot_see_cannot_be_copied(example, mallory_client, mallory, workspace):
    private = SystemModel.objects.create(workspace=workspace, name="private")
    own = mallory.memberships.get(team__gallery=False).team.workspaces.create(name="Mine")
    response = mallory_client.post(f"/api/models/{private.id}/copy/", {"workspace": own.id}, format="json")
    assert response.status_code == 404
    assert not own.models.exists()
