"""Level studies as jobs: the engine plans them and rolls them up; this module turns runs into that roll-up.

The plan and the roll-up are the engine's (simulations.engine.study), so a
study's summary is byte for byte what `python -m simulations.engine study`
prints for the same options. Its runs are ordinary runs (the point's scenario
as a document override), so the run viewer opens each one. Submitting is in
services.py, finishing in lifecycle.settle.
"""

from typing import Any

from simulations.engine.study import roll_up, run_key

from .models import JobStatus, LevelStudy


def summarize(study: LevelStudy) -> dict[str, Any]:
    """The engine's roll-up over the study's runs; a run that did not succeed counts as not finished."""
    runs = study.runs.only("scenario", "seed", "status", "summary")
    summaries = {run_key(r.scenario, r.seed): r.summary if r.status == JobStatus.SUCCEEDED else None for r in runs}
    return roll_up(study.plan, summaries)


def outcome(study: LevelStudy, total: int) -> tuple[dict[str, Any], int, str]:
    """The summary, the runs that succeeded, and why the study is incomplete when some did not."""
    summary = summarize(study)
    missing = total - summary["finished"]
    reason = f"{missing} of {total} runs did not succeed; the failures they belong to count as unknown"
    return summary, summary["finished"], reason if missing else ""
