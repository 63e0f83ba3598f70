"""Safety invariants, liveness goals, SLOs and scenarios are edited as document sections of the model."""

from holarchy.modeling.models import SystemModel

LIVENESS = {"name": "db-answers", "eventually": "component['db'].up", "within": 100}
LATENCY = {
    "name": "front-latency",
    "holarchy": "logical",
    "holon": "front",
    "sli": "latency",
    "objective": 0.95,
    "threshold": 50,
    "window": 500,
}


def test_add_a_liveness_goal_and_a_latency_slo(alice_client, shop):
    sections = {
        "properties": {"safety": shop.sections["properties"]["safety"], "liveness": [LIVENESS]},
        "slos": [*shop.sections["slos"], LATENCY],
    }

    response = alice_client.patch(f"/api/models/{shop.pk}/", {"sections": sections}, format="json")

    assert response.status_code == 200, response.json()
    shop.refresh_from_db()
    assert shop.sections["properties"]["liveness"] == [LIVENESS]
    assert [s["name"] for s in shop.sections["slos"]] == ["back-availability", "front-latency"]
    assert "scenarios" in shop.sections  # sections not given are kept


def test_a_bad_invariant_expression_is_refused_with_its_path(alice_client, shop):
    sections = {"properties": {"safety": [{"name": "evil", "always": "__import__('os')"}], "liveness": []}}

    response = alice_client.patch(f"/api/models/{shop.pk}/", {"sections": sections}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "properties/safety/0/always"
    assert SystemModel.objects.get(pk=shop.pk).sections["properties"]["safety"][0]["name"] == "db-up"


def test_an_slo_on_a_holon_not_made_yet_is_a_pending_warning(alice_client, shop):
    response = alice_client.patch(
        f"/api/models/{shop.pk}/", {"sections": {"slos": [{**LATENCY, "holon": "x"}]}}, format="json"
    )

    assert response.status_code == 200, response.json()
    warnings = [{"path": "slos/0/holon", "message": "unknown holon 'x' in holarchy 'logical'"}]
    assert alice_client.get(f"/api/models/{shop.pk}/check/").json()["warnings"] == warnings


def test_rename_and_describe_the_model(alice_client, bob_client, shop):
    response = alice_client.patch(f"/api/models/{shop.pk}/", {"name": "Webshop", "description": "v2"}, format="json")

    assert response.status_code == 200
    assert (response.json()["components_count"], response.json()["latest_version"]) == (4, 1)
    assert bob_client.get(f"/api/models/{shop.pk}/").json()["name"] == "Webshop"
    assert bob_client.patch(f"/api/models/{shop.pk}/", {"name": "Mine"}, format="json").status_code == 403


def test_text_the_database_cannot_store_is_refused(alice_client, shop):
    sections = {"properties": {"safety": [{"name": "nul", "always": "True or '\x00' == ''"}], "liveness": []}}

    response = alice_client.patch(f"/api/models/{shop.pk}/", {"sections": sections}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "properties/safety/0/always"
