"""Level studies as jobs: the engine plans them and rolls them up; this module turns runs into that roll-up.

The plan and the roll-up are the engine's (simulations.engine.study), so a
study's summary is byte for byte what `python -m simulations.engine study`
prints for the same options. Its runs are ordinary runs (the point's scenario
as a document override), so the run viewer opens each one. Submitting is in
services.py, finishing in lifecycle.settle.
"""

from typing import Any

from simulations.engine.study import digest, roll_up_digests, run_key

from .models import JobStatus, LevelStudy


def summarize(study: LevelStudy) -> dict[str, Any]:
    """The engine's roll-up over the study's runs' digests; a run that did not succeed counts as not finished.
    A run finished without a digest (by an earlier release) is digested from its summary here."""
    digests = {}
    for scenario, seed, status, stored in study.runs.values_list("scenario", "seed", "status", "digest"):
        digests[run_key(scenario, seed)] = stored if status == JobStatus.SUCCEEDED else None
    for scenario, seed, summary in study.runs.filter(status=JobStatus.SUCCEEDED, digest__isnull=True).values_list(
            "scenario", "seed", "summary"):
        digests[run_key(scenario, seed)] = digest(summary)
    return roll_up_digests(study.plan, digests)


def outcome(study: LevelStudy, total: int) -> tuple[dict[str, Any], int, str]:
    """The summary, the runs that succeeded, and why the study is incomplete when some did not."""
    summary = summarize(study)
    missing = total - summary["finished"]
    reason = f"{missing} of {total} runs did not succeed; the failures they belong to count as unknown"
    return summary, summary["finished"], reason if missing else ""
