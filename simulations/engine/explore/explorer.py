"""`explore`: the library entry point the CLI and the Celery tasks call.

It runs one breadth-first pass, then reads every verdict off it: invariants
(shortest counterexamples), liveness goals (lassos), deadlocks, terminal
outcomes, serializability, and the behavior-space graph. A verdict is
"holds" only when the pass was complete; a bound makes it "incomplete".
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, replace
from typing import Any

from .confirm import Loop, Steps, confirmed
from .failures import Failure, stepped
from .graph import build_graph, locate_paths
from .liveness import find_lasso
from .loading import load_spec, read_document
from .por import obstacle, reduced
from .search import Bounds, Search, breadth_first, per_components
from .serial import classify
from .spec import Predicate, Property, Spec
from .symmetry import SymmetricSystem, sound
from .system import State, System
from .trace import trace_json

DEFAULT_BOUNDS = Bounds(max_states=2_000_000, max_seconds=600)
"""Used when neither the caller nor the model bounds the search: a web request must end."""

GRAPH_LIMIT = 10_000
"""Largest behavior space stored node by node (the UI draws a few thousand and expands neighbourhoods from the
rest); larger ones are collapsed to levels."""


@dataclass
class ExplorationResult:
    """`summary` and `graph` are JSON-serialisable; `counterexamples` maps a property name to a trace."""

    summary: dict[str, Any]
    graph: dict[str, Any]
    counterexamples: dict[str, dict[str, Any]] = field(default_factory=dict)
    races: list[dict[str, Any]] = field(default_factory=list)


def explore(
    model: Any,
    *,
    bounds: Bounds | None = None,
    progress: Callable[[float], None] | None = None,
    scenario: str | None = None,
    symmetry: bool | None = None,
    por: bool | None = None,
    graph_limit: int = GRAPH_LIMIT,
) -> ExplorationResult:
    """Explore every behavior of `model` (a document, YAML text, a file path or a `Spec`).

    `bounds` fields left None fall back to the model's `explore:` section;
    `symmetry=False` ignores its symmetry groups, `por` overrides its `por:` switch.
    """
    try:
        return _explore(model, bounds, progress, scenario, symmetry, por, graph_limit)
    except Failure as exc:  # the model's own expression failed on a reachable state: a model error
        raise exc.model_error() from None


def check(model: Any) -> None:
    """Raise the ModelError `explore` would raise before searching (the `explore:` section, symmetry groups
    whose members are not interchangeable), so that a job is refused when submitted, not failed later."""
    spec, _bounds = load_spec(read_document(model))
    _system(sound(spec)[0])


def _explore(model: Any, bounds: Bounds | None, progress: Callable[[float], None] | None, scenario: str | None,
             symmetry: bool | None, por: bool | None, graph_limit: int) -> ExplorationResult:
    doc = None if isinstance(model, Spec) else read_document(model)
    if doc is not None and scenario:
        doc = {**doc, "explore": {**(doc.get("explore") or {}), "scenario": scenario}}
    spec, declared = (model, Bounds()) if doc is None else load_spec(doc)
    bounds = _merge(bounds or Bounds(), declared)
    left = _budget(bounds)
    if symmetry is False:
        spec = replace(spec, symmetry=())
    if por is not None:
        spec = replace(spec, por=por)
    requested = spec
    spec, dropped = sound(spec)
    system = _system(spec)
    safety = [p for p in spec.properties if p.kind == "always"]
    check = per_components(system, lambda env: tuple(p.name for p in safety if not p.holds(env))) if safety else None
    settled = len(safety) if safety and len(safety) == len(spec.properties) and not spec.serializability else None
    stored: dict[State, State | None] = {}
    why_not = obstacle(system) if spec.por else None
    reduce = spec.por and why_not is None
    expand = reduced(system, stored) if reduce else None
    search = breadth_first(system, bounds, check=check, progress=progress, stop_after=settled, parent=stored,
                           expand=expand)
    complete = search.stopped_by is None
    base = system if not (spec.symmetry or reduce) else System(replace(spec, symmetry=(), por=False))
    paths: Paths = {}
    verdicts, counterexamples = _safety(system, search, safety, complete, paths)
    if reduce and search.violations:
        _shortest(spec, left(), search, safety, verdicts, counterexamples, paths)
    cuts = {"": search.stopped_by}
    live_verdicts, live_traces, cuts["liveness search"] = _liveness(
        base, search if base is system else None, left(), spec, complete, paths)
    verdicts += live_verdicts
    counterexamples.update(live_traces)
    done = _done(spec, system)
    outcome = per_components(system, spec.outcome) if spec.outcome is not None else None
    with stepped(search.parent):
        terminal = Counter(_outcome(outcome, done, s) for s in search.terminal)
        deadlocks = sum(1 for s in search.terminal if done is not None and not done(s))
    summary: dict[str, Any] = {
        "model": spec.name,
        "complete": complete,
        "stopped_by": search.stopped_by,
        "states": len(search.parent),
        "transitions": search.transitions,
        "depth": search.depth,
        "seconds": round(search.seconds, 4),
        "states_per_second": round(len(search.parent) / search.seconds) if search.seconds else None,
        "terminal_states": dict(terminal),
        "deadlocks": deadlocks,
        "interleavings": _interleavings(system, search) if complete and base is system else None,
        "symmetry": bool(spec.symmetry),
        "partial_order_reduction": reduce,
        "reductions": _reductions(spec, requested, reduce, why_not, dropped),
        "properties": verdicts,
    }
    races: list[dict[str, Any]] = []
    if spec.serializability is not None:
        races, cuts["serializability search"] = _races(base, spec, search if base is system else None, left())
        summary["serializability"] = [{k: v for k, v in r.items() if k != "trace"} for r in races]
    many = system.saturated()
    summary["reductions"]["copies"] = {"counted": "exact" if spec.exact_copies else "many", "many_reached": many,
                                       "searched_exactly": False}
    if many and _findings(summary, races, spec, paths):
        exact = _explore(replace(spec, exact_copies=True), left(), None, None, None, None, 0)
        cuts["copies counted exactly"] = _confirm(summary, counterexamples, races, spec, paths, exact)
        if cuts[""] == "all_invariants_violated":  # each of them is now judged by the exact search
            cuts[""] = None
    # A verdict read off a search that a bound cut claims nothing; the summary is complete only if all were.
    cut = [f"{why} ({what})" if what else why for what, why in cuts.items() if why]
    summary.update(complete=not cut, stopped_by=cut[0] if cut else None)
    summary["verdict"] = _verdict(summary, spec)
    bad = set(search.violations.values())
    graph = build_graph(system, search.parent, set(search.terminal), bad, graph_limit)
    broken = {f"serializability: outcome {json.dumps(r['outcome'], sort_keys=True)}": r["trace"]
              for r in races if "trace" in r}
    graph["paths"] = locate_paths(graph, {**counterexamples, **broken})
    return ExplorationResult(summary, graph, counterexamples, races)


def _findings(summary: dict[str, Any], races: list[dict[str, Any]], spec: Spec, paths: Paths) -> bool:
    """Whether the search found something (a violation, a lasso, a deadlock, a race) that replaying its
    counterexample with every copy counted does not confirm (`confirm.py`); confirmed ones keep `paths`."""
    exact = System(replace(spec, exact_copies=True, symmetry=(), por=False))
    for name, (system, prefix, loop) in list(paths.items()):
        if confirmed(system, exact, prefix, loop):
            del paths[name]
    return bool(paths) or any(r["serializable"] is False for r in races) or (
        spec.done is not None and summary["deadlocks"] > 0)


def _confirm(summary: dict[str, Any], traces: Traces, races: list[dict[str, Any]], spec: Spec, paths: Paths,
             exact: ExplorationResult) -> str | None:
    """Where copies were counted as "many", what the search found may be a path of the counting only
    (four receipts of a message sent three times): take the findings no replay confirmed (left in `paths`)
    from the search that counts every copy. What holds with "many" holds with every copy counted (it has
    every behavior), so it stays. Returns what cut the exact search, if a bound did."""
    summary["reductions"]["copies"]["searched_exactly"] = True
    exact_entries = {p["name"]: p for p in exact.summary["properties"]}
    for k, entry in enumerate(summary["properties"]):
        if entry["name"] in paths:
            name = entry["name"]
            summary["properties"][k] = exact_entries[name]
            traces.pop(name, None)
            if name in exact.counterexamples:
                traces[name] = exact.counterexamples[name]
    if spec.done is not None and summary["deadlocks"]:
        summary.update(deadlocks=exact.summary["deadlocks"], terminal_states=exact.summary["terminal_states"])
    if any(r["serializable"] is False for r in races):
        races[:] = exact.races
        summary["serializability"] = exact.summary["serializability"]
    stopped: str | None = exact.summary["stopped_by"]
    return stopped


def _reductions(spec: Spec, requested: Spec, por: bool, why_not: str | None,
                dropped: list[dict[str, str]]) -> dict[str, Any]:
    """Which reductions ran, and why a requested one did not (the summary must say so)."""
    ids = [c.id for c in spec.components]
    notes: dict[str, Any] = {
        "symmetry": {"groups": [[ids[i] for i in group] for group in spec.symmetry], "dropped": dropped},
        "partial_order_reduction": {"requested": requested.por, "applied": por},
    }
    split = "off when the search is split across processes"
    if requested.symmetry and requested.symmetry != spec.symmetry:
        notes["symmetry"]["requested"] = [[ids[i] for i in group] for group in requested.symmetry]
        notes["symmetry"]["reason"] = "model code names members of the group" if dropped else split
    if requested.por and not por:
        notes["partial_order_reduction"]["reason"] = why_not or split
    return notes


def _verdict(summary: dict[str, Any], spec: Spec) -> str:
    """violated: a property fails, an outcome is not serializable or (with `explore.done`) a deadlock is
    reachable; holds: none of that on a complete search; incomplete: none of that found, search cut."""
    if (any(p["verdict"] == "violated" for p in summary["properties"])
            or any(r["serializable"] is False for r in summary.get("serializability", ()))
            or (spec.done is not None and summary["deadlocks"])):
        return "violated"
    return "holds" if summary["complete"] else "incomplete"


def _budget(bounds: Bounds) -> Callable[[], Bounds]:
    """The bounds of the next pass: `max_seconds` bounds the whole exploration, all its searches together."""
    if bounds.max_seconds is None:
        return lambda: bounds
    deadline = time.perf_counter() + bounds.max_seconds
    return lambda: replace(bounds, max_seconds=max(0.0, deadline - time.perf_counter()))


def _merge(given: Bounds, declared: Bounds) -> Bounds:
    """The caller's bounds over the model's; all unset means the defaults."""
    chosen = [a if a is not None else b for a, b in zip(astuple(given), astuple(declared), strict=True)]
    return Bounds(*chosen) if any(x is not None for x in chosen) else DEFAULT_BOUNDS


def _system(spec: Spec) -> System:
    return SymmetricSystem(spec) if spec.symmetry else System(spec)


Verdicts = list[dict[str, Any]]
Traces = dict[str, dict[str, Any]]
Paths = dict[str, tuple[System, Steps, Loop | None]]
"""Per violated property: the system, its counterexample's steps and, for a lasso, the loop (`confirm.py`)."""


def _safety(system: System, search: Search, safety: list[Property], complete: bool,
            paths: Paths) -> tuple[Verdicts, Traces]:
    verdicts: Verdicts = []
    traces: Traces = {}
    for prop in safety:
        bad = search.violations.get(prop.name)
        entry: dict[str, Any] = {"name": prop.name, "kind": prop.kind}
        if bad is not None:
            steps = system.concrete_path(search.path(bad))
            paths[prop.name] = (system, steps, None)
            trace = trace_json(system, steps)
            traces[prop.name] = trace
            entry.update(verdict="violated", counterexample_length=trace["length"], shortest=True)
        else:
            entry["verdict"] = "holds" if complete else "incomplete"
        verdicts.append(entry)
    return verdicts, traces


def _shortest(spec: Spec, bounds: Bounds, reduced: Search, safety: list[Property], verdicts: Verdicts,
              traces: Traces, paths: Paths) -> None:
    """Replace counterexamples found under partial-order reduction (which may be longer than needed) by
    shortest ones: search without it, no deeper than the longest found. Where that search is cut by a
    bound first, the reduced one stays, marked `shortest: false`."""
    names = set(reduced.violations)
    depth = max(len(reduced.path(s)) - 1 for s in reduced.violations.values())
    system = _system(replace(spec, por=False))
    watched = [p for p in safety if p.name in names]
    check = per_components(system, lambda env: tuple(p.name for p in watched if not p.holds(env)))
    again = breadth_first(system, replace(bounds, max_depth=depth), check=check, stop_after=len(names))
    for entry in verdicts:
        if entry["name"] not in names:
            continue
        bad = again.violations.get(entry["name"])
        if bad is None:
            entry["shortest"] = False
            continue
        steps = system.concrete_path(again.path(bad))
        paths[entry["name"]] = (system, steps, None)
        trace = traces[entry["name"]] = trace_json(system, steps)
        entry["counterexample_length"] = trace["length"]


def _liveness(system: System, search: Search | None, bounds: Bounds, spec: Spec,
              complete: bool, paths: Paths) -> tuple[Verdicts, Traces, str | None]:
    """Lassos are searched in the unreduced graph (reductions keep invariants, not cycles)."""
    live = [p for p in spec.properties if p.kind != "always"]
    verdicts: Verdicts = []
    traces: Traces = {}
    if not live:
        return verdicts, traces, None
    own = search is None
    if search is None:
        search = breadth_first(system, bounds)
        complete = search.stopped_by is None
    for prop in live:
        goal = per_components(system, _truth(prop.holds))
        with stepped(search.parent):
            lasso = find_lasso(system, search.parent, goal, anywhere=prop.kind == "always_eventually")
        entry: dict[str, Any] = {"name": prop.name, "kind": prop.kind}
        if lasso is not None:
            paths[prop.name] = (system, lasso.prefix, list(lasso.loop))
            trace = trace_json(system, lasso.prefix, lasso.loop)
            traces[prop.name] = trace
            entry.update(verdict="violated", counterexample_length=trace["length"],
                         loop_length=len(lasso.loop), dead_end=not lasso.loop)
        else:
            entry["verdict"] = "holds" if complete else "incomplete"
        verdicts.append(entry)
    return verdicts, traces, search.stopped_by if own else None


def _truth(predicate: Predicate) -> Callable[[dict[str, Any]], bool]:
    return lambda env: bool(predicate(env))


def _done(spec: Spec, system: System) -> Callable[[State], bool] | None:
    """When a terminal state is a proper end: the model's `done`, else every `eventually` goal met."""
    if spec.done is not None:
        return per_components(system, _truth(spec.done))
    goals = [p for p in spec.properties if p.kind == "eventually"]
    if not goals:
        return None
    return per_components(system, lambda env: all(p.holds(env) for p in goals))


def _outcome(outcome: Callable[[State], Any] | None, done: Callable[[State], bool] | None, s: State) -> str:
    if outcome is not None:
        return str(outcome(s))
    return "deadlock" if done is not None and not done(s) else "done"


def _interleavings(system: System, search: Search) -> int | None:
    """How many maximal behaviors there are, when the space has no cycle (else infinitely many)."""
    count: dict[State, int] = {}
    for s in reversed(list(search.parent)):
        successors = system.successors(s)
        if any(t not in count for t in successors):
            return None  # a successor at the same or an earlier level: there may be a cycle
        count[s] = sum(count[t] for t in successors) if successors else 1
    return sum(count[s] for s in system.initial_states() if s in count)


def _races(system: System, spec: Spec, search: Search | None,
           bounds: Bounds) -> tuple[list[dict[str, Any]], str | None]:
    own = search is None
    search = search or breadth_first(system, bounds)
    assert spec.serializability is not None
    races, cut = classify(system, spec.serializability, search, bounds)
    for race in races:
        witness = race.pop("witness")
        if race["serializable"] is False:
            race["trace"] = trace_json(system, system.concrete_path(search.path(witness)))
            race["trace_length"] = race["trace"]["length"]
    return races, (search.stopped_by if own else None) or cut

