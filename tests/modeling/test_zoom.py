"""Zooming: the white box opens a holon, the black box shows only what crosses its boundary."""

import pytest

from holarchy.modeling import serializers

FIXED = {"dist": "fixed", "value": 1, "bound": None}


def _delivery(links: int, loss: float = 0.0, reorder: bool = False) -> dict:
    return {"loss": loss, "duplication": 0.0, "reorder": reorder, "delay": FIXED, "links": links}


def test_white_box_groups_links_between_children(alice_client, shop, holon):
    rack_a, rack_b = holon("physical/rack-a"), holon("physical/rack-b")

    body = alice_client.get(f"/api/holons/{holon('physical/dc').pk}/white-box/").json()

    assert serializers.WhiteBoxSerializer(data=body).is_valid(), "the schema describes the answer"
    assert [(c["key"], c["holons"], c["components"]) for c in body["children"]] == [("rack-a", 2, 0), ("rack-b", 1, 0)]
    assert body["components"] == []
    assert body["links"] == [
        {
            "from": {"holon": rack_a.pk},
            "to": {"holon": rack_b.pk},
            "bidirectional": True,
            "links": 1,
            "delivery": [_delivery(1)],
        },
        {
            "from": {"holon": rack_b.pk},
            "to": {"holon": rack_a.pk},
            "bidirectional": False,
            "links": 2,
            "delivery": [_delivery(1), _delivery(1, reorder=True)],
        },
    ]


def test_white_box_of_a_mixed_holon_shows_components_and_children(alice_client, shop, holon):
    body = alice_client.get(f"/api/holons/{holon('logical/back').pk}/white-box/").json()

    assert [c["key"] for c in body["children"]] == ["store"]
    assert [c["key"] for c in body["components"]] == ["cache"]
    assert body["links"] == [
        {
            "from": {"component": "cache"},
            "to": {"holon": holon("logical/store").pk},
            "bidirectional": False,
            "links": 1,
            "delivery": [_delivery(1)],
        },
    ]


def test_white_box_of_a_leaf_lists_its_components(alice_client, shop, holon):
    body = alice_client.get(f"/api/holons/{holon('physical/m3').pk}/white-box/").json()

    assert body["children"] == []
    assert [c["key"] for c in body["components"]] == ["cache", "worker"]
    assert body["links"] == []


def test_black_box_aggregates_by_the_holon_on_the_other_side(alice_client, shop, holon):
    body = alice_client.get(f"/api/holons/{holon('physical/m2').pk}/black-box/").json()

    assert serializers.BlackBoxSerializer(data=body).is_valid(), "the schema describes the answer"
    assert body["links"] == 3
    assert [(i["holon"]["key"], i["direction"], i["links"]) for i in body["interface"]] == [
        ("m1", "in", 1),
        ("rack-b", "in", 2),
    ]
    assert body["interface"][0]["delivery"] == [_delivery(1, loss=0.01)]


def test_black_box_shows_bidirectional_links_and_the_holons_slos(alice_client, shop, holon):
    body = alice_client.get(f"/api/holons/{holon('logical/back').pk}/black-box/").json()

    assert sorted((i["holon"]["key"], i["direction"], i["links"]) for i in body["interface"]) == [
        ("front", "both", 1),
        ("front", "in", 1),
        ("jobs", "in", 1),
    ]
    assert [s["name"] for s in body["slos"]] == ["back-availability"]


def test_the_root_has_no_external_interface(alice_client, shop, holon):
    body = alice_client.get(f"/api/holons/{holon('logical/app').pk}/black-box/").json()

    assert (body["links"], body["interface"]) == (0, [])


@pytest.mark.parametrize("view", ["white-box", "black-box"])
def test_outsider_cannot_zoom(mallory_client, shop, holon, view):
    assert mallory_client.get(f"/api/holons/{holon('logical/back').pk}/{view}/").status_code == 404


def test_subtree_filter_lists_descendants(alice_client, shop, holon):
    body = alice_client.get("/api/holons/", {"within": holon("physical/rack-a").pk}).json()

    assert [h["key"] for h in body["results"]] == ["rack-a", "m1", "m2"]
