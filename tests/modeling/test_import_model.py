"""Importing a document creates the draft rows and version 1, in one step."""

import yaml

from holarchy.modeling.models import Component, Holon, Link, ModelVersion, Placement, SystemModel


def test_import_yaml_text_creates_draft_and_first_version(alice_client, workspace, shop_document):
    response = alice_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": yaml.safe_dump(shop_document)}, format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Shop"
    assert (body["components_count"], body["links_count"], body["holarchies_count"]) == (4, 4, 2)
    assert body["latest_version"] == 1
    model = SystemModel.objects.get(pk=body["id"])
    assert list(model.components.values_list("key", flat=True)) == ["api", "db", "cache", "worker"]
    assert Holon.objects.filter(holarchy__model=model).count() == 6 + 5
    assert Placement.objects.filter(holarchy__model=model).count() == 8
    assert ModelVersion.objects.get(model=model).created_by.username == "alice"


def test_import_json_object_with_a_new_name(alice_client, workspace, shop_document):
    response = alice_client.post(
        "/api/models/import/",
        {"workspace": workspace.pk, "document": shop_document, "name": "Shop copy"},
        format="json",
    )

    assert response.status_code == 201
    assert ModelVersion.objects.get(model_id=response.json()["id"]).document["name"] == "Shop copy"


def test_a_second_model_with_the_same_name_is_refused(alice_client, workspace, shop, shop_document):
    response = alice_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": shop_document}, format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()
    assert SystemModel.objects.count() == 1


def test_reviewer_cannot_import(bob_client, workspace, shop_document):
    response = bob_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": shop_document}, format="json"
    )

    assert response.status_code == 403
    assert not SystemModel.objects.exists()


def test_outsider_cannot_import_into_another_teams_workspace(mallory_client, workspace, shop_document):
    response = mallory_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": shop_document}, format="json"
    )

    assert response.status_code == 400
    assert "workspace" in response.json()
    assert not (SystemModel.objects.exists() or Component.objects.exists() or Link.objects.exists())


def test_replace_swaps_the_draft_and_keeps_versions(alice_client, shop, shop_document):
    shop_document["components"][0]["behavior"] = "idempotent_consumer"

    response = alice_client.post(f"/api/models/{shop.pk}/replace/", {"document": shop_document}, format="json")

    assert response.status_code == 200, response.json()
    assert shop.components.get(key="api").behavior == "idempotent_consumer"
    assert shop.versions.count() == 1
