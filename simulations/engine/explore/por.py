"""Partial-order reduction for independent steps: explore one order of steps that cannot affect each other.

Components that share no link and no crash fault form separate clusters; a
step of one cluster touches no state another cluster's steps read or write,
so the two commute. In a state where several clusters can move, it is
enough to expand one cluster's steps (an ample set) provided that:

- none of them changes the verdict of an invariant (they are invisible), and
- none leads to an already stored state: that way every cycle of the reduced
  graph has a fully expanded state, so no step is postponed forever.

Otherwise the state is fully expanded. Bounded drop/duplicate/crash budgets
and partitions are shared by all clusters, so they switch the reduction off.
Terminal states and invariant violations are the same as without it.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from .search import Check, Expand
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


def applicable(system: System) -> bool:
    spec = system.spec
    shared = spec.partitions or any(x is not None for x in (spec.max_drops, spec.max_duplicates, spec.max_crashes))
    return not shared and len(set(clusters(system))) > 1


def reduced(system: System, check: Check | None, seen: Container[State]) -> Expand:
    """An `expand` function for `breadth_first` that explores one cluster's steps where that is enough."""
    cluster = clusters(system)
    links = system.spec.links
    crashes = system.spec.crashes
    visible: Callable[[State], tuple[str, ...]] = check or (lambda s: ())

    def owner(label: Label) -> int:
        kind, index, _arg = label
        if kind == "timer":
            return cluster[index]
        if kind in ("crash", "recover"):
            return cluster[crashes[index].components[0]]
        return cluster[links[index].dst]

    def expand(s: State) -> list[State]:
        steps = system.transitions(s)
        groups: dict[int, list[State]] = {}
        for label, t in steps:
            groups.setdefault(owner(label), []).append(t)
        if len(groups) > 1:
            verdict = visible(s)
            for ample in sorted(groups.values(), key=len):
                if all(t not in seen and visible(t) == verdict for t in ample):
                    return ample
        return [t for _label, t in steps]

    return expand
