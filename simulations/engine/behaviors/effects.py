"""The records a behavior hands back instead of acting: the engine (or the explorer) applies them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Message(NamedTuple):
    """A message as a handler sees it; `id` is unique within one run."""

    id: int
    sender: str
    to: str
    type: str
    payload: Any


class Send(NamedTuple):
    to: str
    type: str
    payload: Any = None


class Reply(NamedTuple):
    """A Send back to the sender of the message being handled."""

    type: str
    payload: Any = None


class SetTimer(NamedTuple):
    """(Re)arm the named timer `after` time units from now; arming an armed timer replaces it."""

    name: str
    after: float


class CancelTimer(NamedTuple):
    name: str


class Log(NamedTuple):
    text: str


class Observe(NamedTuple):
    """One finished request seen by a client: the input of the SLIs of `server`'s holons."""

    server: str
    ok: bool
    latency: float


Effect = Send | Reply | SetTimer | CancelTimer | Log | Observe
NO_EFFECTS: tuple[Effect, ...] = ()
"""What a handler may return for "no effects": one shared empty sequence (effects are only iterated)."""


class Context:
    """What a handler may know besides its state: its id, its params, the time and a random source.

    The engine owns one Context per component and updates `now` before each
    call; the explorer can pass one whose `random` returns a fixed value.
    """

    __slots__ = ("self_id", "params", "now", "random")

    def __init__(self, self_id: str, params: dict[str, Any], random: Callable[[], float], now: float = 0.0):
        self.self_id = self_id
        self.params = params
        self.random = random
        self.now = now
