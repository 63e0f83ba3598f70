"""From a model document to a `Spec`: the engine's loader, behaviors and expressions, with time abstracted.

The document is validated by `modelcode.load_model`, which keeps the
`explore:` section as written for this module to read. Each component runs the engine's own
behavior object through a fixed `Context` (`now` is 0, `random()` is 0.5),
so the explorer and the simulator share one semantics. Probabilities become
possibilities (a link with loss > 0 may drop any message), and a scenario's
faults become events that may happen at any point, at most as often as the
scenario says.
"""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

from simulations.engine.behaviors import Behavior, Context, Message, resolve_behavior
from simulations.engine.behaviors.base import Result
from simulations.engine.behaviors.effects import SENDER, TYPE
from simulations.engine.behaviors.spec import resolve
from simulations.engine.expr import ExprError, compile_expr, environment, names_for
from simulations.engine.faults import crash_targets
from simulations.engine.modelcode import (
    Crash,
    IntermittentCrash,
    Model,
    ModelError,
    Partition,
    PermanentCrash,
    Scenario,
    load_model,
    parse_text,
)
from simulations.engine.modelcode.issues import Issue
from simulations.engine.modelcode.model import Component as ModelComponent
from simulations.engine.network import channels
from simulations.engine.properties import decided_by
from simulations.engine.topology import Placement, placements

from .failures import Failure, located
from .search import Bounds
from .spec import Component, CrashFault, Link, PartitionFault, Predicate, Program, Property, Serializability, Spec
from .symmetry import mentions

PROPERTY_NAMES = names_for(["components", "component", "now"])
EXPLORE_KEYS = {"max_states", "max_depth", "max_seconds", "scenario", "crashes", "drops", "duplicates",
                "copies", "symmetry", "por", "done", "outcome", "serializability"}
COPIES = ("many", "exact")
"""`explore.copies`: copies of a message in flight counted 1 or many (the default), or each one."""


class Bound:
    """A behavior bound to one component: the `Program` the explorer steps. A failing expression is
    reported as a failure of this component's handler (see `failures.py`)."""

    def __init__(self, behavior: Behavior, self_id: str, params: dict[str, Any], path: str, name: str) -> None:
        self.behavior = behavior
        self.ctx = Context(self_id, params, lambda: 0.5)
        self.path, self.who = path, f"component {self_id} (behavior {name})"

    def init(self) -> dict[str, Any]:
        return self.behavior.init(self.ctx.params, self.ctx.self_id)

    def start(self, state: dict[str, Any]) -> Result:
        return located(lambda: self.behavior.on_start(state, self.ctx), self.path, f"{self.who}, handler on start")

    def message(self, state: dict[str, Any], msg: Message) -> Result:
        return located(lambda: self.behavior.on_message(state, msg, self.ctx), self.path,
                       f"{self.who}, handler on message {msg[TYPE]!r} from {msg[SENDER]}")

    def timer(self, state: dict[str, Any], name: str) -> Result:
        return located(lambda: self.behavior.on_timer(state, name, self.ctx), self.path,
                       f"{self.who}, handler on timer {name!r}")


def read_document(source: Any) -> dict[str, Any]:
    """A document from a dict, YAML/JSON text or a file path."""
    if isinstance(source, dict):
        return source
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and Path(source).is_file()):
        return parse_text(Path(source).read_text())
    return parse_text(source)


def load_spec(source: Any) -> tuple[Spec, Bounds]:
    """The explorer's `Spec` and the bounds the model's `explore:` section declares."""
    model = load_model(read_document(source))
    options = dict(model.explore)
    unknown = sorted(set(options) - EXPLORE_KEYS)
    if unknown:
        raise ModelError([Issue(f"explore/{k}", "unknown exploration option") for k in unknown])
    if options.get("copies", "many") not in COPIES:
        raise ModelError([Issue("explore/copies", f"must be one of {', '.join(COPIES)}")])
    chosen = model.scenario(options.get("scenario"))
    faults = chosen.faults if chosen else ()
    index = {c.id: i for i, c in enumerate(model.components)}
    components = tuple(_component(model, i, c) for i, c in enumerate(model.components))
    places = placements(model)
    links = _links(model, chosen, index, places)
    link_index = {(lk.src, lk.dst): j for j, lk in enumerate(links)}
    properties = tuple(_property(f"properties/safety/{k}", p.name, "always", p.always)
                       for k, p in enumerate(model.safety)) + tuple(
        _property(f"properties/liveness/{k}", p.name, p.kind, p.expr) for k, p in enumerate(model.liveness)
    )
    serial = options.get("serializability")
    spec = Spec(
        components=components,
        links=links,
        crashes=tuple(_crash(places, index, f) for f in faults if isinstance(f, Crash)),
        partitions=tuple(_partition(places, index, link_index, f) for f in faults if isinstance(f, Partition)),
        properties=properties,
        max_crashes=options.get("crashes"),
        max_drops=options.get("drops"),
        max_duplicates=options.get("duplicates"),
        exact_copies=options.get("copies") == "exact",
        done=_predicate(options["done"], "explore/done", "explore.done") if "done" in options else None,
        outcome=_predicate(options["outcome"], "explore/outcome", "explore.outcome") if "outcome" in options else None,
        serializability=None if serial is None else Serializability(
            tuple(index[t] for t in serial["transactions"]),
            _predicate(serial.get("outcome", f"[c for c in components if c.id not in {serial['transactions']!r}]"),
                       "explore/serializability/outcome", "explore.serializability.outcome"),
        ),
        symmetry=tuple(tuple(index[c] for c in group) for group in options.get("symmetry") or ()),
        por=bool(options.get("por", False)),
        name=model.name,
        mentions=mentions(model),
    )
    bounds = Bounds(options.get("max_states"), options.get("max_depth"), options.get("max_seconds"))
    return spec, bounds


def _property(path: str, name: str, kind: str, text: str) -> Property:
    found = decided_by(text)
    holds = _predicate(text, f"{path}/{kind}", f"property {name}")
    return Property(name, kind, holds, None if found is None else frozenset(found))


def _predicate(text: str, path: str, where: str) -> Predicate:
    expr = compile_expr(text, PROPERTY_NAMES)

    def holds(env: dict[str, Any]) -> Any:
        try:
            return expr.evaluate(environment(env))
        except ExprError as exc:
            raise Failure(exc, path, where) from None

    return holds


def _component(model: Model, i: int, c: ModelComponent) -> Component:
    behavior = resolve_behavior(model, c.behavior)
    params = resolve(behavior.params, c.params)
    program: Program = Bound(behavior, c.id, params, f"components/{i}", c.behavior)
    return Component(c.id, c.behavior, program, c.durable, params)


def _links(model: Model, scenario: Scenario | None, index: dict[str, int],
           places: dict[str, Placement]) -> tuple[Link, ...]:
    """The simulator's channels (link faults applied), with probabilities read as possibilities."""
    found = channels(model, scenario, places, Random(0))
    return tuple(
        Link(index[a], index[b], fifo=not ch.reorder, lossy=ch.loss > 0, duplicating=ch.duplication > 0)
        for (a, b), ch in found.items()
    )


def _crash(places: dict[str, Placement], index: dict[str, int], fault: Crash) -> CrashFault:
    names = crash_targets(fault, places)
    times = fault.times if isinstance(fault, IntermittentCrash) else 1  # None: again and again, without bound
    return CrashFault(tuple(index[n] for n in names), recovers=not isinstance(fault, PermanentCrash), times=times)


def _partition(
    places: dict[str, Placement], index: dict[str, int], link_index: dict[tuple[int, int], int], fault: Partition
) -> PartitionFault:
    members = places[fault.holarchy].members
    left, right = ({index[c] for h in side for c in members[h]} for side in fault.sides)
    pairs = [(a, b) for a in left for b in right] + ([] if fault.oneway else [(b, a) for a in left for b in right])
    return PartitionFault(frozenset(link_index[p] for p in pairs if p in link_index), heals=fault.end is not None)
