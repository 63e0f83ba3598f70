"""compare(a, b) of two run, sweep or study summaries: hand-built cases, then its laws on generated summaries."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.__main__ import main
from simulations.engine.compare import CompareError, compare
from simulations.engine.study import roll_up

from .test_study_rollup import studies


def run_summary(*, availability: float = 1.0, p99: float = 2.0, met: bool = True, budget: float = 0.0,
                liveness: str = "holds") -> dict[str, Any]:
    """A run of one holarchy (world > eu) with an availability and a latency SLO at the world, as `run --json`
    prints it."""
    sli = {"requests": 80, "good": round(80 * availability), "availability": availability,
           "latency": {"mean": p99 / 2, "p50": p99 / 2, "p90": p99 * 0.9, "p99": p99, "max": p99}}
    return {
        "model": "replicated", "model_hash": "h", "seed": 1, "scenario": "calm", "until": 600.0,
        "safety": [{"name": "apply-once", "kind": "always", "status": "holds"}],
        "liveness": [{"name": "clients-stay-up", "kind": "always_eventually", "status": liveness}],
        "slis": {"physical": {"world": sli, "eu": copy.deepcopy(sli)}},
        "slos": [{"name": "availability", "holarchy": "physical", "holon": "world", "sli": "availability",
                  "requests": 80, "sli_value": availability, "met": met, "budget_consumed": budget,
                  "burn_rate": [[0, budget], [600, budget / 2]]},
                 {"name": "latency", "holarchy": "physical", "holon": "world", "sli": "latency", "requests": 80,
                  "sli_value": 1.0, "met": True, "budget_consumed": 0.0, "burn_rate": [[0, 0.0]]}],
        "violations": [], "trace_hash": "t",
    }


def failure(level: str, holon: str, outcome: str, radius: dict[str, list[str]], budget: float) -> dict[str, Any]:
    return {"level": level, "holon": holon, "outcome": outcome, "blast_radius": radius, "budget_consumed": budget,
            "survived": outcome == "survived", "points": []}


def study_summary(cluster_survived: bool) -> dict[str, Any]:
    """The example's study as hand-written roll-ups: with failover inside the cluster, c1's failure breaks it."""
    c1 = (failure("cluster", "c1", "survived", {"physical": ["c1"]}, 0.2) if cluster_survived
          else failure("cluster", "c1", "slo_broken", {"logical": ["kv"], "physical": ["c1", "world"]}, 3.0))
    cluster = 1.0 if cluster_survived else 0.0
    return {
        "format": "holarchy-study/v1", "model": "replicated", "model_hash": "h", "holarchy": "physical",
        "until": 600.0, "seeds": 1, "runs": 4,
        "baseline": {"outcome": "survived", "points": [{"slos": [
            {"name": "availability", "holarchy": "physical", "holon": "world", "sli_value": 1.0,
             "budget_consumed": 0.0, "burn_rate": 0.0}]}]},
        "levels": [{"level": "region", "survival": 0.0}, {"level": "cluster", "survival": cluster},
                   {"level": "node", "survival": 1.0}],
        "failures": [failure("region", "eu", "slo_broken", {"physical": ["world"]}, 5.0), c1,
                     failure("node", "n1", "survived", {}, 0.1)],
        "lowest_unsurvived_level": "region" if cluster_survived else "cluster",
        "survives": False,
    }


def sweep_summary(breaks_at: int) -> dict[str, Any]:
    def point(value: int) -> dict[str, Any]:
        ok = value < breaks_at
        return {"value": value, "runs": 2, "failed_runs": 0, "violations": 0,
                "slos": {"availability": {"sli": 1.0 if ok else 0.9, "met_fraction": 1.0 if ok else 0.5,
                                          "budget_consumed": 0.1 if ok else 2.0}}}
    return {"parameter": "components/client/params/rate", "points": [point(v) for v in (1, 2, 4, 8)], "failures": []}


def test_a_run_whose_slo_is_now_missed_and_whose_latency_rose():
    c = compare(run_summary(), run_summary(availability=0.95, p99=2.16, met=False, budget=2.5))
    assert c["kind"] == "run"
    assert c["verdicts"] == [{"kind": "slo", "where": "physical/world", "name": "availability", "a": "met",
                              "b": "missed", "change": "worse"}]
    moved = {(m["where"], m["metric"]): m for m in c["metrics"]}
    p99 = moved["physical/world", "p99 latency"]
    assert (p99["a"], p99["b"], p99["change"]) == (2.0, 2.16, "worse")
    assert p99["relative"] == pytest.approx(0.08)
    assert moved["physical/world", "availability"]["change"] == "worse"
    assert moved["physical/world", "budget consumed (availability)"]["delta"] == 2.5
    assert moved["physical/world", "burn rate (availability)"]["b"] == 2.5
    assert c["headline"] == ["SLO availability is now missed at physical/world (was met)",
                             "p99 latency at physical/world rose 8%",
                             "availability at physical/world fell from 100% to 95%"]
    assert c["worse"] == len(c["verdicts"]) + len(c["metrics"]) and c["better"] == 0


def test_a_property_that_now_holds_is_better():
    c = compare(run_summary(liveness="violated"), run_summary())
    assert c["verdicts"] == [{"kind": "property", "where": "", "name": "clients-stay-up", "a": "violated",
                              "b": "holds", "change": "better"}]
    assert c["headline"] == ["clients-stay-up now holds (was violated)"]
    assert c["metrics"] == []


def test_runs_of_other_scenarios_are_compared_with_a_note():
    other = {**run_summary(), "scenario": "region-down"}
    assert compare(run_summary(), other)["notes"] == ["scenario differs: 'calm' in a, 'region-down' in b"]


def test_a_study_where_cluster_failures_are_now_survived():
    c = compare(study_summary(cluster_survived=False), study_summary(cluster_survived=True))
    assert c["headline"][:2] == ["cluster failures are now survived",
                                 "the lowest level not survived is now region (was cluster)"]
    verdicts = {(v["kind"], v["where"], v["name"]): (v["a"], v["b"], v["change"]) for v in c["verdicts"]}
    assert verdicts == {
        ("level", "cluster", "failures"): ("not survived", "survived", "better"),
        ("failure", "cluster c1", "outcome"): ("slo_broken", "survived", "better"),
        ("blast radius", "cluster c1", "logical/kv"): ("broken", "unaffected", "better"),
        ("blast radius", "cluster c1", "physical/world"): ("broken", "unaffected", "better"),
    }
    moved = {(m["where"], m["metric"]): (m["a"], m["b"], m["change"]) for m in c["metrics"]}
    assert moved == {("level cluster", "survival"): (0.0, 1.0, "better"),
                     ("cluster c1", "blast radius (holons)"): (3.0, 1.0, "better"),
                     ("cluster c1", "system SLO budget consumed"): (3.0, 0.2, "better")}
    assert c["worse"] == 0 and c["better"] == 7


def test_a_sweep_that_now_breaks_later():
    c = compare(sweep_summary(breaks_at=4), sweep_summary(breaks_at=8))
    assert c["headline"][0] == "SLO availability is now met at rate=4 (was missed)"
    assert "first trouble is now at rate=8 (was rate=4)" in c["headline"]
    assert [(v["where"], v["change"]) for v in c["verdicts"]] == [("rate=4", "better")]


def test_a_breaking_point_search_that_now_holds_to_a_higher_load():
    def search(held: float, broke: float) -> dict[str, Any]:
        return {**sweep_summary(breaks_at=16), "mode": "breaking_point", "outcome": "found",
                "breaking_point": {"held": held, "broke": broke, "width": broke - held}}

    c = compare(search(1.0, 1.25), search(1.5, 1.75))
    assert c["headline"] == ["the breaking point rose: the SLOs now hold up to rate=1.5 (was 1)"]
    moved = {m["metric"]: (m["a"], m["b"], m["change"]) for m in c["metrics"] if m["where"] == "breaking point"}
    assert moved == {"highest value held": (1.0, 1.5, "better"), "lowest value broken": (1.25, 1.75, "better")}


@pytest.mark.parametrize(("a", "b", "field"), [
    (run_summary(), study_summary(True), "kind"),
    ({"what": 1}, run_summary(), "a"),
    (run_summary(), {"slos": [], "safety": [], "liveness": [], "slis": {"x": 3}}, "b"),
    (study_summary(True), {**study_summary(True), "holarchy": "logical"}, "b"),
    (sweep_summary(4), {**sweep_summary(4), "parameter": "links/0/loss"}, "b"),
])
def test_what_cannot_be_compared_names_the_side(a, b, field):
    with pytest.raises(CompareError) as caught:
        compare(a, b)
    assert caught.value.field == field and caught.value.reason


def test_the_cli_prints_the_same_comparison_and_exits_1_when_something_got_worse(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(run_summary()))
    b.write_text(json.dumps(run_summary(p99=2.16)))
    assert main(["compare", str(a), str(b), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == compare(run_summary(), run_summary(p99=2.16))
    assert main(["compare", str(b), str(a)]) == 0
    assert "headline: p99 latency at physical/world fell 7" in capsys.readouterr().out
    b.write_text("[1]")
    assert main(["compare", str(a), str(b)]) == 2
    assert "error: cannot compare: b: not a JSON object" in capsys.readouterr().err


# The laws, on generated summaries of each kind.

FLIP = {"better": "worse", "worse": "better", "changed": "changed"}


def mirrored(c):
    """What compare(b, a) must be, given c = compare(a, b): each change with its sides swapped."""
    return (
        [{**v, "a": v["b"], "b": v["a"], "change": FLIP[v["change"]]} for v in c["verdicts"]],
        [(m["where"], m["metric"], m["b"], m["a"], None if m["delta"] is None else -m["delta"], FLIP[m["change"]])
         for m in c["metrics"]],
    )


@st.composite
def runs(draw):
    statuses = ["holds", "violated", "satisfied", "inconclusive", "not_checked"]
    return run_summary(availability=draw(st.sampled_from([1.0, 0.99, 0.5])), p99=draw(st.floats(0.1, 100)),
                       met=draw(st.booleans()), budget=draw(st.floats(0, 10)), liveness=draw(st.sampled_from(statuses)))


@st.composite
def sweeps(draw):
    return sweep_summary(breaks_at=draw(st.sampled_from([1, 2, 4, 8, 16])))


@st.composite
def rolled_up_studies(draw):
    return roll_up(*draw(studies()))


@pytest.mark.parametrize("kind", [runs, sweeps, rolled_up_studies], ids=["run", "sweep", "study"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_compare_a_with_itself_changes_nothing_and_b_with_a_mirrors_a_with_b(kind, data):
    a, b = data.draw(kind()), data.draw(kind())
    same = compare(a, a)
    assert (same["verdicts"], same["metrics"], same["better"], same["worse"]) == ([], [], 0, 0)
    assert same["headline"] == ["nothing changed: the same verdicts and the same measurements"]
    ab, ba = compare(a, b), compare(b, a)
    verdicts, metrics = mirrored(ab)
    assert ba["verdicts"] == verdicts
    assert [(m["where"], m["metric"], m["a"], m["b"], m["delta"], m["change"]) for m in ba["metrics"]] == metrics
    assert (ba["better"], ba["worse"]) == (ab["worse"], ab["better"])
    assert json.dumps(ab, sort_keys=True) == json.dumps(compare(a, b), sort_keys=True)  # deterministic
