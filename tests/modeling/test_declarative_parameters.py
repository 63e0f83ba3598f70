"""A component of a declarative behavior is held to the parameters the behavior's expressions read, as one of a
built-in is held to its catalog: a 400 naming the parameter and why, the draft unchanged; a reference to a
component that does not exist yet is a warning on the draft and an error when a version is saved."""

from pathlib import Path

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import Component, SystemModel

COUNTER = (Path(__file__).resolve().parents[2] / "examples/declarative-counter.yaml").read_text()


@pytest.fixture
def counter(workspace, alice) -> SystemModel:
    return services.import_model_document(workspace=workspace, document=COUNTER, user=alice)


def _errors(response) -> list[dict]:
    assert response.status_code == 400, response.content
    return response.json()["errors"]


@pytest.mark.parametrize(("params", "field", "reason"), [
    ({"target": "counter", "total": 10, "colour": "red"}, "colour", "ticker has no parameter 'colour'"),
    ({"target": ["counter"], "total": 10}, "target", "expected a component"),
])
def test_params_the_behavior_does_not_take_are_a_400_naming_the_field(alice_client, counter, params, field, reason):
    ticker = Component.objects.get(model=counter, key="ticker")
    revision = counter.revision
    response = alice_client.patch(f"/api/components/{ticker.pk}/", {"params": params}, format="json")
    assert [(e["path"], reason in e["message"]) for e in _errors(response)] == [(f"components/0/params/{field}", True)]
    ticker.refresh_from_db()
    counter.refresh_from_db()
    assert (ticker.params, counter.revision) == ({"target": "counter", "total": 10}, revision)


def test_a_new_component_naming_a_component_not_there_yet_is_a_warning_until_a_version_is_saved(
        alice_client, counter):
    holon = counter.holarchies.get().holons.get(parent=None)
    body = {"model": counter.pk, "key": "ticker2", "behavior": "ticker", "params": {"target": "counter2"},
            "holons": [holon.pk]}
    assert alice_client.post("/api/components/", body, format="json").status_code == 201
    report = alice_client.get(f"/api/models/{counter.pk}/check/").json()
    warning = {"path": "components/2/params/target", "message": "unknown component 'counter2'"}
    assert (report["errors"], report["warnings"]) == ([], [warning])
    refused = alice_client.post(f"/api/models/{counter.pk}/versions/", {}, format="json")
    assert _errors(refused) == [warning]
    assert counter.versions.count() == 1


def test_a_behavior_edit_that_stops_reading_a_parameter_its_components_give_is_refused(alice_client, counter):
    behaviors = services.selectors.draft_document(counter)["behaviors"]
    behaviors["counter"]["handlers"][0]["guard"] = "count + msg.payload.by <= 10"  # no longer reads params.limit
    response = alice_client.patch(f"/api/models/{counter.pk}/", {"sections": {"behaviors": behaviors}}, format="json")
    assert _errors(response) == [{"path": "components/1/params/limit",
                                  "message": "counter has no parameter 'limit': its expressions read no parameter"}]
    counter.refresh_from_db()
    assert counter.sections["behaviors"]["counter"]["handlers"][0]["guard"] == "count + msg.payload.by <= params.limit"
