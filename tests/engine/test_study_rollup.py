"""The study roll-up against a plain recomputation from the same summaries, on generated studies."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.study import FORMAT, point_key, roll_up

HOLARCHIES = {"physical": "world", "logical": "app"}
HOLONS = {"physical": ["world", "a", "b", "c"], "logical": ["app", "x", "y"]}
STATUSES = ["holds", "violated", "satisfied", "inconclusive"]


@st.composite
def studies(draw):
    seeds = draw(st.integers(1, 3))
    depth = draw(st.integers(1, 3))
    levels = [{"level": f"l{d}", "fault": {"crash": {"kind": "permanent", "at": 1.0}},
               "holons": [f"h{d}-{i}" for i in range(draw(st.integers(1, 3)))]} for d in range(depth)]
    slos = []
    for i in range(draw(st.integers(0, 4))):
        holarchy = draw(st.sampled_from(sorted(HOLARCHIES)))
        holon = draw(st.sampled_from(HOLONS[holarchy]))
        slos.append({"name": f"slo{i}", "holarchy": holarchy, "holon": holon, "system": holon == HOLARCHIES[holarchy]})
    properties = [{"name": f"p{i}", "kind": draw(st.sampled_from(["safety", "liveness"]))}
                  for i in range(draw(st.integers(0, 2)))]
    plan = {"format": FORMAT, "model": "m", "model_hash": "h", "holarchy": "physical", "until": 10.0,
            "seeds": seeds, "levels": levels, "skipped": [], "slos": slos, "properties": properties,
            "runs": seeds * (1 + sum(len(lv["holons"]) for lv in levels))}
    keys = [point_key(None, None, s) for s in range(seeds)]
    keys += [point_key(lv["level"], h, s) for lv in levels for h in lv["holons"] for s in range(seeds)]
    summaries = {}
    for key in keys:
        if draw(st.integers(0, 9)) == 0:  # a run that did not finish
            continue
        summaries[key] = {
            "slos": [{**slo, "met": draw(st.booleans()), "requests": draw(st.integers(0, 2)),
                      "sli_value": 0.5, "budget_consumed": draw(st.floats(0, 10)),
                      "burn_rate": [[0, draw(st.floats(0, 5))]]} for slo in slos],
            "safety": [{"name": p["name"], "status": draw(st.sampled_from(STATUSES[:2]))}
                       for p in properties if p["kind"] == "safety"],
            "liveness": [{"name": p["name"], "status": draw(st.sampled_from(STATUSES))}
                         for p in properties if p["kind"] == "liveness"],
        }
        for kind in ("safety", "liveness"):
            for p in summaries[key][kind]:
                p["kind"] = kind
    return plan, summaries


def _plain(plan, summaries):
    """The definitions of rollup.py's docstring, computed the long way: per level the survived and
    not-survived holons, each failure's blast radius, and the deepest level with a failure not survived."""
    system = {s["name"] for s in plan["slos"] if s["system"]}
    where = {s["name"]: (s["holarchy"], s["holon"]) for s in plan["slos"]}

    def failing(summary, base):
        base_requests = {s["name"]: s["requests"] for s in base["slos"]} if base else {}
        return {s["name"] for s in summary["slos"]
                if not s["met"] or (s["requests"] == 0 and base_requests.get(s["name"], 0) > 0)}

    verdicts, radius = {}, {}
    for lv in plan["levels"]:
        for holon in lv["holons"]:
            outcomes, hit = [], set()
            for seed in range(plan["seeds"]):
                summary = summaries.get(point_key(lv["level"], holon, seed))
                if summary is None:
                    outcomes.append(None)
                    continue
                base = summaries.get(point_key(None, None, seed))
                bad = failing(summary, base)
                base_missed = {s["name"] for s in base["slos"] if not s["met"]} if base else set()
                hit |= {where[n] for n in bad - base_missed}
                violated = any(p["status"] == "violated" for p in summary["safety"] + summary["liveness"])
                outcomes.append(not violated and not (bad & system))
            verdicts[(lv["level"], holon)] = False if False in outcomes else None if None in outcomes else True
            radius[(lv["level"], holon)] = hit
    levels = [lv["level"] for lv in plan["levels"]]
    lowest = None
    for level in levels:
        if any(v is False for (lvl, _), v in verdicts.items() if lvl == level):
            lowest = level  # later levels are deeper
    return verdicts, radius, lowest


@settings(max_examples=150, deadline=None)
@given(studies())
def test_roll_up_matches_a_plain_recomputation(study):
    plan, summaries = study
    result = roll_up(plan, summaries)
    verdicts, radius, lowest = _plain(plan, summaries)
    assert {(f["level"], f["holon"]): f["survived"] for f in result["failures"]} == verdicts
    assert {(f["level"], f["holon"]): {(h, x) for h, xs in f["blast_radius"].items() for x in xs}
            for f in result["failures"]} == radius
    assert result["lowest_unsurvived_level"] == lowest
    for lv in result["levels"]:
        mine = [v for (level, _), v in verdicts.items() if level == lv["level"]]
        known = [v for v in mine if v is not None]
        assert lv["survival"] == (sum(known) / len(known) if known else None)
        assert lv["unknown"] == mine.count(None)
        if known:  # the worst holon is one whose outcome is the level's worst
            worst = next(f for f in result["failures"]
                         if (f["level"], f["holon"]) == (lv["level"], lv["worst"]["holon"]))
            order = ["survived", "slo_broken", "property_violated"]
            assert max(order.index(f["outcome"]) for f in result["failures"]
                       if f["level"] == lv["level"] and f["survived"] is not None) == order.index(worst["outcome"])
    assert result["survives"] == (lowest is None and None not in verdicts.values())
    assert result["finished"] == len(summaries)
    assert json.dumps(roll_up(plan, dict(reversed(summaries.items())))) == json.dumps(result)  # order-free
