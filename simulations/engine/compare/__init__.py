"""Compare two summaries of one kind (two runs, two sweeps, two level studies), normally of two versions.

`compare(a, b)` is a pure function of the two stored summaries: the workers'
API and `python -m simulations.engine compare A.json B.json` give the same
answer. It says which verdicts changed (SLOs, properties, levels survived,
failure outcomes, blast radii), which measurements moved and by how much, each
judged better or worse, and a headline of the few changes that matter most.
`compare(b, a)` is its mirror. Linking the changes to the version diff is the
caller's: the engine knows summaries, not versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from .changes import MetricChange, VerdictChange, metric_changes, verdict_changes
from .headline import headline
from .summaries import CompareError, facts_of, kind_of

__all__ = ["Comparison", "CompareError", "MetricChange", "VerdictChange", "compare", "kind_of"]

FORMAT = "holarchy-compare/v1"


class Side(TypedDict):
    model: str
    model_hash: str
    detail: str


class Comparison(TypedDict):
    format: str
    kind: str
    a: Side
    b: Side
    headline: list[str]
    notes: list[str]
    verdicts: list[VerdictChange]
    metrics: list[MetricChange]
    better: int
    worse: int


def _notes(kind: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """What differs between the two besides the model, so a reader does not take it for the model's doing."""
    fields = {"run": ("scenario", "seed", "until"), "sweep": (), "study": ("seeds", "until")}[kind]
    return [f"{name} differs: {a.get(name)!r} in a, {b.get(name)!r} in b"
            for name in fields if a.get(name) != b.get(name)]


def compare(a: Mapping[str, Any], b: Mapping[str, Any]) -> Comparison:
    """What changed from summary `a` to summary `b`. `CompareError` (field "a", "b" or "kind") when they are not
    two summaries of one kind, or not of one thing (a sweep of another parameter, a study of another holarchy)."""
    fa, fb = facts_of(a, "a"), facts_of(b, "b")
    if fa.kind != fb.kind:
        raise CompareError("kind", f"a is a {fa.kind} summary and b a {fb.kind} summary: compare two of one kind")
    for name in {"sweep": ("parameter",), "study": ("holarchy",)}.get(fa.kind, ()):
        if a[name] != b[name]:
            raise CompareError("b", f"its {name} is {b[name]!r}, a's is {a[name]!r}: compare two of the same {name}")
    verdicts, metrics = verdict_changes(fa, fb), metric_changes(fa, fb)
    changes = [*verdicts, *metrics]
    return {
        "format": FORMAT,
        "kind": fa.kind,
        "a": {"model": str(a.get("model", "")), "model_hash": str(a.get("model_hash", "")), "detail": fa.detail},
        "b": {"model": str(b.get("model", "")), "model_hash": str(b.get("model_hash", "")), "detail": fb.detail},
        "headline": headline(fa.kind, a, b, verdicts, metrics),
        "notes": _notes(fa.kind, a, b),
        "verdicts": verdicts,
        "metrics": metrics,
        "better": sum(1 for c in changes if c["change"] == "better"),
        "worse": sum(1 for c in changes if c["change"] == "worse"),
    }
