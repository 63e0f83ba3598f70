"""The transition relation of a model: which steps are enabled in a global state, and where they lead.

A global state is a short tuple of ints (see `encoding.py`):

    (slot of component 0, ..., slot of component n-1, network, environment)

A slot names (component, local state, armed timers, up). The network names
one queue per link, and a queue a tuple of message ids (in send order on
FIFO links, sorted on reordering links). Copies of one message are counted
up to "many" (see `MANY`). The environment names the fault
bookkeeping: each crash fault's code, each partition's code, and what is
left of the drop, duplicate and crash budgets. Behaviors are pure, so the
effect of an event on a slot, and of a step on the network, is computed
once and cached: a step then costs a few dict look-ups and one short tuple.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from simulations.engine.behaviors.effects import SENDER, Delivered
from simulations.engine.persistent import plain
from simulations.engine.semantics import armed_after, freeze, lost_on_arrival, outcome, thaw, while_down

from .encoding import Interner
from .spec import Outcome, Spec

State = tuple[int, ...]
Label = tuple[str, int, Any]
Sends = tuple[tuple[int, int], ...]
Move = tuple[Label, tuple[tuple[int, int], ...], int, int]
"""A cached step: (label, (component, new slot) changes, network change id or -1, environment change id or -1)."""

FAIR = frozenset({"timer", "deliver", "recover", "heal"})
"""Steps that weak fairness forces to happen; faults are never forced."""

MANY = 3
"""Copies of one message in flight on a link are counted 1, 2 or "many": MANY equal ids in a row stand
for MANY or more copies (a retry timer may fire any number of times before a delivery, and counting each
copy would make every protocol with retries infinite). Sending one more leaves "many" as it is; receiving
or losing one of "many" leaves either "many" or one fewer. Every behavior of the model is a path of this
graph, so what holds here holds in the model; a violation found where "many" was reached may be a path
of the counting only (a message sent three times received four times), and `explorer.py` confirms it
with every copy counted (`Spec.exact_copies`)."""


class System:
    """Enumerates initial states and labelled successors of a `Spec`."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.n = n = len(spec.components)
        self.net_at, self.env_at = n, n + 1
        self.m = len(spec.links)
        self.partitions_at = len(spec.crashes)
        self.budget_at = self.partitions_at + len(spec.partitions)
        self.index = {c.id: i for i, c in enumerate(spec.components)}
        self.link_of = {(lk.src, lk.dst): j for j, lk in enumerate(spec.links)}
        self.locals: Interner[Any] = Interner()
        self.local_values: list[dict[str, Any]] = []
        self.slots: Interner[tuple[int, int, tuple[str, ...], bool]] = Interner()
        self.messages: Interner[tuple[int, int, str, Any]] = Interner()
        self.message_values: list[Delivered] = []
        self.queues: Interner[tuple[int, ...]] = Interner()
        self.queues(())
        self.nets: Interner[tuple[int, ...]] = Interner()
        self.nets((0,) * self.m)
        self.envs: Interner[tuple[int, ...]] = Interner()
        self._net_changes: Interner[tuple[tuple[int, int] | None, Sends]] = Interner()
        self._env_changes: Interner[tuple[tuple[int, int], ...]] = Interner()
        self._net_after: list[dict[int, int]] = []  # per network change id: network before -> after
        self._env_after: list[dict[int, int]] = []
        self._step_cache: dict[tuple[int, Any], tuple[int, Sends]] = {}
        self._records: dict[int, dict[str, Any]] = {}
        self._timer_moves: dict[State, tuple[Move, ...]] = {}
        self._link_moves: dict[tuple[int, int, int], tuple[Move, ...]] = {}
        self._busy_links: dict[int, tuple[tuple[int, int, int], ...]] = {}
        self._env_moves: dict[tuple[int, Any], tuple[Move, ...]] = {}
        affected = sorted({i for fault in spec.crashes for i in fault.components})
        self._read_faulty = itemgetter(*affected) if affected else None
        self._initial_locals = [self._local(c.program.init()) for c in spec.components]
        self.moves, self._apply = self._hot_path()
        self.many = None if spec.exact_copies else MANY

    # -- interning ---------------------------------------------------------

    def _local(self, value: dict[str, Any]) -> int:
        lid = self.locals(freeze(value))
        if lid == len(self.local_values):  # kept plain (no persistent collections): every export is JSON
            self.local_values.append(copy.deepcopy(plain(value)))
        return lid

    def _message(self, src: int, dst: int, type_: str, payload: Any) -> int:
        return self.message_id((src, dst, type_, freeze(payload)))

    def message_id(self, key: tuple[int, int, str, Any]) -> int:
        """The interned id of a message given as (sender, receiver, type, frozen payload)."""
        mid = self.messages(key)
        if mid == len(self.message_values):
            src, dst, type_, payload = key
            spec = self.spec.components
            self.message_values.append((0, spec[src].id, spec[dst].id, type_, thaw(payload)))
        return mid

    def _push(self, qid: int, mid: int, fifo: bool) -> int:
        q = self.queues.values[qid]
        many = self.many
        if many is not None and (q[-many:] == (mid,) * many if fifo else q.count(mid) >= many):
            return qid  # "many" copies in flight (the last in line on a FIFO link): one more is still many
        q += (mid,)
        return self.queues(q if fifo else tuple(sorted(q)))

    def _many(self, queue: tuple[int, ...], at: int) -> bool:
        """Whether the copies at `queue[at]` are "many": MANY equal ids in a row (a sorted queue keeps them so)."""
        many = self.many
        return many is not None and queue[at:at + many] == (queue[at],) * many

    def saturated(self) -> bool:
        """Whether any state reached so far counts some message as "many" (then it may hold paths of the
        counting that are no behavior of the model)."""
        many = self.many
        return many is not None and any(q[k:k + many] == (q[k],) * many
                                        for q in self.queues.values for k in range(len(q) - many + 1))

    def _pop(self, qid: int, mid: int) -> int:
        q = list(self.queues.values[qid])
        q.remove(mid)
        return self.queues(tuple(q))

    def _net_change(self, pop: tuple[int, int] | None, sends: Sends) -> int:
        if pop is None and not sends:
            return -1
        change = self._net_changes((pop, sends))
        if change == len(self._net_after):
            self._net_after.append({})
        return change

    def _apply_net(self, net: int, change: int) -> int:
        pop, sends = self._net_changes.values[change]
        queues = list(self.nets.values[net])
        if pop is not None:
            queues[pop[0]] = self._pop(queues[pop[0]], pop[1])
        for j, mid in sends:
            queues[j] = self._push(queues[j], mid, self.spec.links[j].fifo)
        found = self._net_after[change][net] = self.nets(tuple(queues))
        return found

    def _env_change(self, *adds: tuple[int, int]) -> int:
        if not adds:
            return -1
        change = self._env_changes(adds)
        if change == len(self._env_after):
            self._env_after.append({})
        return change

    def _apply_env(self, env: int, change: int) -> int:
        values = list(self.envs.values[env])
        for pos, add in self._env_changes.values[change]:
            values[pos] += add
        found = self._env_after[change][env] = self.envs(tuple(values))
        return found

    # -- component steps -----------------------------------------------------

    def _outcome(self, i: int, result: Outcome, timers: tuple[str, ...], reply_to: int | None) -> tuple[int, Sends]:
        """The slot and sends that follow from a handler's new state and effects (`semantics.outcome`)."""
        state, effects = result
        ids = self.spec.components
        sends, changes, _observed, _logged = outcome(effects, None if reply_to is None else ids[reply_to].id)
        queued: list[tuple[int, int]] = []
        for to, type_, payload in sends:
            dst = self.index.get(to) if to is not None else None
            j = self.link_of.get((i, dst)) if dst is not None else None
            if dst is not None and j is not None:  # no link, no tube: the message is lost
                queued.append((j, self._message(i, dst, type_, payload)))
        return self.slots((i, self._local(state), armed_after(timers, changes), True)), tuple(queued)

    def _step(self, i: int, slot: int, event: Any) -> tuple[int, Sends]:
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
                found = self._outcome(i, program.message(state, msg), timers, self.index[msg[SENDER]])
            else:
                found = self._outcome(i, program.timer(state, event), tuple(t for t in timers if t != event), None)
            self._step_cache[key] = found
        return found

    # -- the relation --------------------------------------------------------

    def initial_states(self) -> list[State]:
        """Every component started (starting is local, so the order of starts does not matter)."""
        spec = self.spec
        slots, net = [], 0
        for i in range(self.n):
            slot, sends = self._step(i, self.slots((i, self._initial_locals[i], (), True)), None)
            slots.append(slot)
            if sends:
                net = self._apply_net(net, self._net_change(None, sends))
        budgets = (spec.max_drops or 0, spec.max_duplicates or 0, spec.max_crashes or 0)
        env = self.envs((0,) * self.budget_at + budgets)
        return [(*slots, net, env)]

    def _hot_path(self) -> tuple[Callable[[State], list[Move]], Callable[[State, list[Move]], list[State]]]:
        """`moves` and `apply` as closures over the caches: they run for every state, and
        local names are much cheaper than attribute look-ups there."""
        n, net_at, env_at, faults = self.n, self.net_at, self.env_at, self.budget_at > 0
        timer_moves, link_moves, busy_links = self._timer_moves, self._link_moves, self._busy_links
        env_moves, read_faulty = self._env_moves, self._read_faulty
        net_after, env_after = self._net_after, self._env_after

        def moves(s: State) -> list[Move]:
            """Every step enabled in `s`, as cached moves."""
            slots = s[:n]  # timers depend on the component slots only, and many states share them
            found = timer_moves.get(slots)
            if found is None:
                found = timer_moves[slots] = tuple(m for i in range(n) for m in self._timers_of(i, s[i]))
            todo = list(found)
            net, env = s[net_at], s[env_at]
            busy = busy_links.get(net)
            if busy is None:
                busy = busy_links[net] = self._busy(net)
            for j, qid, dst in busy:
                # A non-empty queue holds messages of one link only, so (queue, receiver, environment) is the site.
                key = (qid, s[dst], env)
                found = link_moves.get(key)
                if found is None:
                    found = link_moves[key] = self._link_of(j, qid, s[dst], env)
                todo += found
            if faults:
                site = (env, read_faulty(s) if read_faulty else None)
                found = env_moves.get(site)
                if found is None:
                    found = env_moves[site] = self._faults_of(s, env)
                todo += found
            return todo

        def apply(s: State, todo: list[Move]) -> list[State]:
            """The states the moves lead to from `s`."""
            out: list[State] = []
            append = out.append
            net, env = s[net_at], s[env_at]
            for _label, changes, net_change, env_change in todo:
                st = list(s)
                for i, slot in changes:
                    st[i] = slot
                if net_change >= 0:
                    after = net_after[net_change].get(net)
                    st[net_at] = self._apply_net(net, net_change) if after is None else after
                if env_change >= 0:
                    after = env_after[env_change].get(env)
                    st[env_at] = self._apply_env(env, env_change) if after is None else after
                append(tuple(st))
            return out

        return moves, apply

    def successors(self, s: State) -> list[State]:
        """The states the enabled steps lead to, in the order of `moves`."""
        return self._apply(s, self.moves(s))

    def transitions(self, s: State) -> list[tuple[Label, State]]:
        """Every enabled step from `s` with the state it leads to."""
        moves = self.moves(s)
        return list(zip((move[0] for move in moves), self._apply(s, moves), strict=True))

    def _busy(self, net: int) -> tuple[tuple[int, int, int], ...]:
        links = self.spec.links
        return tuple((j, qid, links[j].dst) for j, qid in enumerate(self.nets.values[net]) if qid)

    def _timers_of(self, i: int, slot: int) -> tuple[Move, ...]:
        _i, _lid, timers, up = self.slots.values[slot]
        if not up:
            return ()
        moves = []
        for name in timers:
            new_slot, sends = self._step(i, slot, name)
            moves.append((("timer", i, name), ((i, new_slot),), self._net_change(None, sends), -1))
        return tuple(moves)

    def _link_of(self, j: int, qid: int, dst_slot: int, env: int) -> tuple[Move, ...]:
        """Deliver (or lose, or duplicate) each deliverable message of link j."""
        spec, link, values = self.spec, self.spec.links[j], self.envs.values[env]
        at = self.budget_at
        up = lost_on_arrival(self.slots.values[dst_slot][3], j in self._cut(env)) is None
        may_drop = link.lossy and (spec.max_drops is None or values[at] > 0)
        may_duplicate = link.duplicating and up and (spec.max_duplicates is None or values[at + 1] > 0)
        drop_cost = self._env_change(*([(at, -1)] if spec.max_drops is not None else []))
        duplicate_cost = self._env_change(*([(at + 1, -1)] if spec.max_duplicates is not None else []))
        queue = self.queues.values[qid]
        moves: list[Move] = []
        for mid in queue[:1] if link.fifo else dict.fromkeys(queue):
            new_slot, sends = self._step(link.dst, dst_slot, mid) if up else (dst_slot, ())
            moves.append((("deliver", j, mid), ((link.dst, new_slot),), self._net_change((j, mid), sends), -1))
            if may_drop:
                moves.append((("drop", j, mid), (), self._net_change((j, mid), ()), drop_cost))
            if may_duplicate:
                moves.append((("duplicate", j, mid), ((link.dst, new_slot),), self._net_change(None, sends),
                              duplicate_cost))
            if self._many(queue, queue.index(mid)):  # one of "many" copies goes: "many" may be left
                if new_slot != dst_slot or sends:
                    moves.append((("deliver", j, mid), ((link.dst, new_slot),), self._net_change(None, sends), -1))
                if may_drop and drop_cost >= 0:
                    moves.append((("drop", j, mid), (), -1, drop_cost))
        return tuple(moves)

    def _faults_of(self, s: State, env: int) -> tuple[Move, ...]:
        """Crash, recover, partition and heal steps. A crash fault's code is 2 * crashes + (1 while down), or
        only the down bit when it repeats without bound: then crashing again after a recovery returns to a
        state already seen, and the crash/recover cycle is a loop of the graph."""
        spec, values = self.spec, self.envs.values[env]
        moves: list[Move] = []
        crashes_left = spec.max_crashes is None or values[self.budget_at + 2] > 0
        # Crashes nest (semantics.py): a component is down while any fault that hit it is down.
        down = [g for g, fault in enumerate(spec.crashes) if values[g] & 1]
        for f, fault in enumerate(spec.crashes):
            code = values[f]
            if not code & 1 and crashes_left and (fault.times is None or code >> 1 < fault.times):
                changes = tuple((i, self._crashed(i, s[i])) for i in fault.components if self.slots.values[s[i]][3])
                cost = [(self.budget_at + 2, -1)] if spec.max_crashes is not None else []
                bit = 1 if fault.times is None else 3  # the down bit, plus one crash counted when bounded
                moves.append((("crash", f, None), changes, -1, self._env_change((f, bit), *cost)))
            elif code & 1 and fault.recovers:
                recovered: list[tuple[int, int]] = []
                sends: list[tuple[int, int]] = []
                for i in fault.components:
                    if any(i in spec.crashes[g].components for g in down if g != f):
                        continue  # another fault still holds it down
                    _i, lid, _timers, _up = self.slots.values[s[i]]
                    new_slot, started = self._step(i, self.slots((i, lid, (), True)), None)
                    recovered.append((i, new_slot))
                    sends += started
                moves.append((("recover", f, None), tuple(recovered), self._net_change(None, tuple(sends)),
                              self._env_change((f, -1))))
        for p, partition in enumerate(spec.partitions):
            code = values[self.partitions_at + p]
            if code == 0 or (code == 1 and partition.heals):
                label = ("partition" if code == 0 else "heal", p, None)
                moves.append((label, (), -1, self._env_change((self.partitions_at + p, 1))))
        return tuple(moves)

    def _crashed(self, i: int, slot: int) -> int:
        _i, lid, _timers, _up = self.slots.values[slot]
        kept = while_down(lid, self._initial_locals[i], self.spec.components[i].durable)
        return self.slots((i, kept, (), False))

    def _cut(self, env: int) -> frozenset[int]:
        """The links an active partition cuts (a partition's code is 0 before, 1 while active, 2 healed)."""
        values = self.envs.values[env]
        cut: frozenset[int] = frozenset()
        for p, fault in enumerate(self.spec.partitions):
            if values[self.partitions_at + p] == 1:
                cut |= fault.cut
        return cut

    def label_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """Attach to each state of a path the step that led to it (None for the initial state)."""
        steps: list[tuple[Label | None, State]] = [(None, states[0])]
        for s, t in zip(states, states[1:], strict=False):
            steps.append((next(label for label, u in self.transitions(s) if u == t), t))
        return steps

    def concrete_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """A stored path as steps a user can follow (reductions override this to undo their merging)."""
        return self.label_path(states)

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
        queues = self.nets.values[s[self.net_at]]
        in_flight = [self.message_json(mid) for qid in queues for mid in self.queues.values[qid]]
        return {"components": components, "network": in_flight}

