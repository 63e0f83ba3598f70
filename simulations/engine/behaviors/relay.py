"""A ring relay with acknowledgements and retransmission: the benchmark workload.

Each token carries its hop count; a node forwards a token once per hop (a
retransmitted copy is acked but not forwarded again), so tokens never multiply.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import NO_EFFECTS, CancelTimer, Context, Message, Reply, Send, SetTimer
from .spec import REQUIRED, Param

_new = tuple.__new__
_CACHE_LIMIT = 4096
_cancels: dict[str, CancelTimer] = {}  # effects are immutable: one object per token (and timeout) serves
_timers: dict[tuple[str, Any], SetTimer] = {}  # every run (cleared past _CACHE_LIMIT entries)


def _cancel(token: str) -> CancelTimer:
    effect = _cancels.get(token)
    if effect is None:
        if len(_cancels) >= _CACHE_LIMIT:
            _cancels.clear()
        effect = _cancels[token] = _new(CancelTimer, (token,))
    return effect


def _timer(token: str, after: Any) -> SetTimer:
    key = (token, after)
    effect = _timers.get(key)
    if effect is None:
        if len(_timers) >= _CACHE_LIMIT:
            _timers.clear()
        effect = _timers[key] = _new(SetTimer, key)
    return effect


class Relay(Behavior):
    name = "relay"
    description = "Forwards tokens to `next`, retransmitting every `timeout` until acked; starts `tokens` tokens."
    params = (
        Param("next", "component", REQUIRED, "the next node of the ring"),
        Param("tokens", "integer", 0, "tokens this node injects at start"),
        Param("timeout", "number", 10, "retransmission timeout"),
    )

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"unacked": {}, "last_hop": {}, "forwarded": 0}

    # Effects are built with tuple.__new__: the same NamedTuples, without the Python-level constructor
    # (the benchmark workload spends a large share of its time here). A new state is built key by key,
    # sharing every value that did not change.

    def on_start(self, state: State, ctx: Context) -> Result:
        effects: list = []
        unacked = dict(state["unacked"])
        for i in range(ctx.params["tokens"]):
            token = f"{ctx.self_id}.{i}"
            unacked[token] = 0
            effects += [Send(ctx.params["next"], "token", [token, 0]), SetTimer(token, ctx.params["timeout"])]
        return {**state, "unacked": unacked}, effects

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        payload = msg.payload
        token, hop = payload
        if msg.type == "ack":
            unacked = state["unacked"]
            if unacked.get(token) != hop:
                return state, NO_EFFECTS
            unacked = unacked.copy()
            del unacked[token]
            return ({"unacked": unacked, "last_hop": state["last_hop"], "forwarded": state["forwarded"]},
                    [_cancels.get(token) or _cancel(token)])
        ack = _new(Reply, ("ack", payload))
        last_hop = state["last_hop"]
        if hop <= last_hop.get(token, -1):
            return state, [ack]
        unacked, last_hop = state["unacked"].copy(), last_hop.copy()
        unacked[token] = hop + 1
        last_hop[token] = hop
        params = ctx.params
        return ({"unacked": unacked, "last_hop": last_hop, "forwarded": state["forwarded"] + 1},
                [ack, _new(Send, (params["next"], "token", [token, hop + 1])),
                 _timers.get((token, params["timeout"])) or _timer(token, params["timeout"])])

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        hop = state["unacked"].get(name)
        if hop is None:
            return state, NO_EFFECTS
        params = ctx.params
        return state, [_new(Send, (params["next"], "token", [name, hop])), _timer(name, params["timeout"])]
