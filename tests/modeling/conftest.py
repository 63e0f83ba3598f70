"""Modeling fixtures: a small system arranged by two holarchies, imported into acme's workspace.

Physical: dc > (rack-a > (m1: api, m2: db), rack-b > (m3: cache, worker)).
Logical:  app > (front: api, back > (store: db, cache), jobs: worker).
"""

import copy

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import Holon, SystemModel

SHOP = {
    "format": "holarchy/v1",
    "name": "Shop",
    "description": "An API with a database, a cache and a background worker.",
    "components": [
        {"id": "api", "behavior": "server"},
        {"id": "db", "behavior": "kv.primary", "state": "durable"},
        {"id": "cache", "behavior": "server"},
        {"id": "worker", "behavior": "server"},
    ],
    "links": [
        {"from": "api", "to": "db", "loss": 0.01},
        {"from": "api", "to": "cache", "bidirectional": True},
        {"from": "worker", "to": "db", "reorder": True},
        {"from": "cache", "to": "db"},
    ],
    "holarchies": [
        {
            "name": "physical",
            "levels": ["dc", "rack", "machine"],
            "root": {
                "id": "dc",
                "name": "Data centre",
                "children": [
                    {
                        "id": "rack-a",
                        "children": [{"id": "m1", "components": ["api"]}, {"id": "m2", "components": ["db"]}],
                    },
                    {"id": "rack-b", "children": [{"id": "m3", "components": ["cache", "worker"]}]},
                ],
            },
        },
        {
            "name": "logical",
            "levels": ["system", "tier", "service", "part"],
            "root": {
                "id": "app",
                "children": [
                    {"id": "front", "components": ["api"]},
                    {"id": "back", "children": [{"id": "store", "components": ["db"]}], "components": ["cache"]},
                    {"id": "jobs", "components": ["worker"]},
                ],
            },
        },
    ],
    "properties": {"safety": [{"name": "db-up", "always": "component['db'].up or True"}]},
    "slos": [
        {
            "name": "back-availability",
            "holarchy": "logical",
            "holon": "back",
            "sli": "availability",
            "objective": 0.99,
            "window": 1000,
        }
    ],
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are created in almost every test; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shop_document() -> dict:
    return copy.deepcopy(SHOP)


@pytest.fixture
def shop(workspace, alice, shop_document) -> SystemModel:
    return services.import_model_document(workspace=workspace, document=shop_document, user=alice)


@pytest.fixture
def holon(shop):
    """Look a holon up by ``holarchy/key``."""

    def find(ref: str) -> Holon:
        holarchy, key = ref.split("/")
        return Holon.objects.get(holarchy__model=shop, holarchy__name=holarchy, key=key)

    return find
