"""A level study's plan: which single-holon failures to simulate, each as generated scenarios in the model's format.

A study asks which failures a design survives, level by level. For one
holarchy it picks the holons of each studied level (all, or a seeded sample),
gives every level one fault (a crash, a partition isolating the holon from its
siblings, or degraded links across its boundary), and runs each failure with
every seed, plus a baseline without faults. Every point is one `simulate()` call
on the model with one generated scenario, so a point's run is an ordinary run
that the run viewer can open.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from random import Random
from typing import Any

from ..modelcode import Holarchy, Holon, Issue, Model, ModelError, dump_model, load_model
from ..modelcode.canonical import content_hash
from ..simulator import DEFAULT_UNTIL

FORMAT = "holarchy-study/v1"
FAULT_KINDS = ("crash", "partition", "link")
BASELINE = "study:baseline"
MAX_POINTS = 20_000


class StudyError(ValueError):
    """A study that cannot be planned; `issues` name the offending field (holarchy, levels/0, faults/rack/...)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def default_fault(until: float) -> dict[str, Any]:
    """The fault of a level the caller gave none: the holon crashes for good a tenth into the run."""
    return {"crash": {"kind": "permanent", "at": until / 10}}


@dataclass(frozen=True)
class Point:
    """One run of the study: a failure (level and holon; both None for the baseline) under one seed."""

    level: str | None
    holon: str | None
    seed: int
    scenario: dict[str, Any]  # a scenario in the model format, named after the failure

    @property
    def key(self) -> str:
        return run_key(self.scenario["name"], self.seed)

    def overrides(self) -> dict[str, Any]:
        """The document overrides that make this point's model: its scenario is the only one (and no guide,
        whose "try this" items name the scenarios it replaced)."""
        return {"scenarios": [self.scenario], "guide": None}


def scenario_name(level: str | None, holon: str | None) -> str:
    """The generated scenario of a failure (the baseline's when level is None)."""
    return BASELINE if level is None else f"study:{level}/{holon}"


def run_key(scenario: str, seed: int) -> str:
    """How the roll-up finds a point's summary: its scenario's name and its seed, as any run records them."""
    return f"{scenario}#{seed}"


def point_key(level: str | None, holon: str | None, seed: int) -> str:
    return run_key(scenario_name(level, holon), seed)


def _holons_by_level(holarchy: Holarchy) -> dict[str, list[Holon]]:
    out: dict[str, list[Holon]] = {level: [] for level in holarchy.levels}
    for holon, depth in holarchy.root.walk():
        out[holarchy.levels[depth]].append(holon)
    return out


def _siblings(holarchy: Holarchy, holon_id: str) -> list[str]:
    for parent, _ in holarchy.root.walk():
        ids = [c.id for c in parent.children]
        if holon_id in ids:
            return [i for i in ids if i != holon_id]
    return []


def _directed_links(model: Model) -> list[tuple[str, str]]:
    out = []
    for link in model.links:
        out.append((link.source, link.target))
        if link.bidirectional:
            out.append((link.target, link.source))
    return out


def _faults_for(model: Model, holarchy: Holarchy, holon: Holon, fault: dict[str, Any]) -> list[dict[str, Any]]:
    """The scenario faults that apply `fault` to `holon` (empty when it cannot apply there)."""
    kind, spec = next(iter(fault.items()))
    if kind == "crash":
        return [{"crash": {**spec, "holarchy": holarchy.name, "holon": holon.id}}]
    if kind == "partition":
        siblings = _siblings(holarchy, holon.id)
        return [{"partition": {**spec, "holarchy": holarchy.name, "sides": [[holon.id], siblings]}}] if siblings else []
    inside = set(holon.members())
    return [{"link": {"from": a, "to": b, **spec}} for a, b in _directed_links(model) if (a in inside) != (b in inside)]


def _check_fault(path: str, fault: Any) -> dict[str, Any]:
    if not (isinstance(fault, dict) and len(fault) == 1 and next(iter(fault)) in FAULT_KINDS
            and isinstance(next(iter(fault.values())), dict)):
        raise StudyError([Issue(path, f"a fault is one of {{crash: {{...}}}}, {{partition: {{...}}}}, "
                                      f"{{link: {{...}}}}; got {fault!r}")])
    kind, spec = next(iter(fault.items()))
    targets = {"crash": ("component", "holarchy", "holon"), "partition": ("holarchy", "sides"),
               "link": ("holarchy", "level", "from", "to")}[kind]
    named = [t for t in targets if t in spec]
    if named:
        raise StudyError([Issue(f"{path}/{kind}/{named[0]}", "the study chooses the target; leave it out")])
    return fault


def _validate_faults(document: dict[str, Any], model: Model, holarchy: Holarchy,
                     chosen: dict[str, list[Holon]], faults: dict[str, dict[str, Any]]) -> None:
    """Each level's fault, applied to one of its holons, must make a valid scenario: the model's own checks
    then speak for the fault, with their paths moved under `faults/<level>`."""
    for level, holons in chosen.items():
        generated = _faults_for(model, holarchy, holons[0], faults[level])
        if not generated:
            continue
        doc = {**document, "scenarios": [{"name": "check", "faults": generated[:1]}], "guide": None}
        try:
            load_model(doc)
        except ModelError as exc:
            prefix = "scenarios/0/faults/0"
            issues = [Issue(f"faults/{level}" + i.path.removeprefix(prefix), i.message)
                      for i in exc.issues if i.path.startswith(prefix)]
            raise StudyError(issues or exc.issues) from None


def plan_study(model: Model | dict[str, Any], *, holarchy: str, levels: list[str] | None = None,
               faults: dict[str, Any] | None = None, sample: int | None = None, sample_seed: int = 0,
               seeds: int = 1, until: float | None = None) -> tuple[dict[str, Any], list[Point]]:
    """The study's plan (JSON, what the roll-up needs) and its points, baseline first.

    `levels` defaults to every level of the holarchy, root first; `faults` maps a level to its fault
    (default: `default_fault`); `sample` K studies K holons per level drawn with `sample_seed`; seeds are
    0..seeds-1; `until` defaults to the model's first scenario's end, else 1000. A holon the fault cannot
    apply to (a partition of a holon without siblings, degraded links of a holon no link crosses) is
    skipped and listed in the plan. Every bad input raises StudyError naming its field.
    """
    if not isinstance(model, Model):
        model = load_model(model)
    document = dump_model(model)
    found = next((h for h in model.holarchies if h.name == holarchy), None)
    if found is None:
        raise StudyError([Issue("holarchy", f"unknown holarchy {holarchy!r}; "
                                            f"known: {[h.name for h in model.holarchies]}")])
    if not found.levels:
        raise StudyError([Issue("holarchy", f"holarchy {holarchy!r} declares no levels to study")])
    by_level = _holons_by_level(found)
    levels = list(found.levels) if not levels else list(levels)
    for i, level in enumerate(levels):
        if level not in by_level:
            raise StudyError([Issue(f"levels/{i}", f"unknown level {level!r}; known: {list(found.levels)}")])
        if level in levels[:i]:
            raise StudyError([Issue(f"levels/{i}", f"level {level!r} is listed twice")])
    levels = [lv for lv in found.levels if lv in levels]  # root first, whatever order they came in
    if isinstance(seeds, bool) or not isinstance(seeds, int) or not 1 <= seeds <= 1000:
        raise StudyError([Issue("seeds", "seeds must be an integer from 1 to 1000")])
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int) or sample < 1):
        raise StudyError([Issue("sample", "sample must be a positive integer (holons per level)")])
    if until is not None and (isinstance(until, bool) or not isinstance(until, (int, float)) or until <= 0):
        raise StudyError([Issue("until", "until must be a positive time")])
    end = float(until or (model.scenarios[0].until if model.scenarios else None) or DEFAULT_UNTIL)
    faults = dict(faults or {})
    for level in faults:
        if level not in levels:
            raise StudyError([Issue(f"faults/{level}", f"level {level!r} is not studied; studied: {levels}")])
    per_level = {lv: copy.deepcopy(_check_fault(f"faults/{lv}", faults.get(lv, default_fault(end))))
                 for lv in levels}

    chosen: dict[str, list[Holon]] = {}
    skipped: list[dict[str, str]] = []
    for level in levels:
        holons = by_level[level]
        if sample is not None and sample < len(holons):
            picked = set(Random(f"{sample_seed}/{level}").sample([h.id for h in holons], sample))
            holons = [h for h in holons if h.id in picked]
        applicable = []
        for h in holons:
            if _faults_for(model, found, h, per_level[level]):
                applicable.append(h)
            else:
                why = "no siblings to partition it from" if "partition" in per_level[level] \
                    else "no link crosses its boundary"
                skipped.append({"level": level, "holon": h.id, "why": why})
        if not applicable:
            raise StudyError([Issue(f"faults/{level}", f"the fault applies to no studied holon of level {level!r}: "
                                                       f"{skipped[-1]['why']}")])
        chosen[level] = applicable
    _validate_faults(document, model, found, chosen, per_level)

    points = [Point(None, None, s, {"name": BASELINE, "until": end, "faults": []}) for s in range(seeds)]
    for level in levels:
        for h in chosen[level]:
            scenario = {"name": scenario_name(level, h.id), "until": end,
                        "faults": _faults_for(model, found, h, per_level[level])}
            points.extend(Point(level, h.id, s, scenario) for s in range(seeds))
    if len(points) > MAX_POINTS:
        raise StudyError([Issue("seeds", f"the study would make {len(points)} runs; at most {MAX_POINTS}")])

    roots = {h.name: h.root.id for h in model.holarchies}
    plan = {
        "format": FORMAT,
        "model": model.name,
        "model_hash": content_hash(model),
        "holarchy": holarchy,
        "until": end,
        "seeds": seeds,
        "sample": sample,
        "sample_seed": sample_seed,
        "levels": [{"level": lv, "fault": per_level[lv], "holons": [h.id for h in chosen[lv]]} for lv in levels],
        "skipped": skipped,
        "slos": [{"name": s.name, "holarchy": s.holarchy, "holon": s.holon,
                  "system": roots[s.holarchy] == s.holon} for s in model.slos],
        "properties": [{"name": p.name, "kind": "safety"} for p in model.safety]
                      + [{"name": p.name, "kind": "liveness"} for p in model.liveness],
        "runs": len(points),
    }
    return plan, points
