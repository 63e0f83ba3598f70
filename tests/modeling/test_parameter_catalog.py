"""The parameter catalog of every behavior (built-in and a model's declarative ones), and the 400s that
name the parameter when a component's params do not fit it."""

from pathlib import Path

from holarchy.modeling import documents, services
from holarchy.modeling.models import Component
from simulations.engine.behaviors import BUILTIN_BEHAVIORS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_every_builtin_parameter_is_in_the_catalog_with_whether_it_names_components(bob_client):
    body = bob_client.get("/api/behaviors/").json()
    by_name = {b["name"]: b for b in body}
    assert set(by_name) == set(BUILTIN_BEHAVIORS) and not any(b["declarative"] for b in body)
    for name, behavior in BUILTIN_BEHAVIORS.items():
        listed = {p["name"]: p for p in by_name[name]["params"]}
        assert list(listed) == [p.name for p in behavior.params]
        for param in behavior.params:
            assert listed[param.name]["type"] == param.type
            assert listed[param.name]["references"] == (param.type in ("component", "components"))
    peers = next(p for p in by_name["leader_election.node"]["params"] if p["name"] == "peers")
    assert peers == {"name": "peers", "type": "components", "required": True, "default": None,
                     "description": "the other nodes", "references": True}


def test_a_models_declarative_behaviors_list_the_parameters_their_expressions_read(alice_client, workspace, alice):
    text = (EXAMPLES / "replicated-service.yaml").read_text()
    model = services.import_model_document(workspace=workspace, document=text, user=alice)
    document = documents.parse(text)
    body = alice_client.get("/api/behaviors/", {"model": model.pk}).json()
    declared = [b for b in body if b["declarative"]]
    assert [b["name"] for b in declared] == sorted(document["behaviors"])
    client = next(b for b in declared if b["name"] == "failover_client")
    params = {p["name"]: p for p in client["params"]}
    assert params["replicas"]["type"] == "components" and params["replicas"]["references"]  # sent to, indexed
    assert params["count"]["type"] == "any" and not params["count"]["references"]


def test_the_catalog_of_a_model_not_yours_is_refused(mallory_client, shop):
    response = mallory_client.get("/api/behaviors/", {"model": shop.pk})
    assert response.status_code == 400 and response.json() == {"model": ["no model of yours has this id"]}
    assert mallory_client.get("/api/behaviors/", {"model": "x"}).status_code == 400


def test_params_that_do_not_fit_the_catalog_are_a_400_naming_the_parameter(alice_client, shop):
    component = Component.objects.get(model=shop, key="api")
    before = (component.behavior, dict(component.params))
    cases = {
        "interval": ("ten", "expected a number"),
        "retries": (-1, "must not be negative"),
        "nonsense": (1, "client has no parameter 'nonsense'"),
    }
    for name, (value, reason) in cases.items():
        body = {"behavior": "client", "params": {"server": "db", name: value}}
        response = alice_client.patch(f"/api/components/{component.pk}/", body, format="json")
        assert response.status_code == 400, response.content
        errors = response.json()["errors"]
        assert any(e["path"].endswith(f"/params/{name}") and reason in e["message"] for e in errors), errors
    component.refresh_from_db()
    assert (component.behavior, component.params) == before
