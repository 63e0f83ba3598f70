"""Leader election with terms (Raft-like votes and heartbeats), optional leases, and a fenced resource.

A leader writes to `storage` tagged with its term. Without fencing a leader
cut off by a partition keeps writing after a newer leader was elected (split
brain); with fencing the storage rejects any term below the highest it saw.
A lease makes a leader step down when a majority stopped acknowledging it.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import PAYLOAD, SENDER, TYPE, Context, Effect, Message, cancel_timer, reply, send, set_timer
from .spec import REQUIRED, Param


def _election_timer(ctx: Context) -> Effect:
    p = ctx.params
    return set_timer("election", p["election_low"] + ctx.random() * (p["election_high"] - p["election_low"]))


def _follow(state: State, term: int) -> State:
    return {**state, "term": term, "role": "follower", "voted_for": None, "votes": []}


class Node(Behavior):
    name = "leader_election.node"
    description = "Elects a leader per term by majority vote; the leader heartbeats and writes to `storage`."
    params = (
        Param("peers", "components", REQUIRED, "the other nodes"),
        Param("storage", "component", "", "resource the leader writes to (empty: none)"),
        Param("election_low", "number", 10, "shortest election timeout"),
        Param("election_high", "number", 20, "longest election timeout"),
        Param("heartbeat", "number", 3, "time between heartbeats of a leader"),
        Param("lease", "number", 0, "a leader steps down without majority acks within this time (0: no lease)"),
        Param("write_interval", "number", 5, "time between two writes of a leader"),
    )

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"term": 0, "role": "follower", "voted_for": None, "votes": [], "leader": None, "acks": {}}

    def on_start(self, state: State, ctx: Context) -> Result:
        return _follow(state, state["term"]), [_election_timer(ctx)]

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        p = ctx.params
        if name == "election":
            if state["role"] == "leader":
                return state, []
            term = state["term"] + 1
            state = {**state, "term": term, "role": "candidate", "voted_for": ctx.self_id, "votes": [ctx.self_id]}
            effects = [send(peer, "request_vote", {"term": term}) for peer in p["peers"]]
            state, more = self._maybe_lead(state, ctx)
            return state, [*effects, *more, _election_timer(ctx)]
        if state["role"] != "leader":
            return state, []
        if name == "heartbeat":
            fresh = [q for q, at in state["acks"].items() if ctx.now - at <= p["lease"]]
            if p["lease"] > 0 and 2 * (len(fresh) + 1) <= len(p["peers"]) + 1:
                return _follow(state, state["term"]), [_election_timer(ctx)]
            beats = [send(peer, "heartbeat", {"term": state["term"]}) for peer in p["peers"]]
            return state, [*beats, set_timer("heartbeat", p["heartbeat"])]
        if name == "write" and p["storage"]:
            return state, [send(p["storage"], "write", {"term": state["term"], "leader": ctx.self_id}),
                           set_timer("write", p["write_interval"])]
        return state, []

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        term = msg[PAYLOAD].get("term", 0)
        if term <= state["term"]:
            return self._handle(state, msg, term, ctx)
        # A newer term exists: step down; a former leader must start its election clock again.
        was_leader = state["role"] == "leader"
        state, effects = self._handle(_follow(state, term), msg, term, ctx)
        return state, [*effects, _election_timer(ctx)] if was_leader else effects

    def _handle(self, state: State, msg: Message, term: int, ctx: Context) -> Result:
        if msg[TYPE] == "request_vote":
            grant = term == state["term"] and state["voted_for"] in (None, msg[SENDER])
            if grant:
                state = {**state, "voted_for": msg[SENDER]}
            effects = [reply("vote", {"term": state["term"], "granted": grant})]
            return state, [*effects, _election_timer(ctx)] if grant else effects
        if msg[TYPE] == "vote" and state["role"] == "candidate" and term == state["term"] and msg[PAYLOAD]["granted"]:
            if msg[SENDER] not in state["votes"]:
                state = {**state, "votes": [*state["votes"], msg[SENDER]]}
            return self._maybe_lead(state, ctx)
        if msg[TYPE] == "heartbeat":
            if term < state["term"]:
                return state, [reply("heartbeat_ack", {"term": state["term"]})]
            state = {**state, "role": "follower", "leader": msg[SENDER]}
            return state, [reply("heartbeat_ack", {"term": term}), _election_timer(ctx)]
        if msg[TYPE] == "heartbeat_ack" and state["role"] == "leader" and term == state["term"]:
            return {**state, "acks": {**state["acks"], msg[SENDER]: ctx.now}}, []
        return state, []

    @staticmethod
    def _maybe_lead(state: State, ctx: Context) -> Result:
        if 2 * len(state["votes"]) <= len(ctx.params["peers"]) + 1:
            return state, []
        acks = {q: ctx.now for q in state["votes"] if q != ctx.self_id}
        state = {**state, "role": "leader", "leader": ctx.self_id, "acks": acks}
        beats = [send(peer, "heartbeat", {"term": state["term"]}) for peer in ctx.params["peers"]]
        return state, [*beats, cancel_timer("election"), set_timer("heartbeat", ctx.params["heartbeat"]),
                       set_timer("write", 0)]


class Storage(Behavior):
    name = "leader_election.storage"
    description = "Accepts leader writes tagged with a term; with `fencing` it rejects terms below the highest seen."
    params = (Param("fencing", "boolean", True, "reject writes from older terms (fencing tokens)"),)

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"accepted": [], "highest": 0, "rejected": 0}

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        if msg[TYPE] != "write":
            return state, []
        term = msg[PAYLOAD]["term"]
        if ctx.params["fencing"] and term < state["highest"]:
            return {**state, "rejected": state["rejected"] + 1}, [reply("write_rejected", {"term": term})]
        state = {**state, "accepted": [*state["accepted"], term], "highest": max(term, state["highest"])}
        return state, [reply("write_ok", {"term": term})]
