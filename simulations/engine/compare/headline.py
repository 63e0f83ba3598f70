"""The few phrases a review reads first: "cluster failures are now survived", "p99 latency at logical/app rose 8%".

Chosen from the changes in a fixed order, the most telling first: levels whose
survival flipped and the lowest level not survived (studies), properties,
SLOs, where a sweep first breaks, then the largest move of a latency and of an
availability at a holon that carries an SLO (or of a baseline SLI).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .changes import MetricChange, VerdictChange
from .summaries import swept_value

MOST = 5


def percent(x: float) -> str:
    return f"{x:.1%}" if 0 < abs(x) < 0.01 else f"{x:.0%}"


def _levels(changes: list[VerdictChange], a: Mapping[str, Any], b: Mapping[str, Any]) -> Iterator[str]:
    for c in changes:
        if c["kind"] == "level":
            if c["b"] == "survived":
                yield f"{c['where']} failures are now survived"
            elif c["a"] == "survived":
                yield f"{c['where']} failures are no longer survived"
            else:
                yield f"{c['where']} failures: {c['a']} → {c['b']}"
    la, lb = a.get("lowest_unsurvived_level"), b.get("lowest_unsurvived_level")
    if la != lb:
        yield (f"every studied level is now survived (the lowest not survived was {la})" if lb is None
               else f"the lowest level not survived is now {lb}" + (f" (was {la})" if la else ""))


def _verdicts(changes: list[VerdictChange]) -> Iterator[str]:
    by_subject: dict[tuple[str, str, str, str], list[str]] = {}
    for c in changes:
        if c["kind"] in ("property", "properties", "slo", "baseline"):
            by_subject.setdefault((c["kind"], c["name"], c["a"], c["b"]), []).append(c["where"])
    subjects = {"properties": "safety and liveness", "baseline": "the baseline"}
    for (kind, name, was, now), wheres in by_subject.items():
        subject = f"SLO {name}" if kind == "slo" else subjects.get(kind, name)
        at = f" at {', '.join(wheres)}" if kind in ("properties", "slo") and any(wheres) and len(wheres) < 4 else ""
        if kind == "slo" and len(wheres) >= 4:
            at = f" at {len(wheres)} holons or values"
        yield f"{subject} {'now holds' if now == 'holds' else 'is now ' + now}{at} (was {was})"


def _first_trouble(summary: Mapping[str, Any]) -> str | None:
    for point in summary["points"]:
        if point["violations"] or any(s["met_fraction"] < 1 for s in point["slos"].values()):
            return swept_value(summary["parameter"], point["value"])
    return None


def _sweep_break(a: Mapping[str, Any], b: Mapping[str, Any]) -> Iterator[str]:
    """Where the breaking-point search put the interval, else where the swept values first break."""
    if "breaking_point" in a and "breaking_point" in b:
        ha, hb = a["breaking_point"]["held"], b["breaking_point"]["held"]
        if ha != hb and ha is not None and hb is not None:
            name, moved = a["parameter"].rsplit("/", 1)[-1], "rose" if hb > ha else "fell"
            yield f"the breaking point {moved}: the SLOs now hold up to {name}={hb:g} (was {ha:g})"
        return
    ta, tb = _first_trouble(a), _first_trouble(b)
    if ta != tb:
        yield (f"no swept value breaks it any more (first trouble was at {ta})" if tb is None
               else f"first trouble is now at {tb}" + (f" (was {ta})" if ta else " (none before)"))


def _largest(metrics: list[MetricChange], family: str, holons: set[str], least: float) -> MetricChange | None:
    """The biggest move (relative when there is one, else absolute) of a metric of `family` at one of `holons`."""
    def size(m: MetricChange) -> float:
        return abs(m["relative"] if m["relative"] is not None else m["delta"] or 0.0)

    found = [m for m in metrics if m["metric"].startswith(family) and m["where"] in holons and m["delta"] is not None
             and size(m) >= least]
    return max(found, key=size, default=None)


def _moves(metrics: list[MetricChange], holons: dict[str, set[str]]) -> Iterator[str]:
    """The largest move of p99 latency at a holon with a latency SLO, and of availability (or a study's baseline
    SLI) at a holon with such an SLO."""
    latency = _largest(metrics, "p99 latency", holons["latency"], 0.01)
    if latency and latency["relative"] is not None:
        yield (f"p99 latency at {latency['where']} {'rose' if latency['relative'] > 0 else 'fell'} "
               f"{percent(abs(latency['relative']))}")
    for family, where in (("availability", holons["availability"]), ("baseline SLI", holons["any"])):
        m = _largest(metrics, family, where, 0.001)
        if m and m["a"] is not None and m["b"] is not None:
            yield f"{m['metric']} at {m['where']} {'rose' if m['b'] > m['a'] else 'fell'} from {percent(m['a'])} to " \
                  f"{percent(m['b'])}"


def _slo_holons(*summaries: Mapping[str, Any]) -> dict[str, set[str]]:
    """Holons carrying an SLO, by the SLI it measures ("any": a study's baseline SLOs, whatever they measure)."""
    out: dict[str, set[str]] = {"latency": set(), "availability": set(), "any": set()}
    for s in summaries:
        for slo in s.get("slos", ()):
            out.setdefault(slo["sli"], set()).add(f"{slo['holarchy']}/{slo['holon']}")
        for point in s.get("baseline", {}).get("points", ()):
            out["any"] |= {f"{slo['holarchy']}/{slo['holon']}" for slo in point.get("slos", ())}
    return out


def headline(kind: str, a: Mapping[str, Any], b: Mapping[str, Any], verdicts: list[VerdictChange],
             metrics: list[MetricChange]) -> list[str]:
    """At most `MOST` phrases (the last may count what else changed); one phrase when nothing did."""
    if not verdicts and not metrics:
        return ["nothing changed: the same verdicts and the same measurements"]
    verdict_phrases = [*(_levels(verdicts, a, b) if kind == "study" else ()), *_verdicts(verdicts),
                       *(_sweep_break(a, b) if kind == "sweep" else ())]
    moves = list(_moves(metrics, _slo_holons(a, b)))
    room = MOST - min(len(moves), 2)
    phrases = verdict_phrases[:room]
    if len(verdict_phrases) > room:
        phrases.append(f"and {len(verdict_phrases) - room} more verdict changes")
    phrases += moves[:MOST - len(phrases)]
    if not phrases:
        better = sum(1 for c in [*verdicts, *metrics] if c["change"] == "better")
        worse = sum(1 for c in [*verdicts, *metrics] if c["change"] == "worse")
        phrases.append(f"{better} measurements better, {worse} worse, no headline verdict changed")
    return phrases
