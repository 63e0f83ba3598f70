"""The model-as-code contract: validation with paths, canonical dumps, hashing."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.modelcode import (
    ModelError,
    builtin_catalog,
    content_hash,
    dump_model,
    load_model,
    parse_text,
    schema,
)

from .conftest import EXAMPLES, base_doc


def issues_of(doc) -> dict[str, str]:
    with pytest.raises(ModelError) as info:
        load_model(doc)
    return {i.path: i.message for i in info.value.issues}


def test_canonical_dump_is_a_fixed_point(doc):
    once = dump_model(load_model(doc))
    assert dump_model(load_model(once)) == once
    assert dump_model(load_model(json.loads(json.dumps(once)))) == once
    assert list(once) == ["format", "name", "description", "components", "behaviors", "links", "holarchies",
                          "properties", "slos", "scenarios", "explore", "guide"]
    assert once["links"][0]["delay"] == {"dist": "fixed", "value": 1, "bound": None}


def test_content_hash_ignores_spelling_of_defaults(doc):
    doc["components"][0]["params"]["interval"] = 5
    explicit = dump_model(load_model(doc))
    doc["links"][0]["loss"] = 0
    assert content_hash(load_model(doc)) == content_hash(load_model(explicit))
    doc["components"][0]["params"]["interval"] = 5.0
    assert content_hash(load_model(doc)) == content_hash(load_model(explicit))
    doc["links"][0]["loss"] = 0.5
    assert content_hash(load_model(doc)) != content_hash(load_model(explicit))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load_and_round_trip(path):
    canonical = dump_model(load_model(parse_text(path.read_text())))
    assert dump_model(load_model(canonical)) == canonical


def test_malformed_text_names_the_line():
    with pytest.raises(ModelError) as info:
        parse_text("format: holarchy/v1\ncomponents: [a,\n")
    (issue,) = info.value.issues
    assert issue.path == "" and "line 3" in issue.message


def test_yaml_on_and_no_stay_strings():
    assert parse_text("on: start\nvote: no") == {"on": "start", "vote": "no"}


def test_schema_problems_are_all_reported_with_paths(doc):
    doc["links"][0]["loss"] = 1.5
    doc["links"][0]["duplication"] = -0.1
    doc["components"][0]["state"] = "sticky"
    found = issues_of(doc)
    assert {"links/0/loss", "links/0/duplication", "components/0/state"} <= found.keys()


def test_semantic_problems_are_all_reported_with_paths(doc):
    doc["components"].append({"id": "server", "behavior": "server"})
    doc["components"].append({"id": "ghost", "behavior": "no_such_behavior"})
    doc["components"][0]["params"]["retries"] = "many"
    doc["components"][0]["params"]["colour"] = "red"
    doc["links"].append({"from": "client", "to": "nowhere"})
    physical = doc["holarchies"][0]["root"]
    physical["children"][1]["components"].append("client")
    physical["children"].append({"id": "m1"})
    doc["properties"]["safety"][0]["always"] = "component.__class__"
    doc["slos"][0]["holon"] = "mars"
    doc["scenarios"].append({"name": "calm"})
    found = issues_of(doc)
    expected = {
        "components/2/id", "components/3/behavior", "components/0/params/retries", "components/0/params/colour",
        "links/1/to", "holarchies/0/root/children/1/components/1", "holarchies/0/root/children/2/id",
        "properties/safety/0/always", "slos/0/holon", "scenarios/1/name",
    }
    assert expected <= found.keys(), found
    assert "placed twice" in found["holarchies/0/root/children/1/components/1"]


def test_component_missing_from_a_holarchy(doc):
    doc["holarchies"][1]["root"]["components"] = ["client"]
    assert "'server' is not placed" in issues_of(doc)["holarchies/1/root"]


def test_dangling_references_in_scenarios(doc):
    doc["scenarios"][0]["faults"] = [
        {"crash": {"holarchy": "physical", "holon": "m9", "kind": "transient", "at": 1, "duration": 2}},
        {"crash": {"component": "server", "kind": "intermittent", "at": 1}},
        {"partition": {"holarchy": "physical", "sides": [["m1"], ["m7"]], "from": 5, "until": 1}},
        {"link": {"holarchy": "physical", "level": "rack", "loss": 0.1}},
        {"link": {"from": "server", "to": "ghost", "loss": 0.1}},
    ]
    doc["scenarios"][0]["expect"] = {"violated": ["nonexistent"]}
    found = issues_of(doc)
    assert {"scenarios/0/faults/0/crash/holon", "scenarios/0/faults/1/crash/down", "scenarios/0/faults/1/crash/up",
            "scenarios/0/faults/2/partition/sides/1/0", "scenarios/0/faults/2/partition/until",
            "scenarios/0/faults/3/link/level", "scenarios/0/faults/4/link", "scenarios/0/expect/violated/0"} \
        <= found.keys(), found


def test_declarative_behavior_checks(doc):
    doc["behaviors"] = {"counter": {"variables": {"count": 0, "now": 1}, "handlers": [
        {"on": {"message": "inc"}, "guard": "count <", "actions": [
            {"assign": {"missing": "1"}}, {"send": {"to": "undefined_name", "type": "x"}}]}]}}
    found = issues_of(doc)
    assert {"behaviors/counter/variables/now", "behaviors/counter/handlers/0/guard",
            "behaviors/counter/handlers/0/actions/0/assign/missing",
            "behaviors/counter/handlers/0/actions/1/send/to"} <= found.keys(), found


def test_long_expression_is_an_error(doc):
    doc["properties"]["safety"][0]["always"] = "1 + " * 600 + "1"
    assert "properties/safety/0/always" in issues_of(doc)


def test_depth_limit_is_an_error(doc):
    deep = {"id": "h0"}
    node = deep
    for i in range(1, 40):
        node["children"] = [{"id": f"h{i}"}]
        node = node["children"][0]
    node["components"] = ["client", "server"]
    doc["holarchies"][1] = {"name": "logical", "root": deep}
    assert any("deeper than 32" in m for m in issues_of(doc).values())


def test_catalog_and_schema_are_exposed():
    names = [b["name"] for b in builtin_catalog()]
    assert names == sorted(names) and "leader_election.node" in names
    client = next(b for b in builtin_catalog() if b["name"] == "client")
    assert {"name": "server", "type": "component", "required": True, "default": None} .items() <= \
        next(p for p in client["params"] if p["name"] == "server").items()
    assert schema()["$schema"].endswith("2020-12/schema")


DELAYS = st.one_of(
    st.builds(lambda v: {"dist": "fixed", "value": v}, st.integers(0, 5) | st.floats(0, 5)),
    st.builds(lambda lo, span, b: {"dist": "uniform", "low": lo, "high": lo + span, "bound": b},
              st.floats(0, 2), st.floats(0, 2), st.none() | st.floats(0.1, 9)),
    st.builds(lambda m: {"dist": "exponential", "mean": m}, st.floats(0.1, 5)),
)
LINKS = st.fixed_dictionaries({}, optional={"loss": st.floats(0, 1), "duplication": st.floats(0, 1),
                                            "reorder": st.booleans(), "bidirectional": st.booleans(),
                                            "delay": DELAYS})


@settings(max_examples=60, deadline=None)
@given(link=LINKS, state=st.sampled_from([None, "durable", "volatile"]), name=st.none() | st.text(min_size=1))
def test_any_valid_variant_dumps_to_a_fixed_point(link, state, name):
    doc = base_doc()
    doc["links"][0].update(link)
    if state:
        doc["components"][1]["state"] = state
    if name:
        doc["holarchies"][0]["root"]["name"] = name[:200]
    once = dump_model(load_model(doc))
    assert dump_model(load_model(once)) == once
    assert content_hash(load_model(once)) == content_hash(load_model(doc))


def test_the_documented_example_loads():
    doc = (EXAMPLES.parent / "docs" / "model-format.md").read_text()
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    model = load_model(parse_text(block))
    assert [s.name for s in model.scenarios] == ["coordinator-crash"]
