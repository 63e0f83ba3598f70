"""Holarchy zoom: which SLOs each failure breaks, derived from the two holarchies alone and found by the
level studies; and the error budget burned grows from node to cluster to region.

The derivation, independent of the engine: a failure takes down the replicas under the failed holon.
A service's availability SLO breaks when every one of its replicas is down (the client tries them all);
the system's availability and latency SLOs break when some service is gone. A latency SLO of a physical
holon breaks when one of its replicas is down: requests homed there wait the timeout (6) before they fail
over, past the holon's latency threshold (4 in the EU, 8 in the US), and they are more than a tenth.
"""

from __future__ import annotations

import pytest

from simulations.engine.modelcode import dump_model, load_text
from simulations.engine.study import plan_study, roll_up, run_points

from .conftest import EXAMPLES

DOC = dump_model(load_text((EXAMPLES / "holarchy-zoom.yaml").read_text()))
DOC_ROOTS = {h["name"]: h["root"]["id"] for h in DOC["holarchies"]}


def below(holon: dict) -> set[str]:
    return set(holon["components"]).union(*(below(c) for c in holon["children"]))


def holons(holarchy: str) -> dict[str, dict]:
    root = next(h["root"] for h in DOC["holarchies"] if h["name"] == holarchy)
    found, stack = {}, [root]
    while stack:
        h = stack.pop()
        found[h["id"]] = h
        stack.extend(h["children"])
    return found


def derived_broken(failed: set[str]) -> list[str]:
    replicas = {c["id"] for c in DOC["components"] if c["behavior"] == "idempotent_consumer"}
    services = {h["id"]: below(h) & replicas for h in holons("logical")["shop"]["children"]}
    physical = holons("physical")
    broken = set()
    for slo in DOC["slos"]:
        if slo["sli"] == "availability" and slo["holon"] in services:
            if services[slo["holon"]] <= failed:
                broken.add(slo["name"])
        elif slo["holon"] in ("world", "shop"):  # the system's SLOs: some service is gone
            if any(members <= failed for members in services.values()):
                broken.add(slo["name"])
        elif slo["holarchy"] == "physical" and below(physical[slo["holon"]]) & replicas & failed:
            broken.add(slo["name"])
    return sorted(broken)


def study(holarchy: str, levels: list[str]) -> dict:
    plan, points = plan_study(DOC, holarchy=holarchy, levels=levels)
    return roll_up(plan, run_points(DOC, points))


@pytest.mark.parametrize(("holarchy", "levels"), [("physical", ["region", "cluster", "node"]),
                                                  ("logical", ["service", "replica"])])
def test_every_failure_breaks_exactly_the_slos_the_holarchies_say(holarchy, levels):
    result = study(holarchy, levels)
    tree = holons(holarchy)
    studied = {h["id"] for h in tree.values() if h is not tree[DOC_ROOTS[holarchy]]}
    assert {f["holon"] for f in result["failures"]} == studied
    for failure in result["failures"]:
        failed = below(tree[failure["holon"]])
        assert failure["broken_slos"] == derived_broken(failed), failure["holon"]
        assert failure["survived"] == (not any(s in failure["broken_slos"] for s in ("availability", "shop-latency")))


def test_the_error_budget_burned_grows_with_the_level_that_fails():
    result = study("physical", ["region", "cluster", "node"])

    def worst_burn(level: str) -> float:
        return max(s["budget_consumed"] for f in result["failures"] if f["level"] == level
                   for p in f["points"] for s in p["slos"])

    assert worst_burn("node") < worst_burn("cluster") < worst_burn("region")
    assert worst_burn("region") > 7  # the EU region burns the availability budget almost eight times over
