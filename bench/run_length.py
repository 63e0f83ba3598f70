"""Engine cost per event as a run grows longer and a model grows larger: `python bench/run_length.py`.

Run length: one client sends a request every time unit to a plain server over
a link that loses LOSS of its messages, retrying after a timeout; the server
remembers every request it applied (`applied`, `seen`), so its state grows with
the run. The same model runs 1x, 3x and 10x as long; a cost per event flat in
run length means an update does not copy what the state already holds.

Model size: N components, N/2 client and idempotent-consumer pairs, the
request rate of the whole model held constant (each client's interval is N/2),
so every size runs about the same events. Once with an invariant over all
components (`all(... for c in components if ...)`), once with one that names
a single component; the ratio says what reading `components` costs.

Times are CPU seconds of the run alone (set-up excluded), each the best of
`--repeat` alternating runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulations.engine.modelcode import Model, load_model  # noqa: E402
from simulations.engine.simulator import Simulator  # noqa: E402

LOSS = 0.02
ALL = "all(c.duplicates == 0 for c in components if c.behavior == 'idempotent_consumer')"
ONE = "component['s0'].duplicates == 0"


def _pair(k: int, interval: float, count: int, server: str) -> list[dict[str, Any]]:
    return [{"id": f"c{k}", "behavior": "client",
             "params": {"server": f"s{k}", "count": count, "interval": interval, "timeout": 4, "retries": 2}},
            {"id": f"s{k}", "behavior": server}]


def model(pairs: int, interval: float, count: int, server: str, invariant: str) -> Model:
    components = [c for k in range(pairs) for c in _pair(k, interval, count, server)]
    return load_model({
        "format": "holarchy/v1", "name": "client-server",
        "components": components,
        "links": [{"from": f"c{k}", "to": f"s{k}", "bidirectional": True, "loss": LOSS,
                   "delay": {"dist": "uniform", "low": 0.5, "high": 1.5}} for k in range(pairs)],
        "holarchies": [{"name": "all", "root": {"id": "all", "components": [c["id"] for c in components]}}],
        "properties": {"safety": [{"name": "invariant", "always": invariant}]},
        "scenarios": [{"name": "lossy"}],
    })


def cost_per_event(loaded: Model, until: float) -> tuple[int, float]:
    """(steps, CPU microseconds per step) of one summary-mode run."""
    sim = Simulator(loaded, seed=1, until=until)
    start = time.process_time()
    steps = sim.run()["steps"]
    return steps, (time.process_time() - start) / steps * 1e6


def best(runs: dict[str, tuple[Model, float]], repeat: int) -> dict[str, tuple[int, float]]:
    """Each run's fastest of `repeat`, the runs alternating."""
    found: dict[str, tuple[int, float]] = {}
    names = list(runs)
    for i in range(repeat):
        for name in names[i % len(names):] + names[:i % len(names)]:
            result = cost_per_event(*runs[name])
            if name not in found or result[1] < found[name][1]:
                found[name] = result
    return found


def run_length(base: float, repeat: int) -> None:
    factors = (1, 3, 10)
    loaded = model(1, 1.0, 10**9, "server", "component['s0'].handled >= 0")
    found = best({f"{f}x": (loaded, base * f) for f in factors}, repeat)
    print(f"run length: one client, a plain server, a request per time unit, loss {LOSS}; 1x = until {base:g}")
    for f in factors:
        steps, us = found[f"{f}x"]
        print(f"  {f:>2}x: {steps:>7,} steps, {us:6.2f} us per step, {us / found['1x'][1]:.2f}x the cost at 1x")


def model_size(sizes: list[int], requests: int, repeat: int) -> None:
    print(f"model size: N/2 client and idempotent-consumer pairs, {requests:,} requests in all")
    print(f"  over all components: {ALL}")
    print(f"  naming one:          {ONE}")
    first: dict[str, float] = {}
    for n in sizes:
        pairs = n // 2
        count = max(1, requests // pairs)
        until = count * pairs + 50.0
        runs = {kind: (model(pairs, float(pairs), count, "idempotent_consumer", text), until)
                for kind, text in (("all", ALL), ("one", ONE))}
        found = best(runs, repeat)
        (steps, all_us), (_, one_us) = found["all"], found["one"]
        first = first or {"all": all_us, "one": one_us}
        print(f"  {n:>5,} components, {steps:,} steps: over all {all_us:6.2f} us per step, naming one "
              f"{one_us:6.2f} us; ratio all / one {all_us / one_us:.2f}x; against {sizes[0]:,} components: "
              f"all {all_us / first['all']:.2f}x, one {one_us / first['one']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--until", type=float, default=1000, help="the 1x run length")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--requests", type=int, default=3000, help="requests of the whole model, per size")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run_length(args.until, args.repeat)
    model_size(args.sizes, args.requests, args.repeat)


if __name__ == "__main__":
    main()
