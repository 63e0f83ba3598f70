"""Hostile documents and bodies: each a clear 4xx naming the limit, in under a second of CPU and 100 MiB of
memory, with nothing written; odd but storable text is stored and shown as text.

The numbers of each case (CPU seconds, Python heap peak measured with tracemalloc) are written to
test-artifacts/hostile-inputs.json.
"""

import copy
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from holarchy.modeling.models import Component, Link, ModelVersion, SystemModel, Workspace
from tests.modeling.conftest import SHOP

LIMIT_SECONDS = 1.0
LIMIT_BYTES = 100 * 2**20
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "hostile-inputs.json"
RESULTS: dict[str, dict] = {}


def _laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines)


def _merge_bomb(levels: int = 20) -> str:
    lines = ["m0: &m0 {a: 1, b: 2}"]
    lines += [f"m{i}: &m{i} {{x{i}: *m{i - 1}, y{i}: *m{i - 1}}}" for i in range(1, levels + 1)]
    return "\n".join(lines)


DOCUMENTS = {  # YAML text given as a model document: (text, words the 400 must contain)
    "billion laughs (9 x 9 aliases)": (_laughs(), "limit"),
    "alias bomb of 2.5 KB (doubling mappings, 20 levels)": (_merge_bomb(), "limit"),
    "alias bomb with many aliases": (_laughs(levels=2, width=2000), "aliases"),
    "cyclic alias": ("a: &a [*a]", "cyclic"),
    "flow sequences nested 1,000 deep": ("[" * 1000 + "]" * 1000, "nested deeper"),
    "flow mappings nested 1,000 deep": ("{a: " * 1000 + "}" * 1000, "nested deeper"),
    "block sequences nested 500 deep": ("a:\n" + "".join(f"{' ' * i}-\n" for i in range(1, 500)), "nested deeper"),
    "document just over the size limit (300 KB)": ("x: " + "y" * 300_000, "larger than the limit"),
    "120,000 nodes in 240 KB": ("[" + "1," * 120_000 + "1]", "nodes"),
    "not YAML, and long": ("a: [" + "x" * 200_000 + "\n- : :", "not valid YAML"),
}


@pytest.fixture
def measure(alice_client, shop):
    """Call ``request(client)`` twice (once timed, once with tracemalloc), asserting nothing is written."""

    def rows():
        return [m.objects.count() for m in (Workspace, SystemModel, ModelVersion, Component, Link)]

    def run(name: str, request):
        before = rows()
        start = time.process_time()
        response = request(alice_client)
        seconds = time.process_time() - start
        tracemalloc.start()
        request(alice_client)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        RESULTS[name] = {"status": response.status_code, "cpu_seconds": round(seconds, 3), "peak_bytes": peak,
                         "answer_bytes": len(response.content)}
        assert 400 <= response.status_code < 500, (name, response.status_code, response.content[:300])
        assert rows() == before, f"{name}: rejected, yet rows were written"
        assert seconds < LIMIT_SECONDS, f"{name}: {seconds:.2f} s of CPU"
        assert peak < LIMIT_BYTES, f"{name}: {peak / 2**20:.0f} MiB"
        assert len(response.content) < 4000, f"{name}: the answer echoes the input ({len(response.content)} bytes)"
        _write_artifact()
        return response

    return run


def _write_artifact() -> None:
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(RESULTS, indent=1, sort_keys=True))


@pytest.mark.parametrize("entry", ["import", "replace"])
@pytest.mark.parametrize("case", DOCUMENTS)
def test_hostile_documents_are_refused_cheaply(measure, workspace, shop, case, entry):
    text, words = DOCUMENTS[case]
    if entry == "import":
        url, body = "/api/models/import/", {"workspace": workspace.pk, "document": text}
    else:
        url, body = f"/api/models/{shop.pk}/replace/", {"document": text}
    response = measure(f"{case} ({entry})", lambda client: client.post(url, body, format="json"))
    assert words in json.dumps(response.json()), response.content[:300]
    assert shop.components.count() == 4


def _write_urls(shop) -> list[tuple[str, str]]:
    """Every JSON write entry point of the modeling and job APIs, on acme's objects."""
    holon = shop.holarchies.get(name="physical").holons.exclude(parent=None).first()
    ids = {"models": shop.pk, "components": shop.components.first().pk, "links": shop.links.first().pk,
           "holarchies": shop.holarchies.first().pk, "holons": holon.pk, "workspaces": shop.workspace_id}
    urls = [("post", f"/api/{name}/") for name in ("workspaces", "components", "links", "holarchies", "holons",
                                                    "runs", "sweeps", "studies", "explorations")]
    urls += [(method, f"/api/{name}/{pk}/") for name, pk in ids.items() for method in ("put", "patch")]
    urls += [("post", f"/api/models/{shop.pk}/{action}/") for action in ("replace", "versions")]
    urls += [("post", f"/api/holons/{holon.pk}/{action}/") for action in ("move", "place")]
    urls += [("post", "/api/models/import/"), ("post", "/api/auth/login/"), ("post", "/api/auth/password-reset/")]
    return urls


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deep_json_is_refused_at_every_entry_point(measure, shop, depth):
    body = '{"document": ' + "[" * depth + "]" * depth + "}"
    for method, url in _write_urls(shop):
        response = measure(f"JSON nested {depth:,} deep: {method.upper()} {url}",
                           lambda client, m=method, u=url: getattr(client, m)(u, body, content_type="application/json"))
        assert "nested deeper than the limit of 100 levels" in response.json()["detail"]


def test_an_oversized_body_is_refused_before_it_is_read(measure, workspace):
    body = json.dumps({"workspace": workspace.pk, "document": "x: " + "y" * 3_000_000})
    response = measure("body of 3 MB", lambda client: client.post("/api/models/import/", body,
                                                                  content_type="application/json"))
    assert response.status_code == 413 and "larger than the limit" in response.json()["detail"]


@pytest.mark.parametrize("text", ["\\ud800", "nul\\u0000byte"])
def test_text_the_database_cannot_store_is_refused(measure, shop, text):
    body = '{"description": "' + text + '"}'
    response = measure(f"unstorable text {text}", lambda client: client.patch(
        f"/api/models/{shop.pk}/", body, content_type="application/json"))
    assert response.status_code == 400


def test_a_huge_value_is_quoted_as_an_excerpt(measure, shop):
    shop_document = copy.deepcopy(SHOP)
    shop_document["links"].append({"from": "x" * 100_000, "to": "api"})
    response = measure("link from a component named by 100,000 characters", lambda client: client.post(
        f"/api/models/{shop.pk}/replace/", {"document": shop_document}, format="json"))
    assert "…" in response.content.decode()


def test_odd_but_storable_text_is_stored_as_it_is(alice_client, shop):
    name = "\u202eevil\u202c <script>alert(1)</script> 🧨 ﷽"
    response = alice_client.patch(f"/api/models/{shop.pk}/", {"description": name}, format="json")
    assert response.status_code == 200 and response.json()["description"] == name
    exported = alice_client.get(f"/api/models/{shop.pk}/export/?format=yaml")
    assert exported.status_code == 200 and "<script>alert(1)</script>" in exported.content.decode()
