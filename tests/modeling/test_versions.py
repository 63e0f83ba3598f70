"""Versions freeze the draft with a content hash; they never change; diffs compare two of them."""

from holarchy.modeling import documents, selectors, serializers
from holarchy.modeling.models import ModelVersion


def test_saving_freezes_the_draft(alice_client, shop):
    alice_client.patch(f"/api/components/{shop.components.get(key='api').pk}/", {"state": "durable"}, format="json")

    response = alice_client.post(f"/api/models/{shop.pk}/versions/", {"message": "durable api"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["message"], body["created_by"]) == (2, "durable api", "alice")
    document, digest = documents.canonical(selectors.draft_document(shop))
    assert (body["document"], body["content_hash"]) == (document, digest)
    assert body["content_hash"] != ModelVersion.objects.get(model=shop, number=1).content_hash


def test_saving_an_unchanged_draft_returns_the_latest_version(alice_client, shop):
    response = alice_client.post(f"/api/models/{shop.pk}/versions/", {}, format="json")

    assert response.status_code == 200
    assert response.json()["number"] == 1
    assert shop.versions.count() == 1


def test_a_version_does_not_follow_later_draft_edits(alice_client, shop):
    before = ModelVersion.objects.get(model=shop).document

    alice_client.delete(f"/api/links/{shop.links.first().pk}/")

    assert ModelVersion.objects.get(model=shop).document == before
    assert len(before["links"]) == 4


def test_versions_are_read_only(alice_client, shop):
    version = shop.versions.get()

    assert alice_client.patch(f"/api/versions/{version.pk}/", {"message": "x"}, format="json").status_code == 405
    assert alice_client.delete(f"/api/versions/{version.pk}/").status_code == 405
    assert alice_client.post("/api/versions/", {"model": shop.pk}, format="json").status_code == 405


def test_diff_lists_structural_changes_by_id(alice_client, shop, holon):
    alice_client.post(
        f"/api/holons/{holon('logical/back').pk}/move/", {"parent": holon("logical/front").pk}, format="json"
    )
    alice_client.delete(f"/api/links/{shop.links.get(source__key='worker').pk}/")
    alice_client.patch(f"/api/components/{shop.components.get(key='db').pk}/", {"state": "volatile"}, format="json")
    alice_client.patch(
        f"/api/models/{shop.pk}/", {"sections": {"properties": {"safety": [], "liveness": []}}}, format="json"
    )
    v2 = alice_client.post(f"/api/models/{shop.pk}/versions/", {}, format="json").json()
    v1 = shop.versions.get(number=1)

    response = alice_client.get(f"/api/versions/{v2['id']}/diff/", {"against": v1.pk})

    assert response.status_code == 200
    assert serializers.VersionDiffSerializer(data=response.json()).is_valid()
    changes = response.json()["changes"]
    assert changes["links"] == {"added": [], "removed": ["worker->db"], "changed": []}
    assert changes["components"]["changed"] == [
        {"id": "db", "changes": {"state": {"from": "durable", "to": "volatile"}}}
    ]
    assert changes["holons"]["changed"] == [
        {"id": "logical/back", "changes": {"parent": {"from": "app", "to": "front"}}}
    ]
    assert changes["properties"] == {"added": [], "removed": ["safety/db-up"], "changed": []}
    assert changes["holarchies"] == changes["scenarios"] == {"added": [], "removed": [], "changed": []}


def test_diff_needs_a_version_of_the_same_model(alice_client, workspace, shop, shop_document):
    other = alice_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": shop_document, "name": "Other"}, format="json"
    ).json()
    other_version = ModelVersion.objects.get(model_id=other["id"])

    response = alice_client.get(f"/api/versions/{shop.versions.get().pk}/diff/", {"against": other_version.pk})

    assert response.status_code == 400


def test_reviewer_reads_versions_but_cannot_save(bob_client, mallory_client, shop):
    assert bob_client.get("/api/versions/", {"model": shop.pk}).json()["count"] == 1
    assert bob_client.post(f"/api/models/{shop.pk}/versions/", {}, format="json").status_code == 403
    assert mallory_client.get(f"/api/versions/{shop.versions.get().pk}/").status_code == 404
