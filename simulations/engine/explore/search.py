"""Breadth-first search over the reachable states, with safety checks and bounds.

Breadth-first order means the first state found violating an invariant is at
minimal depth, so the counterexample rebuilt from parent links is a shortest
one. A bound (states, depth, seconds) stops the search early and marks the
result incomplete; the caller must then never claim that a property holds.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .failures import Failure
from .system import State, System

PROGRESS_EVERY = 1.0
"""Seconds between two progress reports (each may be a database write)."""


@dataclass(frozen=True)
class Bounds:
    max_states: int | None = None
    max_depth: int | None = None
    max_seconds: float | None = None


@dataclass
class Search:
    """What a breadth-first pass found; `parent` maps each state to the one it was first reached from."""

    parent: dict[State, State | None]
    transitions: int = 0
    depth: int = 0
    terminal: list[State] = field(default_factory=list)
    violations: dict[str, State] = field(default_factory=dict)
    stopped_by: str | None = None
    seconds: float = 0.0

    def path(self, state: State) -> list[State]:
        return path_to(self.parent, state)


def path_to(parent: dict[State, State | None], state: State) -> list[State]:
    """The states from an initial state to `state` along parent links."""
    states = [state]
    while (prev := parent[states[-1]]) is not None:
        states.append(prev)
    return states[::-1]


Expand = Callable[[State], list[State]]
Check = Callable[[State], tuple[str, ...]]
Admit = Callable[[State, list[State]], None]


def breadth_first(
    system: System,
    bounds: Bounds,
    *,
    expand: Expand | None = None,
    check: Check | None = None,
    progress: Callable[[float], None] | None = None,
    stop_after: int | None = None,
    parent: dict[State, State | None] | None = None,
) -> Search:
    """Explore level by level; `expand` defaults to all successors, `check` names violated invariants.

    With `stop_after`, the search ends once that many invariants are violated (nothing left to learn).
    `parent` may be passed in (empty) for an `expand` that needs to know which states are stored.
    """
    expand = expand or system.successors
    # Millions of live tuples and no cycles among them: the cyclic collector would rescan them all
    # again and again for nothing, so it stays off while the search runs.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _levels(system, bounds, expand, check, progress, stop_after, {} if parent is None else parent)
    finally:
        if collecting:
            gc.enable()


def _levels(system: System, bounds: Bounds, expand: Expand, check: Check | None,
            progress: Callable[[float], None] | None, stop_after: int | None,
            parent: dict[State, State | None]) -> Search:
    start = reported = time.perf_counter()
    deadline = start + bounds.max_seconds if bounds.max_seconds is not None else None
    max_states = bounds.max_states
    try:
        frontier, result = seed(system, check, parent)
    except Failure as exc:
        raise exc.at(0) from None
    depth = 0
    while frontier:
        if bounds.max_depth is not None and depth >= bounds.max_depth:
            result.stopped_by = "max_depth"
            break
        next_frontier: list[State] = []
        admit = admitter(result, check, next_frontier.append)
        for count, s in enumerate(frontier):
            try:
                admit(s, expand(s))
            except Failure as exc:  # a handler or an invariant failed on the way to the next level
                raise exc.at(depth + 1) from None
            if count & 1023 == 0:
                if stop_after is not None and len(result.violations) >= stop_after:
                    result.stopped_by = "all_invariants_violated"
                elif max_states is not None and len(parent) >= max_states:
                    result.stopped_by = "max_states"
                elif deadline is not None and time.perf_counter() > deadline:
                    result.stopped_by = "max_seconds"
                now = time.perf_counter()
                if progress and now - reported >= PROGRESS_EVERY:
                    reported = now
                    progress(_fraction(len(parent), now - start, bounds))
                if result.stopped_by:
                    break
        if result.stopped_by:
            break
        frontier = next_frontier
        if frontier:
            depth += 1
    result.depth = depth
    result.seconds = time.perf_counter() - start
    return result


def seed(system: System, check: Check | None, parent: dict[State, State | None]) -> tuple[list[State], Search]:
    """The initial states (the first frontier), entered in `parent` as roots and checked, and the search to fill."""
    frontier = system.initial_states()
    parent.update(dict.fromkeys(frontier))
    result = Search(parent)
    if check:
        for s in frontier:
            for name in check(s):
                result.violations.setdefault(name, s)
    return frontier, result


def admitter(result: Search, check: Check | None, keep: Callable[[State], None]) -> Admit:
    """`admit(s, successors)` files one expanded state's successors in `result`: counts the transitions, notes
    `s` as terminal if it has none, links each state not seen before to `s` as its parent, passes it to `keep`
    (the next frontier) and checks it. Every search loop admits through this, whatever expands its states."""
    parent = result.parent
    terminal = result.terminal.append
    violations = result.violations

    def admit(s: State, successors: list[State]) -> None:
        result.transitions += len(successors)
        if not successors:
            terminal(s)
        for t in successors:
            if t not in parent:
                parent[t] = s
                keep(t)
                if check:
                    for name in check(t):
                        violations.setdefault(name, t)

    return admit


def levels(parent: dict[State, State | None]) -> dict[State, int]:
    """Breadth-first depth of each state; `parent` is filled in breadth-first order, parents first."""
    depth: dict[State, int] = {}
    for s, p in parent.items():
        depth[s] = 0 if p is None else depth[p] + 1
    return depth


def _fraction(states: int, seconds: float, bounds: Bounds) -> float:
    """How close to its bounds the search is; unknown (0) when unbounded."""
    parts = [0.0]
    if bounds.max_states:
        parts.append(states / bounds.max_states)
    if bounds.max_seconds:
        parts.append(seconds / bounds.max_seconds)
    return min(max(parts), 0.99)


R = TypeVar("R")


def per_components(system: System, read: Callable[[dict[str, Any]], R]) -> Callable[[State], R]:
    """Evaluate `read` on a state's property environment once per distinct tuple of component slots.

    Properties never read the network, and many states differ only there.
    """
    n = system.n
    cache: dict[State, R] = {}

    def checked(s: State) -> R:
        key = s[:n]
        found = cache.get(key)
        if found is None:
            try:
                found = cache[key] = read(system.environment(s))
            except Failure as exc:  # say on which state, for the step number
                exc.state = exc.state or s
                raise
        return found

    return checked
