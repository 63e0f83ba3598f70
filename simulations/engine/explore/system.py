"""The transition relation of a model: which steps are enabled in a global state, and where they lead.

A global state is a flat tuple of ints (see `encoding.py`):

    [component slots | link queues | crash faults | partitions | drops, duplicates, crashes left]

A component slot names (component, local state, armed timers, up); a link queue names a
tuple of message ids, in send order on FIFO links and sorted on reordering
links. Behaviors are pure, so the effect of one event on one slot is
computed once and cached: most steps cost a few dict look-ups and one tuple.
"""

from __future__ import annotations

import copy
from operator import itemgetter
from typing import Any

from simulations.engine.behaviors.effects import CancelTimer, Message, Reply, Send, SetTimer

from .encoding import Interner, freeze, thaw
from .spec import Outcome, Spec

State = tuple[int, ...]
Label = tuple[str, int, Any]
Move = tuple[Label, tuple[tuple[int, int], ...], tuple[tuple[int, int, bool], ...], int]
"""A cached step: (label, fixed (position, value) changes, sends as (position, message, fifo), budget position or 0)."""
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
        self._timer_moves: dict[int, tuple[Move, ...]] = {}
        self._link_moves: dict[tuple[int, int, bool, tuple[bool, bool]], tuple[Move, ...]] = {}
        self._link_sites = [(j, self.n + j, lk.dst) for j, lk in enumerate(spec.links)]
        self._fault_sites = [(itemgetter(self.faults_at + f, self.budget_at + 2, *fault.components), {})
                             for f, fault in enumerate(spec.crashes)]
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

    def _outcome(self, i: int, outcome: Outcome, timers: tuple[str, ...], reply_to: int | None):
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
                found = self._outcome(i, program.start(state), (), None)
            elif isinstance(event, int):
                msg = self.message_values[event]
                found = self._outcome(i, program.message(state, msg), timers, self.index[msg.sender])
            else:
                found = self._outcome(i, program.timer(state, event), tuple(t for t in timers if t != event), None)
            self._step_cache[key] = found
        return found

    # -- the relation --------------------------------------------------------

    def initial_states(self) -> list[State]:
        """Every component started (starting is local, so the order of starts does not matter)."""
        spec = self.spec
        state = [EMPTY] * self.budget_at + [spec.max_drops or 0, spec.max_duplicates or 0, spec.max_crashes or 0]
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

    def moves(self, s: State) -> list[Move]:
        """Every step enabled in `s`, as cached moves (only their sends depend on the rest of `s`)."""
        todo: list[Move] = []
        timer_moves = self._timer_moves
        for i in range(self.n):
            moves = timer_moves.get(s[i])
            if moves is None:
                moves = timer_moves[s[i]] = self._timers_of(i, s[i])
            if moves:
                todo += moves
        cut = self._cut(s) if self.spec.partitions else frozenset()
        link_moves = self._link_moves
        extra = self._link_budgets(s)
        for j, qpos, dst in self._link_sites:
            qid = s[qpos]
            if qid != EMPTY:
                # A non-empty queue holds messages of one link only, so (queue, receiver) identifies the site.
                key = (qid, s[dst], j in cut, extra)
                moves = link_moves.get(key)
                if moves is None:
                    moves = link_moves[key] = self._link_of(j, qid, s[dst], j in cut, extra)
                todo += moves
        for f, (read, cache) in enumerate(self._fault_sites):
            key = read(s)
            moves = cache.get(key)
            if moves is None:
                moves = cache[key] = self._crash_moves(f, *key)
            todo += moves
        for p, fault in enumerate(self.spec.partitions):
            at = self.partitions_at + p
            if s[at] == 0 or (s[at] == 1 and fault.heals):
                todo.append((("partition" if s[at] == 0 else "heal", p, None), ((at, s[at] + 1),), (), 0))
        return todo

    def _link_budgets(self, s: State) -> tuple[bool, bool]:
        """Whether a drop and a duplicate may still happen (when the model bounds them)."""
        spec, at = self.spec, self.budget_at
        return (spec.max_drops is None or s[at] > 0, spec.max_duplicates is None or s[at + 1] > 0)

    def successors(self, s: State) -> list[State]:
        """The states the enabled steps lead to, in the order of `moves`."""
        return self._apply(s, self.moves(s))

    def transitions(self, s: State) -> list[tuple[Label, State]]:
        """Every enabled step from `s` with the state it leads to."""
        moves = self.moves(s)
        return list(zip((move[0] for move in moves), self._apply(s, moves), strict=True))

    def _apply(self, s: State, moves: list[Move]) -> list[State]:
        out: list[State] = []
        append = out.append
        push_get = self._push_cache.get
        for _label, changes, sends, spend in moves:
            st = list(s)
            for pos, value in changes:
                st[pos] = value
            for pos, mid, fifo in sends:
                qid = st[pos]
                pushed = push_get((qid, mid, fifo))
                st[pos] = self._push(qid, mid, fifo) if pushed is None else pushed
            if spend:
                st[spend] -= 1
            append(tuple(st))
        return out

    def _timers_of(self, i: int, slot: int) -> tuple[Move, ...]:
        _i, _lid, timers, up = self.slots.values[slot]
        if not up:
            return ()
        moves = []
        for name in timers:
            new_slot, sends = self._step(i, slot, name)
            moves.append((("timer", i, name), ((i, new_slot),), self._positions(sends), 0))
        return tuple(moves)

    def _link_of(self, j: int, qid: int, dst_slot: int, cut: bool, budgets: tuple[bool, bool]) -> tuple[Move, ...]:
        """Deliver (or lose, or duplicate) each deliverable message of link j."""
        may_drop, may_duplicate = budgets
        link = self.spec.links[j]
        dst = link.dst
        up = self.slots.values[dst_slot][3] and not cut
        drop_budget = self.budget_at if self.spec.max_drops is not None else 0
        dup_budget = self.budget_at + 1 if self.spec.max_duplicates is not None else 0
        moves: list[Move] = []
        for mid in self._deliverable(qid, link.fifo):
            rest = self._pop(qid, mid)
            new_slot, sends = self._step(dst, dst_slot, mid) if up else (dst_slot, ())
            moves.append((("deliver", j, mid), ((dst, new_slot), (self.n + j, rest)), self._positions(sends), 0))
            if link.lossy and may_drop:
                moves.append((("drop", j, mid), ((self.n + j, rest),), (), drop_budget))
            if link.duplicating and up and may_duplicate:
                moves.append((("duplicate", j, mid), ((dst, new_slot),), self._positions(sends), dup_budget))
        return tuple(moves)

    def _positions(self, sends: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int, bool], ...]:
        return tuple((self.n + j, mid, self.spec.links[j].fifo) for j, mid in sends)

    def label_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """Attach to each state of a path the step that led to it (None for the initial state)."""
        steps: list[tuple[Label | None, State]] = [(None, states[0])]
        for s, t in zip(states, states[1:], strict=False):
            steps.append((next(label for label, u in self.transitions(s) if u == t), t))
        return steps

    def concrete_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """A stored path as steps a user can follow (reductions override this to undo their merging)."""
        return self.label_path(states)

    def _crash_moves(self, f: int, code: int, crashes_left: int, *slots: int) -> tuple[Move, ...]:
        """A fault's code is 2 * crashes so far + (1 while its components are down)."""
        fault = self.spec.crashes[f]
        at = self.faults_at + f
        may_crash = self.spec.max_crashes is None or crashes_left > 0
        if not code & 1 and may_crash and code >> 1 < fault.times and all(self.slots.values[x][3] for x in slots):
            changes = [(i, self._crashed(i, x)) for i, x in zip(fault.components, slots, strict=True)]
            budget = self.budget_at + 2 if self.spec.max_crashes is not None else 0
            return ((("crash", f, None), (*changes, (at, code + 3)), (), budget),)
        if code & 1 and fault.recovers:
            changes, sends = [(at, code - 1)], []
            for i, x in zip(fault.components, slots, strict=True):
                _i, lid, _timers, _up = self.slots.values[x]
                new_slot, started = self._step(i, self.slots((i, lid, (), True)), None)
                changes.append((i, new_slot))
                sends += self._positions(started)
            return ((("recover", f, None), tuple(changes), tuple(sends), 0),)
        return ()

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
