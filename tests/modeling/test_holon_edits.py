"""Adding, renaming and removing holons; every edit leaves a valid draft or changes nothing."""

from holarchy.modeling import selectors
from holarchy.modeling.models import Holon


def test_add_a_holon_under_a_parent(alice_client, shop, holon):
    rack_b = holon("physical/rack-b")

    response = alice_client.post("/api/holons/", {"parent": rack_b.pk, "key": "m4", "name": "Machine 4"}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["key"], body["name"], body["depth"], body["holarchy"]) == ("m4", "Machine 4", 2, rack_b.holarchy_id)
    assert [h.key for h in selectors.subtree(rack_b)] == ["rack-b", "m3", "m4"]


def test_a_holon_deeper_than_the_levels_is_refused(alice_client, shop, holon):
    response = alice_client.post("/api/holons/", {"parent": holon("physical/m1").pk, "key": "cpu"}, format="json")

    assert response.status_code == 400
    assert "levels" in response.json()["parent"][0]
    assert not Holon.objects.filter(key="cpu").exists()


def test_duplicate_holon_key_is_refused(alice_client, shop, holon):
    response = alice_client.post("/api/holons/", {"parent": holon("physical/rack-b").pk, "key": "m1"}, format="json")

    assert response.status_code == 400
    assert Holon.objects.filter(key="m1").count() == 1


def test_rename_display_name_and_key(alice_client, shop, holon):
    m1 = holon("physical/m1")

    response = alice_client.patch(f"/api/holons/{m1.pk}/", {"key": "web-1", "name": "Web 1"}, format="json")

    assert response.status_code == 200, response.json()
    m1.refresh_from_db()
    assert (m1.key, m1.name, m1.parent_id) == ("web-1", "Web 1", holon("physical/rack-a").pk)


def test_renaming_a_key_an_slo_refers_to_leaves_a_pending_reference(alice_client, shop, holon):
    back = holon("logical/back")

    response = alice_client.patch(f"/api/holons/{back.pk}/", {"key": "backend"}, format="json")

    assert response.status_code == 200, response.json()
    report = alice_client.get(f"/api/models/{shop.pk}/check/").json()
    assert (report["valid"], report["errors"]) == (False, [])
    assert [w["path"] for w in report["warnings"]] == ["slos/0/holon"]
    assert alice_client.post(f"/api/models/{shop.pk}/versions/", {}, format="json").status_code == 400


def test_a_bad_holon_key_is_refused_with_the_field(alice_client, shop, holon):
    response = alice_client.patch(f"/api/holons/{holon('logical/back').pk}/", {"key": "Not An Id"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "key"
    assert holon("logical/back").key == "back"


def test_removing_a_holon_moves_its_contents_up(alice_client, shop, holon):
    back, app = holon("logical/back"), holon("logical/app")

    response = alice_client.delete(f"/api/holons/{holon('logical/front').pk}/")
    assert response.status_code == 204

    assert [c.key for c in app.children.order_by("position")] == ["back", "jobs"]
    assert app.placements.get().component.key == "api"
    # Removing "store" lifts db into back.
    assert alice_client.delete(f"/api/holons/{holon('logical/store').pk}/").status_code == 204
    assert sorted(back.placements.values_list("component__key", flat=True)) == ["cache", "db"]


def test_removing_a_level_in_the_middle_keeps_the_paths_consistent(alice_client, shop, holon):
    dc = holon("physical/dc")

    assert alice_client.delete(f"/api/holons/{holon('physical/rack-a').pk}/").status_code == 204

    for h in selectors.subtree(dc):
        assert h.depth == len(h.path) // 8 - 1
        assert h.parent is None or (h.path.startswith(h.parent.path) and h.depth == h.parent.depth + 1)
    assert [h.key for h in dc.children.order_by("position")] == ["rack-b", "m1", "m2"]


def test_the_root_cannot_be_removed(alice_client, shop, holon):
    response = alice_client.delete(f"/api/holons/{holon('physical/dc').pk}/")

    assert response.status_code == 400
    assert Holon.objects.filter(key="dc").exists()


def test_reviewer_cannot_edit_holons(bob_client, shop, holon):
    m1 = holon("physical/m1")

    assert bob_client.post("/api/holons/", {"parent": m1.parent_id, "key": "x"}, format="json").status_code == 403
    assert bob_client.patch(f"/api/holons/{m1.pk}/", {"name": "x"}, format="json").status_code == 403
    assert bob_client.delete(f"/api/holons/{m1.pk}/").status_code == 403
    assert bob_client.get(f"/api/holons/{m1.pk}/").status_code == 200


def test_outsider_cannot_see_or_edit_holons(mallory_client, shop, holon):
    m1 = holon("physical/m1")

    assert mallory_client.get(f"/api/holons/{m1.pk}/").status_code == 404
    assert mallory_client.patch(f"/api/holons/{m1.pk}/", {"name": "x"}, format="json").status_code == 404
    assert mallory_client.post("/api/holons/", {"parent": m1.parent_id, "key": "x"}, format="json").status_code == 400
    assert mallory_client.get("/api/holons/").json()["count"] == 0
