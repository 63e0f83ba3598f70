"""Components and links are edited one by one; the engine checks the draft after each edit."""

import json

from holarchy.modeling import services
from holarchy.modeling.models import Link


def test_change_a_components_behavior_and_durability(alice_client, shop):
    api = shop.components.get(key="api")

    response = alice_client.patch(
        f"/api/components/{api.pk}/", {"behavior": "idempotent_consumer", "state": "durable"}, format="json"
    )

    assert response.status_code == 200, response.json()
    api.refresh_from_db()
    assert (api.behavior, api.state) == ("idempotent_consumer", "durable")


def test_a_behavior_not_declared_yet_is_pending_until_a_version_is_saved(alice_client, shop):
    api = shop.components.get(key="api")

    response = alice_client.patch(f"/api/components/{api.pk}/", {"behavior": "teleporter"}, format="json")

    assert response.status_code == 200, response.json()
    pending = [{"path": "components/0/behavior", "message": "unknown behavior 'teleporter'"}]
    assert alice_client.get(f"/api/models/{shop.pk}/check/").json()["warnings"] == pending
    response = alice_client.post(f"/api/models/{shop.pk}/versions/", {}, format="json")
    assert (response.status_code, response.json()["errors"]) == (400, pending)
    assert shop.versions.count() == 1


def test_a_duplicate_component_key_is_a_field_error(alice_client, shop):
    response = alice_client.patch(f"/api/components/{shop.components.get(key='api').pk}/", {"key": "db"}, format="json")

    assert response.status_code == 400
    assert "key" in response.json()


def test_add_and_remove_a_link(alice_client, shop):
    worker, cache = shop.components.get(key="worker"), shop.components.get(key="cache")
    link = {
        "model": shop.pk,
        "source": worker.pk,
        "target": cache.pk,
        "loss": 0.2,
        "reorder": True,
        "delay": {"dist": "uniform", "low": 1, "high": 3},
    }

    response = alice_client.post("/api/links/", link, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["source_key"], body["target_key"], body["loss"], body["reorder"]) == ("worker", "cache", 0.2, True)
    assert alice_client.delete(f"/api/links/{body['id']}/").status_code == 204
    assert not Link.objects.filter(pk=body["id"]).exists()


def test_probability_outside_zero_one_is_a_field_error(alice_client, shop):
    link = shop.links.first()

    response = alice_client.patch(f"/api/links/{link.pk}/", {"loss": 1.5}, format="json")

    assert response.status_code == 400
    assert "loss" in response.json()


def test_a_duplicate_link_is_refused_and_not_written(alice_client, shop):
    api, db = shop.components.get(key="api"), shop.components.get(key="db")

    response = alice_client.post("/api/links/", {"model": shop.pk, "source": api.pk, "target": db.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "duplicate link api -> db"
    assert shop.links.count() == 4


def test_a_bad_delay_is_refused_with_its_path(alice_client, shop):
    link = shop.links.first()

    response = alice_client.patch(
        f"/api/links/{link.pk}/", {"delay": {"dist": "uniform", "low": 5, "high": 1}}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "links/0/delay"


def test_endpoints_must_belong_to_the_links_model(alice_client, workspace, shop, shop_document):
    other = services.import_model_document(workspace=workspace, document=shop_document, name="Other")
    api = shop.components.get(key="api")

    response = alice_client.post(
        "/api/links/", {"model": other.pk, "source": api.pk, "target": other.components.get(key="db").pk}, format="json"
    )

    assert response.status_code == 400
    assert "source" in response.json()


def test_links_filter_by_component(alice_client, shop):
    db = shop.components.get(key="db")

    body = alice_client.get("/api/links/", {"component": db.pk}).json()

    assert sorted(link["source_key"] for link in body["results"]) == ["api", "cache", "worker"]


def test_parameters_the_database_cannot_store_are_refused(alice_client, shop, holon):
    body = {
        "model": shop.pk,
        "key": "q",
        "behavior": "server",
        "params": {"note": "\ud800"},
        "holons": [holon("physical/m3").pk, holon("logical/jobs").pk],
    }

    response = alice_client.post("/api/components/", json.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "components/4/params/note"
    assert not shop.components.filter(key="q").exists()
