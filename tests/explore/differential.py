"""Random small models and the checks that hold the simulator and the explorer to one semantics.

Shared by `tests/explore/test_differential.py` (a few hundred models) and
`bench/differential.py` (thousands). A model has 2-4 components running
declarative behaviors (guards, timers, sends, replies), links with random
loss, duplication, reordering and delays, crash faults of every kind on
durable or volatile components, and random invariants. On each model:

- `simulated_paths`: every simulated behavior (trace mode, several seeds) is
  a path of the explorer's transition relation with the same states;
- `simulated_violations`: a violation found by simulation is found by
  exploration, with a counterexample no longer than the simulated one;
- `reductions_agree`: verdicts with and without symmetry and partial-order
  reduction agree;
- `plain_bfs_agrees`: distinct states equal those of `plain_bfs` below, an
  independent breadth-first search over the documented semantics (no
  reduction, no interning, no caches), with copies counted up to "many" and
  exactly; shortest counterexamples equal those of its exact search.

Each check returns a list of problems (empty: agreement), so the bench can
count what it found instead of stopping at the first.
"""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from hypothesis import strategies as st

from simulations.engine.api import simulate
from simulations.engine.behaviors import Context, resolve_behavior
from simulations.engine.explore import Bounds, explore
from simulations.engine.explore.loading import load_spec
from simulations.engine.explore.search import breadth_first
from simulations.engine.explore.system import System
from simulations.engine.expr import compile_expr, environment
from simulations.engine.modelcode import ModelError, load_model
from simulations.engine.trace import TraceReader, encode

SEEDS = (1, 2, 3)
MANY = 3  # copies in flight counted 1, 2, "many" (docs/exploration.md); written here again, not imported
UNTIL = 30
VALUES = 3  # variables and payloads stay in 0..VALUES-1, so local state spaces are small


# -- models ---------------------------------------------------------------------------------------------

def _value_expr(draw, names: tuple[str, ...]) -> str:
    a = draw(st.sampled_from(names))
    b = draw(st.sampled_from(names))
    return draw(st.sampled_from([a, str(draw(st.integers(0, VALUES - 1))), f"({a} + 1) % {VALUES}",
                                 f"({a} + {b}) % {VALUES}"]))


def _guard(draw, names: tuple[str, ...]) -> str | None:
    if not draw(st.booleans()):
        return None
    a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
    k = draw(st.integers(0, VALUES - 1))
    return draw(st.sampled_from([f"{a} < {k}", f"{a} == {k}", f"{a} != {b}", f"{a} <= {b}"]))


def _actions(draw, me: str, peers: list[str], message: bool) -> list[dict[str, Any]]:
    names = ("x", "y", "msg.payload.v") if message else ("x", "y")
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["assign", "send", "reply", "set_timer", "cancel_timer"] if message
                                    else ["assign", "send", "set_timer", "cancel_timer"]))
        if kind == "assign":
            out.append({"assign": {draw(st.sampled_from(["x", "y"])): _value_expr(draw, names)}})
        elif kind == "send" and peers:
            out.append({"send": {"to": repr(draw(st.sampled_from(peers))), "type": "m",
                                 "payload": {"v": _value_expr(draw, names)}}})
        elif kind == "reply":
            out.append({"reply": {"type": "m", "payload": {"v": _value_expr(draw, names)}}})
        elif kind == "set_timer":
            after = draw(st.sampled_from([1, 2.5, 4]))
            out.append({"set_timer": {"name": draw(st.sampled_from(["t", "u"])), "after": after}})
        elif kind == "cancel_timer":
            out.append({"cancel_timer": draw(st.sampled_from(["t", "u"]))})
    return out


def _behavior(draw, me: str, peers: list[str]) -> dict[str, Any]:
    handlers = [{"on": "start", "actions": _actions(draw, me, peers, False)}]
    for _ in range(draw(st.integers(1, 4))):
        on = draw(st.sampled_from([{"message": "m"}, {"timer": "t"}, {"timer": "u"}]))
        handler: dict[str, Any] = {"on": on, "actions": _actions(draw, me, peers, "message" in on)}
        guard = _guard(draw, ("x", "y", "msg.payload.v") if "message" in on else ("x", "y"))
        if guard:
            handler["guard"] = guard
        handlers.append(handler)
    return {"variables": {"x": 0, "y": 0}, "handlers": handlers}


def _delay(draw) -> dict[str, Any]:
    kind = draw(st.sampled_from(["fixed", "uniform", "exponential"]))
    if kind == "fixed":
        return {"dist": "fixed", "value": draw(st.sampled_from([0.5, 1, 2]))}
    if kind == "uniform":
        low = draw(st.sampled_from([0.5, 1]))
        return {"dist": "uniform", "low": low, "high": low + draw(st.sampled_from([0.5, 2, 5]))}
    return {"dist": "exponential", "mean": draw(st.sampled_from([1, 3]))}


def _invariant(draw, ids: list[str], named: bool) -> str:
    k = draw(st.integers(0, VALUES - 1))
    var = draw(st.sampled_from(["x", "y"]))
    anonymous = [
        f"sum(c.{var} for c in components) < {draw(st.integers(1, 2 * VALUES))}",
        f"len([c for c in components if c.{var} == {k}]) < {draw(st.integers(1, 3))}",
        "all(c.y <= c.x or not c.up for c in components)",
        f"any(c.{var} != {k} for c in components) or not all(c.up for c in components)",
    ]
    if not named:
        return draw(st.sampled_from(anonymous))
    a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
    j = draw(st.integers(0, VALUES - 1))
    return draw(st.sampled_from(anonymous + [
        f"not (component['{a}'].x == {k} and component['{b}'].{var} == {j})",
        f"component['{a}'].x + component['{b}'].y < {draw(st.integers(1, 2 * VALUES - 1))}",
        f"component['{a}'].up or component['{a}'].{var} != {k}",
    ]))


def _crash(draw, ids: list[str], holon: str | None) -> dict[str, Any]:
    kind = draw(st.sampled_from(["transient", "intermittent", "permanent"]))
    target: dict[str, Any] = {"component": draw(st.sampled_from(ids))}
    if holon is not None and draw(st.booleans()):
        target = {"holarchy": "h", "holon": holon}
    at = draw(st.sampled_from([1.5, 3, 6]))
    if kind == "transient":
        return {**target, "kind": kind, "at": at, "duration": draw(st.sampled_from([1, 4]))}
    if kind == "permanent":
        return {**target, "kind": kind, "at": at}
    return {**target, "kind": kind, "at": at, "down": draw(st.sampled_from([1, 2])),
            "up": draw(st.sampled_from([2, 5])), "times": draw(st.sampled_from([None, 1, 2]))}


@st.composite
def models(draw, *, holon_crashes: bool = True, symmetric: bool | None = None) -> dict[str, Any]:
    """A random `holarchy/v1` document (see the module docstring); `symmetric` makes c0 and c1 interchangeable."""
    n = draw(st.integers(2, 4))
    ids = [f"c{i}" for i in range(n)]
    symmetric = draw(st.booleans()) if symmetric is None else symmetric
    pairs = [(a, b) for a in ids for b in ids if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    links = [{"from": a, "to": b, "loss": draw(st.sampled_from([0.0, 0.0, 0.3])),
              "duplication": draw(st.sampled_from([0.0, 0.0, 0.3])), "reorder": draw(st.booleans()),
              "delay": _delay(draw)} for a, b in chosen]
    peers = {c: [b for a, b in chosen if a == c] + ([draw(st.sampled_from(ids))] if draw(st.booleans()) else [])
             for c in ids}
    if symmetric:  # c0 and c1 share a behavior that names neither of them
        peers["c1"] = peers["c0"] = [p for p in peers["c0"] if p not in ("c0", "c1")]
        links = _symmetric_links(links)
    behaviors = {f"b{c}": _behavior(draw, c, [p for p in peers[c] if p != c]) for c in ids}
    states = {c: draw(st.sampled_from(["volatile", "durable"])) for c in ids}
    if symmetric:
        del behaviors["bc1"]
        states["c1"] = states["c0"]
    components = [{"id": c, "behavior": "bc0" if symmetric and c == "c1" else f"b{c}", "state": states[c]}
                  for c in ids]
    holon = "pair" if n > 2 and holon_crashes else None
    groups = [{"id": "pair", "components": ids[:2]}, {"id": "rest", "components": ids[2:]}] if holon else []
    root: dict[str, Any] = {"id": "root", "children": groups} if groups else {"id": "root", "components": ids}
    faults = [{"crash": _crash(draw, ids, holon)} for _ in range(draw(st.integers(0, 2)))]
    invariants = [{"name": f"inv{i}", "always": _invariant(draw, ids, not symmetric)}
                  for i in range(draw(st.integers(1, 3)))]
    doc: dict[str, Any] = {
        "format": "holarchy/v1", "name": "random", "components": components, "behaviors": behaviors,
        "links": links, "holarchies": [{"name": "h", "levels": ["system", "group"][:2 if groups else 1], "root": root}],
        "properties": {"safety": invariants},
        "scenarios": [{"name": "s", "until": UNTIL, "faults": faults}],
        "explore": {},
    }
    return doc


def _symmetric_links(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The links, each with its image under c0 <-> c1 given the same settings: the renaming maps the network
    onto itself."""
    swap = {"c0": "c1", "c1": "c0"}
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for lk in links:
        if (lk["from"], lk["to"]) in out:
            continue
        out[(lk["from"], lk["to"])] = lk
        twin = (swap.get(lk["from"], lk["from"]), swap.get(lk["to"], lk["to"]))
        out[twin] = {**lk, "from": twin[0], "to": twin[1]}
    return list(out.values())


# -- one abstraction of a global state, for both sides ---------------------------------------------------

def _link_kinds(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    """How a link's in-flight messages compare: "fifo" in order, "bag" as a multiset, "set" as a set
    (the simulator keeps a network duplicate in flight, the explorer delivers it at once)."""
    kinds = {}
    for lk in doc["links"]:
        kinds[(lk["from"], lk["to"])] = "set" if lk.get("duplication") else ("bag" if lk.get("reorder") else "fifo")
    return kinds


def _counted(queue: list[tuple[str, str]], many: int | None) -> tuple:
    """The queue with each run of equal messages cut to `many` (then standing for many or more)."""
    out: list[tuple[str, str]] = []
    for m in queue:
        if many is None or out[-many:] != [m] * many:
            out.append(m)
    return tuple(out)


def _network(kinds: dict[tuple[str, str], str], messages: list[tuple[str, str, str, str]], many: int | None) -> tuple:
    queues: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for src, dst, type_, payload in messages:
        queues.setdefault((src, dst), []).append((type_, payload))
    out = []
    for link, queue in sorted(queues.items()):
        kind = kinds.get(link, "bag")
        out.append((link, _counted(queue, many) if kind == "fifo"
                    else tuple(sorted(set(queue))) if kind == "set" else _counted(sorted(queue), many)))
    return tuple(out)


def _many(doc: dict[str, Any]) -> int | None:
    return None if doc.get("explore", {}).get("copies") == "exact" else MANY


def _components(components: dict[str, Any]) -> tuple:
    return tuple((cid, encode(c["state"]), tuple(sorted(c["timers"])), c["up"])
                 for cid, c in sorted(components.items()))


def abstract_sim(g: dict[str, Any], kinds, many: int | None) -> tuple:
    """A simulator trace state (TraceReader.global_state) without time."""
    comps = _components(g["components"])
    flight = sorted(g["inflight"].items(), key=lambda kv: int(kv[0]))
    return comps, _network(kinds, [(m[0], m[1], m[2], encode(m[3])) for _mid, m in flight], many)


def abstract_explorer(system: System, s: tuple[int, ...], kinds) -> tuple:
    snap = system.snapshot(s)
    comps = _components(snap["components"])
    messages = [(m["from"], m["to"], m["type"], encode(m["payload"])) for m in snap["network"]]
    return comps, _network(kinds, messages, system.many)


# -- check 1 and 2: simulated behaviors are explored behaviors -------------------------------------------

def simulated_paths(doc: dict[str, Any], seeds=SEEDS) -> tuple[list[str], dict[str, int]]:
    """Problems found, and per violated invariant the shortest explorer path found along a simulated run."""
    spec, _ = load_spec(doc)
    system = System(spec)
    kinds = _link_kinds(doc)
    many = _many(doc)
    n = len(doc["components"])
    problems: list[str] = []
    walked: dict[str, int] = {}
    for seed in seeds:
        result = simulate(doc, seed=seed, trace=True, stop_on_violation=False, snapshot_every=1, max_steps=400)
        reader = TraceReader(result.trace)
        violations = {v["name"]: v["step"] for v in result.summary["violations"]}
        for name, step in violations.items():
            if step < n:
                problems.append(f"seed {seed}: {name} violated at step {step}, before every component started")
        if reader.last_step < n:
            continue
        candidates = {s for s in system.initial_states()}
        before = abstract_sim(reader.global_state(n), kinds, many)
        candidates = {s for s in candidates if abstract_explorer(system, s, kinds) == before}
        if not candidates:
            problems.append(f"seed {seed}: the state after the starts is no initial state of the explorer")
            continue
        depth = 0
        for step in range(n + 1, reader.last_step + 1):
            after = abstract_sim(reader.global_state(step), kinds, many)
            # Explorer steps that change nothing the simulator shows (a crash fault striking a component
            # already down: no step in simulation) may come first.
            candidates = _stutters(system, candidates, before, kinds)
            moved = {t for s in candidates for t in system.successors(s)
                     if abstract_explorer(system, t, kinds) == after}
            if moved:
                depth += 1
            if after == before:
                moved |= candidates
            if not moved:
                d = reader.delta(step)
                problems.append(f"seed {seed}: step {step} ({d['a']} {d['k']}) leads to a state the explorer "
                                f"cannot reach: {after} from {before}")
                break
            candidates, before = moved, after
            for name, at in violations.items():
                if at == step:
                    walked[name] = min(walked.get(name, depth), depth)
    return problems, walked


def _stutters(system: System, states: set, seen: tuple, kinds) -> set:
    """`states` and every state reached from them by steps that leave the abstract state `seen` as it is."""
    found, todo = set(states), list(states)
    while todo:
        for t in system.successors(todo.pop()):
            if t not in found and abstract_explorer(system, t, kinds) == seen:
                found.add(t)
                todo.append(t)
    return found


def simulated_violations(doc: dict[str, Any], walked: dict[str, int]) -> list[str]:
    """Each invariant a simulation violated is violated in exploration, no later than along that run."""
    problems = []
    if not walked:
        return problems
    result = explore(doc, bounds=Bounds(max_depth=max(walked.values()), max_states=300_000), symmetry=False, por=False)
    found = {p["name"]: p for p in result.summary["properties"]}
    for name, depth in walked.items():
        p = found[name]
        if p["verdict"] != "violated":
            problems.append(f"{name}: violated by simulation in {depth} explorer steps, "
                            f"exploration says {p['verdict']}")
        elif p["counterexample_length"] > depth:
            problems.append(f"{name}: exploration's counterexample has {p['counterexample_length']} steps, "
                            f"the simulated one {depth}")
    return problems


# -- check 3: reductions keep verdicts -------------------------------------------------------------------

def verdicts(result) -> dict[str, tuple[str, int | None]]:
    return {p["name"]: (p["verdict"], p.get("counterexample_length")) for p in result.summary["properties"]}


def reductions_agree(doc: dict[str, Any], max_states: int = 20_000) -> tuple[list[str], bool]:
    """Problems, and whether the unreduced search was complete (only complete searches are compared)."""
    doc = {**doc, "explore": dict(doc["explore"])}
    symmetric = doc["components"][1]["behavior"] == "bc0"
    if symmetric:
        doc["explore"]["symmetry"] = [["c0", "c1"]]
    bounds = Bounds(max_states=max_states)
    plain = explore(doc, bounds=bounds, symmetry=False, por=False)
    if not plain.summary["complete"]:
        return [], False
    reference = {k: v[0] for k, v in verdicts(plain).items()}
    problems = []
    for sym, por in ((False, True), (True, False), (True, True)) if symmetric else ((False, True),):
        try:
            other = explore(doc, bounds=bounds, symmetry=None if sym else False, por=por)
        except ModelError as e:  # a reduction may refuse the model, saying why: that is no wrong verdict
            problems.extend([] if "symmetry" in str(e.issues) else [f"symmetry={sym} por={por}: {e}"])
            continue
        if not other.summary["complete"]:
            continue
        got = {k: v[0] for k, v in verdicts(other).items()}
        if got != reference:
            problems.append(f"symmetry={sym} por={por}: {got} but without reductions {reference}")
    return problems, True


# -- check 4: an independent plain breadth-first search --------------------------------------------------

class _Plain:
    """The documented exploration semantics (docs/exploration.md, "What a step is"), written plainly.

    A state is (components, network, faults): per component (state as canonical JSON text, armed timer
    names, up); per link a tuple of messages (type, payload JSON text) in send order (sorted when the link
    reorders), `many` equal ones in a row standing for that many or more; per crash fault (crashes so far,
    down).
    """

    def __init__(self, doc: dict[str, Any]) -> None:
        model = load_model(doc)
        scenario = model.scenario(None)
        self.many = _many(doc)
        self.ids = [c.id for c in model.components]
        self.durable = [c.durable for c in model.components]
        self.names = [c.behavior for c in model.components]
        self.behaviors = [resolve_behavior(model, c.behavior) for c in model.components]
        self.contexts = [Context(c.id, dict(c.params), lambda: 0.5) for c in model.components]
        self.links = [(lk["from"], lk["to"], bool(lk.get("reorder")), lk.get("loss", 0) > 0,
                       lk.get("duplication", 0) > 0) for lk in doc["links"]]
        members = {h.id: h.members() for h, _ in model.holarchies[0].root.walk()}
        self.faults = []
        for fault in scenario.faults if scenario else ():
            targets = [fault.component] if fault.component else members[fault.holon]
            times = fault.times if fault.kind == "intermittent" else 1
            self.faults.append(([self.ids.index(c) for c in targets], fault.kind != "permanent", times))
        self.invariants = [(p.name, compile_expr(p.always, frozenset({"components", "component", "now"})))
                           for p in model.safety]

    def _initial(self, i: int) -> str:
        return json.dumps(self.behaviors[i].init(self.contexts[i].params, self.ids[i]), sort_keys=True)

    def _run(self, i, event, state, timers, net, arg=None, reply_to=None):
        """Component i handles `event` (start, message or timer): its new (state, timers, up) and network."""
        behavior, ctx, state = self.behaviors[i], self.contexts[i], json.loads(state)
        if event == "start":
            new, effects = behavior.on_start(state, ctx)
        elif event == "message":
            new, effects = behavior.on_message(state, arg, ctx)
        else:
            new, effects = behavior.on_timer(state, arg, ctx)
        armed = set(timers)
        net = list(net)
        for e in effects:
            if e[0] in (0, 1):  # send, reply
                to, type_, payload = (e[1], e[2], e[3]) if e[0] == 0 else (reply_to, e[1], e[2])
                for j, (src, dst, reorder, _lossy, _dup) in enumerate(self.links):
                    msg = (type_, json.dumps(payload, sort_keys=True))
                    if (src, dst) == (self.ids[i], to) and not self._is_many(net[j], msg, reorder):
                        net[j] = tuple(sorted(net[j] + (msg,))) if reorder else net[j] + (msg,)
            elif e[0] == 2:
                armed.add(e[1])
            elif e[0] == 3:
                armed.discard(e[1])
        return (json.dumps(new, sort_keys=True), tuple(sorted(armed)), True), tuple(net)

    def _is_many(self, queue, msg, reorder: bool) -> bool:
        """Whether one more copy of `msg` leaves the queue as it is: it holds "many" copies (the last in line)."""
        if self.many is None:
            return False
        return queue.count(msg) >= self.many if reorder else queue[-self.many:] == (msg,) * self.many

    def initial(self):
        comps, net = [], tuple(() for _ in self.links)
        for i in range(len(self.ids)):
            comp, net = self._run(i, "start", self._initial(i), (), net)
            comps.append(comp)
        return (tuple(comps), net, tuple((0, False) for _ in self.faults))

    def successors(self, s):
        comps, net, faults = s
        out = []

        def moved(i, comp, new_net, new_faults=faults):
            out.append((comps[:i] + (comp,) + comps[i + 1:], new_net, new_faults))

        for i, (state, timers, up) in enumerate(comps):
            for name in timers if up else ():
                moved(i, *self._run(i, "timer", state, tuple(t for t in timers if t != name), net, name))
        for j, (src, dst, reorder, lossy, dup) in enumerate(self.links):
            queue, d = net[j], self.ids.index(dst)
            for k in sorted({queue.index(m) for m in queue}) if reorder else range(min(1, len(queue))):
                type_, payload = queue[k]
                popped = net[:j] + (queue[:k] + queue[k + 1:],) + net[j + 1:]
                state, timers, up = comps[d]
                msg = (0, src, dst, type_, json.loads(payload))
                many = self.many is not None and queue[k:k + self.many] == (queue[k],) * self.many
                if up:
                    moved(d, *self._run(d, "message", state, timers, popped, msg, src))
                    if dup or many:  # received, and still in flight (a network duplicate, or one of many)
                        moved(d, *self._run(d, "message", state, timers, net, msg, src))
                else:
                    out.append((comps, popped, faults))
                if lossy:
                    out.append((comps, popped, faults))
        for f, (targets, recovers, times) in enumerate(self.faults):
            crashes, down = faults[f]
            new = list(comps)
            if not down and (times is None or crashes < times):
                for i in targets:
                    if comps[i][2]:
                        new[i] = (comps[i][0] if self.durable[i] else self._initial(i), (), False)
                counted = crashes + 1 if times is not None else 0  # without bound, crashing again is a loop
                out.append((tuple(new), net, faults[:f] + ((counted, True),) + faults[f + 1:]))
            elif down and recovers:
                new_net = net
                held = {i for g, (others, _r, _t) in enumerate(self.faults) if g != f and faults[g][1] for i in others}
                for i in targets:
                    if i not in held:
                        new[i], new_net = self._run(i, "start", comps[i][0], (), new_net)
                out.append((tuple(new), new_net, faults[:f] + ((crashes, False),) + faults[f + 1:]))
        return out

    def violated(self, s) -> list[str]:
        records = [{**json.loads(state), "id": cid, "behavior": behavior, "up": up}
                   for cid, behavior, (state, _timers, up) in zip(self.ids, self.names, s[0], strict=True)]
        env = environment({"components": records, "component": {r["id"]: r for r in records}, "now": 0})
        return [name for name, expr in self.invariants if not expr.evaluate(env)]


def plain_bfs(doc: dict[str, Any], max_depth: int, max_states: int) -> tuple[int, dict[str, int]] | None:
    """(distinct states up to max_depth, shortest violation depth per invariant); None above max_states."""
    plain = _Plain(doc)
    first = plain.initial()
    depth = {first: 0}
    shortest: dict[str, int] = {}
    queue = deque([first])
    while queue:
        s = queue.popleft()
        for name in plain.violated(s):
            shortest.setdefault(name, depth[s])
        if depth[s] == max_depth:
            continue
        for t in plain.successors(s):
            if t not in depth:
                depth[t] = depth[s] + 1
                if len(depth) > max_states:
                    return None
                queue.append(t)
    return len(depth), shortest


def plain_bfs_agrees(doc: dict[str, Any], max_depth: int = 5, max_states: int = 20_000) -> list[str]:
    """The explorer (no reductions) finds the states `plain_bfs` finds, with copies counted up to many
    and exactly, and in both the shortest counterexamples of the exact plain search (with "many" the
    explorer confirms what it found with every copy counted)."""
    exact = {**doc, "explore": {**doc["explore"], "copies": "exact"}}
    reference = plain_bfs(exact, max_depth, max_states)
    if reference is None:
        return []
    shortest = reference[1]
    for copies in ("exact", "many"):
        d = {**doc, "explore": {**doc["explore"], "copies": copies}}
        counted = reference if copies == "exact" else plain_bfs(d, max_depth, max_states)
        result = explore(d, bounds=Bounds(max_depth=max_depth), symmetry=False, por=False)
        found = {k: v[1] for k, v in verdicts(result).items() if v[0] == "violated"}
        problems = []
        # The states of the explorer's transition relation, searched whole (explore stops once all are violated).
        states = len(breadth_first(System(load_spec(d)[0]), Bounds(max_depth=max_depth)).parent)
        if counted is not None and states != counted[0]:
            problems.append(f"copies={copies}: explorer {states} states, plain BFS {counted[0]}")
        if found != shortest:
            problems.append(f"copies={copies}: explorer counterexamples {found}, plain BFS (exact) {shortest}")
        if problems:
            return problems
    return []


def check_all(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Every check on one model: check name -> problems."""
    paths, walked = simulated_paths(doc)
    return {"paths": paths, "violations": simulated_violations(doc, walked),
            "reductions": reductions_agree(doc)[0], "plain_bfs": plain_bfs_agrees(doc)}
