"""The `guide` field: its schema and references are checked, it round-trips, and a broken promise is caught."""

from __future__ import annotations

import pytest

from simulations.engine.guide import follow, observe, promised
from simulations.engine.modelcode import ModelError, dump_model, load_model, model_issues

from .conftest import base_doc


def with_guide(*items, **fields):
    doc = base_doc()
    doc["guide"] = {"about": "A client and a server.", "try": list(items), **fields}
    return doc


RUN_CALM = {"title": "Run it", "do": {"run": {"seed": 1}}, "see": "everything answered"}


def test_a_guide_round_trips_and_absent_is_null():
    doc = with_guide(RUN_CALM, look_at=["the server"], view="office")
    once = dump_model(load_model(doc))
    assert once["guide"] == doc["guide"]
    assert dump_model(load_model(once)) == once
    assert dump_model(load_model(base_doc()))["guide"] is None


@pytest.mark.parametrize(("item", "path"), [
    ({"title": "x", "do": {}, "see": "y"}, "guide/try/0/do"),
    ({"title": "x", "do": {"run": {}, "explore": {}}, "see": "y"}, "guide/try/0/do"),
    ({"title": "x", "do": {"dance": {}}, "see": "y"}, "guide/try/0/do"),
    ({"title": "x", "do": {"run": {"step": -1}}, "see": "y"}, "guide/try/0/do/run/step"),
    ({"title": "x", "do": {"sweep": {"parameter": "p"}}, "see": "y"}, "guide/try/0/do/sweep"),
    ({"title": "x", "do": {"run": {}}}, "guide/try/0"),
    ({**RUN_CALM, "expect": {"verdict": "fine"}}, "guide/try/0/expect"),
])
def test_a_malformed_item_is_a_schema_error_at_its_path(item, path):
    issues = model_issues(with_guide(item))
    assert path in {i.path for i in issues}, issues
    assert not any(i.pending for i in issues)


def test_names_an_item_uses_must_exist_and_are_pending_on_a_draft():
    doc = with_guide(
        {"title": "a", "do": {"run": {"scenario": "nope"}}, "see": "s", "expect": {"violated": ["ghost"]}},
        {"title": "b", "do": {"study": {"holarchy": "physical", "levels": ["rack"]}}, "see": "s",
         "expect": {"broken": {"m1": ["no-slo"]}}},
        {"title": "c", "do": {"study": {"holarchy": "nowhere"}}, "see": "s"},
    )
    issues = {i.path: i for i in model_issues(doc)}
    assert issues["guide/try/0/do/run/scenario"].message == "unknown scenario 'nope'"
    assert issues["guide/try/0/expect/violated"].message == "unknown property 'ghost'"
    assert issues["guide/try/1/do/study/levels/0"].message == "unknown level 'rack'"
    assert issues["guide/try/1/expect/broken"].message == "unknown SLO 'no-slo'"
    assert issues["guide/try/2/do/study/holarchy"].message == "unknown holarchy 'nowhere'"
    assert all(i.pending for i in issues.values())
    with pytest.raises(ModelError):
        load_model(doc)


def test_a_promise_the_model_does_not_keep_is_observed_as_broken():
    doc = base_doc()
    doc["properties"] = {"liveness": [{"name": "all-answered", "eventually": "component['client'].done",
                                       "within": 500}]}
    doc["slos"] = [{"name": "avail", "holarchy": "physical", "holon": "m2", "sli": "availability",
                    "objective": 0.99, "window": 1000}]
    item = {**RUN_CALM, "expect": {"violated": ["all-answered"], "slos_missed": ["avail"]}}
    model = load_model(with_guide(item) | {"properties": doc["properties"], "slos": doc["slos"]})
    seen = observe(item, follow(model, item))
    assert seen == {"violated": [], "slos_missed": []} != promised(item)
    kept = {**RUN_CALM, "expect": {"holds": ["all-answered"], "slos_met": ["avail"]}}
    assert observe(kept, follow(model, kept)) == promised(kept)
