"""A primary-backup key-value store: the primary answers a write only after every backup acknowledged it.

The safety property this enables: every version the primary reports as
committed is held (at that version or newer) by every backup.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import PAYLOAD, SENDER, TYPE, Context, Effect, Message, reply, send
from .spec import Param


class Primary(Behavior):
    name = "kv.primary"
    description = "Applies `request` writes, replicates them to `backups`, answers once all backups acked."
    params = (Param("backups", "components", [], "components that hold copies"),)

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"version": 0, "data": {}, "committed": {}, "pending": {}}

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        backups = ctx.params["backups"]
        if msg[TYPE] == "request":
            req = msg[PAYLOAD]
            entry = state["pending"].get(req["id"])
            if entry is not None:
                # A client retry: the replicate or its ack may have been lost, so send it again.
                return state, [send(b, "replicate", {"req": req["id"], "key": entry["key"], "version": entry["version"],
                                                     "value": req["value"]}) for b in backups if b not in entry["acks"]]
            version = state["version"] + 1
            state = {**state, "version": version, "data": {**state["data"], req["key"]: [version, req["value"]]}}
            entry = {"key": req["key"], "version": version, "client": msg[SENDER], "acks": []}
            state = {**state, "pending": {**state["pending"], req["id"]: entry}}
            effects = [send(b, "replicate", {"req": req["id"], "key": req["key"], "version": version,
                                             "value": req["value"]}) for b in backups]
            return self._maybe_commit(state, req["id"], backups, effects)
        if msg[TYPE] == "ack":
            entry = state["pending"].get(msg[PAYLOAD]["req"])
            if entry is None or msg[SENDER] in entry["acks"]:
                return state, []
            entry = {**entry, "acks": [*entry["acks"], msg[SENDER]]}
            state = {**state, "pending": {**state["pending"], msg[PAYLOAD]["req"]: entry}}
            return self._maybe_commit(state, msg[PAYLOAD]["req"], backups, [])
        return state, []

    @staticmethod
    def _maybe_commit(state: State, rid: str, backups: list[str], effects: list[Effect]) -> Result:
        entry = state["pending"][rid]
        if len(entry["acks"]) < len(backups):
            return state, effects
        committed = {**state["committed"], entry["key"]: max(entry["version"], state["committed"].get(entry["key"], 0))}
        pending = {k: v for k, v in state["pending"].items() if k != rid}
        effects = [*effects, send(entry["client"], "response", {"id": rid, "version": entry["version"]})]
        return {**state, "committed": committed, "pending": pending}, effects


class Backup(Behavior):
    name = "kv.backup"
    description = "Keeps the newest version of each key it is sent and acknowledges every `replicate`."

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"data": {}}

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        if msg[TYPE] != "replicate":
            return state, []
        p = msg[PAYLOAD]
        if p["version"] > state["data"].get(p["key"], [0])[0]:
            state = {"data": {**state["data"], p["key"]: [p["version"], p["value"]]}}
        return state, [reply("ack", {"req": p["req"]})]
