"""Schema-valid document to dataclasses, filling in the defaults of the format."""

from __future__ import annotations

from typing import Any

from .model import (
    Action,
    BehaviorDef,
    Component,
    Delay,
    Expect,
    Fault,
    Handler,
    Holarchy,
    Holon,
    IntermittentCrash,
    Link,
    LinkFault,
    Liveness,
    Model,
    Partition,
    PermanentCrash,
    Safety,
    Scenario,
    Slo,
    TransientCrash,
)

NETWORK_FIELDS = ("loss", "duplication", "reorder", "delay")
EXPECT_LISTS = ("violated", "holds", "slos_met", "slos_missed")


def number(x: Any) -> Any:
    """Integral floats become ints, inside lists and mappings too, so `1` and `1.0` hash alike."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, dict):
        return {k: number(v) for k, v in x.items()}
    if isinstance(x, list):
        return [number(v) for v in x]
    return x


def build_delay(d: dict[str, Any] | None) -> Delay:
    if d is None:
        return Delay()
    return Delay(dist=d["dist"], value=number(d.get("value")), low=number(d.get("low")), high=number(d.get("high")),
                 mean=number(d.get("mean")), bound=number(d.get("bound")))


def _holon(h: dict[str, Any]) -> Holon:
    return Holon(id=h["id"], name=h.get("name", h["id"]), components=tuple(h.get("components", ())),
                 children=tuple(_holon(c) for c in h.get("children", ())))


def _action(a: dict[str, Any]) -> Action:
    kind, spec = next(iter(a.items()))
    spec = number(spec)
    if kind == "send":
        spec = {"to": spec["to"], "type": spec["type"], "payload": spec.get("payload", {})}
    elif kind == "reply":
        spec = {"type": spec["type"], "payload": spec.get("payload", {})}
    elif kind == "set_timer":
        spec = {"name": spec["name"], "after": spec["after"]}
    elif kind == "observe":
        spec = {"server": spec["server"], "ok": spec.get("ok", True), "latency": spec["latency"]}
    return Action(kind, spec)


def _handler(h: dict[str, Any]) -> Handler:
    on = h["on"]
    kind, name = ("start", None) if on == "start" else next(iter(on.items()))
    return Handler(on=kind, name=name, guard=h.get("guard"), actions=tuple(_action(a) for a in h.get("actions", ())))


def _overrides(d: dict[str, Any]) -> dict[str, Any]:
    out = {k: d[k] for k in NETWORK_FIELDS if k in d}
    if "delay" in out:
        out["delay"] = build_delay(out["delay"])
    for k in ("loss", "duplication"):
        if k in out:
            out[k] = float(out[k])
    return out


def _fault(f: dict[str, Any]) -> Fault:
    kind, d = next(iter(f.items()))
    if kind == "crash":
        where = {"at": number(d["at"]), "component": d.get("component"), "holarchy": d.get("holarchy"),
                 "holon": d.get("holon")}
        if d["kind"] == "transient":
            return TransientCrash(**where, duration=number(d["duration"]))
        if d["kind"] == "intermittent":
            return IntermittentCrash(**where, down=number(d["down"]), up=number(d["up"]), times=d.get("times"),
                                     random=d.get("random", False))
        return PermanentCrash(**where)
    if kind == "partition":
        sides = (tuple(d["sides"][0]), tuple(d["sides"][1]))
        return Partition(holarchy=d["holarchy"], sides=sides, start=number(d["from"]), end=number(d.get("until")),
                         oneway=d.get("oneway", False))
    return LinkFault(holarchy=d.get("holarchy"), level=d.get("level"), source=d.get("from"), target=d.get("to"),
                     overrides=_overrides(d))


def _scenario(s: dict[str, Any]) -> Scenario:
    e = s.get("expect")
    expect = None if e is None else Expect(e.get("seed", 1), *(tuple(e.get(k, ())) for k in EXPECT_LISTS))
    return Scenario(name=s["name"], until=number(s.get("until")), faults=tuple(_fault(f) for f in s.get("faults", ())),
                    expect=expect)


def _liveness(p: dict[str, Any]) -> Liveness:
    if "eventually" in p:
        return Liveness(p["name"], "eventually", p["eventually"], number(p["within"]))
    return Liveness(p["name"], "always_eventually", p["always_eventually"], number(p["window"]))


def build(doc: dict[str, Any]) -> Model:
    props = doc.get("properties", {})
    return Model(
        name=doc["name"],
        description=doc.get("description", ""),
        components=tuple(Component(c["id"], c["behavior"], number(c.get("params", {})), c.get("state", "volatile"))
                         for c in doc["components"]),
        behaviors=tuple(BehaviorDef(name, number(b.get("variables", {})), tuple(_handler(h) for h in b["handlers"]))
                        for name, b in doc.get("behaviors", {}).items()),
        links=tuple(Link(source=ln["from"], target=ln["to"], bidirectional=ln.get("bidirectional", False),
                         loss=float(ln.get("loss", 0.0)), duplication=float(ln.get("duplication", 0.0)),
                         reorder=ln.get("reorder", False), delay=build_delay(ln.get("delay")))
                    for ln in doc.get("links", ())),
        holarchies=tuple(Holarchy(h["name"], tuple(h.get("levels", ())), _holon(h["root"])) for h in doc["holarchies"]),
        safety=tuple(Safety(p["name"], p["always"]) for p in props.get("safety", ())),
        liveness=tuple(_liveness(p) for p in props.get("liveness", ())),
        slos=tuple(Slo(name=s["name"], holarchy=s["holarchy"], holon=s["holon"], sli=s["sli"],
                       objective=float(s["objective"]), window=number(s["window"]),
                       threshold=number(s.get("threshold"))) for s in doc.get("slos", ())),
        scenarios=tuple(_scenario(s) for s in doc.get("scenarios", ())),
        explore=dict(doc.get("explore", {})),
        guide=None if doc.get("guide") is None else number(doc["guide"]),
    )
