"""A load generator: numbered requests with a timeout and a bounded number of retries.

A retry resends the same request id, so the server can deduplicate if it is
idempotent; every finished request becomes an Observe effect for the SLIs.
"""

from __future__ import annotations

from typing import Any

from .base import Behavior, Result, State
from .effects import PAYLOAD, TYPE, Context, Message, cancel_timer, observe, send, set_timer
from .spec import REQUIRED, Param


class Client(Behavior):
    name = "client"
    description = "Sends `count` requests to `server` every `interval`, retrying `retries` times after `timeout`."
    params = (
        Param("server", "component", REQUIRED, "component that answers the requests"),
        Param("count", "integer", 10, "number of requests to issue"),
        Param("interval", "number", 5, "time between two new requests"),
        Param("timeout", "number", 20, "time to wait for a response before retrying"),
        Param("retries", "integer", 2, "resends after the first attempt before giving up"),
        Param("keys", "integer", 4, "requests write keys k0..k{keys-1} in turn"),
    )

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"next": 0, "pending": {}, "done": 0, "failed": 0}

    def on_start(self, state: State, ctx: Context) -> Result:
        # After a crash with durable state the timers are gone: re-arm them.
        effects = [set_timer("retry:" + rid, ctx.params["timeout"]) for rid in state["pending"]]
        if state["next"] < ctx.params["count"]:
            effects.append(set_timer("issue", 0))
        return state, effects

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        p = ctx.params
        if name == "issue":
            n = state["next"]
            rid = f"{ctx.self_id}-{n}"
            request = {"id": rid, "key": f"k{n % max(p['keys'], 1)}", "value": n}
            pending = {**state["pending"], rid: {"attempt": 0, "start": ctx.now, "request": request}}
            effects = [send(p["server"], "request", request), set_timer("retry:" + rid, p["timeout"])]
            if n + 1 < p["count"]:
                effects.append(set_timer("issue", p["interval"]))
            return {**state, "next": n + 1, "pending": pending}, effects
        rid = name.removeprefix("retry:")
        entry = state["pending"].get(rid)
        if entry is None:
            return state, []
        if entry["attempt"] < p["retries"]:
            pending = {**state["pending"], rid: {**entry, "attempt": entry["attempt"] + 1}}
            return {**state, "pending": pending}, [send(p["server"], "request", entry["request"]),
                                                  set_timer(name, p["timeout"])]
        pending = {k: v for k, v in state["pending"].items() if k != rid}
        return ({**state, "pending": pending, "failed": state["failed"] + 1},
                [observe(p["server"], False, ctx.now - entry["start"])])

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        rid = msg[PAYLOAD].get("id") if isinstance(msg[PAYLOAD], dict) else None
        entry = state["pending"].get(rid)
        if msg[TYPE] != "response" or entry is None or rid is None:
            return state, []
        ok = msg[PAYLOAD].get("ok", True) is not False
        pending = {k: v for k, v in state["pending"].items() if k != rid}
        return ({**state, "pending": pending, "done": state["done"] + 1},
                [cancel_timer("retry:" + rid), observe(ctx.params["server"], ok, ctx.now - entry["start"])])
