"""A declarative behavior's parameters are the ones its expressions read: a component giving another, giving
a component reference of the wrong shape, or naming a component that does not exist is reported at the
parameter's path (the missing component as a pending issue, like a built-in's)."""

import copy
from pathlib import Path

import pytest

from simulations.engine import modelcode
from simulations.engine.behaviors.catalog import declared_params

COUNTER = modelcode.parse_text((Path(__file__).resolve().parents[2] / "examples/declarative-counter.yaml").read_text())


def _issues(**ticker_params) -> list[modelcode.Issue]:
    document = copy.deepcopy(COUNTER)
    document["components"][0]["params"] = ticker_params
    return modelcode.model_issues(document)


def test_the_example_as_shipped_has_no_issue():
    assert _issues(target="counter", total=10) == []


@pytest.mark.parametrize(("params", "path", "reason", "pending"), [
    ({"target": "counter", "totl": 10}, "components/0/params/totl",
     "ticker has no parameter 'totl': its expressions read 'total', 'target'", False),
    ({"target": ["counter"], "total": 10}, "components/0/params/target", "expected a component", False),
    ({"target": "countr", "total": 10}, "components/0/params/target", "unknown component 'countr'", True),
])
def test_a_parameter_that_does_not_fit_is_reported_at_its_path(params, path, reason, pending):
    assert _issues(**params) == [modelcode.Issue(path, reason, pending=pending)]


def test_a_missing_reference_is_pending_and_a_version_refuses_it():
    document = copy.deepcopy(COUNTER)
    document["components"][0]["params"]["target"] = "later"
    with pytest.raises(modelcode.ModelError) as refused:
        modelcode.load_model(document)
    assert [(i.path, i.pending) for i in refused.value.issues] == [("components/0/params/target", True)]


def test_a_component_alone_is_checked_against_the_models_behaviors_without_following_references():
    part = {"id": "ticker", "behavior": "ticker", "params": {"target": "later", "colour": "red"}}
    issues = modelcode.part_issues("component", part, "components/7", COUNTER["behaviors"])
    assert [(i.path, i.pending) for i in issues] == [("components/7/params/colour", False)]


def test_subscripted_reads_are_parameters_and_reads_by_a_computed_key_leave_the_parameters_open():
    by_key = {"handlers": [{"on": "start", "guard": "params['limit'] > 0",
                            "actions": [{"send": {"to": "params['peers'][0]", "type": "ping"}}]}]}
    read = declared_params(by_key)
    assert [(p.name, p.type) for p in read.params] == [("limit", "any"), ("peers", "components")] and read.closed
    computed = {"handlers": [{"on": "start", "guard": "params[msg.payload.key] > params.floor"}]}
    assert not declared_params(computed).closed
    document = copy.deepcopy(COUNTER)
    document["behaviors"]["ticker"]["handlers"][0]["guard"] = "params[str(sent)] != 1"
    document["components"][0]["params"]["anything"] = 1
    assert modelcode.model_issues(document) == []
