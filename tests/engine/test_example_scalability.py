"""Scalability: the breaking rate of the latency SLO, computed by hand, found by the search; one more replica
moves it up.

Round robin gives request i (from 0) to replica i mod N as that replica's request k = i // N. A replica serves
one request in `service`; at a steady `rate` request k waits k * (service - N / rate) once the queue builds up.
Its latency is the hops plus the service plus that wait. The SLO wants a fraction `objective` of the requests
within `threshold`; waits only grow, so the first m = ceil(objective * total) must be good, which holds while
((m - 1) // N) * (service - N / rate) <= slack, slack = threshold - hops - service.
"""

from __future__ import annotations

import math

import pytest

from simulations.engine.breaking import check_search
from simulations.engine.breaking.cli import search_locally
from simulations.engine.modelcode import dump_model, load_text
from simulations.engine.overrides import apply_overrides

from .conftest import EXAMPLES

DOC = dump_model(load_text((EXAMPLES / "scalability-extra-replica.yaml").read_text()))
RATE = "components/client/params/rate"


def hand_computed_breaking_rate(replicas: int) -> float:
    params = {c["id"]: c["params"] for c in DOC["components"]}
    delays = {(ln["from"], ln["to"]): ln["delay"]["value"] for ln in DOC["links"]}
    hops = delays[("client", "balancer")] + delays[("balancer", "r1")] + delays[("r1", "client")]
    service, total = params["r1"]["service"], params["client"]["total"]
    (slo,) = DOC["slos"]
    slack = slo["threshold"] - hops - service
    k = (math.ceil(slo["objective"] * total) - 1) // replicas
    return replicas / (service - slack / k)


@pytest.mark.parametrize(("replicas", "expected"), [(2, 26 / 12), (3, 51 / 15)])
def test_the_search_brackets_the_hand_computed_breaking_rate(replicas, expected):
    assert hand_computed_breaking_rate(replicas) == pytest.approx(expected)
    doc = apply_overrides(DOC, {"components/balancer/params/active": replicas})
    search = check_search(doc, {"parameter": RATE, "low": 1, "high": 5, "resolution": 0.02, "per_round": 3})
    result = search_locally(doc, search)
    bp = result["breaking_point"]
    assert result["outcome"] == "found" and result["non_monotone"] == []
    assert bp["held"] <= expected < bp["broke"] and bp["width"] <= 0.02
    assert all(p["held"] == (p["value"] <= expected) for p in result["points"])


def test_the_extra_replica_moves_the_breaking_point_by_more_than_one_request_per_time_unit():
    assert hand_computed_breaking_rate(3) - hand_computed_breaking_rate(2) > 1
