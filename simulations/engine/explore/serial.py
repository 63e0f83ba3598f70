"""Serializability: is each reachable outcome of concurrent transactions the outcome of some serial order?

A step belongs to a transaction when that component takes it or the message
it moves was sent by or to that component. A serial order runs the steps of
one transaction until it has none left enabled before the next may move;
steps of other components (the shared store) run whenever they are enabled.
The outcomes of all serial orders form the reference set; every terminal
state of the full exploration whose outcome is outside it is a race.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from simulations.engine.semantics import freeze

from .search import Bounds, Search, breadth_first
from .spec import Serializability
from .system import Label, State, System


def _owner(system: System, label: Label, transactions: tuple[int, ...]) -> int | None:
    kind, index, _arg = label
    if kind == "timer":
        return index if index in transactions else None
    if kind in ("deliver", "drop", "duplicate"):
        link = system.spec.links[index]
        for end in (link.src, link.dst):
            if end in transactions:
                return end
    return None


def _serial_expand(system: System, order: tuple[int, ...]) -> Callable[[State], list[State]]:
    def expand(s: State) -> list[State]:
        steps = [(label, t, _owner(system, label, order)) for label, t in system.transitions(s)]
        busy = {owner for _label, _t, owner in steps if owner is not None}
        current = next((txn for txn in order if txn in busy), None)
        return [t for _label, t, owner in steps if owner is None or owner == current]

    return expand


def outcome_of(system: System, predicate: Callable[[dict[str, Any]], Any], state: State) -> Any:
    return predicate(system.environment(state))


def classify(system: System, rule: Serializability, search: Search,
             bounds: Bounds) -> tuple[list[dict[str, Any]], str | None]:
    """One entry per distinct terminal outcome: serializable or not, its serial orders, a shortest witness;
    and what bound cut a search of serial orders, if one did: an outcome no explored serial order gave
    is then unknown (`serializable` None), not a race."""
    ids = [c.id for c in system.spec.components]
    serial: dict[Any, list[list[str]]] = {}
    cut = None
    for order in itertools.permutations(rule.transactions):
        run = breadth_first(system, bounds, expand=_serial_expand(system, order))
        cut = cut or run.stopped_by
        for s in run.terminal:
            orders = serial.setdefault(freeze(outcome_of(system, rule.outcome, s)), [])
            named = [ids[i] for i in order]
            if named not in orders:
                orders.append(named)
    found: dict[Any, dict[str, Any]] = {}
    for s in search.terminal:
        value = outcome_of(system, rule.outcome, s)
        key = freeze(value)
        entry = found.get(key)
        if entry is None:
            orders = serial.get(key, [])
            entry = found[key] = {"outcome": value, "serializable": True if orders else None if cut else False,
                                  "serial_orders": orders, "terminal_states": 0, "witness": s}
        entry["terminal_states"] += 1
    return list(found.values()), cut
