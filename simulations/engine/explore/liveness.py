"""Liveness under weak fairness: find a lasso (prefix + loop) on which the goal never holds.

`eventually P` fails when, from an initial state, a path avoiding P reaches a
dead end or a fair cycle; `always_eventually P` fails when some reachable
fair cycle or dead end avoids P. A cycle is fair when every fair step that is
enabled in all of its states is taken in it; for the strongly connected
component that contains it, this reduces to one check on the whole component
(a fair step enabled everywhere in the component but never taken inside it is
enabled along every cycle in it too). A dead end is a lasso whose loop stutters:
a state where no fair step is enabled, because faults (crash, drop, duplicate,
partition) may happen but never have to, even when nothing else can.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .search import levels, path_to
from .system import FAIR, Label, State, System


@dataclass(frozen=True)
class Lasso:
    """`prefix` leads from an initial state to `loop[0]`; `loop` returns to it (empty: a dead end)."""

    prefix: list[tuple[Label | None, State]]
    loop: list[tuple[Label, State]]


Goal = Callable[[State], bool]
Edges = dict[State, list[tuple[Label, State]]]


def find_lasso(system: System, explored: Collection[State], goal: Goal, *, anywhere: bool) -> Lasso | None:
    """A fair lasso avoiding `goal` within the explored states; `anywhere` allows the prefix to meet it."""
    inits = [s for s in system.initial_states() if s in explored and (anywhere or not goal(s))]
    parent = _reach(system, inits, lambda t: t in explored and (anywhere or not goal(t)))
    region = {s for s in parent if not goal(s)}
    edges = {s: system.transitions(s) for s in region}
    # Nothing forces a fault: where no fair step is enabled a behavior may stop, whatever faults could still occur.
    loops: list[tuple[State, list[tuple[Label, State]]]] = [
        (s, []) for s in region if not any(label[0] in FAIR for label, _t in edges[s])]
    for component in _components(region, edges):
        found = _fair_loop(component, edges)
        if found is not None:
            loops.append(found)
    if not loops:
        return None
    depth = levels(parent)
    entry, loop = min(loops, key=lambda item: depth[item[0]])
    return Lasso(system.label_path(path_to(parent, entry)), loop)


def _reach(system: System, inits: list[State], allowed: Callable[[State], bool]) -> dict[State, State | None]:
    parent: dict[State, State | None] = dict.fromkeys(inits)
    queue = deque(inits)
    while queue:
        s = queue.popleft()
        for t in system.successors(s):
            if t not in parent and allowed(t):
                parent[t] = s
                queue.append(t)
    return parent


def _components(region: set[State], edges: Edges) -> list[set[State]]:
    """Strongly connected components of the region that contain a cycle (Tarjan, iterative)."""
    index: dict[State, int] = {}
    low: dict[State, int] = {}
    on_stack: set[State] = set()
    stack: list[State] = []
    found: list[set[State]] = []
    for root in region:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            s, it = work[-1]
            advanced = False
            for _label, t in it:
                if t not in region:
                    continue
                if t not in index:
                    index[t] = low[t] = len(index)
                    stack.append(t)
                    on_stack.add(t)
                    work.append((t, iter(edges[t])))
                    advanced = True
                    break
                if t in on_stack:
                    low[s] = min(low[s], index[t])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[s])
            if low[s] == index[s]:
                component = set()
                while True:
                    t = stack.pop()
                    on_stack.discard(t)
                    component.add(t)
                    if t == s:
                        break
                if len(component) > 1 or any(u == s for _l, u in edges[s]):
                    found.append(component)
    return found


def _fair_loop(component: set[State], edges: Edges) -> tuple[State, list[tuple[Label, State]]] | None:
    """(start, loop back to start) taking every fair step enabled throughout the component; None if unfair."""
    always: set[Label] | None = None
    taken: dict[Label, State] = {}
    for s in component:
        enabled = {label for label, _t in edges[s] if label[0] in FAIR}
        always = enabled if always is None else always & enabled
        for label, t in edges[s]:
            if t in component:
                taken.setdefault(label, s)
    assert always is not None
    if not always <= taken.keys():
        return None
    start = min(component)
    loop: list[tuple[Label, State]] = []
    here = start
    for label in sorted(always, key=repr):
        loop += _walk(here, taken[label], component, edges)
        here = next(t for lab, t in edges[taken[label]] if lab == label)
        loop.append((label, here))
    if loop:
        loop += _walk(here, start, component, edges)
    else:
        label, first = next((lab, t) for lab, t in edges[start] if t in component)
        loop = [(label, first), *_walk(first, start, component, edges)]
    return start, loop


def _walk(src: State, dst: State, component: set[State], edges: Edges) -> list[tuple[Label, State]]:
    """A shortest path of steps inside the component from src to dst (empty if equal)."""
    if src == dst:
        return []
    back: dict[State, tuple[Label, State]] = {}
    queue = deque([src])
    seen = {src}
    while queue:
        s = queue.popleft()
        for label, t in edges[s]:
            if t in component and t not in seen:
                seen.add(t)
                back[t] = (label, s)
                if t == dst:
                    steps = []
                    while t != src:
                        label, prev = back[t]
                        steps.append((label, t))
                        t = prev
                    return steps[::-1]
                queue.append(t)
    raise AssertionError("states of one strongly connected component are mutually reachable")
