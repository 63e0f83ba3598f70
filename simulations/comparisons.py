"""Two jobs of one kind (runs, sweeps, level studies) compared, normally of two versions of one model.

What changed is the engine's (simulations.engine.compare) over the two stored
summaries, so the API says what `python -m simulations.engine compare` says.
This module orders the sides (the older version is `a`), refuses what cannot
be compared, and links the changes to the version diff: the headline begins
with the newer version's message, or with what its diff changes.
"""

from typing import Any

from holarchy.accounts.permissions import visible
from holarchy.modeling.documents import diff_documents
from simulations.engine.compare import CompareError, compare

from .errors import NoSummaryYet, NotComparable
from .models import Exploration, Job, LevelStudy, Run, Sweep

NOUNS = {Run: "run", Sweep: "sweep", LevelStudy: "level study", Exploration: "exploration"}
#: At most this many item ids per section in the description of a version diff.
SHOWN = 3


def _items(ids: list[str]) -> str:
    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
    return ", ".join(ids[:SHOWN]) + more


def describe_diff(changes: dict[str, dict[str, list]]) -> str:
    """E.g. "changes components client-1 (params), client-2 (params); adds slos p99": a version diff in a line."""
    parts = []
    for section, diff in changes.items():
        if diff["added"]:
            parts.append(f"adds {section} {_items(diff['added'])}")
        if diff["removed"]:
            parts.append(f"removes {section} {_items(diff['removed'])}")
        if diff["changed"]:
            named = [f"{c['id']} ({', '.join(c['changes'])})" for c in diff["changed"]]
            parts.append(f"changes {section} {_items(named)}")
    return "; ".join(parts) or "the same document"


def visible_kind(job_id: Any, user) -> str | None:
    """What kind of job `job_id` is, if the user may see it (to tell "another kind" from "no such job")."""
    return next((noun for model, noun in NOUNS.items() if visible(model.objects.filter(pk=job_id), user).exists()),
                None)


def _side(job: Job, detail: str) -> dict[str, Any]:
    version = job.version
    return {"id": str(job.id), "status": job.status, "created_at": job.created_at, "version": version.id,
            "version_number": version.number, "version_message": version.message, "detail": detail}


def compare_jobs(job: Job, other: Job) -> dict[str, Any]:
    """The comparison of two jobs of one kind and one model, from the older version's to the newer's
    (same version: the earlier job's to the later's). NotComparable (400) names the field `with`;
    NoSummaryYet (409) when one has no summary."""
    noun = NOUNS[type(job)]
    if other.version.model_id != job.version.model_id:
        raise NotComparable(f"is a {noun} of another model: compare two versions of one model", field="with")
    a, b = sorted((job, other), key=lambda j: (j.version.number, j.created_at, str(j.id)))
    for side in (a, b):
        if side.summary is None:
            raise NoSummaryYet(f"{noun} {side.id} has no summary yet (it is {side.status})")
    try:
        comparison = compare(a.summary, b.summary)
    except CompareError as exc:
        culprit = {"a": a, "b": b}.get(exc.field)
        reason = f"the summary of {noun} {culprit.id}: {exc.reason}" if culprit else exc.reason
        raise NotComparable(reason, field="with") from None
    same_version = a.version_id == b.version_id
    change = "" if same_version else describe_diff(diff_documents(a.version.document, b.version.document))
    if same_version:
        lead = f"v{a.version.number}, {comparison['a']['detail']} → {comparison['b']['detail']}"
    else:
        lead = f"v{b.version.number} {b.version.message or change}"
    return {
        "kind": comparison["kind"],
        "headline": f"{lead}: {', '.join(comparison['headline'])}",
        "version_change": change,
        "a": _side(a, comparison["a"]["detail"]),
        "b": _side(b, comparison["b"]["detail"]),
        "comparison": comparison,
    }
