"""The transition relation of a model: which steps are enabled in a global state, and where they lead.

A global state is a flat tuple of ints (see `encoding.py`):

    [component slots | link queues | crash faults | partitions | drops left, duplicates left]

A component slot names (component, local state, armed timers, up); a link queue names a
tuple of message ids, in send order on FIFO links and sorted on reordering
links. Behaviors are pure, so the effect of one event on one slot is
computed once and cached: most steps cost a few dict look-ups and one tuple.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from simulations.engine.behaviors.effects import CancelTimer, Message, Reply, Send, SetTimer

from .encoding import Interner, freeze, thaw
from .spec import Outcome, Spec

State = tuple[int, ...]
Label = tuple[str, int, Any]
EMPTY = 0  # the id of the empty queue

FAIR = frozenset({"timer", "deliver", "recover", "heal"})
"""Steps that weak fairness forces to happen; faults are never forced."""


class System:
    """Enumerates initial states and labelled successors of a `Spec`."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.n = len(spec.components)
        self.m = len(spec.links)
        self.faults_at = self.n + self.m
        self.partitions_at = self.faults_at + len(spec.crashes)
        self.budget_at = self.partitions_at + len(spec.partitions)
        self.index = {c.id: i for i, c in enumerate(spec.components)}
        self.link_of = {(lk.src, lk.dst): j for j, lk in enumerate(spec.links)}
        self.locals: Interner[Any] = Interner()
        self.local_values: list[dict[str, Any]] = []
        self.slots: Interner[tuple[int, int, tuple[str, ...], bool]] = Interner()
        self.messages: Interner[tuple[int, int, str, Any]] = Interner()
        self.message_values: list[Message] = []
        self.queues: Interner[tuple[int, ...]] = Interner()
        self.queues(())
        self._step_cache: dict[tuple[int, Any], tuple[int, tuple[tuple[int, int], ...]]] = {}
        self._push_cache: dict[tuple[int, int, bool], int] = {}
        self._pop_cache: dict[tuple[int, int], int] = {}
        self._heads: dict[tuple[int, bool], tuple[int, ...]] = {}
        self._records: dict[int, dict[str, Any]] = {}
        self._initial_locals = [self._local(c.program.init()) for c in spec.components]

    # -- interning ---------------------------------------------------------

    def _local(self, value: dict[str, Any]) -> int:
        lid = self.locals(freeze(value))
        if lid == len(self.local_values):
            self.local_values.append(copy.deepcopy(value))
        return lid

    def _message(self, src: int, dst: int, type_: str, payload: Any) -> int:
        mid = self.messages((src, dst, type_, freeze(payload)))
        if mid == len(self.message_values):
            spec = self.spec.components
            self.message_values.append(Message(0, spec[src].id, spec[dst].id, type_, copy.deepcopy(payload)))
        return mid

    def _push(self, qid: int, mid: int, fifo: bool) -> int:
        key = (qid, mid, fifo)
        found = self._push_cache.get(key)
        if found is None:
            q = self.queues.values[qid]
            if self.spec.merge_copies and mid in q:  # a copy of it is in flight already: one delivery stands for both
                self._push_cache[key] = qid
                return qid
            q += (mid,)
            found = self._push_cache[key] = self.queues(q if fifo else tuple(sorted(q)))
        return found

    def _pop(self, qid: int, mid: int) -> int:
        key = (qid, mid)
        found = self._pop_cache.get(key)
        if found is None:
            q = list(self.queues.values[qid])
            q.remove(mid)
            found = self._pop_cache[key] = self.queues(tuple(q))
        return found

    def _deliverable(self, qid: int, fifo: bool) -> tuple[int, ...]:
        key = (qid, fifo)
        found = self._heads.get(key)
        if found is None:
            q = self.queues.values[qid]
            found = self._heads[key] = q[:1] if fifo else tuple(dict.fromkeys(q))
        return found

    # -- component steps -----------------------------------------------------

    def _apply(self, i: int, outcome: Outcome, timers: tuple[str, ...], reply_to: int | None):
        """The slot and sends that follow from a handler's new state and effects."""
        state, effects = outcome
        armed = set(timers)
        sends: list[tuple[int, int]] = []
        for effect in effects:
            if isinstance(effect, Send | Reply):
                dst = self.index.get(effect.to) if isinstance(effect, Send) else reply_to
                j = self.link_of.get((i, dst)) if dst is not None else None
                if j is not None:  # no link, no tube: the message is lost
                    sends.append((j, self._message(i, dst, effect.type, effect.payload)))
            elif isinstance(effect, SetTimer):
                armed.add(effect.name)
            elif isinstance(effect, CancelTimer):
                armed.discard(effect.name)
        return self.slots((i, self._local(state), tuple(sorted(armed)), True)), tuple(sends)

    def _step(self, i: int, slot: int, event: Any):
        """Run component i's handler for `event` (a message id, a timer name or None for start), cached."""
        key = (slot, event)
        found = self._step_cache.get(key)
        if found is None:
            _i, lid, timers, _up = self.slots.values[slot]
            program = self.spec.components[i].program
            state = copy.deepcopy(self.local_values[lid])
            if event is None:
                found = self._apply(i, program.start(state), (), None)
            elif isinstance(event, int):
                msg = self.message_values[event]
                found = self._apply(i, program.message(state, msg), timers, self.index[msg.sender])
            else:
                found = self._apply(i, program.timer(state, event), tuple(t for t in timers if t != event), None)
            self._step_cache[key] = found
        return found

    # -- the relation --------------------------------------------------------

    def initial_states(self) -> list[State]:
        """Every component started (starting is local, so the order of starts does not matter)."""
        spec = self.spec
        state = [EMPTY] * self.budget_at + [spec.max_drops or 0, spec.max_duplicates or 0]
        for i in range(self.n):
            self._start(state, i, self.slots((i, self._initial_locals[i], (), True)))
        return [tuple(state)]

    def _start(self, state: list[int], i: int, slot: int) -> None:
        new_slot, sends = self._step(i, slot, None)
        state[i] = new_slot
        self._send(state, sends)

    def _send(self, state: list[int], sends: tuple[tuple[int, int], ...]) -> None:
        links = self.spec.links
        n = self.n
        for j, mid in sends:
            state[n + j] = self._push(state[n + j], mid, links[j].fifo)

    def _crashed(self, i: int, slot: int) -> int:
        _i, lid, _timers, _up = self.slots.values[slot]
        kept = lid if self.spec.components[i].durable else self._initial_locals[i]
        return self.slots((i, kept, (), False))

    def transitions(self, s: State) -> list[tuple[Label, State]]:
        """Every enabled step from `s` with the state it leads to."""
        out: list[tuple[Label, State]] = []
        n = self.n
        slot_values = self.slots.values
        for i in range(n):
            _i, _lid, timers, up = slot_values[s[i]]
            if up:
                for name in timers:
                    new_slot, sends = self._step(i, s[i], name)
                    st = list(s)
                    st[i] = new_slot
                    if sends:
                        self._send(st, sends)
                    out.append((("timer", i, name), tuple(st)))
        cut = self._cut(s) if self.spec.partitions else ()
        drops, dups = s[self.budget_at], s[self.budget_at + 1]
        can_drop = self.spec.max_drops is None or drops > 0
        can_dup = self.spec.max_duplicates is None or dups > 0
        for j, link in enumerate(self.spec.links):
            qid = s[n + j]
            if qid == EMPTY:
                continue
            dst = link.dst
            dst_up = slot_values[s[dst]][3] and j not in cut
            for mid in self._deliverable(qid, link.fifo):
                rest = self._pop(qid, mid)
                st = list(s)
                st[n + j] = rest
                if dst_up:
                    new_slot, sends = self._step(dst, s[dst], mid)
                    st[dst] = new_slot
                    if sends:
                        self._send(st, sends)
                out.append((("deliver", j, mid), tuple(st)))
                if link.lossy and can_drop:
                    st = list(s)
                    st[n + j] = rest
                    if self.spec.max_drops is not None:
                        st[self.budget_at] = drops - 1
                    out.append((("drop", j, mid), tuple(st)))
                if link.duplicating and can_dup and dst_up:
                    new_slot, sends = self._step(dst, s[dst], mid)
                    st = list(s)
                    st[dst] = new_slot
                    self._send(st, sends)
                    if self.spec.max_duplicates is not None:
                        st[self.budget_at + 1] = dups - 1
                    out.append((("duplicate", j, mid), tuple(st)))
        if self.spec.crashes:
            out.extend(self._crash_steps(s))
        if self.spec.partitions:
            out.extend(self._partition_steps(s))
        return out

    def label_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """Attach to each state of a path the step that led to it (None for the initial state)."""
        steps: list[tuple[Label | None, State]] = [(None, states[0])]
        for s, t in zip(states, states[1:], strict=False):
            steps.append((next(label for label, u in self.transitions(s) if u == t), t))
        return steps

    def concrete_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """A stored path as steps a user can follow (reductions override this to undo their merging)."""
        return self.label_path(states)

    def successors(self, s: State) -> list[State]:
        return [t for _label, t in self.transitions(s)]

    def _crash_steps(self, s: State) -> Iterator[tuple[Label, State]]:
        """A fault's state is 2 * crashes so far + (1 while its components are down)."""
        at = self.faults_at
        used = sum(s[at + f] >> 1 for f in range(len(self.spec.crashes)))
        budget_left = self.spec.max_crashes is None or used < self.spec.max_crashes
        for f, fault in enumerate(self.spec.crashes):
            code = s[at + f]
            down = code & 1
            if not down and budget_left and code >> 1 < fault.times:
                if all(self.slots.values[s[i]][3] for i in fault.components):
                    st = list(s)
                    for i in fault.components:
                        st[i] = self._crashed(i, s[i])
                    st[at + f] = code + 3
                    yield ("crash", f, None), tuple(st)
            elif down and fault.recovers:
                st = list(s)
                st[at + f] = code - 1
                for i in fault.components:
                    _i, lid, _timers, _up = self.slots.values[s[i]]
                    self._start(st, i, self.slots((i, lid, (), True)))
                yield ("recover", f, None), tuple(st)

    def _partition_steps(self, s: State) -> Iterator[tuple[Label, State]]:
        """A partition is 0 before it starts, 1 while active, 2 once healed."""
        for p, fault in enumerate(self.spec.partitions):
            code = s[self.partitions_at + p]
            if code == 0 or (code == 1 and fault.heals):
                st = list(s)
                st[self.partitions_at + p] = code + 1
                yield ("partition" if code == 0 else "heal", p, None), tuple(st)

    def _cut(self, s: State) -> frozenset[int]:
        cut: frozenset[int] = frozenset()
        for p, fault in enumerate(self.spec.partitions):
            if s[self.partitions_at + p] == 1:
                cut |= fault.cut
        return cut

    # -- reading states --------------------------------------------------------

    def record(self, slot: int, i: int) -> dict[str, Any]:
        """Component i's record as properties see it: id, behavior, up and its variables."""
        found = self._records.get(slot)
        if found is None:
            _i, lid, _timers, up = self.slots.values[slot]
            component = self.spec.components[i]
            found = {**self.local_values[lid], "id": component.id, "behavior": component.behavior, "up": up}
            self._records[slot] = found
        return found

    def environment(self, s: State) -> dict[str, Any]:
        """The names a property may use; time is abstracted away, so `now` is 0."""
        records = [self.record(s[i], i) for i in range(self.n)]
        return {"components": records, "component": {r["id"]: r for r in records}, "now": 0}

    def describe(self, label: Label) -> tuple[str, str]:
        """(actor, action) for a step, as the trace viewer and the graph show it."""
        kind, index, arg = label
        ids = [c.id for c in self.spec.components]
        if kind == "timer":
            return ids[index], f"timer {arg}"
        if kind in ("crash", "recover"):
            names = ", ".join(ids[i] for i in self.spec.crashes[index].components)
            return "environment", f"{kind} {names}"
        if kind in ("partition", "heal"):
            return "network", f"{kind} #{index + 1}"
        src, dst, type_, _payload = self.messages.values[arg]
        verb = {"deliver": "receive", "drop": "drop", "duplicate": "receive duplicate"}[kind]
        actor = ids[dst] if kind != "drop" else "network"
        return actor, f"{verb} {type_} from {ids[src]}" + ("" if kind != "drop" else f" to {ids[dst]}")

    def message_json(self, mid: int) -> dict[str, Any]:
        src, dst, type_, payload = self.messages.values[mid]
        ids = [c.id for c in self.spec.components]
        return {"from": ids[src], "to": ids[dst], "type": type_, "payload": thaw(payload)}

    def snapshot(self, s: State) -> dict[str, Any]:
        """The global state as JSON: every component's variables and every message in flight."""
        components = {}
        for i, c in enumerate(self.spec.components):
            _i, lid, timers, up = self.slots.values[s[i]]
            components[c.id] = {"up": up, "timers": list(timers), "state": copy.deepcopy(self.local_values[lid])}
        in_flight = [self.message_json(mid) for j in range(self.m) for mid in self.queues.values[s[self.n + j]]]
        return {"components": components, "network": in_flight}
