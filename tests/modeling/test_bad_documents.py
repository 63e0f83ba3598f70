"""A corpus of bad documents: each is a 400 naming the offending field, and nothing is written."""

import copy
import json

import pytest

from holarchy.modeling.models import Component, Holon, ModelVersion, SystemModel

from .conftest import SHOP


def _deep(n: int) -> dict:
    """A chain of n holons, the last holding every component."""
    holon: dict = {"id": f"h{n - 1}", "components": ["api", "db", "cache", "worker"]}
    for i in reversed(range(n - 1)):
        holon = {"id": f"h{i}", "children": [holon]}
    return holon


def _edit(path: str, value) -> dict:
    """SHOP with one field replaced; ``path`` is slash-separated like the error paths."""
    doc = copy.deepcopy(SHOP)
    *parents, last = path.split("/")
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value
    return doc


def _without(section: str) -> dict:
    doc = copy.deepcopy(SHOP)
    del doc[section]
    return doc


PHYSICAL = "holarchies/0/root"
LOGICAL = "holarchies/1/root"

# (case, document, expected error path: the first error path starts with it)
CORPUS = [
    ("yaml syntax", "format: holarchy/v1\nname: [unclosed\n", ""),
    ("yaml tabs", "format: holarchy/v1\n\tname: x\n", ""),
    ("top level is a list", "- just\n- a list\n", ""),
    ("top level is a number", "42", ""),
    ("wrong format tag", _edit("format", "holarchy/v0"), "format"),
    ("no name", _without("name"), ""),
    ("no components", _without("components"), ""),
    ("empty components", _edit("components", []), "components"),
    ("no holarchies", _without("holarchies"), ""),
    ("bad component id", _edit("components/0/id", "Api Server"), "components/0/id"),
    ("duplicate component id", _edit("components/1/id", "api"), "components/1/id"),
    ("unknown behavior", _edit("components/0/behavior", "teleporter"), "components/0/behavior"),
    ("unknown behavior param", _edit("components/0/params", {"warp": 9}), "components/0/params/warp"),
    ("missing required param", _edit("components/0/behavior", "client"), "components/0/params"),
    ("bad durability", _edit("components/1/state", "forever"), "components/1/state"),
    ("dangling link source", _edit("links/0/from", "ghost"), "links/0/from"),
    ("dangling link target", _edit("links/0/to", "ghost"), "links/0/to"),
    ("self link", _edit("links/0/to", "api"), "links/0"),
    ("duplicate link", _edit("links/3", {"from": "api", "to": "db"}), "links/3"),
    ("loss above one", _edit("links/0/loss", 1.5), "links/0/loss"),
    ("negative duplication", _edit("links/0/duplication", -0.1), "links/0/duplication"),
    ("loss not a number", _edit("links/0/loss", "often"), "links/0/loss"),
    ("unknown delay distribution", _edit("links/0/delay", {"dist": "lognormal", "value": 1}), "links/0/delay"),
    ("uniform delay low above high", _edit("links/0/delay", {"dist": "uniform", "low": 5, "high": 1}), "links/0/delay"),
    ("component missing from a holarchy", _edit(f"{LOGICAL}/children/2/components", []), LOGICAL),
    (
        "component placed twice",
        _edit(f"{PHYSICAL}/children/1/children/0/components", ["cache", "worker", "api"]),
        f"{PHYSICAL}/children/1/children/0/components/2",
    ),
    (
        "unknown component placed",
        _edit(f"{LOGICAL}/children/2/components", ["worker", "ghost"]),
        f"{LOGICAL}/children/2/components/1",
    ),
    ("duplicate holon id", _edit(f"{PHYSICAL}/children/1/id", "rack-a"), f"{PHYSICAL}/children/1/id"),
    ("duplicate holarchy name", _edit("holarchies/1/name", "physical"), "holarchies/1/name"),
    ("deeper than the levels", _edit("holarchies/0/levels", ["dc", "rack"]), PHYSICAL),
    ("deeper than the depth limit", _edit("holarchies/0", {"name": "deep", "root": _deep(40)}), "holarchies/0/root"),
    ("too many levels", _edit("holarchies/0/levels", [f"l{i}" for i in range(33)]), "holarchies/0/levels"),
    ("expression too long", _edit("properties/safety/0/always", "1 + " * 600 + "1"), "properties/safety/0/always"),
    ("holon without id", _edit(f"{PHYSICAL}/children/0", {"children": []}), f"{PHYSICAL}/children/0"),
    ("bad safety expression", _edit("properties/safety/0/always", "import os"), "properties/safety/0/always"),
    ("forbidden dunder", _edit("properties/safety/0/always", "components.__class__"), "properties/safety/0/always"),
    ("unknown function", _edit("properties/safety/0/always", "open('/etc/passwd')"), "properties/safety/0/always"),
    ("slo on unknown holon", _edit("slos/0/holon", "nowhere"), "slos/0/holon"),
    ("slo on unknown holarchy", _edit("slos/0/holarchy", "imaginary"), "slos/0/holarchy"),
    ("slo objective above one", _edit("slos/0/objective", 1.2), "slos/0/objective"),
    ("latency slo without threshold", _edit("slos/0/sli", "latency"), "slos/0/threshold"),
    ("NUL character", _edit("description", "bad\x00byte"), "description"),
    ("lone surrogate", _edit("description", "\ud800"), "description"),
    ("unknown top-level section", _edit("colour", "blue"), ""),
]


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize(("document", "path"), [(d, p) for _, d, p in CORPUS], ids=[c for c, _, _ in CORPUS])
def test_bad_document_is_rejected_with_the_offending_path(alice_client, workspace, document, path):
    body = json.dumps({"workspace": workspace.pk, "document": document})  # ASCII escapes carry any string

    response = alice_client.post("/api/models/import/", body, content_type="application/json")

    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert errors and all(e["message"] for e in errors)
    assert any(e["path"].startswith(path) for e in errors), errors
    assert not SystemModel.objects.exists()
    assert not (Component.objects.exists() or Holon.objects.exists() or ModelVersion.objects.exists())
