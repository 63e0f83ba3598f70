"""Counterexamples as traces in the simulator's v1 format (`holarchy-trace/v1`), so the viewer replays them.

A path of explored states becomes the JSON lines the simulator wrote before v2 (text, so they travel
inside an exploration's JSON summary; TraceReader reads both formats):
a header, then per step a delta (actor, kind, message) and a snapshot of the
global state. Time is abstracted in exploration, so the step number stands
for time. Messages and timers get ids and arming steps by following each
link queue and timer set from one state to the next.
"""

from __future__ import annotations

from typing import Any

from simulations.engine.trace import VIEW_HISTORY
from simulations.engine.tracecodec import JSON_LINES, V1

from .system import Label, State, System

KINDS = {"deliver": "receive", "drop": "drop", "duplicate": "duplicate", "timer": "timer", "crash": "crash",
         "recover": "recover", "partition": "partition", "heal": "heal"}


class _Replay:
    """Follows a path, numbering messages in flight and remembering when timers were armed."""

    def __init__(self, system: System) -> None:
        self.system = system
        self.ids = [c.id for c in system.spec.components]
        self.flight: list[list[tuple[int, int]]] = [[] for _ in range(system.m)]  # per link: (message no, mid)
        self.sent_at: dict[int, int] = {}
        self.armed: dict[str, dict[str, int]] = {cid: {} for cid in self.ids}
        self.views: dict[str, dict[str, list[Any]]] = {cid: {"sent": [], "received": []} for cid in self.ids}
        self.next_id = 1

    def advance(self, step: int, label: Label | None, state: State) -> tuple[dict[str, Any], str, str]:
        """Move to `state` reached by `label`: the delta line of this step, its actor and its action."""
        system = self.system
        queues = system.nets.values[state[system.net_at]]
        removed: list[tuple[int, int]] = []
        sent: list[list[Any]] = []
        for j, qid in enumerate(queues):
            before = list(self.flight[j])
            now: list[tuple[int, int]] = []
            for mid in system.queues.values[qid]:
                match = next((k for k, (_no, m) in enumerate(before) if m == mid), None)
                if match is None:
                    no, self.next_id = self.next_id, self.next_id + 1
                    self.sent_at[no] = step
                    sent.append([no, *self._message(mid, step)])
                    now.append((no, mid))
                else:
                    now.append(before.pop(match))
            removed += before
            self.flight[j] = now
        delta: dict[str, Any] = {"s": step, "t": step}
        if label is None:
            actor, action = "environment", "initial state"
            delta.update(a=actor, k="start")
        else:
            kind, index, arg = label
            actor, action = system.describe(label)
            delta.update(a=actor, k=KINDS[kind])
            if kind in ("deliver", "drop", "duplicate"):
                found = next((n for n, m in removed if m == arg), None)
                # A duplicate leaves the original in flight.
                no = found if found is not None else next(n for n, m in self.flight[index] if m == arg)
                delta["m"] = no
                if kind != "drop":
                    self._remember(actor, "received", [no, *self._message(arg, self.sent_at[no])])
        if sent:
            delta["snd"] = sent
            for entry in sent:
                self._remember(entry[1], "sent", entry)
        for i, cid in enumerate(self.ids):
            _i, _lid, timers, _up = system.slots.values[state[i]]
            self.armed[cid] = {name: self.armed[cid].get(name, step) for name in timers}
        return delta, actor, action

    def _message(self, mid: int, at: int) -> list[Any]:
        msg = self.system.message_json(mid)
        return [msg["from"], msg["to"], msg["type"], msg["payload"], at]

    def _remember(self, cid: str, box: str, entry: list[Any]) -> None:
        if cid in self.views:  # the environment has no local view
            self.views[cid][box] = [*self.views[cid][box], entry][-VIEW_HISTORY:]

    def global_state(self, step: int, state: State) -> dict[str, Any]:
        """The simulator's global-state shape: components (up, state, timers) and in-flight messages."""
        system = self.system
        components = {}
        for i, cid in enumerate(self.ids):
            _i, lid, _timers, up = system.slots.values[state[i]]
            components[cid] = {"up": up, "state": system.local_values[lid], "timers": dict(self.armed[cid])}
        inflight = {str(no): self._message(mid, self.sent_at[no]) for link in self.flight for no, mid in link}
        return {"time": step, "components": components, "inflight": inflight}


def trace_json(
    system: System, steps: list[tuple[Label | None, State]], loop: list[tuple[Label, State]] | None = None
) -> dict[str, Any]:
    """`steps` for quick reading and `lines` in the simulator's trace format.

    A lasso's `loop_start` is the step its loop returns to (a dead end stutters there); None if finite.
    """
    replay = _Replay(system)
    every = [*steps, *(loop or ())]
    header = {"format": V1, "model": system.spec.name, "explored": True, "seed": None, "scenario": None,
              "until": None, "snapshot_every": 1, "view_history": VIEW_HISTORY, "components": replay.ids}
    lines = [JSON_LINES.encode(header)]
    readable = []
    for step, (label, state) in enumerate(every):
        delta, actor, action = replay.advance(step, label, state)
        g = replay.global_state(step, state)
        if step:
            lines.append(JSON_LINES.encode(delta))
        lines.append(JSON_LINES.encode({"g": g, "snap": step, "v": replay.views}))
        readable.append({"step": step, "actor": actor, "action": action, "state": g})
    return {"steps": readable, "lines": lines, "length": len(every) - 1,
            "loop_start": None if loop is None else len(steps) - 1}
