"""Running a study's points on this machine, in worker processes: what the CLI does instead of Celery."""

from __future__ import annotations

from typing import Any

from ..api import simulate
from ..overrides import apply_overrides
from ..pool import parallel_map
from .plan import Point


def run_point(document: dict[str, Any], point: Point) -> dict[str, Any]:
    """One point's run summary: the model with the point's scenario as its only one, as a job's run does it."""
    return simulate(apply_overrides(document, point.overrides()), seed=point.seed,
                    scenario=point.scenario["name"]).summary


def _run(args: tuple[dict[str, Any], Point]) -> dict[str, Any]:
    return run_point(*args)


def run_points(document: dict[str, Any], points: list[Point], workers: int = 1) -> dict[str, dict[str, Any]]:
    """Every point's summary by point key; `workers` > 1 spreads them over that many processes."""
    summaries = parallel_map(_run, [(document, p) for p in points], workers)
    return {p.key: s for p, s in zip(points, summaries, strict=True)}
