"""The message a behavior handles and the effects it hands back instead of acting: plain tuples.

A run makes a message for every send and an effect or two for most steps, so
both are plain tuples read by position: a tuple is the cheapest object CPython
builds and frees, where a NamedTuple costs more than the rest of a message's
handling (measured: the engine's benchmark runs about 16% fewer instructions
per step with plain tuples).

    message  (id, sender, to, type, payload)   read as msg[SENDER], msg[TYPE], ...
    effect   (kind, ...)                       made by send(), reply(), ... below

The engine (or the explorer) applies effects, dispatching on their kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

Message = tuple[int, str, str | None, str, Any]
"""(id, sender, to, type, payload); `id` is unique within one run; `to` is None for a reply with no one to reply to."""
Delivered = tuple[int, str, str, str, Any]
"""A message on a link or handed to its receiver: it has one."""
ID: Final = 0
SENDER: Final = 1
TO: Final = 2
TYPE: Final = 3
PAYLOAD: Final = 4

Effect = tuple[Any, ...]
SEND, REPLY, SET_TIMER, CANCEL_TIMER, LOG, OBSERVE = range(6)
NO_EFFECTS: tuple[Effect, ...] = ()
"""What a handler may return for "no effects": one shared empty sequence (effects are only iterated)."""


def send(to: str, type: str, payload: Any = None) -> Effect:
    """A message to another component over a link."""
    return (SEND, to, type, payload)


def reply(type: str, payload: Any = None) -> Effect:
    """A message back to the sender of the message being handled."""
    return (REPLY, type, payload)


def set_timer(name: str, after: float) -> Effect:
    """(Re)arm the named timer `after` time units from now; arming an armed timer replaces it."""
    return (SET_TIMER, name, after)


def cancel_timer(name: str) -> Effect:
    return (CANCEL_TIMER, name)


def log(text: str) -> Effect:
    """A line for the trace."""
    return (LOG, text)


def observe(server: str, ok: bool, latency: float) -> Effect:
    """One finished request seen by a client: the input of the SLIs of `server`'s holons."""
    return (OBSERVE, server, ok, latency)


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
