"""Engine versus SimPy on one message-passing model: `python bench/engine_vs_simpy.py [--nodes N] [--until T]`.

The model: N nodes in a ring forward tokens; every link loses a message with
probability LOSS and delays it uniformly in [LOW, HIGH]; a sender retransmits
a token every TIMEOUT until the next node acks it; a receiver forwards each
hop of a token once. Both sides count the same model events: message
arrivals (delivered or dropped) and retransmission timeouts (the engine also
counts its N start steps). The engine runs in summary mode with the fault
model (loss, delay) active and one safety invariant checked after every step.
By default the engine re-evaluates an invariant only after a step that
changed a component record the invariant reads (it provably has the value it
had); the run with `evaluate_every_step` evaluates it after every step, and
both rates are printed. SimPy's own scheduler events (about five per model
event) are printed for reference. Times are CPU seconds of this process
(time.process_time), runs alternate and each side keeps its fastest of
`--repeat`, so a busy shared machine skews the ratio less.

`--instructions` counts instead of timing: each side runs once under
valgrind's callgrind (less a run stopped at time 0: start-up and set-up), which gives
the same count whatever else the machine is doing. The count is a little
unfair to the engine: valgrind hides the CPU's SHA extensions, so the sha256
behind `trace_hash` costs several hundred instructions per step there and a
few nanoseconds per step on the real CPU.
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
from pathlib import Path

import simpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulations.engine.modelcode import load_model  # noqa: E402
from simulations.engine.simulator import Simulator  # noqa: E402

LOSS, LOW, HIGH, TIMEOUT = 0.05, 0.5, 1.5, 5.0


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


def run_engine(nodes: int, tokens: int, until: float, seed: int, every_step: bool) -> tuple[int, int, float]:
    """(steps, steps after which the invariant was evaluated, CPU seconds) of one summary-mode run."""
    sim = Simulator(load_model(engine_model(nodes, tokens)), seed=seed, until=until)
    sim.evaluate_every_step = every_step
    start = time.process_time()  # like SimPy's, the clock covers the run, not the set-up
    summary = sim.run()
    return summary["steps"], sim.evaluated_steps, time.process_time() - start


def run_simpy(nodes: int, tokens: int, until: float, seed: int) -> tuple[int, int, float]:
    env = simpy.Environment()
    rng = random.Random(seed)
    inboxes = [simpy.Store(env) for _ in range(nodes)]
    acks: list[dict[tuple[str, int], simpy.Event]] = [{} for _ in range(nodes)]
    last_hop: list[dict[str, int]] = [{} for _ in range(nodes)]
    counted = [0]

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
    start = time.process_time()
    env.run(until=until)
    elapsed = time.process_time() - start
    return counted[0], next(env._eid), elapsed


def sides(nodes: int, tokens: int, until: float, seed: int) -> dict[str, Callable[[], tuple]]:
    return {"engine": lambda: run_engine(nodes, tokens, until, seed, False),
            "every": lambda: run_engine(nodes, tokens, until, seed, True),
            "simpy": lambda: run_simpy(nodes, tokens, until, seed)}


def instructions_per_event(side: str, args: argparse.Namespace) -> tuple[int, float]:
    """(model events, instructions per model event) of one run of `side` under callgrind, less a run that stops
    right after time 0."""
    def measure(until: float) -> tuple[int, int]:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
                   "--only", side, "--nodes", str(args.nodes), "--tokens", str(args.tokens), "--until", str(until),
                   "--seed", str(args.seed)]
        hash_seed = {**os.environ, "PYTHONHASHSEED": "0"}  # string hashes steer dict probes: fix them to repeat a count
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=hash_seed)
        return int(done.stdout.split()[-1]), int(re.search(r"Collected : (\d+)", done.stderr).group(1))

    (events, total), (base_events, base) = measure(args.until), measure(1e-9)  # the base: the set-up alone
    return events, (total - base) / (events - base_events)


def count_instructions(args: argparse.Namespace) -> None:
    counts = {side: instructions_per_event(side, args) for side in ("engine", "every", "simpy")}
    print(f"ring of {args.nodes} nodes, {args.tokens} tokens, until {args.until:g}; instructions counted by "
          "valgrind --tool=callgrind (independent of the machine's load)")
    for side, label in (("engine", "engine"), ("every", "engine, invariant evaluated every step"),
                        ("simpy", "simpy")):
        events, per_event = counts[side]
        print(f"{label}: {events} model events, {per_event:,.0f} instructions per model event")
    simpy = counts["simpy"][1]
    print(f"ratio (simpy / engine instructions per model event): {simpy / counts['engine'][1]:.2f}x "
          f"({simpy / counts['every'][1]:.2f}x evaluating the invariant every step)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10)
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--until", type=float, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="alternate runs and keep each side's fastest")
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead")
    parser.add_argument("--only", choices=("engine", "every", "simpy"), help=argparse.SUPPRESS)  # one run, its events
    args = parser.parse_args()
    if args.only:
        print(sides(args.nodes, args.tokens, args.until, args.seed)[args.only]()[0])
        return
    if args.instructions:
        count_instructions(args)
        return
    runs = sides(args.nodes, args.tokens, args.until, args.seed)
    best: dict[str, tuple] = {}
    names = list(runs)
    for i in range(args.repeat):  # the order rotates: no side always runs right after another one
        for name in names[i % 3:] + names[:i % 3]:
            result = runs[name]()
            if name not in best or result[-1] < best[name][-1]:
                best[name] = result
    (steps, evaluations, engine_s), (steps_every, evaluations_every, every_s) = best["engine"], best["every"]
    events, raw, simpy_s = best["simpy"]
    assert steps_every == steps  # the same run either way
    engine_rate, every_rate, simpy_rate = steps / engine_s, steps / every_s, events / simpy_s
    print(f"ring of {args.nodes} nodes, {args.tokens} tokens, loss {LOSS}, delay U[{LOW},{HIGH}], "
          f"timeout {TIMEOUT}, until {args.until:g}; best of {args.repeat} alternating runs, CPU time")
    print(f"engine: {steps} model events in {engine_s:.2f} CPU s = {engine_rate:,.0f} events/s "
          f"(summary mode, fault model on, 1 invariant checked per step: evaluated after {evaluations} steps, "
          f"skipped when the record it reads did not change)")
    print(f"engine, invariant evaluated every step: evaluated after {evaluations_every} steps in {every_s:.2f} CPU s "
          f"= {every_rate:,.0f} events/s")
    print(f"simpy:  {events} model events in {simpy_s:.2f} CPU s = {simpy_rate:,.0f} events/s "
          f"({raw} SimPy scheduler events = {raw / simpy_s:,.0f}/s)")
    print(f"ratio (engine / simpy, model events per second): {engine_rate / simpy_rate:.2f}x "
          f"({every_rate / simpy_rate:.2f}x evaluating the invariant every step)")


if __name__ == "__main__":
    main()
