"""Crash kinds, durable versus volatile state, and partitions at two holarchy levels."""

from __future__ import annotations

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES, base_doc


def counter_doc(state: str, crash: dict) -> str:
    text = (EXAMPLES / "declarative-counter.yaml").read_text()
    text = text.replace("params: {limit: 10}", f"params: {{limit: 10}}\n    state: {state}")
    return text.replace("    until: 100\n", f"    until: 100\n    faults:\n      - crash: {crash}\n", 1)


def after(result, action: str) -> list[dict]:
    reader = result.reader()
    return [(s, reader.global_state(s)) for s in range(1, reader.last_step + 1) if reader.delta(s)["k"] == action]


@pytest.mark.parametrize(("state", "keeps"), [("durable", True), ("volatile", False)])
def test_transient_crash_restores_durable_state_only(state, keeps):
    crash = "{component: counter, kind: transient, at: 22, duration: 10}"
    result = simulate(load_text(counter_doc(state, crash)), seed=1, trace=True, stop_on_violation=False)
    s = result.summary
    assert (s["crashes"], s["recoveries"]) == (1, 1)
    assert s["messages"]["dropped_by"]["crashed"] == 2  # the incs sent at t=25 and t=30 arrive while down
    (_, before), = after(result, "crash")
    (_, back), = after(result, "recover")
    assert before["components"]["counter"]["up"] is False
    assert back["components"]["counter"]["up"] is True
    count = back["components"]["counter"]["state"]["count"]
    assert count == (before["components"]["counter"]["state"]["count"] if keeps else 0)
    assert count == (4 if keeps else 0)


def test_intermittent_crash_repeats():
    crash = "{component: counter, kind: intermittent, at: 10, down: 3, up: 10, times: 3}"
    s = simulate(load_text(counter_doc("durable", crash)), seed=1).summary
    assert (s["crashes"], s["recoveries"]) == (3, 3)
    crash = "{component: counter, kind: intermittent, at: 0, down: 2, up: 5, random: true}"
    s = simulate(load_text(counter_doc("durable", crash)), seed=1).summary
    assert s["crashes"] > 5 and s["recoveries"] >= s["crashes"] - 1


def test_permanent_crash_never_returns():
    crash = "{component: counter, kind: permanent, at: 12}"
    result = simulate(load_text(counter_doc("durable", crash)), seed=1, trace=True, stop_on_violation=False)
    s = result.summary
    assert (s["crashes"], s["recoveries"]) == (1, 0)
    assert s["messages"]["dropped_by"]["crashed"] == 8
    assert {p["name"]: p["status"] for p in s["liveness"]} == {"reaches-ten": "violated"}
    assert result.reader().global_state(result.reader().last_step)["components"]["counter"]["up"] is False


def test_crashing_a_holon_crashes_everything_inside():
    doc = base_doc()
    doc["scenarios"][0]["faults"] = [{"crash": {"holarchy": "logical", "holon": "app", "kind": "transient",
                                                "at": 10, "duration": 5}}]
    s = simulate(doc, seed=1).summary
    assert (s["crashes"], s["recoveries"]) == (2, 2)


def four_nodes() -> dict:
    """c1 -> s1 crosses machines inside rack-1; c2 -> s2 crosses from rack-1 to rack-2."""
    doc = base_doc()
    doc["components"] = [
        {"id": "c1", "behavior": "client", "params": {"server": "s1", "count": 10, "retries": 0}},
        {"id": "c2", "behavior": "client", "params": {"server": "s2", "count": 10, "retries": 0}},
        {"id": "s1", "behavior": "server"}, {"id": "s2", "behavior": "server"},
    ]
    doc["links"] = [{"from": c, "to": s, "bidirectional": True} for c, s in (("c1", "s1"), ("c2", "s2"))]
    machines = [{"id": "m1", "components": ["c1", "c2"]}, {"id": "m2", "components": ["s1"]}]
    racks = [{"id": "rack-1", "children": machines}, {"id": "rack-2", "children": [{"id": "m3", "components": ["s2"]}]}]
    doc["holarchies"] = [{"name": "physical", "levels": ["region", "rack", "machine"],
                          "root": {"id": "eu", "children": racks}}]
    doc["properties"], doc["slos"] = {}, []
    return doc


def handled(partition: dict) -> tuple[int, int, int, int]:
    doc = four_nodes()
    doc["scenarios"][0]["faults"] = [{"partition": {"holarchy": "physical", "from": 0, **partition}}]
    result = simulate(doc, seed=1, trace=True)
    final = result.reader().global_state(result.reader().last_step)["components"]
    return (final["s1"]["state"]["handled"], final["c1"]["state"]["done"], final["s2"]["state"]["handled"],
            final["c2"]["state"]["done"])


def test_partition_between_racks_cuts_only_cross_rack_links():
    assert handled({"sides": [["rack-1"], ["rack-2"]]}) == (10, 10, 0, 0)


def test_partition_between_machines_cuts_only_cross_machine_links():
    assert handled({"sides": [["m1"], ["m2"]]}) == (0, 0, 10, 10)


def test_one_way_partition_cuts_one_direction():
    assert handled({"sides": [["m2"], ["m1"]], "oneway": True}) == (10, 0, 10, 10)


def test_partition_heals():
    assert handled({"sides": [["rack-1"], ["rack-2"]], "until": 22}) == (10, 10, 5, 5)


def test_link_fault_overrides_links_crossing_a_level():
    doc = four_nodes()
    doc["scenarios"][0]["faults"] = [{"link": {"holarchy": "physical", "level": "rack", "loss": 1.0}}]
    s = simulate(doc, seed=1).summary
    assert s["messages"]["dropped_by"]["loss"] == 10 and s["messages"]["delivered"] == 20
