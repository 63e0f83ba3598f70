"""Breaking points: the highest value of one parameter at which the chosen SLOs still hold, found in rounds.

This is scalability (the parameter is an offered load, e.g. a client's rate)
or reliability (a fault rate, e.g. a link's loss) as CONCEPTS §4 defines them:
how far the parameter can grow before the system misses its objectives.

The search **assumes monotonicity**: the SLOs hold below some value and break
above it. Round 1 runs `per_round` points spread over [low, high], both ends
included; each later round runs `per_round` points evenly inside the current
interval (the highest value that held, the lowest that broke), so a round
shrinks it `per_round + 1` times, until it is no wider than `resolution`.
Evidence against the assumption (a point that held above one that broke) is
reported, never hidden; the interval is then the one below the lowest break.

Everything here is a pure function of the search and the points' run
summaries, so the CLI and the workers plan the same rounds and report the same
summary byte for byte: `advance` replays the rounds from the verdicts so far
and names the next round's values, if any.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from statistics import fmean
from typing import Any

from ..modelcode import Issue, ModelError, load_model
from ..overrides import OverrideError, apply_overrides

FORMAT = "holarchy-breaking-point/v1"
MAX_PER_ROUND = 32
ASSUMPTION = ("the chosen SLOs and properties are assumed to hold below the breaking point and to break above it "
              "(monotone in the parameter); non_monotone lists the evidence against it")


class SearchError(ValueError):
    """A search that cannot run; `issues` name the offending field (parameter, search/low, search/slos/0, ...)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


@dataclass(frozen=True)
class Search:
    """What to vary, over which interval, to which resolution, and which verdicts must hold."""

    parameter: str
    low: float
    high: float
    resolution: float
    per_round: int = 3
    seeds: int = 1
    slos: tuple[str, ...] = ()  # empty: every SLO of the model
    properties: tuple[str, ...] = ()  # safety or liveness properties that must hold too
    integer: bool = False  # the parameter takes whole values (a count)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "slos": list(self.slos), "properties": list(self.properties)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Search:
        return cls(**{**data, "slos": tuple(data.get("slos", ())), "properties": tuple(data.get("properties", ()))})

    def clean(self, value: float) -> float:
        """A value as the runs get it: whole for an integer parameter, else free of floating-point noise."""
        return float(round(value)) if self.integer else float(f"{value:.12g}")

    def as_override(self, value: float) -> float | int:
        """The value written into the document: an int for an integer parameter (a model may require one)."""
        return int(value) if self.integer else value

    def first_round(self) -> list[float]:
        """Both ends, as given, and `per_round` - 2 values evenly between them."""
        k = self.per_round
        between = (self.clean(self.low + (self.high - self.low) * i / (k - 1)) for i in range(1, k - 1))
        return _distinct([self.low, *(v for v in between if self.low < v < self.high), self.high])

    def inside(self, held: float, broke: float) -> list[float]:
        """`per_round` values evenly inside (held, broke), ends excluded."""
        k = self.per_round
        values = (self.clean(held + (broke - held) * i / (k + 1)) for i in range(1, k + 1))
        return _distinct(v for v in values if held < v < broke)

    def narrow_enough(self, held: float, broke: float) -> bool:
        """No wider than the resolution, up to the rounding of the values to 12 significant digits."""
        return broke - held <= self.resolution + 1e-11 * max(abs(held), abs(broke))

    def max_rounds(self) -> int:
        """An upper bound on the rounds: round 1 leaves (high - low) / (per_round - 1), each next one / (K + 1)."""
        width = (self.high - self.low) / (self.per_round - 1)
        if width <= self.resolution:
            return 1
        return 1 + math.ceil(math.log(width / self.resolution) / math.log(self.per_round + 1) - 1e-9)

    def max_runs(self) -> int:
        return self.max_rounds() * self.per_round * self.seeds


def _distinct(values: Iterable[float]) -> list[float]:
    return sorted(set(values))


def check_search(document: Mapping[str, Any], search: Mapping[str, Any]) -> Search:
    """The search, validated against the model: SearchError names every bad field."""
    issues: list[Issue] = []

    def bad(field: str, message: str) -> None:
        issues.append(Issue(field, message))

    def number(field: str) -> float:
        value = search.get(field)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            bad(f"search/{field}", "a finite number is required")
            return math.nan
        return float(value)

    parameter = search.get("parameter")
    if not isinstance(parameter, str) or not parameter:
        bad("parameter", "the document path to vary is required, e.g. components/client/params/rate")
    low, high, resolution = number("low"), number("high"), number("resolution")
    if not math.isnan(low) and not math.isnan(high) and not low < high:
        bad("search/high", f"must be above low ({low:g})")
    if resolution <= 0:
        bad("search/resolution", "must be above 0")
    elif low < high and resolution >= high - low:
        bad("search/resolution", f"must be below high - low ({high - low:g}): the interval is already that narrow")
    per_round, seeds = search.get("per_round", 3), search.get("seeds", 1)
    if isinstance(per_round, bool) or not isinstance(per_round, int) or not 2 <= per_round <= MAX_PER_ROUND:
        bad("search/per_round", f"points per round: a whole number from 2 to {MAX_PER_ROUND}")
    if isinstance(seeds, bool) or not isinstance(seeds, int) or seeds < 1:
        bad("search/seeds", "runs per point: a whole number, at least 1")
    integer = search.get("integer", False)
    if not isinstance(integer, bool):
        bad("search/integer", "true or false")
    model = None
    try:
        model = load_model(dict(document))
    except ModelError as exc:
        issues.extend(exc.issues)
    slos, properties = _names(search, "slos", bad), _names(search, "properties", bad)
    if model is not None:
        known = [s.name for s in model.slos]
        for i, name in enumerate(slos):
            if name not in known:
                bad(f"search/slos/{i}", f"unknown SLO {name!r}; this model has {known}")
        if not slos and not known and not properties:
            bad("search/slos", "the model has no SLO: choose properties that must hold instead")
        named = [p.name for p in model.safety] + [p.name for p in model.liveness]
        for i, name in enumerate(properties):
            if name not in named:
                bad(f"search/properties/{i}", f"unknown property {name!r}; this model has {named}")
    if integer is True and not (math.isnan(low) or math.isnan(high)) and (low % 1 or high % 1):
        bad("search/low" if low % 1 else "search/high", "an integer parameter's interval has whole ends")
    if not issues and isinstance(parameter, str):
        for field, value in (("low", low), ("high", high)):
            if not issues:  # a path that does not exist is reported once
                _check_variant(document, parameter, int(value) if integer else value, field, bad)
    if issues:
        raise SearchError(issues)
    assert isinstance(parameter, str) and isinstance(per_round, int) and isinstance(seeds, int)
    return Search(parameter=parameter, low=low, high=high, resolution=resolution, per_round=per_round, seeds=seeds,
                  slos=tuple(slos), properties=tuple(properties), integer=bool(integer))


def _names(search: Mapping[str, Any], field: str, bad: Any) -> list[str]:
    names = search.get(field) or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        bad(f"search/{field}", "a list of names")
        return []
    return list(dict.fromkeys(names))


def _check_variant(document: Mapping[str, Any], parameter: str, value: float, field: str, bad: Any) -> None:
    """The interval's ends must give valid models, or no run starts at all."""
    try:
        load_model(apply_overrides(document, {parameter: value}))
    except OverrideError as exc:
        bad("parameter", str(exc))
    except ModelError as exc:
        reasons = "; ".join(f"{issue.path}: {issue.message}" for issue in exc.issues)
        bad(f"search/{field}", f"{parameter}={value!r} gives an invalid model: {reasons}")


def point_stats(value: Any, summaries: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    """A swept value's runs (a summary per seed, None for a run that did not succeed): each SLO's mean SLI,
    the fraction of seeds meeting it and the mean budget consumed, and the violations found."""
    finished = [s for s in summaries if s is not None]
    slos: dict[str, dict[str, list[float]]] = {}
    for summary in finished:
        for slo in summary.get("slos", []):
            series = slos.setdefault(slo["name"], {"sli": [], "met": [], "budget_consumed": [], "too_few": []})
            if slo["sli_value"] is not None:
                series["sli"].append(slo["sli_value"])
            series["met"].append(1.0 if slo["met"] else 0.0)
            series["budget_consumed"].append(slo["budget_consumed"])
            series["too_few"].append(1.0 if slo.get("too_few_requests") else 0.0)
    return {
        "value": value,
        "runs": len(summaries),
        "failed_runs": len(summaries) - len(finished),
        "violations": sum(len(s.get("violations", [])) for s in finished),
        "slos": {
            name: {
                "sli": fmean(series["sli"]) if series["sli"] else None,
                "met_fraction": fmean(series["met"]),
                "budget_consumed": fmean(series["budget_consumed"]),
                # runs whose verdict rests on fewer requests than a window needs to judge (metrics.py)
                "runs_with_too_few_requests": int(sum(series["too_few"])),
            }
            for name, series in sorted(slos.items())
        },
    }


def judge(search: Search, value: float, summaries: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    """A point's stats and verdict: it **held** when every run succeeded and, in every seed, every chosen SLO
    was met having measured some request (no request is no evidence) and no chosen property was violated."""
    point = point_stats(value, summaries)
    finished = [s for s in summaries if s is not None]
    reasons = [f"{point['failed_runs']} of {len(summaries)} runs did not succeed"] if point["failed_runs"] else []
    chosen = set(search.slos) or {slo["name"] for s in finished for slo in s.get("slos", [])}
    for name in sorted(chosen):
        results = [slo for s in finished for slo in s.get("slos", []) if slo["name"] == name]
        missed = sum(1 for slo in results if not slo["met"])
        silent = sum(1 for slo in results if slo["met"] and slo["requests"] == 0)
        if missed:
            reasons.append(f"{name} missed in {missed} of {len(finished)} seeds")
        if silent:
            reasons.append(f"{name} measured no request in {silent} of {len(finished)} seeds")
    for name in search.properties:
        violated = sum(1 for s in finished for p in s.get("safety", []) + s.get("liveness", [])
                       if p["name"] == name and p["status"] == "violated")
        if violated:
            reasons.append(f"{name} violated in {violated} of {len(finished)} seeds")
    return {**point, "held": not reasons, "reasons": reasons}


@dataclass(frozen=True)
class Bracket:
    """Where the breaking point is after some points: above `held`, at or below `broke` (None: not seen)."""

    held: float | None
    broke: float | None
    non_monotone: tuple[tuple[float, float], ...]  # (a value that held, the highest lower value that broke)


def bracket(verdicts: Mapping[float, bool]) -> Bracket:
    """The highest value that held below the lowest value that broke, and every held value above a break."""
    broke = sorted(v for v, held in verdicts.items() if not held)
    held = sorted(v for v, h in verdicts.items() if h)
    lowest_break = broke[0] if broke else None
    below = [v for v in held if lowest_break is None or v < lowest_break]
    evidence = tuple((h, max(b for b in broke if b < h)) for h in held if lowest_break is not None and h > lowest_break)
    return Bracket(held=below[-1] if below else None, broke=lowest_break, non_monotone=evidence)


@dataclass(frozen=True)
class Progress:
    """The rounds whose verdicts are all in, where they put the breaking point, and what to run next."""

    rounds: tuple[tuple[float, ...], ...]
    bracket: Bracket
    next_round: tuple[float, ...]  # empty: the search is over

    @property
    def done(self) -> bool:
        return not self.next_round


def advance(search: Search, verdicts: Mapping[float, bool]) -> Progress:
    """Replay the rounds from the verdicts so far: each round's values follow from the rounds before it."""
    rounds: list[tuple[float, ...]] = []
    seen: dict[float, bool] = {}
    values = search.first_round()
    while True:
        if any(v not in verdicts for v in values):
            return Progress(tuple(rounds), bracket(seen), tuple(values))
        rounds.append(tuple(values))
        seen.update((v, verdicts[v]) for v in values)
        where = bracket(seen)
        if where.held is None or where.broke is None or len(rounds) >= search.max_rounds():
            return Progress(tuple(rounds), where, ())
        if search.narrow_enough(where.held, where.broke):
            return Progress(tuple(rounds), where, ())
        values = search.inside(where.held, where.broke)
        if not values:  # an integer parameter with no whole value left inside
            return Progress(tuple(rounds), where, ())


def outcome(progress: Progress) -> str:
    """searching; found (an interval); holds_throughout (nothing broke up to high); breaks_throughout (low broke)."""
    if not progress.done:
        return "searching"
    if progress.bracket.broke is None:
        return "holds_throughout"
    return "breaks_throughout" if progress.bracket.held is None else "found"


def summarize(search: Search, points: Mapping[float, Sequence[dict[str, Any] | None]]) -> dict[str, Any]:
    """The search so far from every finished point's run summaries (one per seed): the rounds, the interval,
    the points with their verdicts, and the next round's values while it goes on."""
    judged = {v: judge(search, v, summaries) for v, summaries in points.items()}
    progress = advance(search, {v: p["held"] for v, p in judged.items()})
    round_of = {v: i + 1 for i, values in enumerate(progress.rounds) for v in values}
    where = progress.bracket
    return {
        "format": FORMAT,
        "mode": "breaking_point",
        "parameter": search.parameter,
        "search": search.to_json(),
        "outcome": outcome(progress),
        "breaking_point": {"held": where.held, "broke": where.broke,
                           "width": None if where.held is None or where.broke is None else where.broke - where.held},
        "assumption": ASSUMPTION,
        "non_monotone": [{"held": h, "broke": b} for h, b in where.non_monotone],
        "rounds": [{"round": i + 1, "values": list(values)} for i, values in enumerate(progress.rounds)],
        "next_round": list(progress.next_round),
        "max_rounds": search.max_rounds(),
        "points": [{**judged[v], "round": round_of[v]} for v in sorted(round_of)],
    }
