"""A sweep's summary: per swept value, how the SLOs fared across its seeds.

This is the load/fault sweep of CONCEPTS §4: scalability is meeting the SLOs
as load grows, reliability meeting them while failures happen. A
breaking-point sweep's values come round by round from the engine's search
(simulations.engine.breaking): `next_round` runs when a round's last run has
finished, and its summary is the engine's, the same as the CLI prints.
"""

from collections import defaultdict
from typing import Any

from django.db import transaction

from simulations.engine.breaking import Search, point_stats
from simulations.engine.breaking import summarize as summarize_search

from .models import ACTIVE, FINISHED, JobStatus, Sweep, SweepMode


def _point_summary(value: Any, runs: list) -> dict[str, Any]:
    return point_stats(value, [r.summary if r.status == JobStatus.SUCCEEDED else None for r in runs])


def _search_summary(sweep: Sweep, by_value: dict[str, list]) -> dict[str, Any]:
    """The engine's summary of the search from the points whose runs have all finished."""
    points = {
        float(runs[0].overrides[sweep.parameter]): [r.summary if r.status == JobStatus.SUCCEEDED else None
                                                    for r in runs]
        for runs in by_value.values() if all(r.status in FINISHED for r in runs)
    }
    return summarize_search(Search.from_json(sweep.search), points)


def summarize(sweep: Sweep) -> dict[str, Any]:
    """Per value, its runs' SLOs; and every finished run that did not succeed, with its value, seed and reason."""
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
        if r.status in FINISHED and r.status != JobStatus.SUCCEEDED
    ]
    if sweep.mode == SweepMode.BREAKING_POINT:
        return {**_search_summary(sweep, by_value), "failures": failures}
    return {
        "parameter": sweep.parameter,
        "points": [_point_summary(v, by_value[repr(v)]) for v in values],
        "failures": failures,
    }


def next_round(sweep_id: Any) -> bool:
    """Whether a breaking-point search goes on: it does while a round's runs are active, or when its last run
    finished and the engine names a next round, whose runs this enqueues. Under the sweep's row lock, so the
    two runs that finish a round last cannot both enqueue the next one."""
    from .services import add_sweep_runs  # services enqueue through lifecycle, which settles through here

    with transaction.atomic():
        sweep = Sweep.objects.select_for_update().select_related("version").filter(id=sweep_id).first()
        if sweep is None or sweep.mode != SweepMode.BREAKING_POINT or sweep.status in FINISHED:
            return False
        if sweep.runs.filter(status__in=ACTIVE).exists():
            return True
        summary = summarize(sweep)
        if sweep.cancel_requested or not summary["next_round"]:
            return False
        spec = Search.from_json(sweep.search)
        add_sweep_runs(sweep, [spec.as_override(v) for v in summary["next_round"]])
        Sweep.objects.filter(id=sweep.id).update(values=[*sweep.values, *summary["next_round"]], summary=summary)
        return True


def describe_failures(failures: list[dict[str, Any]], total: int) -> str:
    """E.g. "2 of 40 runs did not succeed: rate=5 seed 3 failed (unexpected error ...); ..." (the first few)."""
    shown = [
        ("" if f["value"] is None else f"value {f['value']!r} ") + f"seed {f['seed']} {f['status']} ({f['error']})"
        for f in failures[:3]
    ]
    more = f"; and {len(failures) - 3} more" if len(failures) > 3 else ""
    return f"{len(failures)} of {total} runs did not succeed: " + "; ".join(shown) + more
