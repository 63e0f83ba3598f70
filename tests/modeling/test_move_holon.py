"""Moving a holon re-parents its whole subtree; the other holarchies are untouched."""

from holarchy.modeling import selectors, services
from holarchy.modeling.models import Holon


def _tree(model, holarchy: str) -> dict:
    return next(h for h in selectors.draft_document(model)["holarchies"] if h["name"] == holarchy)


def test_move_subtree_keeps_its_children_and_components(alice_client, shop, holon):
    back, front = holon("logical/back"), holon("logical/front")
    physical_before = _tree(shop, "physical")

    response = alice_client.post(f"/api/holons/{back.pk}/move/", {"parent": front.pk}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["parent"] == front.pk and response.json()["depth"] == 2
    store = holon("logical/store")
    assert store.parent_id == back.pk and store.depth == 3
    assert store.path.startswith(holon("logical/back").path) and store.path.startswith(front.path)
    assert [h.key for h in selectors.subtree(front)] == ["front", "back", "store"]
    logical = _tree(shop, "logical")["root"]
    assert [c["id"] for c in logical["children"]] == ["front", "jobs"]
    moved = logical["children"][0]["children"][0]
    assert moved["id"] == "back" and moved["components"] == ["cache"]
    assert (moved["children"][0]["id"], moved["children"][0]["components"]) == ("store", ["db"])
    assert _tree(shop, "physical") == physical_before


def test_move_changes_the_boundary(alice_client, shop, holon):
    m3, rack_a = holon("physical/m3"), holon("physical/rack-a")
    assert selectors.black_box(rack_a)["links"] == 3  # api<->cache, worker->db, cache->db

    alice_client.post(f"/api/holons/{m3.pk}/move/", {"parent": rack_a.pk}, format="json")

    assert selectors.black_box(holon("physical/rack-a"))["links"] == 0
    assert selectors.subtree(holon("physical/rack-b")).count() == 1


def test_cannot_move_under_itself_or_a_descendant(alice_client, shop, holon):
    back, store = holon("logical/back"), holon("logical/store")

    for parent in (back, store):
        response = alice_client.post(f"/api/holons/{back.pk}/move/", {"parent": parent.pk}, format="json")
        assert response.status_code == 400
        assert "parent" in response.json()
    assert holon("logical/back").path == back.path


def test_cannot_move_into_another_holarchy(alice_client, shop, holon):
    response = alice_client.post(
        f"/api/holons/{holon('logical/jobs').pk}/move/", {"parent": holon("physical/rack-a").pk}, format="json"
    )

    assert response.status_code == 400
    assert "parent" in response.json()


def test_a_move_the_levels_do_not_allow_is_rolled_back(alice_client, shop, holon):
    rack_b, rack_a = holon("physical/rack-b"), holon("physical/rack-a")
    before = list(Holon.objects.filter(holarchy=rack_b.holarchy).values_list("key", "parent_id", "path", "depth"))

    response = alice_client.post(f"/api/holons/{rack_b.pk}/move/", {"parent": rack_a.pk}, format="json")

    assert response.status_code == 400
    assert "levels" in response.json()["parent"][0]
    after = list(Holon.objects.filter(holarchy=rack_b.holarchy).values_list("key", "parent_id", "path", "depth"))
    assert after == before


def test_reviewer_cannot_move_and_outsider_cannot_see(bob_client, mallory_client, shop, holon):
    back, front = holon("logical/back"), holon("logical/front")

    assert bob_client.post(f"/api/holons/{back.pk}/move/", {"parent": front.pk}, format="json").status_code == 403
    assert mallory_client.post(f"/api/holons/{back.pk}/move/", {"parent": front.pk}, format="json").status_code == 404
    assert holon("logical/back").parent_id == back.parent_id


def test_a_move_beyond_the_depth_limit_is_refused(alice_client, workspace):
    chain: dict = {"id": "d30", "components": ["a"]}
    for i in reversed(range(1, 30)):
        chain = {"id": f"d{i}", "children": [chain]}
    document = {
        "format": "holarchy/v1",
        "name": "Deep",
        "components": [{"id": "a", "behavior": "server"}, {"id": "b", "behavior": "server"}],
        "holarchies": [
            {
                "name": "deep",
                "root": {"id": "d0", "children": [chain, {"id": "x", "children": [{"id": "y", "components": ["b"]}]}]},
            }
        ],
    }
    model = services.import_model_document(workspace=workspace, document=document)
    x, bottom = (Holon.objects.get(holarchy__model=model, key=k) for k in ("x", "d30"))

    response = alice_client.post(f"/api/holons/{x.pk}/move/", {"parent": bottom.pk}, format="json")

    assert response.status_code == 400
    assert "deeper than 32" in response.json()["parent"][0]
    x.refresh_from_db()
    assert x.depth == 1
