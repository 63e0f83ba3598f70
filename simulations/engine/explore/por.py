"""Partial-order reduction for independent steps: explore one order of steps that cannot affect each other.

Components that share no link and no crash fault form separate clusters; a
step of one cluster touches no state another cluster's steps read or write,
so steps of different clusters commute. Where several clusters can move, a
state is expanded by the steps of one cluster only (an ample set) when the
standard conditions hold:

- C0: the ample set is empty only when nothing is enabled (it is a cluster's non-empty set of steps);
- C1: no step outside it depends on it before one of it is taken (all of one cluster's enabled
  steps are taken together, and other clusters' steps can neither enable nor disable them);
- C2: each of its steps is invisible: it changes no record (variables, up flag) of a component an
  invariant reads. This is judged on the components, not on the invariant's value in this state:
  `not (a.k == 0 and b.k == 1)` does not change when a moves while b.k is 0, but does once b moved.
  An invariant whose reads are not known (it iterates `components`, reads `now`) reads every component;
- C3: none of its steps leads to an already stored state. The search is breadth-first, so the last
  expanded state of any cycle of the reduced graph closes it onto a stored state and is fully expanded:
  no step is postponed forever.

Otherwise the state is fully expanded. The invariants' verdicts, the terminal states and so the
deadlocks are those of the full graph; counterexamples may be longer (see `explorer.py`).
Bounded drop/duplicate/crash budgets and partitions are shared by all clusters, so they switch it off.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from .search import Expand
from .system import Label, State, System


def clusters(system: System) -> list[int]:
    """The cluster number of each component: linked components, or ones crashed together, share one."""
    owner = list(range(system.n))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    pairs = [(lk.src, lk.dst) for lk in system.spec.links]
    pairs += [(f.components[0], i) for f in system.spec.crashes for i in f.components]
    for a, b in pairs:
        owner[find(a)] = find(b)
    return [find(i) for i in range(system.n)]


def obstacle(system: System) -> str | None:
    """Why the reduction cannot apply to this model, or None when it can."""
    spec = system.spec
    if spec.partitions or any(x is not None for x in (spec.max_drops, spec.max_duplicates, spec.max_crashes)):
        return "partitions and bounded drop, duplicate or crash budgets are shared by all components"
    if len(set(clusters(system))) < 2:
        return "every component shares a link or a crash fault with another: no independent steps"
    return None


def watched(system: System) -> list[int]:
    """The components some invariant reads (all of them when one invariant's reads are unknown)."""
    index = system.index
    found: set[int] = set()
    for prop in system.spec.properties:
        if prop.kind != "always":
            continue  # liveness is judged on the unreduced graph
        if prop.reads is None:
            return list(range(system.n))
        found |= {index[c] for c in prop.reads if c in index}
    return sorted(found)


def reduced(system: System, seen: Container[State]) -> Expand:
    """An `expand` function for `breadth_first` that explores one cluster's steps where that is enough.

    Steps are taken on the concrete state (a symmetric system stores representatives): C2 compares a
    component's record before and after a step, which renaming would blur; successors are then stored
    as the system stores them.
    """
    cluster = clusters(system)
    links = system.spec.links
    crashes = system.spec.crashes
    slot_values = system.slots.values
    looks = {c: [i for i in watched(system) if cluster[i] == c] for c in set(cluster)}
    steps_of: Callable[[State], list[tuple[Label, State]]] = lambda s: System.transitions(system, s)  # noqa: E731
    stored: Callable[[State], State] = getattr(system, "canonical", lambda s: s)

    def owner(label: Label) -> int:
        kind, index, _arg = label
        if kind == "timer":
            return cluster[index]
        if kind in ("crash", "recover"):
            return cluster[crashes[index].components[0]]
        return cluster[links[index].dst]

    def invisible(c: int, s: State, t: State) -> bool:
        for i in looks[c]:
            if s[i] != t[i]:
                _i, before, _timers, up = slot_values[s[i]]
                _i, after, _timers, up_after = slot_values[t[i]]
                if before != after or up != up_after:
                    return False
        return True

    def expand(s: State) -> list[State]:
        steps = steps_of(s)
        groups: dict[int, list[State]] = {}
        for label, t in steps:
            groups.setdefault(owner(label), []).append(t)
        if len(groups) > 1:
            for c, ample in sorted(groups.items(), key=lambda item: len(item[1])):
                if all(invisible(c, s, t) for t in ample):
                    kept = [stored(t) for t in ample]
                    if not any(t in seen for t in kept):
                        return kept
        return [stored(t) for _label, t in steps]

    return expand
