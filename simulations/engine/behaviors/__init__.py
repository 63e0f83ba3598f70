"""Component behaviors: pure transition functions shared by the simulator and the explorer.

Interface (every built-in class and every compiled declarative behavior):

    init(params, self_id) -> state
        The initial local state: a plain JSON-like dict (str keys; str, int,
        float, bool, None, list, dict values). Also the state a volatile
        component restarts from after a crash.
    on_start(state, ctx) -> (new_state, effects)
        Called once when the run starts and again after every recovery.
    on_message(state, msg, ctx) -> (new_state, effects)
        `msg` is a tuple (id, sender, to, type, payload): read msg[TYPE] etc.
    on_timer(state, name, ctx) -> (new_state, effects)
        Called when the timer `name` set by this component fires.

Handlers never mutate `state` (they return a new dict, or the same object
when nothing changed) and never read time or randomness except through
`ctx` (a `Context` with `self_id`, resolved `params`, `now` and `random()`,
a float in [0, 1)). An explorer may pass a ctx with a fixed `now` and a
`random` that returns a chosen value. Effects are tuples tagged by their kind
(see `effects`):

    send(to, type, payload)    a message to another component over a link
    reply(type, payload)       a send to the sender of the message being handled
    set_timer(name, after)     (re)arm a timer; one pending timer per name
    cancel_timer(name)
    log(text)                  a line for the trace
    observe(server, ok, latency)  a finished request, feeding the SLIs of
                                  every holon that contains `server`

Use `resolve_behavior(model, name)` to get the behavior object of a
component and `spec.resolve(behavior.params, component.params)` for its params.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import catalog
from .base import Behavior
from .client import Client
from .declarative import Declarative
from .effects import Context, Effect, Message
from .election import Node, Storage
from .kv import Backup, Primary
from .relay import Relay
from .server import IdempotentConsumer, Server
from .twophase import Coordinator, Participant

if TYPE_CHECKING:  # modelcode imports this package to validate behavior names: no runtime import back
    from ..modelcode.model import Model

BUILTIN_BEHAVIORS: dict[str, Behavior] = {
    b.name: b
    for b in (Client(), Server(), IdempotentConsumer(), Primary(), Backup(), Node(), Storage(), Coordinator(),
              Participant(), Relay())
}


def builtin_catalog(declared: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The parameter catalog (``catalog``) of every built-in behavior, sorted by name, then of a model's
    ``declared`` (declarative) behaviors."""
    return catalog.catalog(BUILTIN_BEHAVIORS, declared or {})


def resolve_behavior(model: Model, name: str) -> Behavior:
    """The behavior object for `name`: a built-in, or the model's declarative definition compiled."""
    if name in BUILTIN_BEHAVIORS:
        return BUILTIN_BEHAVIORS[name]
    defn = model.behavior_def(name)
    if defn is None:
        raise KeyError(f"unknown behavior {name!r}")
    return Declarative(defn)


__all__ = ["BUILTIN_BEHAVIORS", "Behavior", "Context", "Declarative", "Effect", "Message", "builtin_catalog",
           "resolve_behavior"]
