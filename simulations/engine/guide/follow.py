"""A guide's "try this", followed locally: the action it names and the outcome it promises, side by side.

The web UI starts the same action as a job (a run, an exploration, a sweep, a level study); this module
does it in-process, so the example tests and `python -m simulations.engine guide` check each promise of
every example against what the engine really does. A scenario left out means none (no faults), as in
the API's jobs. `observe` measures exactly the keys an item's `expect` names, so a test compares the two
mappings and a mismatch shows both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import simulate
from ..breaking import check_search
from ..breaking.cli import search_locally
from ..explore import Bounds, explore
from ..modelcode import Model, dump_model, load_model
from ..modelcode.model import NO_FAULTS
from ..overrides import apply_overrides
from ..study import plan_study, roll_up, run_points

#: What a try-this item does, in the order the guide's schema lists them.
ACTIONS = ("run", "explore", "sweep", "study")
PASSING = ("holds", "satisfied")


def tries(model: Model) -> list[dict[str, Any]]:
    """The model's "try this" items, in guide order (none without a guide)."""
    return list((model.guide or {}).get("try", ()))


def follow(model: Model, item: Mapping[str, Any], *, workers: int = 1) -> dict[str, Any]:
    """Do what ``item`` says on ``model``; the result the job of that kind would store."""
    kind, action = next(iter(item["do"].items()))
    document = dump_model(model)
    if action.get("set"):  # the parameters the item changes first, as the UI changes them in the user's copy
        document = dump_model(load_model(apply_overrides(document, action["set"])))
        model = load_model(document)
    if kind == "run":
        seed = action.get("seed", 1)
        return simulate(model, seed=seed, scenario=action.get("scenario", NO_FAULTS), until=action.get("until")).summary
    if kind == "explore":
        bounds = Bounds(**{k: action[k] for k in ("max_states", "max_depth", "max_seconds") if k in action})
        return explore(document, bounds=bounds).summary
    if kind == "sweep":
        scenario, until = action.get("scenario", NO_FAULTS), action.get("until")
        if "search" in action:
            search = check_search(document, {"parameter": action["parameter"], "seeds": action.get("seeds", 1),
                                             **action["search"]})
            return search_locally(document, search, scenario=scenario, until=until, workers=workers)
        measured = []
        for value in action["values"]:
            variant = load_model(apply_overrides(document, {action["parameter"]: value}))
            summaries = [simulate(variant, seed=seed, scenario=scenario, until=until).summary
                         for seed in range(action.get("seeds", 1))]
            measured.append({"value": value, "summaries": summaries})
        return {"mode": "values", "parameter": action["parameter"], "points": measured}
    plan, points = plan_study(document, holarchy=action["holarchy"], levels=action.get("levels"),
                              faults=action.get("faults"), seeds=action.get("seeds", 1), until=action.get("until"))
    return roll_up(plan, run_points(document, points, workers=workers))


def _verdicts(result: Mapping[str, Any]) -> dict[str, str]:
    """Property name -> verdict, for a run summary (status) and an exploration summary (verdict) alike."""
    if "safety" in result:
        return {p["name"]: p["status"] for p in result["safety"] + result["liveness"]}
    return {p["name"]: p["verdict"] for p in result["properties"]}


def observe(item: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    """What ``result`` shows for each key of the item's ``expect``, spelled like ``expect``: equal when the
    promise is kept."""
    expect = item.get("expect") or {}
    seen: dict[str, Any] = {}
    if "violated" in expect or "holds" in expect:
        verdicts = _verdicts(result)
        if "violated" in expect:
            seen["violated"] = [n for n in expect["violated"] if verdicts.get(n) == "violated"]
        if "holds" in expect:
            seen["holds"] = [n for n in expect["holds"] if verdicts.get(n) in PASSING]
    if "slos_met" in expect or "slos_missed" in expect:
        met = {s["name"]: s["met"] for s in result["slos"]}
        for key, wanted in (("slos_met", True), ("slos_missed", False)):
            if key in expect:
                seen[key] = [n for n in expect[key] if met.get(n) is wanted]
    if "states" in expect:
        seen["states"] = result["states"] if result["complete"] else None
    if "shortest" in expect:
        found = {p["name"]: p.get("counterexample_length") for p in result["properties"]
                 if p["verdict"] == "violated" and p.get("shortest")}
        seen["shortest"] = {n: found.get(n) for n in expect["shortest"]}
    if "no_counterexample" in expect:
        verdicts = _verdicts(result)
        unbroken = ("holds", "incomplete")
        seen["no_counterexample"] = [n for n in expect["no_counterexample"] if verdicts.get(n) in unbroken]
    if "serializable" in expect:
        seen["serializable"] = all(o["serializable"] for o in result["serializability"])
    if "outcome" in expect:
        seen["outcome"] = result["outcome"]
    if "breaks_between" in expect:
        low, high = expect["breaks_between"]
        bp = result["breaking_point"]
        inside = bp["held"] is not None and bp["broke"] is not None and low <= bp["held"] and bp["broke"] <= high
        seen["breaks_between"] = [low, high] if inside else [bp["held"], bp["broke"]]
    if "missed_at" in expect:
        seen["missed_at"] = {str(p["value"]): sorted({s["name"] for summary in p["summaries"]
                                                      for s in summary["slos"] if not s["met"]})
                             for p in result["points"] if str(p["value"]) in expect["missed_at"]}
    if "broken" in expect:
        by_holon = {f["holon"]: f["broken_slos"] for f in result["failures"]}
        seen["broken"] = {h: by_holon.get(h) for h in expect["broken"]}
    if "survival" in expect:
        seen["survival"] = {lv["level"]: lv["survival"] for lv in result["levels"] if lv["level"] in expect["survival"]}
    return seen


def promised(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item's ``expect`` in the spelling ``observe`` uses (study levels and values as written)."""
    expect = dict(item.get("expect") or {})
    if "missed_at" in expect:
        expect["missed_at"] = {k: sorted(v) for k, v in expect["missed_at"].items()}
    if "broken" in expect:
        expect["broken"] = {h: sorted(v) for h, v in expect["broken"].items()}
    return expect
