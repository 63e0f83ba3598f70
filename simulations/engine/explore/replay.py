"""A stored state of the behavior space as a trace: the path to it from an initial state, replayed.

The stored graph keeps each state's snapshot and breadth-first parent, not the
engine's interned states. Replaying the path's snapshots on a fresh `System`
of the same model recovers the states, and `trace_json` writes them in the
simulator's trace format, so the run viewer shows any explored state with
every component's local view (what it sent and received on the way there).
"""

from __future__ import annotations

from typing import Any

from .explorer import _system
from .graph import state_key
from .loading import load_spec, read_document
from .symmetry import sound
from .trace import trace_json


class NotReplayable(ValueError):
    """The path's states are not steps of this model (the graph was stored by another engine or document)."""


def trace_to(model: Any, snapshots: list[dict[str, Any]]) -> dict[str, Any]:
    """The trace (`steps`, `lines`, `length`) of the path whose global states are `snapshots`, first one initial."""
    if not snapshots:
        raise NotReplayable("an empty path has no state to show")
    spec, _bounds = load_spec(read_document(model))
    system = _system(sound(spec)[0])
    keys = [state_key(s) for s in snapshots]
    here = next((s for s in system.initial_states() if state_key(system.snapshot(s)) == keys[0]), None)
    if here is None:
        raise NotReplayable("the first state of the path is not an initial state of the model")
    path = [here]
    for step, key in enumerate(keys[1:], start=1):
        here = next((t for _label, t in system.transitions(here) if state_key(system.snapshot(t)) == key), None)
        if here is None:
            raise NotReplayable(f"no step of the model leads to the state of step {step} of the path")
        path.append(here)
    return trace_json(system, system.concrete_path(path))
