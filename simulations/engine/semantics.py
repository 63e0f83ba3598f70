"""What one step does to the system, written once: the simulator and the explorer are two drivers over it.

The simulator orders steps by virtual time and draws every choice from its
seed; the explorer tries every choice in every order. What a step does is the
same for both (the way Stateright's checkers drive one model), and it is
said here; `tests/explore/test_differential.py` holds both drivers to it on
random models, including the simulator's inlined hot path.

- **The initial state** is the state after every component's `on_start`:
  starts run before any other step (the simulator's first steps, all at
  time 0), and properties are first evaluated once all have run.
- **A component step** runs one handler; its effects apply in order
  (`outcome`): sends and replies go in flight on the link to their
  receiver (no link: lost), `set_timer` arms or re-arms a timer,
  `cancel_timer` disarms it; a timer that fires is disarmed before its
  handler runs (`armed_after`). `log` and `observe` do not change the state.
- **A crash** takes the fault's components down: their timers are lost and
  a volatile component's state too, at the crash (`while_down`): while down
  it holds its initial state. Recovery runs `on_start` on what it holds.
  Crashes nest: a component is down while any crash fault that hit it is
  down, so a fault may strike components already down (they stay down) and
  its recovery restarts only those no other fault still holds down. A
  holon's crash (or recovery) is one step for all its components.
- **A message** that reaches a down receiver, or a link an active partition
  cuts, is received and lost (`lost_on_arrival`).
- **Values** (local states, payloads) are equal when `freeze` says so: dict
  key order does not matter, a set stays a set, `1`, `1.0` and `True` are
  three values, and keys of mixed types have one canonical order; a persistent
  collection (`persistent.py`) is the dict or list it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .behaviors.effects import CANCEL_TIMER, LOG, OBSERVE, REPLY, SEND, SET_TIMER, Effect
from .persistent import PDict, PList

T = TypeVar("T")  # a local state, as a value (the simulator) or an interned id (the explorer)

Send = tuple[str | None, str, Any]
"""A message a step puts in flight: (receiver id, type, payload); the receiver is None for a reply to nobody."""


Outcome = tuple[list[Send], dict[str, float | None], list[tuple[Any, ...]], list[str]]
"""What a handler's effects do: sends in order, timer changes (name -> after, None: cancelled; the last
effect on a name wins), observations (server, ok, latency) and log lines."""


def outcome(effects: Iterable[Effect], reply_to: str | None) -> Outcome:
    """Read a handler's effects once, in order (the simulator's loop inlines the same, with times)."""
    sends: list[Send] = []
    timers: dict[str, float | None] = {}
    observations: list[tuple[Any, ...]] = []
    logs: list[str] = []
    for effect in effects:
        kind = effect[0]
        if kind == SEND:
            sends.append((effect[1], effect[2], effect[3]))
        elif kind == REPLY:
            sends.append((reply_to, effect[1], effect[2]))
        elif kind == SET_TIMER:
            timers[effect[1]] = effect[2]
        elif kind == CANCEL_TIMER:
            timers[effect[1]] = None
        elif kind == OBSERVE:
            observations.append(effect[1:])
        elif kind == LOG:
            logs.append(effect[1])
        else:
            raise TypeError(f"unknown effect {effect!r}")
    return sends, timers, observations, logs


def armed_after(armed: Iterable[str], timers: dict[str, float | None]) -> tuple[str, ...]:
    """The timers armed after a step: those armed before (less one firing) with the step's changes."""
    names = {name for name in armed if name not in timers}
    names.update(name for name, after in timers.items() if after is not None)
    return tuple(sorted(names))


def while_down(state: T, initial: T, durable: bool) -> T:
    """What a crashed component holds until it recovers: its state when durable, else its initial state."""
    return state if durable else initial


def lost_on_arrival(receiver_up: bool, cut: bool) -> str | None:
    """Why a message arriving now is lost ("crashed", "partition"), or None when it is received."""
    if not receiver_up:
        return "crashed"
    return "partition" if cut else None


# -- values ---------------------------------------------------------------------------------------------

def _items(value: Mapping[Any, Any]) -> tuple[Any, ...]:
    items = [(freeze(k), freeze(v)) for k, v in value.items()]
    try:
        items.sort()
    except TypeError:  # keys of mixed types: one canonical order all the same
        items.sort(key=repr)
    return tuple(items)


def freeze(value: Any) -> Any:
    """A hashable, canonical twin of a value: equal twins for equal values, distinct ones otherwise."""
    t = type(value)
    if t is str or t is int or value is None:
        return value
    if t is dict or t is PDict:
        return ("{}", *_items(value))
    if t is list or t is tuple or t is PList:
        return ("[]", *(freeze(v) for v in value))
    if t is set or t is frozenset:
        return ("set", *sorted((freeze(v) for v in value), key=repr))
    if t is bool:
        return ("bool", value)
    if t is float:
        return ("float", value)
    return value


def thaw(frozen: Any) -> Any:
    """The value `freeze` encoded (tuples come back as lists)."""
    if type(frozen) is not tuple:
        return frozen
    tag = frozen[0]
    if tag == "{}":
        return {thaw(k): thaw(v) for k, v in frozen[1:]}
    if tag == "[]":
        return [thaw(v) for v in frozen[1:]]
    if tag == "set":
        return {thaw(v) for v in frozen[1:]}
    return frozen[1]
