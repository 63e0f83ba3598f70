"""The simulator: an agenda of (kind, a, b) events by time, stepped in order, SimPy-style.

The agenda is a heap of the distinct times that have events due, and a dict
from each time to its event (or to a batch of the events due then, in the
order they were scheduled): the heap compares plain floats, the cheapest
comparison there is. One seeded `random.Random` draws every delay, loss,
duplication and random crash, so a (model, scenario, seed) triple always
yields the same steps. Each step has exactly one actor:

    component  start | receive | timer | crash | recover
    network    drop (loss, partition, crashed receiver) | duplicate

In-flight messages live in the agenda (the network's view); a message lost by
the network stays in flight until its arrival time, where the network's drop
step removes it. After every step the safety and liveness monitors look at
the new global state.
"""

from __future__ import annotations

import hashlib
import math
from collections import deque
from collections.abc import Callable
from heapq import heappop, heappush
from random import Random
from struct import pack
from typing import Any

from .behaviors import BUILTIN_BEHAVIORS, Context, resolve_behavior
from .behaviors.base import Result
from .behaviors.effects import CANCEL_TIMER, ID, LOG, OBSERVE, REPLY, SEND, SET_TIMER, TO, Message
from .behaviors.spec import resolve
from .expr import compile_function, environment
from .faults import CRASH, crash_schedule
from .incremental import Incremental
from .metrics import Metrics, boundary_traffic
from .modelcode.canonical import content_hash
from .modelcode.model import Model
from .network import Channel, channels
from .properties import PROPERTY_NAMES, Monitor, decided_by
from .semantics import outcome, while_down
from .topology import placements
from .trace import (
    FORMAT,
    VIEW_HISTORY,
    TraceSink,
    channel_views,
    encode,
    snapshot_interval,
    snapshot_views,
    state_change,
)

DEFAULT_UNTIL = 1000.0
INF = math.inf
DEFAULT_MAX_STEPS = 2_000_000
SNAPSHOT_EVERY = 100  # steps between two snapshots of a small model (trace.snapshot_interval scales it)
PROGRESS_STEPS = 20  # progress is reported in 5% increments of simulated time
PERIOD = 1024  # steps between two rounds of periodic work: hash the step signatures, look at the progress

DELIVER, LOSS, CUT, DUP, TIMER, FAULT, START, BATCH, END = range(9)
NETWORK, ENVIRONMENT = -1, -2  # actors that are no component: the network's drops and copies, a holon's crash
ACTIONS = {"start": 0, "receive": 1, "timer": 2, "crash": 3, "recover": 4, "drop": 5, "duplicate": 6}
ACTION_NAMES = tuple(ACTIONS)
A_START, A_RECEIVE, A_TIMER, A_CRASH, A_RECOVER, A_DROP, A_DUPLICATE = range(7)
_DROP_REASON = {LOSS: "loss", CUT: "partition"}
Route = tuple[Channel, int, list[Any], float, float, float | None, bool]
"""A directed link as the loop reads it: (channel, receiver index, cuts, loss, low, span, plain), the channel's
fixed settings unpacked once. Plain: no partition cuts it, it may reorder, it never duplicates and its delay
is an unbounded uniform low + span * random(), so the loop decides a message's fate inline."""


def _steady(holding: list[Callable[[float], bool]],
            failing: list[Callable[[float], bool]]) -> Callable[[float], bool] | None:
    """One function of `now` true while no check changes its value: every `holding` check holds and every
    `failing` one still fails (a single holding check is itself; None for no checks)."""
    if not failing:
        if not holding:
            return None
        if len(holding) == 1:
            return holding[0]

        def all_hold(now: float) -> bool:
            return all(check(now) for check in holding)

        return all_hold

    def unchanged(now: float) -> bool:
        return all(check(now) for check in holding) and not any(check(now) for check in failing)

    return unchanged


class Simulator:
    """One run of one model under one scenario and seed; `run()` returns the summary dict."""

    def __init__(self, model: Model, *, seed: int, scenario: str | None = None, until: float | None = None,
                 trace: bool = False, stop_on_violation: bool = False, max_steps: int = DEFAULT_MAX_STEPS,
                 snapshot_every: int | None = None, progress: Callable[[float], None] | None = None,
                 trace_limit: int | None = None, trace_sink: TraceSink | None = None):
        if max_steps < 1:
            raise ValueError(f"max_steps must be at least 1, not {max_steps}")
        self.model = model
        self.model_hash = content_hash(model)  # set-up: it walks the whole model (0.4 s at 10,000 components)
        self.seed = seed
        self.scenario = model.scenario(scenario)
        self.until = float(until or (self.scenario and self.scenario.until) or DEFAULT_UNTIL)
        self.tracing = trace
        self.trace_limit = trace_limit
        self.stop_on_violation = stop_on_violation
        self.max_steps = max_steps
        self.snapshot_every = snapshot_every or snapshot_interval(SNAPSHOT_EVERY, len(model.components))
        self.progress = progress
        rng = Random(seed)
        self.random = rng.random
        places = placements(model)
        self.ids = [c.id for c in model.components]
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        resolved = {name: resolve_behavior(model, name) for name in sorted({c.behavior for c in model.components})}
        self.behaviors = [resolved[c.behavior] for c in model.components]
        self.contexts = []
        for c, b in zip(model.components, self.behaviors, strict=True):
            params = resolve(b.params, c.params) if c.behavior in BUILTIN_BEHAVIORS else dict(c.params)
            self.contexts.append(Context(c.id, params, self.random))
        self.durable = [c.durable for c in model.components]
        self.states = [b.init(ctx.params, ctx.self_id) for b, ctx in zip(self.behaviors, self.contexts, strict=True)]
        self.down = [0] * len(self.ids)
        self.timers: list[dict[str, float]] = [{} for _ in self.ids]  # name -> when it fires
        # Keyed by receiver; None (a reply to nobody) has no route.
        self.routes: list[dict[str | None, Route]] = [{} for _ in self.ids]
        self.places = places
        self.channels = channels(model, self.scenario, places, rng)
        for (src, dst), channel in self.channels.items():
            plain = not channel.cuts and channel.reorder and not channel.duplication and channel.span is not None
            self.routes[self.index[src]][dst] = (channel, self.index[dst], channel.cuts, channel.loss, channel.low,
                                                 channel.span, plain)
        self.metrics = Metrics(places, model.slos)
        self.safety = [Monitor(p.name, "always", p.always) for p in model.safety]
        self.liveness = [Monitor(p.name, p.kind, p.expr, p.bound) for p in model.liveness]
        self.monitors = self.safety + self.liveness
        # Only components a property can reach need their record rebuilt after each change.
        if all(m.only_named for m in self.monitors):
            named = {c for m in self.monitors for c in m.named}
            self.watched = [cid in named for cid in self.ids]
        else:
            self.watched = [True] * len(self.ids)
        index = self.index
        self.evaluate_every_step = False  # True: no skipping (the benchmark measures both ways)
        self.evaluated_steps = 0  # steps after which the run evaluated invariants
        self.reads: dict[Monitor, frozenset[int] | None] = {}
        for m in self.safety:
            self.reads[m] = None if m.decided_by is None else frozenset(index[c] for c in m.decided_by if c in index)
        self.records: list[dict[str, Any]] = [{} for _ in self.ids]
        self.meta: list[dict[str, Any]] = [{} for _ in self.ids]
        self.by_id: dict[str, dict[str, Any]] = {}
        for i in range(len(self.ids)):
            self._refresh(i)
        self.env = environment({"components": self.records, "component": self.by_id, "now": 0.0})
        self.checks = {m: compile_function(m.expr.text, PROPERTY_NAMES, self.env) for m in self.safety}
        # Aggregates over `components` are kept per component (incremental.py): a step re-evaluates the terms
        # of the records it rebuilt, not the property over every component.
        self.incremental = Incremental(self.records, self.env, PROPERTY_NAMES)
        for m in self.monitors:
            split = self.incremental.split(m.expr, self.checks.get(m) or compile_function(m.expr.text,
                                                                                          PROPERTY_NAMES, self.env))
            if split is not None:
                m.value = split[1]
                if m in self.checks:
                    self.checks[m] = split[0]
                    # Over its aggregates and named components alone, without `now`: a step that rebuilt no
                    # record cannot change its value.
                    if decided_by(split[2]) is not None:
                        self.reads[m] = frozenset(range(len(self.ids)))
        self.times: list[float] = []  # a heap of the times in the agenda
        self.agenda: dict[float, tuple[int, Any, Any]] = {}  # time -> the event (or BATCH of events) due then
        # The end of the run is an event too, due right after `until`: after every event at `until`.
        self._schedule(math.nextafter(self.until, INF), (END, None, None))
        self.now = self.last_step_time = 0.0
        self.step = 0
        self.msg_ids = 0  # the last message id given
        self.counts = {"duplicated": 0, "loss": 0, "partition": 0, "crashed": 0,
                       "no_link": 0, "crashes": 0, "recoveries": 0}
        self._hash = hashlib.sha256()
        # The step signature that feeds trace_hash, per step: its time, and one integer for what happened:
        # message id * 8 + action for a message's step (its actor is the receiver or the network), else
        # ~(actor * 8 + action). Plain lists: appending is cheaper than to an array; the hash takes blocks.
        self._sig_t: list[float] = []
        self._sig_c: list[int] = []
        self.lines: TraceSink = [] if trace_sink is None else trace_sink  # where trace lines go, as they are made
        self.views = channel_views(self.ids)
        self._delta: dict[str, Any] = {}
        for i in range(len(self.ids)):
            self._schedule(0.0, (START, i, None))
        for t, targets, change in sorted(crash_schedule(self.scenario, places, rng, self.until),
                                         key=lambda e: (e[0], -e[2])):
            hit = tuple(self.index[cid] for cid in targets)  # a holon's components, crashed in one step
            self._schedule(float(t), (FAULT, hit[0] if len(hit) == 1 else hit, change))

    # --- bookkeeping -------------------------------------------------------------------------------------

    def _schedule(self, at: float, event: tuple[int, Any, Any]) -> None:
        """Put an event on the agenda, after every event already due at the same time (the loop inlines it)."""
        if self.agenda.setdefault(at, event) is event:
            heappush(self.times, at)
        else:
            self._join(at, event)

    def _join(self, at: float, event: tuple[int, Any, Any]) -> None:
        """Add an event at a time that already has one: the events due then become a batch, in order (a deque:
        the loop takes them from the front, and a model's starts are one batch of every component)."""
        due = self.agenda[at]
        if due[0] == BATCH:
            due[1].append(event)
        else:
            self.agenda[at] = (BATCH, deque((due, event)), None)

    def _refresh(self, i: int) -> None:
        """Rebuild the property record of component i (its variables, then id, behavior and up)."""
        self.meta[i] = {"id": self.ids[i], "behavior": self.model.components[i].behavior, "up": self.down[i] == 0}
        rec = self.records[i] = {**self.states[i], **self.meta[i]}
        self.by_id[self.ids[i]] = rec

    # --- the network -------------------------------------------------------------------------------------

    def _unroutable(self, msg: Message) -> None:
        self.counts["no_link"] += 1
        if self.tracing:
            self._delta.setdefault("log", []).append(f"no link to {msg[TO]!r}: message {msg[ID]} not sent")

    def _fate(self, channel: Channel, now: float) -> int:
        """Whether a message put on a channel now will be delivered, lost or cut (its kind of event)."""
        if channel.cuts and channel.cut_at(now):
            return CUT
        if channel.loss and self.random() < channel.loss:
            return LOSS
        return DELIVER

    def _arrival(self, route: Route, now: float) -> tuple[int, float]:
        """What becomes of a message sent now on a route: delivered, lost or cut (kind), and when (the loop
        inlines the same for plain routes)."""
        channel = route[0]
        kind = self._fate(channel, now)
        at = now + channel.delay()
        if not channel.reorder:  # FIFO: never before a message sent earlier on this channel
            at = channel.in_order(now, at)
        return kind, at

    def _copy(self, msg: Message, route: Route, original: tuple[int, Any, Any], due: float) -> None:
        """Put the network's copy of a message in flight (a copy is not duplicated again). On a FIFO link
        it arrives right after its original (due then): no message sent later gets between the two, as in
        the explorer, where a duplicate is a second delivery of the message at the head of the queue."""
        channel = route[0]
        if channel.reorder:
            kind, at = self._arrival(route, self.now)
            self._schedule(at, (kind, msg, route))
        else:
            at, event = due, (self._fate(channel, self.now), msg, route)
            pending = self.agenda.get(at)
            if pending is original:
                self.agenda[at] = (BATCH, deque((original, event)), None)
            elif pending is not None and pending[0] == BATCH and any(e is original for e in pending[1]):
                batch = pending[1]
                batch.insert(next(k for k, e in enumerate(batch) if e is original) + 1, event)
            else:  # the original arrived already (no delay): the copy follows it now
                self._schedule(at, event)
        channel.sent += 1
        if self.tracing:
            self._in_flight(msg, at)

    def _in_flight(self, msg: Message, at: float) -> None:
        self._delta.setdefault("snd", []).append([*msg, at])

    # --- components --------------------------------------------------------------------------------------

    def _fault(self, i: int, change: int) -> tuple[int, Result | None, Any]:
        """Apply a crash (+1) or recovery (-1): (step action or -1 when up/down did not change, the on_start
        result of a recovery, the state it started from). What a crash keeps is `semantics.while_down`."""
        was_up = self.down[i] == 0
        self.down[i] += change
        if change == CRASH:
            if not was_up:
                return -1, None, None
            self.timers[i].clear()
            self.counts["crashes"] += 1
            ctx = self.contexts[i]
            kept = while_down(self.states[i], self.behaviors[i].init(ctx.params, ctx.self_id), self.durable[i])
            if kept is not self.states[i]:
                self.states[i] = kept
                if self.tracing:
                    self._delta["st"] = kept
            self._after_fault(i, False)
            return A_CRASH, None, None
        if self.down[i]:
            return -1, None, None
        self.counts["recoveries"] += 1
        self._after_fault(i, True)
        state = self.states[i]
        return A_RECOVER, self.behaviors[i].on_start(state, self.contexts[i]), state

    def _group_fault(self, members: tuple[int, ...], change: int, t: float) -> int:
        """Crash (+1) or recover (-1) a holon's components in one step (its actor is the environment): the
        step action, or -1 when no component's up flag changed. Recovered components run on_start."""
        hit = []
        for i in members:
            act, result, old = self._fault(i, change)
            if act >= 0:
                hit.append(i)
                if result is not None:
                    self._apply(i, result, old, t)
        if not hit:
            return -1
        if self.tracing:
            for key in ("up", "st", "tm"):  # per-actor keys: the snapshot after this step has every component
                self._delta.pop(key, None)
            self._delta["c"] = [self.ids[i] for i in hit]
        return A_CRASH if change == CRASH else A_RECOVER

    def _apply(self, i: int, result: tuple[dict[str, Any], Any], old: Any, t: float) -> None:
        """Apply one handler's new state and effects (semantics.outcome) outside the loop, which inlines
        the same for every other step: a holon's recovery restarts several components in one step."""
        state, effects = result
        if state is not old:
            self.states[i] = state
            if self.monitors:
                self._refresh(i)
        sends, changes, observations, _logs = outcome(effects, None)
        for name, after in changes.items():
            if after is None:
                self.timers[i].pop(name, None)
            else:
                at = self.timers[i][name] = t + after
                self._schedule(at, (TIMER, i, name))
        for server, ok, latency in observations:
            self.metrics.observe(server, ok, latency, t)
        for to, mtype, payload in sends:
            self.msg_ids += 1
            msg = (self.msg_ids, self.ids[i], to, mtype, payload)
            route = self.routes[i].get(to)
            if route is None:
                self._unroutable(msg)
                continue
            kind, at = self._arrival(route, t)
            event = (kind, msg, route)
            self._schedule(at, event)
            route[0].sent += 1
            if route[0].duplication and self.random() < route[0].duplication:
                self._schedule(t, (DUP, msg, (route, event, at)))
            if self.tracing:
                self._in_flight(msg, at)

    def _after_fault(self, i: int, up: bool) -> None:
        if self.monitors:
            self._refresh(i)
        if self.tracing:
            self._delta["up"] = up

    def _invariant_plan(self) -> list[Callable[[float], bool] | None]:
        """Which invariants to evaluate after a step, per component whose record the step rebuilt (index n:
        every one, for a step that rebuilt several; index -1: none), as one function true while none of them
        changed its value (None: nothing to evaluate).

        An invariant that reads components only as `component['id']` and never reads `now` is a function
        of those records alone; its value when last evaluated (holding, or failing since its last violation)
        stands until a step rebuilds one of them. Order is the monitors' order.
        """
        n = len(self.ids)
        plan = []
        for i in range(n + 2):
            due = [m for m in self.safety if self.evaluate_every_step or (reads := self.reads[m]) is None or i == n
                   or (i < n and i in reads)]
            plan.append(_steady([self.checks[m] for m in due if m in self.safety_live],
                                [self.checks[m] for m in due if m in self.safety_failing]))
        return plan

    def _next_mark(self, step: int) -> int:
        """The next step after which the loop does its periodic work, or stops at max_steps."""
        return min(self.max_steps, (step // PERIOD + 1) * PERIOD)

    # --- the loop ----------------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:  # noqa: C901 - one function on purpose: the hot loop lives on locals
        tracing = self.tracing
        if tracing:
            self.lines.append(encode(self._header()))
            self.lines.append(encode(self._snapshot()))
        times, agenda, until, counts = self.times, self.agenda, self.until, self.counts
        max_steps, progress, join, arrival = self.max_steps, self.progress, self._join, self._arrival
        states, contexts, down, timers, routes = self.states, self.contexts, self.down, self.timers, self.routes
        ids, watched, records, by_id, meta, env = self.ids, self.watched, self.records, self.by_id, self.meta, self.env
        on_message = [b.on_message for b in self.behaviors]
        on_timer = [b.on_timer for b in self.behaviors]
        on_start = [b.on_start for b in self.behaviors]
        rand, observe, msg_n = self.random, self.metrics.observe, self.msg_ids
        tracking = bool(self.incremental.aggregates)
        track, track_all = self.incremental.changed, self.incremental.changed_all
        sig_t, sig_c = self._sig_t, self._sig_c
        self.safety_live = list(self.safety)  # invariants holding now
        self.safety_failing: list[Monitor] = []  # invariants violated now: watched until they hold again
        steady = self._invariant_plan()
        plan = [_steady([self.checks[m] for m in self.safety], [])] * len(steady)  # the first step evaluates all
        # Properties are first evaluated on the initial state, after the last start (semantics.py).
        checking = pending = False
        last_start = every = len(ids) - 1
        every += 1  # the plan's index for "every invariant": a step that rebuilt several records
        self.pending = list(self.liveness)
        next_progress, stopped, step, evaluated, t = 0, "until", 0, 0, self.now
        mark = self._next_mark(0)
        reason: str | None = None
        try:
            while True:
                t = heappop(times)
                kind, a, b = agenda.pop(t)
                if kind == BATCH:  # several events due at t: the first, then the rest in order
                    batch = a
                    kind, a, b = batch.popleft()
                    if batch:
                        agenda[t] = (BATCH, batch, None)
                        heappush(times, t)
                changed = -1
                if kind == DELIVER:
                    mid = a[0]
                    actor = b[1]
                    if down[actor]:
                        act, actor, reason, result = A_DROP, -1, "crashed", None
                        counts["crashed"] += 1
                    elif b[2] and b[0].cut_at(t):
                        act, actor, reason, result = A_DROP, -1, "partition", None
                        counts["partition"] += 1
                    else:
                        act = A_RECEIVE
                        ctx = contexts[actor]
                        ctx.now = t
                        old = states[actor]
                        result = on_message[actor](old, a, ctx)
                        sender = a[1]
                elif kind == TIMER:
                    if timers[a].get(b) != t:
                        continue  # cancelled or re-armed for another time: not a step
                    del timers[a][b]
                    mid, act, actor, sender = 0, A_TIMER, a, None
                    ctx = contexts[a]
                    ctx.now = t
                    old = states[a]
                    if tracing:
                        self._delta["tm"] = {b: None}
                    result = on_timer[a](old, b, ctx)
                elif kind == LOSS or kind == CUT:
                    mid, act, actor, reason, result = a[0], A_DROP, -1, _DROP_REASON[kind], None
                    counts[reason] += 1
                elif kind == DUP:
                    msg_n += 1
                    copy = (msg_n, *a[1:])
                    counts["duplicated"] += 1
                    mid, act, actor, result = a[0], A_DUPLICATE, -1, None
                    self.now = t
                    self._copy(copy, *b)
                elif kind == START:
                    mid, act, actor, sender = 0, A_START, a, None
                    ctx = contexts[a]
                    ctx.now = t
                    old = states[a]
                    result = on_start[a](old, ctx)
                    if a == last_start:
                        checking, pending = bool(self.safety), bool(self.pending)
                elif kind == FAULT:
                    self.now = t
                    if type(a) is tuple:  # a holon's components, in one step
                        self.msg_ids = msg_n
                        act, result = self._group_fault(a, b, t), None
                        msg_n = self.msg_ids
                        if act < 0:
                            continue
                        mid, actor, sender, changed = 0, ENVIRONMENT, None, every
                    else:
                        act, result, old = self._fault(a, b)
                        if act < 0:
                            continue
                        mid, actor, sender = 0, a, None
                        if self.monitors:
                            changed = a
                else:  # END: every event up to `until` is done
                    t = sig_t[-1] if sig_t else self.last_step_time
                    stopped = "until" if times else "quiescent"
                    break
                if result is not None:  # apply the handler's new state and effects
                    state, effects = result
                    if state is not old:
                        states[actor] = state
                        if watched[actor]:
                            rec = records[actor] = {**state, **meta[actor]}
                            by_id[ids[actor]] = rec
                            changed = actor
                        if tracing:
                            self._delta.update(state_change(old, state))
                    for e in effects:
                        effect_kind = e[0]
                        if effect_kind == SEND:
                            _, to, mtype, payload = e
                        elif effect_kind == REPLY:
                            to = sender
                            _, mtype, payload = e
                        elif effect_kind == SET_TIMER:
                            _, name, after = e
                            at = timers[actor][name] = t + after
                            event = (TIMER, actor, name)
                            if agenda.setdefault(at, event) is event:
                                heappush(times, at)
                            else:
                                join(at, event)
                            if tracing:
                                self._delta.setdefault("tm", {})[name] = at
                            continue
                        elif effect_kind == CANCEL_TIMER:
                            if timers[actor].pop(e[1], None) is not None and tracing:
                                self._delta.setdefault("tm", {})[e[1]] = None
                            continue
                        elif effect_kind == OBSERVE:
                            observe(e[1], e[2], e[3], t)
                            continue
                        elif effect_kind == LOG:
                            if tracing:
                                self._delta.setdefault("log", []).append(e[1])
                            continue
                        else:
                            raise TypeError(f"{ids[actor]}: unknown effect {e!r}")
                        # A send or a reply: a new message, in flight until its arrival (or loss) event.
                        msg_n += 1
                        msg = (msg_n, ids[actor], to, mtype, payload)
                        route = routes[actor].get(to)
                        if route is None:
                            self._unroutable(msg)
                            continue
                        channel, _, _, loss, low, span, plain = route
                        if plain:
                            k = LOSS if loss and rand() < loss else DELIVER
                            at = t + (low + span * rand())
                        else:
                            k, at = arrival(route, t)
                        event = (k, msg, route)
                        if agenda.setdefault(at, event) is event:
                            heappush(times, at)
                        else:
                            join(at, event)
                        channel.sent += 1
                        if not plain and channel.duplication and rand() < channel.duplication:
                            self._schedule(t, (DUP, msg, (route, event, at)))
                        if tracing:
                            self._in_flight(msg, at)
                if tracking and changed >= 0:
                    if changed == every:
                        track_all()
                    else:
                        track(changed)
                step += 1
                sig_t.append(t)
                sig_c.append(mid * 8 + act if mid else ~(actor * 8 + act))
                if tracing:
                    self.step, self.now = step, t
                    self._trace_step(t, actor, ACTION_NAMES[act], mid or None, reason if act == A_DROP else None,
                                     a if act == A_RECEIVE else None)
                    if step == self.trace_limit:
                        tracing = self.tracing = False  # the rest of the run is counted, not traced
                if checking:
                    check = plan[changed]
                    if check is not None:
                        evaluated += 1
                        plan = steady
                        try:
                            holds = check(t)
                        except Exception:
                            env["now"] = t
                            for monitor in self.safety:
                                monitor.expr.evaluate(env)  # raises an ExprError that names the expression
                            raise
                        if not holds:
                            self.step, self.now = step, t
                            if self._invariants_changed(ids[actor] if actor >= 0 else None):
                                stopped = "violation"
                                break
                            plan = steady = self._invariant_plan()
                if pending:
                    self.step, self.now = step, t
                    self._check(ids[actor] if actor >= 0 else None)
                    pending = bool(self.pending)
                if step == mark:
                    if not step % PERIOD:
                        self._flush_sig()
                    if step >= max_steps:
                        stopped = self._stop_at_max_steps()
                        break
                    if progress is not None:
                        fraction = min(t / until, 1.0)
                        if fraction * PROGRESS_STEPS >= next_progress + 1:
                            next_progress = int(fraction * PROGRESS_STEPS)
                            progress(next_progress / PROGRESS_STEPS)
                    mark = self._next_mark(step)
        except BaseException:
            self.step = step  # the steps done when a handler or an expression failed
            raise
        self.evaluated_steps += evaluated
        self.step, self.now, self.msg_ids = step, t, msg_n
        return self._finish(stopped)

    def _invariants_changed(self, actor: str | None) -> bool:
        """Record every invariant the new state breaks (counted each time it breaks) and every violated one
        that holds again; True if the run must stop (it was asked to stop at the first violation)."""
        self.env["now"] = self.now
        broken = {m for m in self.safety_live if m.observe(self.env, self.step, self.now, actor)}
        mended = {m for m in self.safety_failing if self.checks[m](self.now)}
        failing = (set(self.safety_failing) - mended) | broken
        self.safety_live = [m for m in self.safety if m not in failing]
        self.safety_failing = [m for m in self.safety if m in failing]
        return bool(broken) and self.stop_on_violation

    def _check(self, actor: str | None) -> None:
        """Advance the liveness monitors still open; they never stop the run (later states are worth seeing)."""
        env = self.env
        env["now"] = self.now
        for monitor in self.pending:
            monitor.observe(env, self.step, self.now, actor)
        self.pending = [m for m in self.pending if m.status == "pending"]

    def _stop_at_max_steps(self) -> str:
        """Why the run stopped at max_steps: "max_steps" with events left before `until`, "quiescent" when
        only the end of the run is left, "until" otherwise."""
        due = self.times[0]
        if due <= self.until:
            return "max_steps"
        return "quiescent" if len(self.times) == 1 and self.agenda[due][0] == END else "until"

    def _messages_in_flight(self) -> int:
        """Messages the network still holds: their arrival (or drop) is an event on the agenda."""
        events: list[tuple[int, Any, Any]] = []
        for due in self.agenda.values():
            events.extend(due[1] if due[0] == BATCH else (due,))
        return sum(1 for kind, _, _ in events if kind in (DELIVER, LOSS, CUT))

    def _flush_sig(self) -> None:
        """Hash the signature columns of the steps since the last flush, as little-endian bytes."""
        n = len(self._sig_t)
        self.last_step_time = self._sig_t[-1]
        self._hash.update(pack(f"<{n}d{n}q", *self._sig_t, *self._sig_c))
        self._sig_t.clear()
        self._sig_c.clear()

    # --- trace -------------------------------------------------------------------------------------------

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "model": self.model.name, "model_hash": self.model_hash,
                "seed": self.seed, "scenario": self.scenario.name if self.scenario else None, "until": self.until,
                "snapshot_every": self.snapshot_every, "view_history": VIEW_HISTORY, "components": self.ids,
                "trace_limit": self.trace_limit}

    def _snapshot(self) -> dict[str, Any]:
        components = {cid: {"up": self.down[i] == 0, "state": self.states[i],
                            "timers": dict(sorted(self.timers[i].items()))}
                      for i, cid in enumerate(self.ids)}
        return {"g": {"time": self.now, "components": components, "inflight": self._inflight()}, "snap": self.step,
                "v": snapshot_views(self.views)}

    def _inflight(self) -> dict[str, list[Any]]:
        """The messages in flight, from the agenda (each is its arrival or drop event there): kept nowhere else,
        so a step that sends or receives costs the trace nothing for them."""
        flight: dict[str, list[Any]] = {}
        for at, due in self.agenda.items():
            for kind, msg, _ in due[1] if due[0] == BATCH else (due,):
                if kind in (DELIVER, LOSS, CUT):
                    flight[str(msg[0])] = [*msg[1:], at]
        return flight

    def _trace_step(self, t: float, actor: int, action: str, mid: int | None, reason: str | None,
                    received: Message | None) -> None:
        d = self._delta
        name = self.ids[actor] if actor >= 0 else "network" if actor == NETWORK else "environment"
        d["s"], d["t"], d["a"], d["k"] = self.step, t, name, action
        if mid is not None:
            d["m"] = mid
            if received is not None:
                self.views[name]["received"].append([*received, t])  # a message is received when it arrives
        if reason:
            d["why"] = reason
        if actor >= 0 and "snd" in d:
            self.views[name]["sent"].extend(d["snd"])
        self.lines.append(encode(d))
        self._delta = {}
        if self.step % self.snapshot_every == 0 or actor == ENVIRONMENT:
            self.lines.append(encode(self._snapshot()))

    # --- summary -----------------------------------------------------------------------------------------

    def _finish(self, stopped: str) -> dict[str, Any]:
        end = self.now if stopped != "until" else self.until
        for monitor in self.liveness:
            monitor.finish(self.step, end, stopped == "quiescent")
        if stopped == "violation":
            for monitor in self.monitors:
                monitor.not_checked_after(self.step)
        if self._sig_t:
            self._flush_sig()
        if self.progress is not None:
            self.progress(1.0)
        c = self.counts
        c["sent"] = self.msg_ids - c["duplicated"]  # every message id but the network's copies
        dropped = c["loss"] + c["partition"] + c["crashed"] + c["no_link"]
        in_flight = self._messages_in_flight()
        c["delivered"] = c["sent"] + c["duplicated"] - dropped - in_flight  # every other message arrived
        violations = [{**m.result(), "counterexample_length": m.step} for m in self.monitors if m.status == "violated"]
        return {
            "model": self.model.name, "model_hash": self.model_hash, "seed": self.seed,
            "scenario": self.scenario.name if self.scenario else None, "until": self.until, "end_time": end,
            "stopped": stopped, "steps": self.step,
            "messages": {"sent": c["sent"], "delivered": c["delivered"], "dropped": dropped,
                         "duplicated": c["duplicated"], "in_flight": in_flight,
                         "dropped_by": {k: c[k] for k in ("loss", "partition", "crashed", "no_link")}},
            "crashes": c["crashes"], "recoveries": c["recoveries"],
            "violations": sorted(violations, key=lambda v: (v["step"], v["name"])),
            "safety": [m.result() for m in self.safety],
            "liveness": [m.result() for m in self.liveness],
            **self.metrics.summary(self.until if stopped in ("until", "quiescent") else self.now),
            "links": {f"{src}->{dst}": ch.delays() for (src, dst), ch in self.channels.items() if ch.fifo_sent},
            "boundaries": boundary_traffic(self.places, {k: c.sent for k, c in self.channels.items() if c.sent}),
            "trace_hash": self._hash.hexdigest(),
        }
