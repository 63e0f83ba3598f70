"""Two holarchies arrange the same components; each edit keeps every holarchy complete."""

from holarchy.modeling import services
from holarchy.modeling.models import Component, Holarchy, Placement


def _placements(component: Component) -> dict[str, str]:
    return {p.holarchy.name: p.holon.key for p in component.placements.select_related("holarchy", "holon")}


def test_every_component_sits_once_in_each_holarchy(alice_client, shop):
    body = alice_client.get("/api/components/", {"model": shop.pk}).json()

    assert [len(c["placements"]) for c in body["results"]] == [2, 2, 2, 2]
    assert _placements(shop.components.get(key="cache")) == {"physical": "m3", "logical": "back"}


def test_placing_in_one_holarchy_leaves_the_other_alone(alice_client, shop, holon):
    cache = shop.components.get(key="cache")

    response = alice_client.post(
        f"/api/holons/{holon('logical/jobs').pk}/place/", {"component": cache.pk}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert _placements(cache) == {"physical": "m3", "logical": "jobs"}


def test_a_new_component_must_be_placed_in_every_holarchy(alice_client, shop, holon):
    only_physical = {"model": shop.pk, "key": "queue", "behavior": "server", "holons": [holon("physical/m3").pk]}

    response = alice_client.post("/api/components/", only_physical, format="json")

    assert response.status_code == 400
    assert response.json() == {"holons": ["give one holon of each holarchy of the model: missing holarchy logical"]}
    assert not Component.objects.filter(key="queue").exists()

    both = {**only_physical, "holons": [holon("physical/m3").pk, holon("logical/jobs").pk]}
    response = alice_client.post("/api/components/", both, format="json")
    assert response.status_code == 201, response.json()
    assert _placements(Component.objects.get(key="queue")) == {"physical": "m3", "logical": "jobs"}


def test_removing_a_component_removes_it_from_both_holarchies(alice_client, shop):
    worker = shop.components.get(key="worker")

    assert alice_client.delete(f"/api/components/{worker.pk}/").status_code == 204

    assert not Placement.objects.filter(component_id=worker.pk).exists()
    assert not shop.links.filter(source_id=worker.pk).exists()


def test_a_new_holarchy_starts_with_every_component_in_its_root(alice_client, shop):
    response = alice_client.post(
        "/api/holarchies/",
        {"model": shop.pk, "name": "ownership", "levels": ["org", "team"], "root_key": "org"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    holarchy = Holarchy.objects.get(pk=response.json()["id"])
    assert response.json()["root"] == holarchy.holons.get().pk
    assert holarchy.placements.count() == 4
    team = alice_client.post("/api/holons/", {"parent": response.json()["root"], "key": "core"}, format="json")
    assert team.status_code == 201
    for component in shop.components.all():
        alice_client.post(f"/api/holons/{team.json()['id']}/place/", {"component": component.pk}, format="json")
    assert set(holarchy.placements.values_list("holon__key", flat=True)) == {"core"}
    assert _placements(shop.components.get(key="api")) == {"physical": "m1", "logical": "front", "ownership": "core"}


def test_removing_a_holarchy_an_slo_refers_to_leaves_pending_references(alice_client, shop):
    logical = shop.holarchies.get(name="logical")

    response = alice_client.delete(f"/api/holarchies/{logical.pk}/")

    assert response.status_code == 204
    assert shop.holarchies.count() == 1
    warnings = alice_client.get(f"/api/models/{shop.pk}/check/").json()["warnings"]
    assert "slos/0/holarchy" in [w["path"] for w in warnings]


def test_a_component_of_another_model_cannot_be_placed(alice_client, workspace, shop, shop_document, holon):
    other = services.import_model_document(workspace=workspace, document=shop_document, name="Other")

    response = alice_client.post(
        f"/api/holons/{holon('logical/jobs').pk}/place/", {"component": other.components.first().pk}, format="json"
    )

    assert response.status_code == 400
    assert "component" in response.json()
