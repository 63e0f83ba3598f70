"""Every write needs a write role (bob, a reviewer, gets 403); outsiders (mallory) see nothing (404)."""

import pytest

from holarchy.modeling import selectors


def _targets(shop, holon) -> dict[str, tuple[str, str, dict]]:
    """One write per endpoint: (method, url, body)."""
    m1 = holon("physical/m1").pk
    return {
        "model": ("patch", f"/api/models/{shop.pk}/", {"description": "x"}),
        "model replace": ("post", f"/api/models/{shop.pk}/replace/", {"document": selectors.draft_document(shop)}),
        "model versions": ("post", f"/api/models/{shop.pk}/versions/", {}),
        "component": ("patch", f"/api/components/{shop.components.get(key='api').pk}/", {"state": "durable"}),
        "link": ("patch", f"/api/links/{shop.links.first().pk}/", {"loss": 0.5}),
        "holarchy": (
            "patch",
            f"/api/holarchies/{shop.holarchies.get(name='physical').pk}/",
            {"levels": ["a", "b", "c"]},
        ),
        "holon": ("patch", f"/api/holons/{m1}/", {"name": "x"}),
        "holon move": ("post", f"/api/holons/{m1}/move/", {"parent": holon("physical/rack-b").pk}),
        "holon place": ("post", f"/api/holons/{m1}/place/", {"component": shop.components.get(key="db").pk}),
    }


def _write(client, method: str, url: str, body: dict):
    return getattr(client, method)(url, body, format="json")


TARGETS = [
    "model",
    "model replace",
    "model versions",
    "component",
    "link",
    "holarchy",
    "holon",
    "holon move",
    "holon place",
]


@pytest.mark.parametrize("target", TARGETS)
def test_owner_may_write(alice_client, shop, holon, target):
    assert _write(alice_client, *_targets(shop, holon)[target]).status_code in (200, 201)


@pytest.mark.parametrize("target", TARGETS)
def test_reviewer_may_not_write(bob_client, shop, holon, target):
    before = selectors.draft_document(shop)

    assert _write(bob_client, *_targets(shop, holon)[target]).status_code == 403
    assert selectors.draft_document(shop) == before


@pytest.mark.parametrize("target", TARGETS)
def test_outsider_may_not_even_see(mallory_client, shop, holon, target):
    method, url, body = _targets(shop, holon)[target]

    assert _write(mallory_client, method, url, body).status_code == 404
    assert mallory_client.get(url).status_code in (404, 405)


@pytest.mark.parametrize(
    "url", ["/api/models/", "/api/components/", "/api/links/", "/api/holarchies/", "/api/holons/", "/api/versions/"]
)
def test_outsider_lists_are_empty(mallory_client, bob_client, shop, url):
    assert mallory_client.get(url).json()["count"] == 0
    assert bob_client.get(url).json()["count"] > 0
