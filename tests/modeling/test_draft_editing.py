"""Building a model from nothing in any order, the draft's revision, its whole check, and edits that
check only what they touch."""

import copy

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import Component, Holon, Link, SystemModel
from simulations.engine.modelcode import loader


def _check(client, model) -> dict:
    response = client.get(f"/api/models/{model.pk}/check/")
    assert response.status_code == 200, response.json()
    return response.json()


def _revision(client, model) -> int:
    response = client.get(f"/api/models/{model.pk}/revision/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{response.json()["revision"]}"'
    return response.json()["revision"]


def test_a_blank_model_is_built_in_any_order_and_saved_once_complete(alice_client, workspace):
    response = alice_client.post("/api/models/", {"workspace": workspace.pk, "name": "Election"}, format="json")
    assert response.status_code == 201, response.json()
    model = SystemModel.objects.get(pk=response.json()["id"])
    assert (response.json()["latest_version"], response.json()["components_count"]) == (None, 0)
    report = _check(alice_client, model)
    assert (report["valid"], report["errors"]) == (False, [])
    assert {w["path"] for w in report["warnings"]} == {"components", "holarchies"}

    holarchy = alice_client.post("/api/holarchies/", {"model": model.pk, "name": "net", "root_key": "world"})
    assert holarchy.status_code == 201, holarchy.json()
    root = holarchy.json()["root"]
    # n1 names n2 as its peer before n2 exists: accepted, pending.
    n1 = {"model": model.pk, "key": "n1", "behavior": "leader_election.node", "params": {"peers": ["n2"]},
          "holons": [root]}
    assert alice_client.post("/api/components/", n1, format="json").status_code == 201
    report = _check(alice_client, model)
    assert report["warnings"] == [{"path": "components/0/params/peers", "message": "unknown component 'n2'"}]
    refused = alice_client.post(f"/api/models/{model.pk}/versions/", {}, format="json")
    assert (refused.status_code, refused.json()["errors"]) == (400, report["warnings"])

    n2 = {**n1, "key": "n2", "params": {"peers": ["n1"]}}
    assert alice_client.post("/api/components/", n2, format="json").status_code == 201
    assert _check(alice_client, model) == {"revision": _revision(alice_client, model), "valid": True,
                                           "errors": [], "warnings": []}
    assert alice_client.post(f"/api/models/{model.pk}/versions/", {}, format="json").status_code == 201


def test_a_blank_model_needs_a_free_valid_name(alice_client, workspace, shop):
    taken = alice_client.post("/api/models/", {"workspace": workspace.pk, "name": "Shop"}, format="json")
    assert (taken.status_code, list(taken.json())) == (400, ["name"])
    empty = alice_client.post("/api/models/", {"workspace": workspace.pk, "name": ""}, format="json")
    assert (empty.status_code, list(empty.json())) == (400, ["name"])
    assert SystemModel.objects.count() == 1


def test_every_write_moves_the_revision_on_and_a_stale_replace_is_refused(alice_client, shop, holon):
    start = _revision(alice_client, shop)
    api = shop.components.get(key="api")
    assert alice_client.patch(f"/api/components/{api.pk}/", {"state": "durable"}, format="json").status_code == 200
    assert alice_client.patch(f"/api/holons/{holon('physical/m1').pk}/", {"name": "M1"}).status_code == 200
    assert alice_client.patch(f"/api/models/{shop.pk}/", {"description": "d"}, format="json").status_code == 200
    now = _revision(alice_client, shop)
    assert now == start + 3
    assert alice_client.get(f"/api/models/{shop.pk}/").json()["revision"] == now

    document = alice_client.get(f"/api/models/{shop.pk}/export/").json()
    stale = alice_client.post(
        f"/api/models/{shop.pk}/replace/", {"document": {**document, "description": "mine"}}, format="json",
        HTTP_IF_MATCH=f'"{start}"',
    )
    assert stale.status_code == 409
    assert stale.json()["revision"] == now
    assert SystemModel.objects.get(pk=shop.pk).description == "d"

    fresh = alice_client.post(
        f"/api/models/{shop.pk}/replace/", {"document": {**document, "description": "mine"}}, format="json",
        HTTP_IF_MATCH=f'"{now}"',
    )
    assert fresh.status_code == 200, fresh.json()
    assert (fresh.json()["description"], fresh.json()["revision"]) == ("mine", now + 1)


def test_a_refused_edit_says_where_and_why_and_changes_nothing(alice_client, shop):
    before = _revision(alice_client, shop)
    db = shop.components.get(key="db")

    response = alice_client.patch(f"/api/components/{db.pk}/", {"params": {"backups": "cache"}}, format="json")

    assert response.status_code == 400
    assert response.json() == {"errors": [{"path": "components/1/params/backups", "message": "expected a components"}]}
    assert Component.objects.get(pk=db.pk).params == {}
    assert _revision(alice_client, shop) == before


def test_a_link_edit_that_duplicates_another_is_refused(alice_client, shop):
    api_db = Link.objects.get(model=shop, source__key="api", target__key="db")
    cache = shop.components.get(key="cache")

    response = alice_client.patch(f"/api/links/{api_db.pk}/", {"target": cache.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [{"path": "links/0", "message": "duplicate link api -> cache"}]
    assert Link.objects.get(pk=api_db.pk).target.key == "db"


def test_sections_are_replaced_one_by_one_and_removed_with_null(alice_client, shop):
    response = alice_client.patch(f"/api/models/{shop.pk}/", {"sections": {"slos": None}}, format="json")
    assert response.status_code == 200, response.json()
    sections = SystemModel.objects.get(pk=shop.pk).sections
    assert "slos" not in sections and sections["properties"]["safety"][0]["name"] == "db-up"

    unknown = alice_client.patch(f"/api/models/{shop.pk}/", {"sections": {"components": []}}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["path"] == "components"


def test_every_problem_of_a_document_is_listed_at_once(alice_client, shop, shop_document):
    document = copy.deepcopy(shop_document)
    document["links"][0]["loss"] = 2  # the schema's
    document["holarchies"][0]["root"]["children"][0]["children"][0]["components"] = ["nobody"]  # a reference
    document["slos"][0]["holon"] = "gone"  # pending

    response = alice_client.post(f"/api/models/{shop.pk}/check/", {"document": document}, format="json")

    assert response.status_code == 200
    report = response.json()
    assert report["valid"] is False
    assert {e["path"] for e in report["errors"]} >= {
        "links/0/loss", "holarchies/0/root/children/0/children/0/components/0", "holarchies/0/root",
    }
    assert report["warnings"] == [{"path": "slos/0/holon", "message": "unknown holon 'gone' in holarchy 'logical'"}]
    replaced = alice_client.post(f"/api/models/{shop.pk}/replace/", {"document": document}, format="json")
    assert {e["path"] for e in replaced.json()["errors"]} == {e["path"] for e in report["errors"]}


def test_yaml_syntax_errors_come_back_as_one_issue_with_the_line(alice_client, shop):
    response = alice_client.post(f"/api/models/{shop.pk}/check/", {"document": "name: [unclosed\n"}, format="json")

    assert response.status_code == 200
    errors = response.json()["errors"]
    assert len(errors) == 1 and "line 2" in errors[0]["message"], errors


@pytest.mark.parametrize(
    ("body", "valid", "column"),
    [
        ({"expression": "len(components) > 1"}, True, None),
        ({"expression": "len(components) > nobody"}, False, 19),
        ({"expression": "  __import__('os')"}, False, 3),
        ({"expression": "count + 1", "context": "handler", "variables": ["count"]}, True, None),
        ({"expression": "count + 1", "context": "handler", "behavior": "missing"}, None, None),
    ],
)
def test_an_expression_is_checked_with_the_position_of_its_fault(alice_client, shop, body, valid, column):
    response = alice_client.post(f"/api/models/{shop.pk}/check-expression/", body, format="json")

    if valid is None:
        assert (response.status_code, list(response.json())) == (400, ["behavior"])
        return
    assert response.status_code == 200
    answer = response.json()
    assert answer["valid"] is valid
    assert (answer["error"] or {}).get("column") == column


def test_edits_on_a_large_model_never_check_the_whole_model(alice_client, workspace, alice, monkeypatch):
    count = 300
    document = {
        "format": "holarchy/v1",
        "name": "Large",
        "components": [{"id": f"c{i}", "behavior": "server"} for i in range(count)],
        "links": [{"from": f"c{i}", "to": f"c{i + 1}"} for i in range(count - 1)],
        "holarchies": [{"name": "h", "root": {"id": "root", "children": [
            {"id": f"g{g}", "components": [f"c{i}" for i in range(g, count, 10)]} for g in range(10)
        ]}}],
    }
    model = services.import_model_document(workspace=workspace, document=document, user=alice)
    whole_checks = []  # the whole-model semantic check runs after the whole-document schema, for every full check
    real = loader.check
    monkeypatch.setattr(loader, "check", lambda doc, **kw: whole_checks.append(1) or real(doc, **kw))
    group, other = (Holon.objects.get(holarchy__model=model, key=key) for key in ("g1", "g2"))
    link = Link.objects.filter(model=model).first()
    component = Component.objects.get(model=model, key="c5")

    edits = [
        ("post", "/api/holons/", {"parent": group.pk, "key": "sub"}),
        ("patch", f"/api/holons/{group.pk}/", {"name": "Group 1"}),
        ("post", f"/api/holons/{group.pk}/move/", {"parent": other.pk}),
        ("patch", f"/api/links/{link.pk}/", {"delay": {"dist": "uniform", "low": 1, "high": 3}, "reorder": True}),
        ("patch", f"/api/components/{component.pk}/", {"behavior": "client", "params": {"server": "c6"}}),
        ("patch", f"/api/models/{model.pk}/", {"sections": {"properties": {"safety": [{"name": "p", "always": "1"}]}}}),
        ("post", f"/api/holons/{other.pk}/place/", {"component": component.pk}),
    ]
    for method, url, body in edits:
        response = getattr(alice_client, method)(url, body, format="json")
        assert response.status_code in (200, 201), (url, response.json())
    assert whole_checks == []

    assert alice_client.post(f"/api/models/{model.pk}/versions/", {}, format="json").status_code == 201
    assert whole_checks == [1]
