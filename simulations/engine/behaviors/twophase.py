"""Two-phase commit: a coordinator collects votes and decides; participants vote and obey.

The coordinator keeps resending its decision until every participant acked,
so participants decide even after a coordinator crash, provided its state is
durable. A coordinator restarting before it decided presumes abort.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import PAYLOAD, SENDER, TYPE, Context, Message, cancel_timer, reply, send, set_timer
from .spec import REQUIRED, Param


class Coordinator(Behavior):
    name = "two_phase_commit.coordinator"
    description = "Sends `prepare`, commits if every participant votes yes within `timeout`, else aborts."
    params = (
        Param("participants", "components", REQUIRED, "the participants of the transaction"),
        Param("timeout", "number", 10, "time to wait for votes before aborting"),
        Param("resend", "number", 5, "time between resends of the decision to participants that did not ack"),
    )

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"phase": "init", "votes": {}, "decision": None, "acks": []}

    def on_start(self, state: State, ctx: Context) -> Result:
        if state["phase"] == "init":
            sends = [send(p, "prepare", {}) for p in ctx.params["participants"]]
            return {**state, "phase": "preparing"}, [*sends, set_timer("vote_timeout", ctx.params["timeout"])]
        if state["phase"] == "preparing":
            return self._decide(state, "abort", ctx)
        return state, [set_timer("resend", 0)]

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        if msg[TYPE] == "vote" and state["phase"] == "preparing":
            votes = {**state["votes"], msg[SENDER]: msg[PAYLOAD]["vote"]}
            state = {**state, "votes": votes}
            if "no" in votes.values():
                return self._decide(state, "abort", ctx)
            if len(votes) == len(ctx.params["participants"]):
                return self._decide(state, "commit", ctx)
        elif msg[TYPE] == "ack" and msg[SENDER] not in state["acks"]:
            return {**state, "acks": [*state["acks"], msg[SENDER]]}, []
        return state, []

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        if name == "vote_timeout" and state["phase"] == "preparing":
            return self._decide(state, "abort", ctx)
        if name == "resend" and state["phase"] == "decided":
            missing = [p for p in ctx.params["participants"] if p not in state["acks"]]
            sends = [send(p, "decision", {"decision": state["decision"]}) for p in missing]
            return state, [*sends, set_timer("resend", ctx.params["resend"])] if missing else sends
        return state, []

    @staticmethod
    def _decide(state: State, decision: str, ctx: Context) -> Result:
        state = {**state, "phase": "decided", "decision": decision}
        return state, [cancel_timer("vote_timeout"), set_timer("resend", 0)]


class Participant(Behavior):
    name = "two_phase_commit.participant"
    description = "Votes `vote` on `prepare` and records the coordinator's decision."
    params = (Param("vote", "string", "yes", "the vote this participant casts: yes or no"),)

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"voted": None, "decision": None}

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        if msg[TYPE] == "prepare":
            vote = state["voted"] or ctx.params["vote"]
            return {**state, "voted": vote}, [reply("vote", {"vote": vote})]
        if msg[TYPE] == "decision":
            return {**state, "decision": msg[PAYLOAD]["decision"]}, [reply("ack", {})]
        return state, []
