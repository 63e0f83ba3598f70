"""Counterexamples of a search that counted copies up to "many", replayed with every copy counted.

"many" (`system.MANY`) lets a message be received more often than it was sent, so a counterexample
found where "many" was reached may be a path of the counting only. Replaying its steps on the system
that counts every copy (`Spec.exact_copies`) tells: each step must be enabled there, and a lasso must
still be one (its loop returns to the state it left, taking every fair step enabled all along it, or its
dead end has no fair step left). Then it is a behavior of the model.
"""

from __future__ import annotations

from .system import FAIR, Label, State, System

Steps = list[tuple[Label | None, State]]
Loop = list[tuple[Label, State]]


def confirmed(system: System, exact: System, prefix: Steps, loop: Loop | None) -> bool:
    """Whether the counterexample `prefix` (with, for a lasso, its `loop`; None for an invariant's) of
    `system` is a behavior of `exact`."""
    states = _replay(system, exact, [*prefix, *(loop or [])])
    if states is None:
        return False
    if loop is None:
        return True
    if not loop:  # a dead end: no fair step may be left with every copy counted
        return not any(label[0] in FAIR for label, _t in exact.transitions(states[-1]))
    entry = len(prefix) - 1
    taken = {_translated(system, exact, label) for label, _t in loop}
    always = set.intersection(*({label for label, _t in exact.transitions(s) if label[0] in FAIR}
                                for s in states[entry:-1]))
    return states[-1] == states[entry] and always <= taken


def _replay(system: System, exact: System, steps: Steps) -> list[State] | None:
    """The states of `exact` along the steps' labels, or None where a step is not enabled there."""
    (s,) = exact.initial_states()
    out = [s]
    for label, _t in steps[1:]:
        assert label is not None
        want = _translated(system, exact, label)
        found = next((t for got, t in exact.transitions(s) if got == want), None)
        if found is None:
            return None
        out.append(s := found)
    return out


def _translated(system: System, exact: System, label: Label) -> Label:
    """The same step in `exact`: a message step names the message by its own interned id there."""
    kind, index, arg = label
    if kind in ("deliver", "drop", "duplicate"):
        return kind, index, exact.message_id(system.messages.values[arg])
    return label
