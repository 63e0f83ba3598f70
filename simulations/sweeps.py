"""A sweep's summary: per swept value, how the SLOs fared across its seeds.

This is the load/fault sweep of CONCEPTS §4: scalability is meeting the SLOs
as load grows, reliability meeting them while failures happen.
"""

from collections import defaultdict
from typing import Any

from simulations.engine.breaking import point_stats

from .models import JobStatus, Sweep


def _point_summary(value: Any, runs: list) -> dict[str, Any]:
    return point_stats(value, [r.summary if r.status == JobStatus.SUCCEEDED else None for r in runs])


def summarize(sweep: Sweep) -> dict[str, Any]:
    """Per value, its runs' SLOs; and every run that did not succeed, with its value, seed and reason."""
    by_value: dict[str, list] = defaultdict(list)
    runs = list(sweep.runs.order_by("seed"))
    for run in runs:
        by_value[repr(run.overrides.get(sweep.parameter))].append(run)
    values = sweep.values if sweep.parameter else [None]
    order = {repr(v): i for i, v in enumerate(values)}
    failures = [
        {"run": str(r.id), "value": r.overrides.get(sweep.parameter), "seed": r.seed, "status": r.status,
         "error": r.error}
        for r in sorted(runs, key=lambda r: (order.get(repr(r.overrides.get(sweep.parameter)), 0), r.seed))
        if r.status != JobStatus.SUCCEEDED
    ]
    return {
        "parameter": sweep.parameter,
        "points": [_point_summary(v, by_value[repr(v)]) for v in values],
        "failures": failures,
    }


def describe_failures(failures: list[dict[str, Any]], total: int) -> str:
    """E.g. "2 of 40 runs did not succeed: rate=5 seed 3 failed (unexpected error ...); ..." (the first few)."""
    shown = [
        ("" if f["value"] is None else f"value {f['value']!r} ") + f"seed {f['seed']} {f['status']} ({f['error']})"
        for f in failures[:3]
    ]
    more = f"; and {len(failures) - 3} more" if len(failures) > 3 else ""
    return f"{len(failures)} of {total} runs did not succeed: " + "; ".join(shown) + more
