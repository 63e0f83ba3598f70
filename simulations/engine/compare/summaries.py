"""Each kind of stored summary reduced to `Facts`: a run's, a sweep's and a level study's.

- A **run** (`simulate(...).summary`, `run --json`): each SLO met or missed, each
  property's status; per holon its availability and latency percentiles, per
  SLO its error budget consumed and highest burn rate.
- A **sweep** (simulations/sweeps.py): per swept value, each SLO met by every
  seed or missed, and whether any property was violated; the mean SLI, budget
  and fraction of seeds meeting it. A breaking-point search's summary
  (breaking/search.py) adds its interval: the highest value that held and
  the lowest that broke, higher being better.
- A **level study** (study/rollup.py, `study --json`): per level survived or not
  and its survival; per failure its outcome and blast radius (each holon broken
  or unaffected), the system SLO budget it consumed; the baseline's SLOs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from statistics import fmean
from typing import Any

from .changes import Direction, Facts

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
LATENCIES = ("p50", "p90", "p99")


class CompareError(ValueError):
    """Two summaries that cannot be compared, or one that is not a summary; `field` is "a" or "b" or "kind"."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def kind_of(summary: Mapping[str, Any]) -> str:
    """ "run", "sweep" or "study", from the keys only that kind's summary has."""
    if {"levels", "failures", "baseline"} <= summary.keys():
        return "study"
    if {"parameter", "points"} <= summary.keys():
        return "sweep"
    if {"slos", "safety", "liveness", "slis"} <= summary.keys():
        return "run"
    raise ValueError("not a run, sweep or level study summary")


def _burn(slo: Mapping[str, Any]) -> float:
    return max((float(rate) for _, rate in slo["burn_rate"]), default=0.0)


def _run(s: Mapping[str, Any]) -> Facts:
    facts = Facts("run", f"scenario {s['scenario'] or 'none'}, seed {s['seed']}")
    for p in [*s["safety"], *s["liveness"]]:
        facts.verdicts["property", "", p["name"]] = p["status"]
    for slo in s["slos"]:
        where = f"{slo['holarchy']}/{slo['holon']}"
        facts.verdicts["slo", where, slo["name"]] = "met" if slo["met"] else "missed"
        facts.metrics[where, f"budget consumed ({slo['name']})"] = LOWER, slo["budget_consumed"]
        facts.metrics[where, f"burn rate ({slo['name']})"] = LOWER, _burn(slo)
    for holarchy, holons in s["slis"].items():
        for holon, sli in holons.items():
            where = f"{holarchy}/{holon}"
            facts.metrics[where, "availability"] = HIGHER, sli["availability"]
            for q in LATENCIES:
                facts.metrics[where, f"{q} latency"] = LOWER, sli["latency"][q]
    return facts


def swept_value(parameter: str, value: Any) -> str:
    return f"{parameter.rsplit('/', 1)[-1]}={json.dumps(value)}" if parameter else "seeds"


def _sweep(s: Mapping[str, Any]) -> Facts:
    facts = Facts("sweep", f"{s['parameter'] or 'seeds only'}, {len(s['points'])} values")
    for point in s["points"]:
        where = swept_value(s["parameter"], point["value"])
        facts.verdicts["properties", where, "safety and liveness"] = "violated" if point["violations"] else "holds"
        for name, slo in point["slos"].items():
            facts.verdicts["slo", where, name] = "met" if slo["met_fraction"] == 1 else "missed"
            facts.metrics[where, f"SLI ({name})"] = HIGHER, slo["sli"]
            facts.metrics[where, f"seeds meeting ({name})"] = HIGHER, slo["met_fraction"]
            facts.metrics[where, f"budget consumed ({name})"] = LOWER, slo["budget_consumed"]
        facts.metrics[where, "violations"] = LOWER, float(point["violations"])
    if (interval := s.get("breaking_point")) is not None:
        facts.verdicts["breaking point", "", "search"] = s["outcome"]
        facts.metrics["breaking point", "highest value held"] = HIGHER, interval["held"]
        facts.metrics["breaking point", "lowest value broken"] = HIGHER, interval["broke"]
    return facts


def _level_verdict(survival: float | None) -> str:
    if survival is None:
        return "unknown"
    return "survived" if survival == 1 else "not survived" if survival == 0 else "partly survived"


def _study(s: Mapping[str, Any]) -> Facts:
    seeds = f"{s['seeds']} seed{'s' if s['seeds'] != 1 else ''} per failure"
    facts = Facts("study", f"holarchy {s['holarchy']}, {s['runs']} runs, {seeds}")
    facts.verdicts["baseline", "", "without faults"] = s["baseline"]["outcome"]
    for lv in s["levels"]:
        facts.verdicts["level", lv["level"], "failures"] = _level_verdict(lv["survival"])
        facts.metrics[f"level {lv['level']}", "survival"] = HIGHER, lv["survival"]
    for f in s["failures"]:
        where = f"{f['level']} {f['holon']}"
        facts.verdicts["failure", where, "outcome"] = f["outcome"]
        if f["outcome"] != "unknown":
            broken = [f"{h}/{holon}" for h, hs in f["blast_radius"].items() for holon in hs]
            facts.defaults["blast radius", where] = "unaffected"
            for holon in broken:
                facts.verdicts["blast radius", where, holon] = "broken"
            facts.metrics[where, "blast radius (holons)"] = LOWER, float(len(broken))
            facts.metrics[where, "system SLO budget consumed"] = LOWER, f["budget_consumed"]
    base: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for point in s["baseline"]["points"]:
        for slo in point.get("slos", ()):
            base.setdefault((f"{slo['holarchy']}/{slo['holon']}", slo["name"]), []).append(slo)
    for (where, name), slos in sorted(base.items()):
        values = [x["sli_value"] for x in slos if x["sli_value"] is not None]
        facts.metrics[where, f"baseline SLI ({name})"] = HIGHER, fmean(values) if values else None
        facts.metrics[where, f"baseline budget consumed ({name})"] = LOWER, fmean(x["budget_consumed"] for x in slos)
        facts.metrics[where, f"baseline burn rate ({name})"] = LOWER, max(x["burn_rate"] for x in slos)
    return facts


READERS = {"run": _run, "sweep": _sweep, "study": _study}


def facts_of(summary: Mapping[str, Any], side: str) -> Facts:
    """The summary's `Facts`; a summary of no known kind, or one missing a field, is a `CompareError` of `side`."""
    try:
        kind = kind_of(summary)
    except ValueError as exc:
        raise CompareError(side, str(exc)) from None
    try:
        return READERS[kind](summary)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        what = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise CompareError(side, f"not a {kind} summary as this engine writes them ({what})") from None
