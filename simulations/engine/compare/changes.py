"""What changed between two sets of facts: verdicts that flipped and measurements that moved.

Each kind of summary (a run, a sweep, a study) is first reduced to `Facts`
(summaries.py): verdicts by subject and numbers by (holon, metric). The
difference of two `Facts` is the same whatever they came from, so one rule
says when a change is better or worse, and `diff(b, a)` is the mirror of
`diff(a, b)`: the same subjects, the sides swapped, better and worse exchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TypedDict


class Direction(Enum):
    """Which way a number is better."""

    HIGHER = "higher"
    LOWER = "lower"


#: How bad a verdict is: a change to a higher rank is worse. Verdicts not ranked here (unknown, inconclusive,
#: absent from one side) change without being better or worse.
RANK = {
    "met": 0, "holds": 0, "satisfied": 0, "survived": 0, "unaffected": 0,
    "partly survived": 1,
    "missed": 2, "slo_broken": 2, "not survived": 2, "broken": 2,
    "violated": 3, "property_violated": 3,
}

#: Two numbers closer than this (relative to the larger, or absolutely below 1) are the same measurement.
TOLERANCE = 1e-9


class VerdictChange(TypedDict):
    kind: str  # "slo", "property", "level", "failure", "blast radius", ...
    where: str  # the holon, level, failure or swept value it belongs to ("" for the whole system)
    name: str
    a: str
    b: str
    change: str  # "better", "worse" or "changed"


class MetricChange(TypedDict):
    where: str
    metric: str
    better: str  # "higher" or "lower"
    a: float | None
    b: float | None
    delta: float | None  # b - a
    relative: float | None  # delta / |a|; None when a is 0 or missing
    change: str  # "better", "worse" or "changed" (measured on one side only)


@dataclass
class Facts:
    """A summary reduced to what can be compared: verdicts by (kind, where, name), numbers by (where, metric)."""

    kind: str
    detail: str  # e.g. "scenario calm, seed 1": what the summary is of, for the reader
    verdicts: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: (kind, where) -> the verdict of any name not listed there (a failure's unlisted holons are "unaffected")
    defaults: dict[tuple[str, str], str] = field(default_factory=dict)
    metrics: dict[tuple[str, str], tuple[Direction, float | None]] = field(default_factory=dict)


def same(x: float, y: float) -> bool:
    return abs(x - y) <= TOLERANCE * max(1.0, abs(x), abs(y))


def _judge(before: int | None, after: int | None) -> str:
    if before is None or after is None or before == after:
        return "changed"
    return "worse" if after > before else "better"


def _verdict(facts: Facts, key: tuple[str, str, str]) -> str:
    return facts.verdicts.get(key) or facts.defaults.get(key[:2], "absent")


def verdict_changes(a: Facts, b: Facts) -> list[VerdictChange]:
    """Every subject whose verdict differs, in a fixed order (kind, where, name); a missing side is "absent"."""
    out: list[VerdictChange] = []
    for key in sorted(a.verdicts.keys() | b.verdicts.keys()):
        va, vb = _verdict(a, key), _verdict(b, key)
        if va != vb:
            kind, where, name = key
            out.append({"kind": kind, "where": where, "name": name, "a": va, "b": vb,
                        "change": _judge(RANK.get(va), RANK.get(vb))})
    return out


def metric_changes(a: Facts, b: Facts) -> list[MetricChange]:
    """Every measurement that moved beyond `TOLERANCE`, or was measured on one side only."""
    out: list[MetricChange] = []
    for key in sorted(a.metrics.keys() | b.metrics.keys()):
        direction, va = a.metrics.get(key, (None, None))
        direction_b, vb = b.metrics.get(key, (None, None))
        better = direction or direction_b or Direction.HIGHER
        if va is None and vb is None or va is not None and vb is not None and same(va, vb):
            continue
        if va is None or vb is None:
            delta = relative = None
            change = "changed"
        else:
            delta = vb - va
            relative = delta / abs(va) if va else None
            up_is_good = better is Direction.HIGHER
            change = "better" if (delta > 0) == up_is_good else "worse"
        where, metric = key
        out.append({"where": where, "metric": metric, "better": better.value, "a": va, "b": vb,
                    "delta": delta, "relative": relative, "change": change})
    return out
