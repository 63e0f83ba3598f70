"""Model to canonical document: every default explicit, a fixed key order, so dumps compare and hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .build import EXPECT_LISTS
from .model import Crash, Delay, Handler, Holon, IntermittentCrash, Liveness, Model, Partition, Scenario, TransientCrash


def dump_delay(d: Delay) -> dict[str, Any]:
    fields = {"fixed": ("value",), "uniform": ("low", "high"), "exponential": ("mean",)}[d.dist]
    return {"dist": d.dist, **{f: getattr(d, f) for f in fields}, "bound": d.bound}


def _holon(h: Holon) -> dict[str, Any]:
    return {"id": h.id, "name": h.name, "components": list(h.components), "children": [_holon(c) for c in h.children]}


def _handler(h: Handler) -> dict[str, Any]:
    on: Any = "start" if h.on == "start" else {h.on: h.name}
    return {"on": on, "guard": h.guard, "actions": [{a.kind: a.spec} for a in h.actions]}


def _liveness(p: Liveness) -> dict[str, Any]:
    bound = "within" if p.kind == "eventually" else "window"
    return {"name": p.name, p.kind: p.expr, bound: p.bound}


def _fault(f: Any) -> dict[str, Any]:
    if isinstance(f, Crash):
        where = {"component": f.component} if f.component else {"holarchy": f.holarchy, "holon": f.holon}
        extra: dict[str, Any] = {}
        if isinstance(f, TransientCrash):
            extra = {"duration": f.duration}
        elif isinstance(f, IntermittentCrash):
            extra = {"down": f.down, "up": f.up, "times": f.times, "random": f.random}
        return {"crash": {**where, "kind": f.kind, "at": f.at, **extra}}
    if isinstance(f, Partition):
        return {"partition": {"holarchy": f.holarchy, "sides": [list(s) for s in f.sides], "from": f.start,
                              "until": f.end, "oneway": f.oneway}}
    where = {"holarchy": f.holarchy, "level": f.level} if f.holarchy else {"from": f.source, "to": f.target}
    over = {k: dump_delay(v) if k == "delay" else v for k, v in f.overrides.items()}
    return {"link": {**where, **over}}


def _scenario(s: Scenario) -> dict[str, Any]:
    e = s.expect
    expect = None if e is None else {"seed": e.seed, **{k: list(getattr(e, k)) for k in EXPECT_LISTS}}
    return {"name": s.name, "until": s.until, "faults": [_fault(f) for f in s.faults], "expect": expect}


def dump_model(model: Model) -> dict[str, Any]:
    """The canonical document of `model`; loading it gives an equal model."""
    return {
        "format": model.format,
        "name": model.name,
        "description": model.description,
        "components": [{"id": c.id, "behavior": c.behavior, "params": c.params, "state": c.state}
                       for c in model.components],
        "behaviors": {b.name: {"variables": b.variables, "handlers": [_handler(h) for h in b.handlers]}
                      for b in model.behaviors},
        "links": [{"from": ln.source, "to": ln.target, "bidirectional": ln.bidirectional, "loss": ln.loss,
                   "duplication": ln.duplication, "reorder": ln.reorder, "delay": dump_delay(ln.delay)}
                  for ln in model.links],
        "holarchies": [{"name": h.name, "levels": list(h.levels), "root": _holon(h.root)} for h in model.holarchies],
        "properties": {"safety": [{"name": p.name, "always": p.always} for p in model.safety],
                       "liveness": [_liveness(p) for p in model.liveness]},
        "slos": [{"name": s.name, "holarchy": s.holarchy, "holon": s.holon, "sli": s.sli, "objective": s.objective,
                  "threshold": s.threshold, "window": s.window} for s in model.slos],
        "scenarios": [_scenario(s) for s in model.scenarios],
        "explore": model.explore,
        "guide": model.guide,
    }


def canonical_json(model: Model) -> str:
    return _json(dump_model(model))


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(model: Model) -> str:
    """sha256 (hex) of the canonical JSON with sorted keys: equal models hash equal."""
    return document_hash(dump_model(model))


def document_hash(canonical: dict[str, Any]) -> str:
    """``content_hash`` of the model whose canonical document (``dump_model``) this is, without dumping it again."""
    return hashlib.sha256(_json(canonical).encode()).hexdigest()
