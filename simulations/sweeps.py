"""A sweep's summary: per swept value, how the SLOs fared across its seeds.

This is the load/fault sweep of CONCEPTS §4: scalability is meeting the SLOs
as load grows, reliability meeting them while failures happen.
"""

from collections import defaultdict
from statistics import fmean
from typing import Any

from .models import JobStatus, Sweep


def _point_summary(value: Any, runs: list) -> dict[str, Any]:
    finished = [r.summary for r in runs if r.status == JobStatus.SUCCEEDED]
    slos: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for summary in finished:
        for slo in summary.get("slos", []):
            if slo["sli_value"] is not None:
                slos[slo["name"]]["sli"].append(slo["sli_value"])
            slos[slo["name"]]["met"].append(1.0 if slo["met"] else 0.0)
            slos[slo["name"]]["budget_consumed"].append(slo["budget_consumed"])
    return {
        "value": value,
        "runs": len(runs),
        "failed_runs": len(runs) - len(finished),
        "violations": sum(len(s.get("violations", [])) for s in finished),
        "slos": {
            name: {
                "sli": fmean(series["sli"]) if series["sli"] else None,
                "met_fraction": fmean(series["met"]),
                "budget_consumed": fmean(series["budget_consumed"]),
            }
            for name, series in sorted(slos.items())
        },
    }


def summarize(sweep: Sweep) -> dict[str, Any]:
    by_value: dict[str, list] = defaultdict(list)
    for run in sweep.runs.order_by("seed"):
        by_value[repr(run.overrides.get(sweep.parameter))].append(run)
    values = sweep.values if sweep.parameter else [None]
    return {"parameter": sweep.parameter, "points": [_point_summary(v, by_value[repr(v)]) for v in values]}
