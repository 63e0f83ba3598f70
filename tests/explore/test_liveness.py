"""Liveness under weak fairness: a retry loop over a lossy link is a lasso; a reliable link is not."""

import json

from simulations.engine.explore import explore


def pinger(loss: float) -> dict:
    return {
        "format": "holarchy/v1",
        "name": "Ping with retries",
        "components": [{"id": "client", "behavior": "pinger"}, {"id": "server", "behavior": "ponger"}],
        "behaviors": {
            "pinger": {"variables": {"answered": False}, "handlers": [
                {"on": "start", "actions": [{"send": {"to": "'server'", "type": "ping", "payload": {}}},
                                            {"set_timer": {"name": "retry", "after": 5}}]},
                {"on": {"timer": "retry"}, "guard": "not answered", "actions": [
                    {"send": {"to": "'server'", "type": "ping", "payload": {}}},
                    {"set_timer": {"name": "retry", "after": 5}}]},
                {"on": {"message": "pong"}, "actions": [{"assign": {"answered": "True"}},
                                                        {"cancel_timer": "retry"}]},
            ]},
            "ponger": {"handlers": [{"on": {"message": "ping"}, "actions": [{"reply": {"type": "pong"}}]}]},
        },
        "links": [{"from": "client", "to": "server", "bidirectional": True, "loss": loss}],
        "holarchies": [{"name": "flat", "root": {"id": "all", "components": ["client", "server"]}}],
        "properties": {"liveness": [
            {"name": "answered", "eventually": "component['client'].answered", "within": 100},
            {"name": "keeps-answering", "always_eventually": "component['client'].answered", "window": 100},
        ]},
    }


def test_lossy_link_gives_a_lasso_with_a_loop():
    result = explore(pinger(0.5))
    verdicts = {p["name"]: p for p in result.summary["properties"]}
    assert verdicts["answered"]["verdict"] == "violated"
    assert verdicts["answered"]["loop_length"] > 0
    lasso = result.counterexamples["answered"]
    loop = lasso["steps"][lasso["loop_start"]:]
    def shape(step):  # the state without the step numbers of time, ids and arming
        g = step["state"]
        return ({c: (v["up"], v["state"], sorted(v["timers"])) for c, v in g["components"].items()},
                sorted(json.dumps(m[:4]) for m in g["inflight"].values()))

    assert shape(loop[0]) == shape(loop[-1])  # the loop closes
    assert {s["actor"] for s in loop[1:]} >= {"network", "client"}  # drops and retries, forever
    assert verdicts["keeps-answering"]["verdict"] == "violated"


def test_weak_fairness_rules_out_retrying_forever_while_a_delivery_waits():
    result = explore(pinger(0.0))
    assert {p["name"]: p["verdict"] for p in result.summary["properties"]} == {
        "answered": "holds", "keeps-answering": "holds"}
    assert result.summary["deadlocks"] == 0


def partitioned(heals: bool) -> dict:
    doc = pinger(0.0)
    doc["holarchies"] = [{"name": "net", "root": {"id": "all", "children": [
        {"id": "left", "components": ["client"]}, {"id": "right", "components": ["server"]}]}}]
    cut = {"holarchy": "net", "sides": [["left"], ["right"]], "from": 10}
    doc["scenarios"] = [{"name": "cut", "faults": [{"partition": {**cut, **({"until": 50} if heals else {})}}]}]
    return doc


def test_a_partition_that_never_heals_starves_the_client_and_one_that_heals_does_not():
    forever = explore(partitioned(heals=False))
    assert {p["name"]: p["verdict"] for p in forever.summary["properties"]}["answered"] == "violated"
    assert any(s["action"] == "partition #1" for s in forever.counterexamples["answered"]["steps"])
    healing = explore(partitioned(heals=True))
    assert {p["name"]: p["verdict"] for p in healing.summary["properties"]}["answered"] == "holds"
