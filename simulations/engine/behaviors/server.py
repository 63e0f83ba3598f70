"""Request-response servers: a plain one that applies every request it receives, and an idempotent
consumer that applies each request id once and answers duplicates from its cache.

`applied` lists the request ids in the order their effect happened, so a
property can see a duplicate effect as a repeated id. `duplicates` counts the
effects whose id had been applied before, so `duplicates == 0` says what
`len(applied) == len(set(applied))` says, in constant time per step. `seen`
holds the string ids applied so far as a set (id -> true, JSON-like); other ids
(rare: numbers, null) are looked up in `applied`. All three grow with the run,
so they are persistent collections (`persistent.py`): an update costs
O(log n), not a copy of everything applied so far.
"""

from __future__ import annotations

from typing import Any

from ..persistent import PDict, appended, pdict, plist
from .base import Behavior, Result, State
from .effects import PAYLOAD, TYPE, Context, Message, reply
from .spec import Param


class Server(Behavior):
    name = "server"
    description = "Answers each `request` with a `response`; applies every copy it receives (not idempotent)."
    dedupe = False

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {"handled": 0, "applied": plist(()), "results": PDict(), "seen": PDict(), "duplicates": 0}

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        if msg[TYPE] != "request" or not isinstance(msg[PAYLOAD], dict):
            return state, []
        rid = msg[PAYLOAD].get(ctx.params.get("key", "id"))
        if self.dedupe and rid in state["results"]:
            return state, [reply("response", {"id": msg[PAYLOAD].get("id"), "result": state["results"][rid]})]
        handled = state["handled"] + 1
        results = pdict(state["results"]).set(rid, handled) if self.dedupe else state["results"]
        seen, duplicates = state["seen"], state["duplicates"]
        if rid in seen if isinstance(rid, str) else rid in state["applied"]:
            duplicates += 1
        elif isinstance(rid, str):
            seen = pdict(seen).set(rid, True)
        new = {"handled": handled, "applied": appended(plist(state["applied"]), rid), "results": results, "seen": seen,
               "duplicates": duplicates}
        return new, [reply("response", {"id": msg[PAYLOAD].get("id"), "result": handled})]


class IdempotentConsumer(Server):
    name = "idempotent_consumer"
    description = "Applies each request once per deduplication key and answers retries from its cache."
    dedupe = True
    params = (Param("key", "string", "id", "payload field used as the idempotency key"),)
