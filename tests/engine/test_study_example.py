"""The replicated-service example's lesson, from a level study: nodes and clusters survived, the region not."""

from __future__ import annotations

import json

import pytest

from simulations.engine.modelcode import dump_model, load_text
from simulations.engine.study import plan_study, roll_up, run_points

from .conftest import EXAMPLES

DOC = dump_model(load_text((EXAMPLES / "replicated-service.yaml").read_text()))


def study(doc=DOC, workers=1, **kwargs):
    plan, points = plan_study(doc, holarchy="physical", seeds=2, **kwargs)
    summaries = run_points(doc, points, workers=workers)
    return roll_up(plan, summaries), summaries


def test_nodes_and_clusters_are_survived_and_the_region_is_not():
    result, summaries = study()
    assert {lv["level"]: lv["survival"] for lv in result["levels"]} == {
        "world": 0.0, "region": 0.0, "cluster": 1.0, "node": 1.0}
    assert result["lowest_unsurvived_level"] == "region" and result["survives"] is False
    assert result["baseline"]["outcome"] == "survived"
    failures = {f["holon"]: f for f in result["failures"]}
    assert failures["eu"]["outcome"] == "slo_broken"
    assert failures["eu"]["system_slos_missed"] == ["availability", "latency"]
    assert failures["world"]["violated"] == ["clients-stay-up"]  # the clients went down with it
    assert failures["c1"]["blast_radius"] == {"logical": ["kv"], "physical": ["c1"]}
    assert failures["n3"]["blast_radius"] == {"physical": ["c2"]}
    region = next(lv for lv in result["levels"] if lv["level"] == "region")
    assert region["worst"]["holon"] == "eu" and "misses system SLO availability" in region["worst"]["why"]
    # The roll-up's system SLI is the run's own SLI of the root holon (another path through the engine).
    for f in result["failures"]:
        for point in f["points"]:
            sli = summaries[point["key"]]["slis"]["physical"]["world"]
            slo = next(s for s in point["slos"] if s["name"] == "availability")
            assert slo["requests"] == sli["requests"]
            assert slo["sli_value"] == pytest.approx(sli["good"] / sli["requests"], abs=1e-12)


def test_clusters_are_survived_only_because_the_failover_crosses_clusters():
    doc = json.loads(json.dumps(DOC))
    for c in doc["components"]:
        if c["behavior"] == "failover_client":  # fail over to the neighbour in the same cluster instead
            c["params"]["replicas"] = ["r1", "r2", "r3", "r4"]
    result, _ = study(doc, levels=["cluster", "node"])
    assert {lv["level"]: lv["survival"] for lv in result["levels"]} == {"cluster": 0.0, "node": 1.0}
    assert result["lowest_unsurvived_level"] == "cluster"


def test_the_same_study_gives_the_same_bytes_on_one_or_two_processes():
    one, _ = study(levels=["cluster", "node"])
    again, _ = study(levels=["cluster", "node"])
    two, _ = study(levels=["cluster", "node"], workers=2)
    assert json.dumps(one, sort_keys=True) == json.dumps(again, sort_keys=True) == json.dumps(two, sort_keys=True)
