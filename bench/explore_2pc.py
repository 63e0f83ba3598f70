"""Benchmark: exhaustive exploration of two-phase commit with N participants.

Message loss is allowed on every link and the coordinator may crash once (and
recover, its state being durable). For N = 2..5 it prints distinct states,
transitions, time and distinct states per second of the explorer, and of a
straightforward baseline (plain breadth-first search over full copies of the
global state, calling the same behaviors without caching) on the same model,
so both are measured in the same run and must agree on the counts. Each
measurement runs in a fresh process, so peak memory is per N. Times are CPU
seconds of that process (on a shared machine wall time also counts others' work);
the explorer's row is the fastest of --repeat runs, the baseline runs once.

    python bench/explore_2pc.py [--max-n 5] [--baseline-max-n 4] [--crossing 0]

With --crossing N it measures what a hash-partitioned search over two processes
would pay per successor sent to the other one, at its cheapest (the state's
interned ids packed as 64-bit ints, unpacked, translated through a table to
the receiver's ids; the partition is the state's hash), next to the serial
search's cost per transition, on the first 300,000 states at that N; and the
best speed-up two processes could then reach (half the successors cross).
"""

from __future__ import annotations

import argparse
import array
import copy
import json
import multiprocessing
import resource
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from simulations.engine.behaviors.effects import CANCEL_TIMER, REPLY, SEND, SET_TIMER  # noqa: E402
from simulations.engine.explore.loading import load_spec  # noqa: E402
from simulations.engine.explore.search import Bounds, breadth_first, per_components  # noqa: E402
from simulations.engine.explore.system import System  # noqa: E402


def model(n: int) -> dict[str, Any]:
    """Two-phase commit with n participants, lossy links, one coordinator crash (durable state).

    The coordinator is declarative so the model stays the textbook protocol
    (no acknowledgements, no periodic resend) whose space is finite and small
    enough to count at N = 5; on restart it presumes abort or resends its decision.
    """
    parts = [f"p{k}" for k in range(1, n + 1)]

    def tell(decision: str) -> list[dict[str, Any]]:
        return [{"send": {"to": f"'{p}'", "type": "decision", "payload": {"decision": f"'{decision}'"}}} for p in parts]

    def decide(decision: str) -> list[dict[str, Any]]:
        return [{"assign": {"decision": f"'{decision}'"}}, {"cancel_timer": "timeout"}, *tell(decision)]

    coordinator = {
        "variables": {"decision": "", "prepared": False, "votes": []},
        "handlers": [
            {
                "on": "start",
                "guard": "not prepared",
                "actions": [
                    {"assign": {"prepared": "True"}},
                    *({"send": {"to": f"'{p}'", "type": "prepare", "payload": {}}} for p in parts),
                    {"set_timer": {"name": "timeout", "after": 10}},
                ],
            },
            {"on": "start", "guard": "decision == ''", "actions": decide("abort")},
            {
                "on": "start",
                "actions": [
                    {"send": {"to": f"'{p}'", "type": "decision", "payload": {"decision": "decision"}}} for p in parts
                ],
            },
            {
                "on": {"message": "vote"},
                "guard": f"decision == '' and msg.payload.vote == 'yes' and len(set(votes) | {{msg.sender}}) == {n}",
                "actions": [{"assign": {"votes": "sorted(set(votes) | {msg.sender})"}}, *decide("commit")],
            },
            {
                "on": {"message": "vote"},
                "guard": "decision == '' and msg.payload.vote == 'yes'",
                "actions": [{"assign": {"votes": "sorted(set(votes) | {msg.sender})"}}],
            },
            {"on": {"message": "vote"}, "guard": "decision == ''", "actions": decide("abort")},
            {"on": {"timer": "timeout"}, "guard": "decision == ''", "actions": decide("abort")},
        ],
    }
    participant = {
        "variables": {"voted": False, "decision": ""},
        "handlers": [
            {
                "on": {"message": "prepare"},
                "actions": [{"assign": {"voted": "True"}}, {"reply": {"type": "vote", "payload": {"vote": "'yes'"}}}],
            },
            {"on": {"message": "decision"}, "actions": [{"assign": {"decision": "msg.payload.decision"}}]},
        ],
    }
    return {
        "format": "holarchy/v1",
        "name": f"Two-phase commit, {n} participants",
        "components": [
            {"id": "coordinator", "behavior": "coordinator", "state": "durable"},
            *({"id": p, "behavior": "participant"} for p in parts),
        ],
        "behaviors": {"coordinator": coordinator, "participant": participant},
        "links": [{"from": "coordinator", "to": p, "bidirectional": True, "loss": 0.1} for p in parts],
        "holarchies": [{"name": "flat", "root": {"id": "all", "components": ["coordinator", *parts]}}],
        "properties": {
            "safety": [{"name": "agreement", "always": "len(set(c.decision for c in components if c.decision)) <= 1"}]
        },
        "scenarios": [
            {
                "name": "crash",
                "faults": [{"crash": {"component": "coordinator", "kind": "transient", "at": 5, "duration": 10}}],
            }
        ],
        "explore": {"crashes": 1},
    }


def explorer_run(n: int) -> dict[str, Any]:
    spec, _ = load_spec(model(n))
    system = System(spec)
    agreement = spec.properties[0].holds
    check = per_components(system, lambda env: () if agreement(env) else ("agreement",))
    start = time.process_time()
    search = breadth_first(system, Bounds(), check=check)
    seconds = time.process_time() - start
    assert not search.violations
    assert not system.saturated()  # at most two copies of a message in flight: counted exactly, like the baseline
    return {"states": len(search.parent), "transitions": search.transitions, "seconds": seconds}


class Baseline:
    """Plain BFS: a state is a dict of component states, timers and link queues, deep-copied per step."""

    def __init__(self, n: int) -> None:
        spec, _ = load_spec(model(n))
        self.spec = spec
        self.ids = [c.id for c in spec.components]
        self.links = {(self.ids[lk.src], self.ids[lk.dst]) for lk in spec.links}

    def initial(self) -> dict[str, Any]:
        state = {
            "up": {},
            "local": {},
            "timers": {},
            "net": {f"{a}>{b}": [] for a, b in sorted(self.links)},
            "crashes": 0,
            "down": False,
        }
        for c in self.spec.components:
            state["up"][c.id] = True
            state["local"][c.id] = c.program.init()
            state["timers"][c.id] = []
            self.effects(state, c.id, c.program.start(copy.deepcopy(state["local"][c.id])), None)
        return state

    def effects(self, state: dict[str, Any], me: str, outcome, reply_to: str | None) -> None:
        local, effects = outcome
        state["local"][me] = local
        for e in effects:
            if e[0] in (SEND, REPLY):
                to, mtype, payload = e[1:] if e[0] == SEND else (reply_to, *e[1:])
                queue = state["net"].get(f"{me}>{to}")
                if queue is not None:  # every copy counts: a resend after a restart is received again
                    queue.append([mtype, payload])
            elif e[0] == SET_TIMER and e[1] not in state["timers"][me]:
                state["timers"][me] = sorted([*state["timers"][me], e[1]])
            elif e[0] == CANCEL_TIMER and e[1] in state["timers"][me]:
                state["timers"][me] = [t for t in state["timers"][me] if t != e[1]]

    def successors(self, state: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        programs = {c.id: c.program for c in self.spec.components}
        for me, timers in state["timers"].items():
            for name in timers:
                nxt = copy.deepcopy(state)
                nxt["timers"][me] = [t for t in timers if t != name]
                self.effects(nxt, me, programs[me].timer(nxt["local"][me], name), None)
                out.append(nxt)
        for key, queue in state["net"].items():
            if not queue:
                continue
            src, dst = key.split(">")
            for lose in (False, True):
                nxt = copy.deepcopy(state)
                kind, payload = nxt["net"][key].pop(0)
                if not lose and nxt["up"][dst]:
                    msg = (0, src, dst, kind, payload)
                    self.effects(nxt, dst, programs[dst].message(nxt["local"][dst], msg), src)
                out.append(nxt)
        if not state["down"] and state["crashes"] < 1:
            nxt = copy.deepcopy(state)
            nxt.update(down=True, crashes=1)
            nxt["up"]["coordinator"] = False
            nxt["timers"]["coordinator"] = []
            out.append(nxt)
        elif state["down"]:
            nxt = copy.deepcopy(state)
            nxt["down"] = False
            nxt["up"]["coordinator"] = True
            prog = programs["coordinator"]
            self.effects(nxt, "coordinator", prog.start(copy.deepcopy(nxt["local"]["coordinator"])), None)
            out.append(nxt)
        return out

    def run(self) -> dict[str, Any]:
        start = time.process_time()
        first = self.initial()
        seen = {json.dumps(first, sort_keys=True)}
        queue = deque([first])
        transitions = 0
        while queue:
            for nxt in self.successors(queue.popleft()):
                transitions += 1
                key = json.dumps(nxt, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    queue.append(nxt)
        return {"states": len(seen), "transitions": transitions, "seconds": time.process_time() - start}


def baseline_run(n: int) -> dict[str, Any]:
    return Baseline(n).run()


def crossing(n: int) -> dict[str, float]:
    """CPU microseconds per transition of the serial search, and per successor crossing between processes."""
    system = System(load_spec(model(n))[0])
    start = time.process_time()
    search = breadth_first(system, Bounds(max_states=300_000))
    serial = (time.process_time() - start) / search.transitions
    states = list(search.parent)
    width = len(states[0])
    table = list(range(max(max(s) for s in states) + 1))  # the receiver's id for each of the sender's
    start = time.process_time()
    owners = [hash(s) & 1 for s in states]
    blob = array.array("q", [v for s in states for v in s]).tobytes()
    ints = array.array("q")
    ints.frombytes(blob)
    received = [tuple(map(table.__getitem__, ints[k:k + width])) for k in range(0, len(ints), width)]
    cross = (time.process_time() - start) / len(states)
    assert len(received) == len(owners) == len(states)
    return {"serial_us": serial * 1e6, "cross_us": cross * 1e6,
            "best_speedup": 2 * serial / (serial + cross / 2)}


def _measure(job: tuple[str, int]) -> dict[str, Any]:
    kind, n = job
    result = explorer_run(n) if kind == "explorer" else baseline_run(n)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure(kind: str, n: int, repeat: int = 1) -> dict[str, Any]:
    """The fastest of `repeat` runs, each in a fresh process (cold caches, its own peak memory)."""
    runs = []
    for _ in range(repeat):
        with multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
            runs.append(pool.apply(_measure, ((kind, n),)))
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-n", type=int, default=5)
    parser.add_argument("--baseline-max-n", type=int, default=4, help="the baseline is slow; larger N takes minutes")
    parser.add_argument("--repeat", type=int, default=3, help="explorer runs per N; the fastest counts")
    parser.add_argument("--crossing", type=int, default=0, help="N at which to measure a successor's crossing")
    args = parser.parse_args()
    header = f"{'N':>2} | {'states':>9} {'transitions':>11} {'CPU s':>8} {'states/s':>9} {'peak MiB':>8}"
    print(header + f" | {'baseline states':>15} {'CPU s':>8} {'states/s':>9} | {'speed-up':>8}")
    for n in range(2, args.max_n + 1):
        ours = measure("explorer", n, args.repeat)
        rate = ours["states"] / ours["seconds"]
        line = (
            f"{n:>2} | {ours['states']:>9,} {ours['transitions']:>11,} {ours['seconds']:>8.2f} {rate:>9,.0f}"
            f" {ours['peak_mib']:>8.0f}"
        )
        if n <= args.baseline_max_n:
            base = measure("baseline", n)
            assert (base["states"], base["transitions"]) == (ours["states"], ours["transitions"]), (base, ours)
            base_rate = base["states"] / base["seconds"]
            line += f" | {base['states']:>15,} {base['seconds']:>8.2f} {base_rate:>9,.0f} | {rate / base_rate:>7.1f}x"
        print(line, flush=True)
    if args.crossing:
        c = crossing(args.crossing)
        print(f"N={args.crossing}: serial {c['serial_us']:.2f} us per transition; a successor crossing to the other "
              f"process {c['cross_us']:.2f} us; two processes at best {c['best_speedup']:.2f}x serial")

if __name__ == "__main__":
    main()
