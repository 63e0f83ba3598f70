"""Planning a level study: which points, which generated scenarios, and every bad input named by its field."""

from __future__ import annotations

import pytest

from simulations.engine.modelcode import dump_model, load_model, load_text
from simulations.engine.study import BASELINE, StudyError, plan_study, run_point

from .conftest import EXAMPLES

MODEL = load_text((EXAMPLES / "replicated-service.yaml").read_text())


def test_points_are_the_baseline_and_every_holon_of_every_level_per_seed():
    plan, points = plan_study(MODEL, holarchy="physical", seeds=3)
    assert [lv["level"] for lv in plan["levels"]] == ["world", "region", "cluster", "node"]
    assert [lv["holons"] for lv in plan["levels"]] == [["world"], ["eu"], ["c1", "c2"], ["n1", "n2", "n3", "n4"]]
    assert len(points) == plan["runs"] == 3 * (1 + 1 + 1 + 2 + 4)
    assert [(p.level, p.seed) for p in points[:3]] == [(None, 0), (None, 1), (None, 2)]
    assert points[0].scenario == {"name": BASELINE, "until": 600.0, "faults": []}
    assert len({p.key for p in points}) == len(points)
    c1 = next(p for p in points if p.holon == "c1")
    crash = {"kind": "permanent", "at": 60.0, "holarchy": "physical", "holon": "c1"}
    assert c1.scenario["faults"] == [{"crash": crash}]
    assert {s["name"]: s["system"] for s in plan["slos"]} == {
        "availability": True, "latency": True, "c1-latency": False, "c2-latency": False, "kv-latency": False}


def test_levels_come_root_first_and_a_sample_is_seeded():
    plan, _ = plan_study(MODEL, holarchy="physical", levels=["node", "cluster"], sample=2, sample_seed=7)
    assert [lv["level"] for lv in plan["levels"]] == ["cluster", "node"]
    nodes = plan["levels"][1]["holons"]
    assert len(nodes) == 2 and set(nodes) <= {"n1", "n2", "n3", "n4"}
    again, _ = plan_study(MODEL, holarchy="physical", levels=["node", "cluster"], sample=2, sample_seed=7)
    assert again == plan
    picks = {tuple(plan_study(MODEL, holarchy="physical", levels=["node"], sample=2, sample_seed=s)[0]["levels"][0]
                   ["holons"]) for s in range(10)}
    assert len(picks) > 1  # the seed matters


def test_a_partition_isolates_the_holon_from_its_siblings_and_skips_an_only_child():
    doc = load_model_doc()
    c2 = doc["holarchies"][0]["root"]["children"][0]["children"][1]
    c2["children"] = [{"id": "n3", "components": ["r3", "r4"]}]
    plan, points = plan_study(load_model(doc), holarchy="physical", levels=["cluster", "node"],
                              faults={"node": {"partition": {"from": 50}}})
    assert plan["skipped"] == [{"level": "node", "holon": "n3", "why": "no siblings to partition it from"}]
    assert plan["levels"][1]["holons"] == ["n1", "n2"]
    n2 = next(p for p in points if p.holon == "n2")
    assert n2.scenario["faults"] == [{"partition": {"from": 50, "holarchy": "physical", "sides": [["n2"], ["n1"]]}}]


def test_degraded_links_are_exactly_those_that_cross_the_boundary():
    _, points = plan_study(MODEL, holarchy="physical", levels=["node"], faults={"node": {"link": {"loss": 0.5}}})
    n1 = next(p for p in points if p.holon == "n1")
    assert sorted((f["link"]["from"], f["link"]["to"]) for f in n1.scenario["faults"]) == [
        ("client-1", "r1"), ("client-2", "r1"), ("r1", "client-1"), ("r1", "client-2")]
    assert all(f["link"]["loss"] == 0.5 for f in n1.scenario["faults"])
    summary = run_point(load_model_doc(), n1)
    assert summary["messages"]["dropped_by"]["loss"] > 0


def load_model_doc():
    return dump_model(MODEL)


@pytest.mark.parametrize(("kwargs", "path"), [
    ({"holarchy": "nope"}, "holarchy"),
    ({"holarchy": "physical", "levels": ["rack"]}, "levels/0"),
    ({"holarchy": "physical", "levels": ["node", "node"]}, "levels/1"),
    ({"holarchy": "physical", "seeds": 0}, "seeds"),
    ({"holarchy": "physical", "sample": 0}, "sample"),
    ({"holarchy": "physical", "until": -1}, "until"),
    ({"holarchy": "physical", "levels": ["node"], "faults": {"cluster": {"crash": {"kind": "permanent", "at": 1}}}},
     "faults/cluster"),
    ({"holarchy": "physical", "faults": {"node": {"flood": {}}}}, "faults/node"),
    ({"holarchy": "physical", "faults": {"node": {"crash": {"kind": "transient", "at": 1}}}},
     "faults/node/crash/duration"),
    ({"holarchy": "physical", "faults": {"node": {"crash": {"kind": "permanent", "at": 1, "holon": "n1"}}}},
     "faults/node/crash/holon"),
    ({"holarchy": "physical", "faults": {"node": {"link": {}}}}, "faults/node/link"),
    ({"holarchy": "physical", "levels": ["region"], "faults": {"region": {"partition": {"from": 1}}}}, "faults/region"),
])
def test_bad_input_names_its_field(kwargs, path):
    with pytest.raises(StudyError) as err:
        plan_study(MODEL, **kwargs)
    assert [i.path for i in err.value.issues][:1] == [path], err.value.issues


def test_a_holarchy_without_levels_cannot_be_studied():
    doc = load_model_doc()
    doc["holarchies"][1]["levels"] = []
    doc["holarchies"][1]["root"]["children"] = []
    doc["holarchies"][1]["root"]["components"] = [c["id"] for c in doc["components"]]
    doc["slos"], doc["scenarios"], doc["guide"] = [], [], None  # nothing left for the example's guide to name
    with pytest.raises(StudyError, match="no levels"):
        plan_study(load_model(doc), holarchy="logical")
