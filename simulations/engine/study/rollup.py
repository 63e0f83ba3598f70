"""The roll-up of a level study: a pure function of the plan and the runs' summaries.

The CLI and the workers both call `roll_up`, so they report the same verdicts
byte for byte. Definitions (docs/engine.md, "Level studies"):

- A **system-level SLO** is one attached to the root holon of a holarchy.
- An SLO **fails** at a point when the run misses it, or when it measured no
  request while the baseline with the same seed measured some: a failure that
  stops the load must not pass for a met SLO.
- An SLO is **broken** by a failure when it fails at the point but not in the
  baseline with the same seed; the holons of the broken SLOs, per holarchy,
  are the failure's **blast radius**.
- A point is **survived** when no property is violated and every
  system-level SLO holds; a failure is survived when all its seeds are.
- The **lowest level not survived** is the deepest studied level (levels go
  root first) with a failure that was not survived.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .plan import BASELINE, point_key, scenario_name

SEVERITY = {"survived": 0, "unknown": 1, "slo_broken": 2, "property_violated": 3}


def digest(summary: dict[str, Any]) -> dict[str, Any]:
    """What the roll-up reads of a run's summary: its SLOs' verdicts and its properties' (a few hundred bytes
    of a summary's ~10 kB). A worker stores it beside the summary, so finishing a study of thousands of runs
    reads that much per run, not every summary whole."""
    return {
        "slos": [{"name": s["name"], "holarchy": s["holarchy"], "holon": s["holon"], "met": s["met"],
                  "requests": s["requests"], "sli_value": s["sli_value"], "budget_consumed": s["budget_consumed"],
                  "burn_rate": max((rate for _, rate in s["burn_rate"]), default=0.0)} for s in summary["slos"]],
        "properties": [{"name": p["name"], "kind": p["kind"], "status": p["status"]}
                       for p in summary["safety"] + summary["liveness"]],
    }


def _point(plan: dict[str, Any], level: str | None, holon: str | None, seed: int,
           run: dict[str, Any] | None, baseline: dict[str, Any] | None) -> dict[str, Any]:
    """One point's verdicts from its run's digest and the digest of the baseline run with the same seed."""
    key = point_key(level, holon, seed)
    if run is None:
        return {"key": key, "seed": seed, "finished": False, "survived": None, "outcome": "unknown"}
    system = {s["name"]: s["system"] for s in plan["slos"]}
    base = {s["name"]: s for s in (baseline or {}).get("slos", ())}
    slos, failing, broken = [], [], []
    for s in run["slos"]:
        base_requests = base[s["name"]]["requests"] if s["name"] in base else 0
        fails = not s["met"] or (s["requests"] == 0 and base_requests > 0)
        base_fails = s["name"] in base and not base[s["name"]]["met"]
        if fails:
            failing.append(s["name"])
            if not base_fails:
                broken.append(s["name"])
        slos.append({"name": s["name"], "holarchy": s["holarchy"], "holon": s["holon"], "system": system[s["name"]],
                     "met": s["met"], "fails": fails, "requests": s["requests"], "sli_value": s["sli_value"],
                     "budget_consumed": s["budget_consumed"], "burn_rate": s["burn_rate"]})
    properties = run["properties"]
    violated = sorted(p["name"] for p in properties if p["status"] == "violated")
    system_missed = sorted(n for n in failing if system[n])
    outcome = "property_violated" if violated else "slo_broken" if system_missed else "survived"
    return {"key": key, "seed": seed, "finished": True, "survived": outcome == "survived", "outcome": outcome,
            "violated": violated, "system_slos_missed": system_missed, "broken_slos": sorted(broken),
            "slos": slos, "properties": properties}


def _failure(plan: dict[str, Any], level: str, holon: str, points: list[dict[str, Any]]) -> dict[str, Any]:
    finished = [p for p in points if p["finished"]]
    outcome = max((p["outcome"] for p in points), key=SEVERITY.__getitem__)
    survived = None if outcome == "unknown" else outcome == "survived"
    names = {s["name"]: s for s in plan["slos"]}
    broken = sorted({n for p in finished for n in p["broken_slos"]})
    radius: dict[str, list[str]] = {}
    for name in broken:
        radius.setdefault(names[name]["holarchy"], []).append(names[name]["holon"])
    budget = max((s["budget_consumed"] for p in finished for s in p["slos"] if s["system"]), default=0.0)
    return {"level": level, "holon": holon, "scenario": scenario_name(level, holon), "outcome": outcome,
            "survived": survived, "seeds": len(points), "seeds_finished": len(finished),
            "seeds_survived": sum(1 for p in finished if p["survived"]),
            "violated": sorted({n for p in finished for n in p["violated"]}),
            "system_slos_missed": sorted({n for p in finished for n in p["system_slos_missed"]}),
            "broken_slos": broken, "blast_radius": {h: sorted(set(hs)) for h, hs in sorted(radius.items())},
            "budget_consumed": budget, "points": points}


def _badness(f: dict[str, Any]) -> tuple[Any, ...]:
    return (SEVERITY[f["outcome"]], len(f["violated"]), len(f["system_slos_missed"]),
            sum(len(hs) for hs in f["blast_radius"].values()), f["budget_consumed"],
            f["seeds_finished"] - f["seeds_survived"])


def _why(f: dict[str, Any]) -> str:
    parts = []
    if f["violated"]:
        parts.append("violates " + ", ".join(f["violated"]))
    if f["system_slos_missed"]:
        parts.append("misses system SLO " + ", ".join(f["system_slos_missed"]))
    holons = sum(len(hs) for hs in f["blast_radius"].values())
    if holons:
        parts.append(f"breaks the SLOs of {holons} holon{'s' if holons != 1 else ''}")
    parts.append(f"system SLO budget consumed {f['budget_consumed']:.2f}")
    return "; ".join(parts)


def _level(entry: dict[str, Any], failures: list[dict[str, Any]]) -> dict[str, Any]:
    known = [f for f in failures if f["survived"] is not None]
    survived = sum(1 for f in known if f["survived"])
    worst = None
    if known:
        # The first of the worst in plan order, so ties name the same holon every time.
        top = max(range(len(known)), key=lambda i: (_badness(known[i]), -i))
        w = known[top]
        worst = {"holon": w["holon"], "outcome": w["outcome"], "why": _why(w)}
    return {"level": entry["level"], "fault": entry["fault"], "failures": len(failures), "survived": survived,
            "not_survived": len(known) - survived, "unknown": len(failures) - len(known),
            "survival": survived / len(known) if known else None, "worst": worst}


def roll_up(plan: dict[str, Any], summaries: Mapping[str, dict[str, Any] | None]) -> dict[str, Any]:
    """The study's verdicts from the plan and each point's run summary (by point key; missing or None: the run
    did not finish). Deterministic: same inputs, same output, in plan order."""
    return roll_up_digests(plan, {key: None if s is None else digest(s) for key, s in summaries.items()})


def roll_up_digests(plan: dict[str, Any], summaries: Mapping[str, dict[str, Any] | None]) -> dict[str, Any]:
    """`roll_up` from each point's run `digest` (what the workers store)."""
    seeds = range(plan["seeds"])
    baseline = {s: summaries.get(point_key(None, None, s)) for s in seeds}
    base_points = [_point(plan, None, None, s, baseline[s], baseline[s]) for s in seeds]
    failures, levels = [], []
    for entry in plan["levels"]:
        mine = [_failure(plan, entry["level"], holon,
                         [_point(plan, entry["level"], holon, s, summaries.get(point_key(entry["level"], holon, s)),
                                 baseline[s]) for s in seeds])
                for holon in entry["holons"]]
        failures.extend(mine)
        levels.append(_level(entry, mine))
    lowest = next((lv["level"] for lv in reversed(levels) if lv["not_survived"]), None)
    finished = sum(p["finished"] for p in base_points) + sum(f["seeds_finished"] for f in failures)
    base_outcome = max((p["outcome"] for p in base_points), key=SEVERITY.__getitem__)
    return {
        "format": plan["format"], "model": plan["model"], "model_hash": plan["model_hash"],
        "holarchy": plan["holarchy"], "until": plan["until"], "seeds": plan["seeds"], "runs": plan["runs"],
        "finished": finished,
        "baseline": {"scenario": BASELINE, "outcome": base_outcome, "points": base_points},
        "levels": levels,
        "failures": failures,
        "skipped": plan["skipped"],
        "lowest_unsurvived_level": lowest,
        "survives": lowest is None and all(lv["unknown"] == 0 for lv in levels),
    }
