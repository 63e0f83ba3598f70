"""User-defined behaviors: a declarative state machine interpreted over compiled safe expressions.

The first handler (in document order) whose event matches and whose guard
holds runs its actions in order; each action sees the variables as updated
by the actions before it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..expr import Expr, ExprError, compile_expr, environment, names_for
from .base import Behavior, Result, State
from .effects import PAYLOAD, SENDER, TYPE, Context, Effect, Message, cancel_timer, log, observe, reply, send, set_timer

if TYPE_CHECKING:  # modelcode imports behaviors to validate names: no runtime import back
    from ..modelcode.model import BehaviorDef, Handler

RESERVED = ("msg", "self", "params", "now")


def handler_names(variables: dict[str, Any]) -> frozenset[str]:
    """Names a handler expression may use."""
    return names_for(variables, RESERVED)


def _compiled(value: Any, names: frozenset[str]) -> Any:
    """Strings are expressions; other values (numbers, lists) are literals."""
    return compile_expr(value, names) if isinstance(value, str) else value


def _value(v: Any, env: dict[str, Any]) -> Any:
    return v.evaluate(env) if isinstance(v, Expr) else v


class _Step:
    """One compiled action; `run` returns the (possibly new) state and appends effects."""

    __slots__ = ("kind", "args")

    def __init__(self, kind: str, spec: Any, names: frozenset[str]):
        self.kind = kind
        self.args: Any  # its shape depends on the kind
        if kind == "assign":
            self.args = {var: _compiled(e, names) for var, e in spec.items()}
        elif kind in ("send", "reply"):
            self.args = {**spec, "to": _compiled(spec.get("to"), names),
                         "payload": {k: _compiled(v, names) for k, v in spec.get("payload", {}).items()}}
        elif kind == "set_timer":
            self.args = {"name": spec["name"], "after": _compiled(spec["after"], names)}
        elif kind == "log":
            self.args = compile_expr(spec, names)
        elif kind == "observe":
            self.args = {k: _compiled(spec.get(k, True), names) for k in ("server", "ok", "latency")}
        else:
            self.args = spec

    def run(self, state: State, env: dict[str, Any], effects: list[Effect]) -> State:
        kind, a = self.kind, self.args
        if kind == "assign":
            values = {var: _value(e, env) for var, e in a.items()}
            env.update(values)
            return {**state, **values}
        if kind in ("send", "reply"):
            payload = {k: _value(v, env) for k, v in a["payload"].items()}
            effects.append(send(_value(a["to"], env), a["type"], payload) if kind == "send"
                           else reply(a["type"], payload))
        elif kind == "set_timer":
            effects.append(set_timer(a["name"], _value(a["after"], env)))
        elif kind == "cancel_timer":
            effects.append(cancel_timer(a))
        elif kind == "observe":
            effects.append(_observation(*(_value(a[k], env) for k in ("server", "ok", "latency"))))
        else:
            effects.append(log(str(a.evaluate(env))))
        return state


def _observation(server: Any, ok: Any, latency: Any) -> Effect:
    """A finished request for the SLIs: `server` a component id, `latency` a number >= 0, `ok` truthy or not."""
    if not isinstance(server, str):
        raise ExprError(f"observe: server must be a component id, got {server!r}")
    if isinstance(latency, bool) or not isinstance(latency, int | float) or not latency >= 0:
        raise ExprError(f"observe: latency must be a number >= 0, got {latency!r}")
    return observe(server, bool(ok), float(latency))


class _CompiledHandler:
    __slots__ = ("guard", "steps")

    def __init__(self, h: Handler, names: frozenset[str]):
        self.guard = compile_expr(h.guard, names) if h.guard else None
        self.steps = [_Step(a.kind, a.spec, names) for a in h.actions]


class Declarative(Behavior):
    """A BehaviorDef compiled once per model."""

    description = "User-defined declarative state machine."

    def __init__(self, defn: BehaviorDef):
        self.name = defn.name
        self.variables = defn.variables
        names = handler_names(defn.variables)
        self.handlers: dict[tuple[str, str | None], list[_CompiledHandler]] = {}
        for h in defn.handlers:
            self.handlers.setdefault((h.on, h.name), []).append(_CompiledHandler(h, names))

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return copy.deepcopy(self.variables)

    def _fire(self, key: tuple[str, str | None], state: State, msg: dict[str, Any] | None, ctx: Context) -> Result:
        effects: list[Effect] = []
        env = environment(state)
        env.update(msg=msg, self=ctx.self_id, params=ctx.params, now=ctx.now)
        for h in self.handlers.get(key, ()):
            if h.guard is None or h.guard.evaluate(env):
                for step in h.steps:
                    state = step.run(state, env, effects)
                break
        return state, effects

    def on_start(self, state: State, ctx: Context) -> Result:
        return self._fire(("start", None), state, None, ctx)

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        record = {"type": msg[TYPE], "payload": msg[PAYLOAD], "sender": msg[SENDER]}
        return self._fire(("message", msg[TYPE]), state, record, ctx)

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        return self._fire(("timer", name), state, None, ctx)
