"""A ring relay with acknowledgements and retransmission: the benchmark workload.

Each token carries its hop count; a node forwards a token once per hop (a
retransmitted copy is acked but not forwarded again), so tokens never multiply.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import CANCEL_TIMER, NO_EFFECTS, REPLY, SEND, SET_TIMER, Context, Effect, Message
from .spec import REQUIRED, Param


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

    # Effects are tuple literals (what send(), reply() ... return) and a new state is built key by key,
    # sharing every value that did not change: the benchmark workload spends a large share of its time here.

    def on_start(self, state: State, ctx: Context) -> Result:
        effects: list[Effect] = []
        unacked = dict(state["unacked"])
        for i in range(ctx.params["tokens"]):
            token = f"{ctx.self_id}.{i}"
            unacked[token] = 0
            effects += [(SEND, ctx.params["next"], "token", [token, 0]), (SET_TIMER, token, ctx.params["timeout"])]
        return {**state, "unacked": unacked}, effects

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        _, _, _, mtype, payload = msg
        token, hop = payload
        if mtype == "ack":
            unacked = state["unacked"]
            if unacked.get(token) != hop:
                return state, NO_EFFECTS
            unacked = unacked.copy()
            del unacked[token]
            return ({"unacked": unacked, "last_hop": state["last_hop"], "forwarded": state["forwarded"]},
                    [(CANCEL_TIMER, token)])
        ack = (REPLY, "ack", payload)
        last_hop = state["last_hop"]
        if hop <= last_hop.get(token, -1):
            return state, [ack]
        unacked, last_hop = state["unacked"].copy(), last_hop.copy()
        unacked[token] = hop + 1
        last_hop[token] = hop
        params = ctx.params
        return ({"unacked": unacked, "last_hop": last_hop, "forwarded": state["forwarded"] + 1},
                [ack, (SEND, params["next"], "token", [token, hop + 1]), (SET_TIMER, token, params["timeout"])])

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        hop = state["unacked"].get(name)
        if hop is None:
            return state, NO_EFFECTS
        params = ctx.params
        return state, [(SEND, params["next"], "token", [name, hop]), (SET_TIMER, name, params["timeout"])]
