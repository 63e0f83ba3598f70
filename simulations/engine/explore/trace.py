"""Counterexamples as traces the simulation viewer reads: steps with actor, action and the state after."""

from __future__ import annotations

from typing import Any

from .system import Label, State, System


def step_json(system: System, index: int, label: Label | None, state: State) -> dict[str, Any]:
    if label is None:
        actor, action, message = "environment", "initial state", None
    else:
        actor, action = system.describe(label)
        message = system.message_json(label[2]) if label[0] in ("deliver", "drop", "duplicate") else None
    step: dict[str, Any] = {"step": index, "actor": actor, "action": action, "state": system.snapshot(state)}
    if message is not None:
        step["message"] = message
    return step


def trace_json(
    system: System, steps: list[tuple[Label | None, State]], loop: list[tuple[Label, State]] | None = None
) -> dict[str, Any]:
    """A lasso's `loop_start` is the step its loop returns to (a dead end stutters there); None if finite."""
    every = [*steps, *(loop or ())]
    return {
        "steps": [step_json(system, k, label, state) for k, (label, state) in enumerate(every)],
        "length": len(every) - 1,
        "loop_start": None if loop is None else len(steps) - 1,
    }
