"""Export then import gives back an identical model: for the fixture, every example, and generated models."""

from pathlib import Path

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from holarchy.modeling import documents, selectors, services
from holarchy.modeling.models import SystemModel

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def _exported(model: SystemModel) -> dict:
    return documents.canonical(selectors.draft_document(model))[0]


def test_export_is_the_canonical_imported_document(alice_client, shop, shop_document):
    response = alice_client.get(f"/api/models/{shop.pk}/export/")

    assert response.status_code == 200
    assert response.json() == documents.canonical(shop_document)[0]


def test_yaml_export_imports_back_to_the_same_model(alice_client, bob_client, workspace, shop):
    response = bob_client.get(f"/api/models/{shop.pk}/export/", {"format": "yaml"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    text = response.content.decode()
    copy = alice_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": text, "name": "Shop"}, format="json"
    )
    assert copy.status_code == 400  # same name in the same workspace
    copy = alice_client.post(
        "/api/models/import/", {"workspace": workspace.pk, "document": text, "name": "Copy"}, format="json"
    )
    assert copy.status_code == 201
    clone = SystemModel.objects.get(pk=copy.json()["id"])
    assert {**_exported(clone), "name": "Shop"} == _exported(shop) == yaml.safe_load(text)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_round_trips(workspace, path):
    text = path.read_text()

    model = services.import_model_document(workspace=workspace, document=text)

    canonical, digest = documents.canonical(documents.parse(text))
    assert _exported(model) == canonical
    assert model.versions.get().content_hash == digest


def test_there_are_examples():
    assert len(EXAMPLES) >= 3


# NUL and lone surrogates are refused: PostgreSQL cannot store them.
TEXT = st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"])
IDS = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
DELAYS = st.one_of(
    st.builds(lambda v: {"dist": "fixed", "value": v}, st.integers(0, 50)),
    st.builds(
        lambda a, b: {"dist": "uniform", "low": min(a, b), "high": max(a, b)}, st.integers(0, 9), st.integers(0, 9)
    ),
    st.builds(lambda m, b: {"dist": "exponential", "mean": m, "bound": b}, st.integers(1, 20), st.none() | st.just(99)),
)


@st.composite
def holarchy_trees(draw, name: str, components: list[str]) -> dict:
    """A random tree; each component placed in a random holon; levels declared deep enough (or not at all)."""
    count = draw(st.integers(1, 8))
    holons = [
        {"id": f"{name}-h{i}", "name": draw(st.none() | st.text(TEXT, min_size=1, max_size=20))} for i in range(count)
    ]
    depth = {0: 0}
    for i in range(1, count):
        parent = draw(st.integers(0, i - 1))
        depth[i] = depth[parent] + 1
        holons[parent].setdefault("children", []).append(holons[i])
    for component in components:
        holons[draw(st.integers(0, count - 1))].setdefault("components", []).append(component)
    for holon in holons:
        if holon["name"] is None:
            del holon["name"]
    levels = [f"l{i}" for i in range(max(depth.values()) + 1)] if draw(st.booleans()) else []
    return {"name": name, "levels": levels, "root": holons[0]}


@st.composite
def model_documents(draw) -> dict:
    components = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    pairs = [(a, b) for a in components for b in components if a != b]
    links = []
    for source, target in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8)) if pairs else []:
        if any({link["from"], link["to"]} == {source, target} for link in links):
            continue
        link = {"from": source, "to": target}
        for key, values in (
            ("loss", st.floats(0, 1)),
            ("duplication", st.floats(0, 1)),
            ("reorder", st.booleans()),
            ("bidirectional", st.booleans()),
            ("delay", DELAYS),
        ):
            if draw(st.booleans()):
                link[key] = draw(values)
        links.append(link)
    names = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    return {
        "format": "holarchy/v1",
        "name": draw(st.text(TEXT, min_size=1, max_size=40).filter(str.strip)),
        "description": draw(st.text(TEXT, max_size=60)),
        "components": [
            {
                "id": c,
                "behavior": draw(st.sampled_from(["server", "kv.primary", "idempotent_consumer"])),
                "state": draw(st.sampled_from(["durable", "volatile"])),
            }
            for c in components
        ],
        "links": links,
        "holarchies": [draw(holarchy_trees(name, components)) for name in names],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=model_documents())
def test_generated_models_round_trip(workspace, document):
    with transaction.atomic():
        model = services.import_model_document(workspace=workspace, document=document)
        assert _exported(model) == documents.canonical(document)[0]
        transaction.set_rollback(True)
