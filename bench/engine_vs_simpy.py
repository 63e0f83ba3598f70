"""Engine versus the strongest references on one message-passing model: `python bench/engine_vs_simpy.py
[--nodes 10 1000 10000] [--until T] [--instructions]`.

The model: N nodes in a ring forward tokens; every link loses a message with
probability LOSS and delays it uniformly in [LOW, HIGH]; a sender retransmits
a token every TIMEOUT until the next node acks it; a receiver forwards each
hop of a token once. Every side counts the same model events: the N starts,
message arrivals (delivered or dropped) and retransmission timeouts. The
engine runs in summary mode with the fault model (loss, delay) active and one
safety invariant checked after every step. By default it re-evaluates an
invariant only after a step that changed a component record the invariant
reads (it provably has the value it had); "engine, every step" evaluates it
after every step. The references, side by side:

- `simpy`: idiomatic process-style SimPy (a process per node and per token
  hop in flight, stores, events combined with `|`);
- `kernel`: SimPy used as a callback kernel: no processes, each model event
  a `Timeout` whose callback runs the same `Relay` handlers the engine runs
  and applies their effects (the same fault model, the invariant checked per
  step as plain Python);
- `heapq`: the same handlers and effects on a plain `heapq` loop of
  (time, sequence, event) tuples: the practical CPython limit for this logic.

Both references draw from one `random.Random(seed)` in the engine's order,
so they run exactly the engine's steps (the script checks the counts match).
Times are CPU seconds of the run alone (time.process_time, set-up excluded);
runs alternate and each side keeps its fastest of `--repeat`, so a busy
shared machine skews the ratios less.

`--instructions` counts instead of timing: each side runs under valgrind's
callgrind with instrumentation switched on only once its set-up is done (by
`callgrind_control`), less a run stopped right after time 0 (the switch, the
start-up steps and the interpreter's exit), which gives the same count
whatever else the machine is doing. `perf stat -e instructions` would be
cheaper but this machine's kernel does not expose the counter. The count is
a little unfair to the engine: valgrind hides the CPU's SHA extensions, so
the sha256 behind `trace_hash` costs several hundred instructions per step
there and a few nanoseconds per step on the real CPU.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from heapq import heappop, heappush
from itertools import count
from pathlib import Path
from typing import Any

import simpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulations.engine.behaviors.effects import CANCEL_TIMER, REPLY, SEND, SET_TIMER, Context  # noqa: E402
from simulations.engine.behaviors.relay import Relay  # noqa: E402
from simulations.engine.modelcode import Model, load_model  # noqa: E402
from simulations.engine.simulator import Simulator  # noqa: E402

LOSS, LOW, HIGH, TIMEOUT = 0.05, 0.5, 1.5, 5.0
SIDES = ("engine", "every", "simpy", "kernel", "heapq")
LABELS = {"engine": "engine", "every": "engine, every step", "simpy": "SimPy processes",
          "kernel": "SimPy callback kernel", "heapq": "heapq loop"}
DELIVER, DROP, TIMER, START = range(4)


def engine_model(nodes: int, tokens: int) -> dict:
    ids = [f"n{i}" for i in range(nodes)]
    return {
        "format": "holarchy/v1",
        "name": "ring",
        "components": [
            {
                "id": n,
                "behavior": "relay",
                "params": {"next": ids[(i + 1) % nodes], "timeout": TIMEOUT, "tokens": tokens if i == 0 else 0},
            }
            for i, n in enumerate(ids)
        ],
        "links": [
            {
                "from": n,
                "to": ids[(i + 1) % nodes],
                "bidirectional": True,
                "loss": LOSS,
                "reorder": True,
                "delay": {"dist": "uniform", "low": LOW, "high": HIGH},
            }
            for i, n in enumerate(ids)
        ],
        "holarchies": [{"name": "ring", "root": {"id": "all", "components": ids}}],
        "properties": {"safety": [{"name": "progress-is-counted", "always": "component['n0'].forwarded >= 0"}]},
        "scenarios": [{"name": "lossy"}],
    }


Run = tuple[int, int, float]
"""(model events, a side's own count: invariant evaluations or scheduler events, CPU seconds)."""
Prepared = Callable[[], Run]
"""A side set up and ready to run: calling it runs the model (the set-up is not timed)."""


@lru_cache(maxsize=1)
def loaded(nodes: int, tokens: int) -> Model:
    """The ring as a loaded model, loaded once per size (loading 10,000 components takes seconds)."""
    return load_model(engine_model(nodes, tokens))


def prepare_engine(nodes: int, tokens: int, until: float, seed: int, every_step: bool) -> Prepared:
    sim = Simulator(loaded(nodes, tokens), seed=seed, until=until)
    sim.evaluate_every_step = every_step

    def run() -> Run:
        start = time.process_time()
        summary = sim.run()
        return summary["steps"], sim.evaluated_steps, time.process_time() - start

    return run


def prepare_simpy(nodes: int, tokens: int, until: float, seed: int) -> Prepared:
    env = simpy.Environment()
    rng = random.Random(seed)
    inboxes = [simpy.Store(env) for _ in range(nodes)]
    acks: list[dict[tuple[str, int], simpy.Event]] = [{} for _ in range(nodes)]
    last_hop: list[dict[str, int]] = [{} for _ in range(nodes)]
    counted = [nodes]  # the starts

    def transmit(dst: int, msg: tuple) -> None:
        def arrive(_event: simpy.Event) -> None:
            counted[0] += 1
            if rng.random() >= LOSS:
                inboxes[dst].put(msg)

        env.timeout(rng.uniform(LOW, HIGH)).callbacks.append(arrive)

    def forward(node: int, token: str, hop: int):
        nxt = (node + 1) % nodes
        acked = acks[node][(token, hop)] = env.event()
        while True:
            transmit(nxt, ("token", node, token, hop))
            timer = env.timeout(TIMEOUT)
            yield acked | timer
            if acked.triggered:
                return
            counted[0] += 1  # a retransmission timeout

    def node_process(node: int):
        for i in range(tokens if node == 0 else 0):
            env.process(forward(node, f"n0.{i}", 0))
        while True:
            kind, sender, token, hop = yield inboxes[node].get()
            if kind == "ack":
                event = acks[node].pop((token, hop), None)
                if event is not None:
                    event.succeed()
                continue
            transmit(sender, ("ack", node, token, hop))
            if hop > last_hop[node].get(token, -1):
                last_hop[node][token] = hop
                env.process(forward(node, token, hop + 1))

    for n in range(nodes):
        env.process(node_process(n))

    def run() -> Run:
        start = time.process_time()
        env.run(until=until)
        elapsed = time.process_time() - start
        return counted[0], next(env._eid), elapsed

    return run


class Ring:
    """The ring as the references hold it: the engine's `Relay` handlers, per-node contexts, states and
    armed timers, and `apply`, which does what the engine does with a handler's effects."""

    def __init__(self, nodes: int, tokens: int, rng: random.Random):
        self.relay = Relay()
        self.ids = [f"n{i}" for i in range(nodes)]
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.rand = rng.random
        self.contexts = [Context(cid, {"next": self.ids[(i + 1) % nodes], "tokens": tokens if i == 0 else 0,
                                       "timeout": TIMEOUT}, self.rand) for i, cid in enumerate(self.ids)]
        self.states = [self.relay.init(ctx.params, ctx.self_id) for ctx in self.contexts]
        self.timers: list[dict[str, float]] = [{} for _ in self.ids]
        self.messages = 0

    def apply(self, i: int, result: Any, sender: str | None, t: float,
              schedule: Callable[[float, int, Any, Any], None]) -> None:
        """Store the handler's new state and apply its effects; `schedule(delay, kind, a, b)` puts an event on
        the reference's agenda."""
        state, effects = result
        self.states[i] = state
        rand = self.rand
        for e in effects:
            kind = e[0]
            if kind == SEND or kind == REPLY:
                to, mtype, payload = (e[1], e[2], e[3]) if kind == SEND else (sender, e[1], e[2])
                self.messages += 1
                msg = (self.messages, self.ids[i], to, mtype, payload)
                lost = rand() < LOSS
                schedule(LOW + (HIGH - LOW) * rand(), DROP if lost else DELIVER, msg, self.index[to])
            elif kind == SET_TIMER:
                self.timers[i][e[1]] = t + e[2]
                schedule(e[2], TIMER, i, e[1])
            elif kind == CANCEL_TIMER:
                self.timers[i].pop(e[1], None)

    def step(self, t: float, kind: int, a: Any, b: Any,
             schedule: Callable[[float, int, Any, Any], None]) -> bool:
        """Run one event; False when it is no step (a cancelled or re-armed timer)."""
        if kind == DELIVER:
            ctx = self.contexts[b]
            ctx.now = t
            self.apply(b, self.relay.on_message(self.states[b], a, ctx), a[1], t, schedule)
        elif kind == TIMER:
            if self.timers[a].get(b) != t:
                return False
            del self.timers[a][b]
            ctx = self.contexts[a]
            ctx.now = t
            self.apply(a, self.relay.on_timer(self.states[a], b, ctx), None, t, schedule)
        elif kind == START:
            ctx = self.contexts[a]
            self.apply(a, self.relay.on_start(self.states[a], ctx), None, t, schedule)
        return True

    def invariant(self) -> bool:
        return self.states[0]["forwarded"] >= 0


def prepare_kernel(nodes: int, tokens: int, until: float, seed: int) -> Prepared:
    env = simpy.Environment()
    ring = Ring(nodes, tokens, random.Random(seed))
    steps = [0]
    Timeout = simpy.Timeout

    def schedule(delay: float, kind: int, a: Any, b: Any) -> None:
        Timeout(env, delay, (kind, a, b)).callbacks.append(fire)

    def fire(event: simpy.Event) -> None:
        kind, a, b = event._value
        if ring.step(env._now, kind, a, b, schedule):
            steps[0] += 1
            if not ring.invariant():
                raise AssertionError("invariant broken")

    for i in range(nodes):
        schedule(0.0, START, i, None)

    def run() -> Run:
        start = time.process_time()
        env.run(until=until)
        elapsed = time.process_time() - start
        return steps[0], next(env._eid), elapsed

    return run


def prepare_heapq(nodes: int, tokens: int, until: float, seed: int) -> Prepared:
    ring = Ring(nodes, tokens, random.Random(seed))
    heap: list[tuple[float, int, int, Any, Any]] = []
    order = count()
    now = [0.0]

    def schedule(delay: float, kind: int, a: Any, b: Any) -> None:
        heappush(heap, (now[0] + delay, next(order), kind, a, b))

    for i in range(nodes):
        schedule(0.0, START, i, None)

    def run() -> Run:
        start = time.process_time()
        steps, step, invariant = 0, ring.step, ring.invariant
        while heap and heap[0][0] <= until:
            t, _, kind, a, b = heappop(heap)
            now[0] = t
            if step(t, kind, a, b, schedule):
                steps += 1
                if not invariant():
                    raise AssertionError("invariant broken")
        return steps, next(order), time.process_time() - start

    return run


def prepare(side: str, nodes: int, tokens: int, until: float, seed: int) -> Prepared:
    if side in ("engine", "every"):
        return prepare_engine(nodes, tokens, until, seed, side == "every")
    return {"simpy": prepare_simpy, "kernel": prepare_kernel, "heapq": prepare_heapq}[side](nodes, tokens, until, seed)


def instructions_per_event(side: str, nodes: int, args: argparse.Namespace) -> tuple[int, float]:
    """(model events, instructions per model event) of one run of `side` under callgrind, instrumented from
    the end of its set-up, less such a run that stops right after time 0."""
    def measure(until: float) -> tuple[int, int]:
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
                   sys.executable, __file__, "--only", side, "--nodes", str(nodes), "--tokens", str(args.tokens),
                   "--until", str(until), "--seed", str(args.seed)]
        hash_seed = {**os.environ, "PYTHONHASHSEED": "0"}  # string hashes steer dict probes: fix them to repeat a count
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=hash_seed)
        assert child.stdin is not None and child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{side} did not set up: {child.communicate()[1][-2000:]}")
        subprocess.run(["callgrind_control", "--instr=on", str(child.pid)], check=True, capture_output=True)
        out, err = child.communicate("go\n")
        if child.returncode:
            raise RuntimeError(f"{side} failed under valgrind: {err[-2000:]}")
        found = re.search(r"Collected : (\d+)", err)
        assert found is not None
        return int(out.split()[-1]), int(found.group(1))

    (events, total), (base_events, base) = measure(args.until), measure(1e-9)
    return events, (total - base) / (events - base_events)


def _table(sizes: list[int], per_event: dict[tuple[str, int], float], events: dict[tuple[str, int], int],
           unit: str) -> None:
    """Per size: each side's cost per model event, the engine's ratio to each reference (above 1: the engine
    is faster), and each side's cost against its own at the smallest size."""
    for n in sizes:
        print(f"  {n:,} nodes, {events['engine', n]:,} model events:")
        for side in SIDES:
            print(f"    {LABELS[side]:<24} {per_event[side, n]:>12,.2f} {unit} per model event")
        for engine in ("engine", "every"):
            ratios = ", ".join(f"{per_event[ref, n] / per_event[engine, n]:.2f}x {LABELS[ref]}"
                               for ref in ("simpy", "kernel", "heapq"))
            print(f"    ratio {LABELS[engine]} (reference cost / engine cost): {ratios}")
    if len(sizes) > 1:
        first = sizes[0]
        for side in SIDES:
            growth = ", ".join(f"{per_event[side, n] / per_event[side, first]:.2f}x at {n:,}" for n in sizes[1:])
            print(f"  {LABELS[side]}: cost per event against {first:,} nodes: {growth}")


def count_instructions(args: argparse.Namespace) -> None:
    per_event: dict[tuple[str, int], float] = {}
    events: dict[tuple[str, int], int] = {}
    for n in args.nodes:
        for side in SIDES:
            events[side, n], per_event[side, n] = instructions_per_event(side, n, args)
    print(f"ring, {args.tokens} tokens, until {args.until:g}; instructions counted by valgrind --tool=callgrind "
          "(independent of the machine's load)")
    _table(args.nodes, per_event, events, "instructions")


def time_sides(args: argparse.Namespace) -> None:
    per_event: dict[tuple[str, int], float] = {}
    events: dict[tuple[str, int], int] = {}
    for n in args.nodes:
        best: dict[str, Run] = {}
        for i in range(args.repeat):  # the order rotates: no side always runs right after another one
            for side in SIDES[i % len(SIDES):] + SIDES[:i % len(SIDES)]:
                result = prepare(side, n, args.tokens, args.until, args.seed)()
                if side not in best or result[-1] < best[side][-1]:
                    best[side] = result
        steps = best["engine"][0]
        mismatch = {s: r[0] for s, r in best.items() if s != "simpy" and r[0] != steps}
        if mismatch:
            raise AssertionError(f"the sides ran different steps: engine {steps}, {mismatch}")
        for side, (n_events, _, seconds) in best.items():
            events[side, n], per_event[side, n] = n_events, seconds / n_events * 1e6
    print(f"ring, {args.tokens} tokens, loss {LOSS}, delay U[{LOW},{HIGH}], timeout {TIMEOUT}, "
          f"until {args.until:g}; best of {args.repeat} alternating runs, CPU time")
    _table(args.nodes, per_event, events, "us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--until", type=float, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="alternate runs and keep each side's fastest")
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead")
    parser.add_argument("--only", choices=SIDES, help=argparse.SUPPRESS)  # one run under valgrind, its events
    args = parser.parse_args()
    if args.only:
        run = prepare(args.only, args.nodes[0], args.tokens, args.until, args.seed)
        print("ready", flush=True)
        sys.stdin.readline()  # instrumentation is switched on meanwhile
        print(run()[0])
        return
    if args.instructions:
        count_instructions(args)
    else:
        time_sides(args)


if __name__ == "__main__":
    main()
