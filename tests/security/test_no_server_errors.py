"""Inputs that once answered 500: each is now a 2xx or a 4xx naming what was wrong."""

import threading

import pytest
import yaml
from django.db import connection

from holarchy.api import MAX_PAGE_SIZE
from holarchy.modeling.models import Component


def test_a_holarchy_without_levels_is_created(alice_client, shop):
    body = {"model": shop.pk, "name": "flat", "root_key": "all"}
    response = alice_client.post("/api/holarchies/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["levels"] == []


def test_a_run_without_a_seed_uses_seed_0(alice_client, shop):
    response = alice_client.post("/api/runs/", {"version": shop.versions.get().pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["seed"] == 0


@pytest.mark.parametrize("against", [None, "", "abc", "1e30", "99999999999999999999999", "-1"])
def test_a_diff_needs_a_valid_against(alice_client, shop, against):
    version = shop.versions.get().pk
    response = alice_client.get(f"/api/versions/{version}/diff/", {} if against is None else {"against": against})
    assert response.status_code == 400 and "against" in response.json(), response.content


@pytest.mark.parametrize("url", ["/api/components/", "/api/links/", "/api/holarchies/", "/api/versions/", "/api/runs/",
                                 "/api/sweeps/", "/api/explorations/", "/api/studies/"])
@pytest.mark.parametrize("value", ["1e19", "10000000000000000000", "-10000000000000000000", "x"])
def test_ids_out_of_range_in_filters_are_refused(alice_client, shop, url, value):
    response = alice_client.get(url, {"model": value})
    assert response.status_code == 400 and "model" in response.json(), response.content


@pytest.mark.parametrize("url", ["/api/components/10000000000000000000/", "/api/holons/-1/", "/api/models/1e19/"])
def test_ids_out_of_range_in_paths_are_not_found(alice_client, shop, url):
    assert alice_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "params", [{"offset": "100000000000000000000"}, {"offset": "y"}, {"limit": str(MAX_PAGE_SIZE)}]
)
def test_page_sizes_are_bounded(alice_client, shop, params):
    response = alice_client.get("/api/holons/", params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) <= MAX_PAGE_SIZE


@pytest.mark.parametrize("limit", [str(MAX_PAGE_SIZE + 1), "100000", "100000000000000000000", "0", "-5", "x"])
def test_a_page_over_the_maximum_is_refused_naming_the_limit(alice_client, shop, limit):
    response = alice_client.get("/api/holons/", {"limit": limit})
    assert response.status_code == 400, response.content
    assert response.json() == {"limit": [f"a page holds from 1 to {MAX_PAGE_SIZE} rows (the maximum page size)"]}


def test_the_largest_page_holds_the_maximum_and_says_where_the_next_starts(alice_client, shop):

    Component.objects.bulk_create(
        Component(model=shop, key=f"extra-{i}", behavior="sink", position=1000 + i) for i in range(MAX_PAGE_SIZE + 1)
    )
    first = alice_client.get("/api/components/", {"model": shop.pk, "limit": MAX_PAGE_SIZE}).json()
    assert len(first["results"]) == MAX_PAGE_SIZE and first["count"] > MAX_PAGE_SIZE
    rest = alice_client.get(first["next"]).json()
    seen = {c["key"] for c in first["results"]} | {c["key"] for c in rest["results"]}
    assert len(seen) == first["count"]


@pytest.mark.parametrize("url", ["/api/models/987654321/export/?format=yaml", "/api/models/987654321/?format=yaml"])
def test_errors_render_as_yaml_too(alice_client, shop, url):
    response = alice_client.get(url)
    assert response.status_code == 404
    if response["Content-Type"].startswith("application/yaml"):
        assert yaml.safe_load(response.content) == {"detail": "No SystemModel matches the given query."}


def test_an_invalid_document_answers_in_yaml_when_asked(alice_client, shop):
    response = alice_client.get(f"/api/models/{shop.pk}/export/?format=yaml")
    assert response.status_code == 200 and yaml.safe_load(response.content)["name"] == "Shop"


@pytest.mark.parametrize("suffix", ["/api/models/{model}/export.json", "/api/models/{model}.json",
                                    "/api/holons/{holon}/white-box.json", "/api/runs.json", "/api/auth/teams.json"])
def test_format_suffixes_are_not_found(alice_client, shop, suffix):
    url = suffix.format(model=shop.pk, holon=shop.holarchies.first().holons.first().pk)
    response = alice_client.get(url)
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [101, 1000, 100_000])
@pytest.mark.parametrize("url", ["/api/workspaces/", "/api/components/", "/api/models/import/", "/api/runs/",
                                 "/api/auth/login/"])
def test_deeply_nested_json_bodies_are_refused(alice_client, shop, url, depth):
    response = alice_client.post(url, '{"x": ' + _nested(depth) + "}", content_type="application/json")
    assert response.status_code == 400, response.content
    assert "nested deeper than the limit of 100 levels" in response.json()["detail"]


@pytest.mark.parametrize("document", [_nested(1000), "a:\n" + "".join(f"{' ' * i}- \n" for i in range(1, 1000)),
                                      "{a: " * 1000 + "}" * 1000])
def test_deeply_nested_yaml_documents_are_refused(alice_client, shop, document):
    before = Component.objects.count()
    response = alice_client.post(f"/api/models/{shop.pk}/replace/", {"document": document}, format="json")
    assert response.status_code == 400, response.content
    assert "limit" in str(response.json()["document"])
    assert Component.objects.count() == before


def test_sqlite_waits_for_concurrent_writers(transactional_db, alice, workspace, django_user_model):
    """Eight clients editing at once: every edit succeeds (no "database is locked")."""
    if connection.vendor != "sqlite":
        pytest.skip("the busy timeout and WAL are SQLite's")
    from rest_framework.test import APIClient

    from holarchy.modeling import services
    from tests.modeling.conftest import SHOP

    model = services.import_model_document(workspace=workspace, document=SHOP, user=alice)
    component = model.components.get(key="api")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    statuses: list[int] = []

    def edit(n: int) -> None:
        client = APIClient()
        client.force_authenticate(alice)
        for i in range(3):
            state = ("durable", "volatile")[(n + i) % 2]
            edit = client.patch(f"/api/components/{component.pk}/", {"state": state}, format="json")
            statuses.append(edit.status_code)
            statuses.append(client.post(f"/api/models/{model.pk}/versions/", {}, format="json").status_code)
        from django.db import connections

        connections.close_all()

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 48 and set(statuses) <= {200, 201}, statuses
