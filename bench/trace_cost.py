"""What a trace costs: traced mode against summary mode, and trace bytes per step, before and after, side by side.

    .venv/bin/python bench/trace_cost.py [--before REV] [--repeat 3]

For each model it runs the engine in summary mode and traced as a worker runs it
(records into a ChunkWriter whose store frames and gzips each chunk as it is
complete, at the gzip level each stores with, at the worker's snapshot interval: TRACE_CHUNK_STEPS, scaled to the
model's size where the engine does), and prints CPU seconds of each (fastest of
--repeat, runs alternating), their ratio, and bytes per step of the records
(raw) and of the stored chunks (gzip). `--before REV` runs the same measurement on
the engine of git revision REV (checked out to a temporary folder, run in a
child process) and prints both side by side; it defaults to the last commit with
the JSON-lines encoding.

Models: the 100-component ring of bench/engine_vs_simpy.py (relays forwarding
tokens over lossy links, maps in their state that grow and shrink), the same
ring at 10 components, primary-backup-kv (examples/, a crash and lossy links), and a client and an
idempotent consumer whose persistent state grows with the run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "ad73781"  # main before holarchy-trace/v2: JSON lines, a snapshot every TRACE_CHUNK_STEPS steps
TRACE_CHUNK_STEPS = 1000  # the worker's default (settings.TRACE_CHUNK_STEPS)


def ring(nodes: int) -> dict[str, Any]:
    ids = [f"n{i}" for i in range(nodes)]
    return {
        "format": "holarchy/v1",
        "name": f"ring of {nodes}",
        "components": [{"id": n, "behavior": "relay",
                        "params": {"next": ids[(i + 1) % nodes], "timeout": 5.0, "tokens": nodes if i == 0 else 0}}
                       for i, n in enumerate(ids)],
        "links": [{"from": n, "to": ids[(i + 1) % nodes], "bidirectional": True, "loss": 0.05, "reorder": True,
                   "delay": {"dist": "uniform", "low": 0.5, "high": 1.5}} for i, n in enumerate(ids)],
        "holarchies": [{"name": "ring", "root": {"id": "all", "components": ids}}],
        "properties": {"safety": [{"name": "progress-is-counted", "always": "component['n0'].forwarded >= 0"}]},
        "scenarios": [{"name": "lossy"}],
    }


def client_server() -> dict[str, Any]:
    """A client retrying over a lossy link and an idempotent consumer, whose persistent maps and list grow with
    the run (bench/run_length.py's model, written here so that `--before` loads it with the old engine)."""
    return {
        "format": "holarchy/v1",
        "name": "client-server",
        "components": [{"id": "c0", "behavior": "client",
                        "params": {"server": "s0", "count": 10**9, "interval": 1.0, "timeout": 4, "retries": 2}},
                       {"id": "s0", "behavior": "idempotent_consumer"}],
        "links": [{"from": "c0", "to": "s0", "bidirectional": True, "loss": 0.02,
                   "delay": {"dist": "uniform", "low": 0.5, "high": 1.5}}],
        "holarchies": [{"name": "all", "root": {"id": "all", "components": ["c0", "s0"]}}],
        "properties": {"safety": [{"name": "invariant", "always": "component['s0'].handled >= 0"}]},
        "scenarios": [{"name": "lossy"}],
    }


def models() -> list[tuple[str, Any, float, str | None]]:
    """(label, model, until, scenario)."""
    from simulations.engine.modelcode import load_model, load_text

    kv = load_text((ROOT / "examples" / "primary-backup-kv.yaml").read_text())
    return [("ring, 100 components", load_model(ring(100)), 300.0, None),
            ("ring, 10 components", load_model(ring(10)), 3000.0, None),
            ("primary-backup-kv", kv, 20000.0, "backup-crash"),
            ("client/server", load_model(client_server()), 1000.0, None)]


def measure(repeat: int) -> list[dict[str, Any]]:
    """This engine's numbers (the one on sys.path)."""
    from simulations.engine import trace
    from simulations.engine.simulator import Simulator

    scaled = getattr(trace, "snapshot_interval", None)
    try:
        from simulations.engine.tracecodec import for_line
    except ImportError:  # the JSON-lines engine: records are text, a chunk is its lines joined, gzip level 6
        level = 6

        def frame(lines: list[Any]) -> bytes:
            return "\n".join(lines).encode()
    else:
        level = 1  # simulations.traces.COMPRESS_LEVEL

        def frame(lines: list[Any]) -> bytes:
            return for_line(lines[0]).frame(lines) if lines else b""

    rows = []
    for label, model, until, scenario in models():
        every = scaled(TRACE_CHUNK_STEPS, len(model.components)) if scaled else TRACE_CHUNK_STEPS
        summary, traced, sizes = [], [], {}
        for _ in range(repeat):
            steps, seconds, _ = _run(Simulator, None, model, until, scenario, every)
            summary.append(seconds)
            sizes = {"raw": 0, "stored": 0}
            traced.append(_run(Simulator, trace.ChunkWriter(_storer(sizes, frame, level), every), model, until,
                               scenario, every)[1])
        rows.append({"model": label, "steps": steps, "snapshot_every": every, "summary_s": min(summary),
                     "traced_s": min(traced), "raw_per_step": sizes["raw"] / steps,
                     "stored_per_step": sizes["stored"] / steps})
    return rows


def _storer(sizes: dict[str, int], frame: Any, level: int) -> Any:
    """A chunk store that frames and gzips each chunk, as the worker does, and counts the bytes."""

    def store(chunk: Any) -> None:
        blob = frame(chunk.lines)
        sizes["raw"] += len(blob)
        sizes["stored"] += len(gzip.compress(blob, compresslevel=level))

    return store


def _run(simulator: Any, sink: Any, model: Any, until: float, scenario: str | None, every: int) -> tuple:
    """(steps, CPU seconds, simulator) of one run: summary mode without a sink, else traced into it."""
    sim = simulator(model, seed=1, until=until, scenario=scenario, trace=sink is not None, snapshot_every=every,
                    trace_sink=sink)
    started = time.process_time()
    steps = sim.run()["steps"]
    if sink is not None:
        sink.close()
    return steps, time.process_time() - started, sim


def before(rev: str, repeat: int) -> list[dict[str, Any]]:
    """The same measurement on the engine of `rev`, in a child process over a checkout of it."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "simulations/engine", "examples"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory(prefix="trace-cost-") as folder:
        tarfile.open(fileobj=BytesIO(archive)).extractall(folder, filter="data")
        env = {**os.environ, "PYTHONPATH": folder}
        out = subprocess.run([sys.executable, __file__, "--measure", "--root", folder, "--repeat", str(repeat)],
                             check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def main() -> None:
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=BEFORE, help="git revision to compare with ('' for none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help="print this engine's numbers as JSON (internal)")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args()
    ROOT = Path(args.root)
    if args.measure:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(args.repeat)))
        return
    sys.path.insert(0, str(ROOT))
    old = before(args.before, args.repeat) if args.before else None
    new = measure(args.repeat)
    print(f"{'model':<22} {'steps':>7} | {'':>6} {'K':>6} {'summary s':>9} {'traced s':>9} {'traced/summary':>14}"
          f" {'raw B/step':>10} {'gzip B/step':>11}")
    for k, row in enumerate(new):
        for name, r in ([("before", old[k])] if old else []) + [("after", row)]:
            print(f"{r['model'] if name != 'after' or not old else '':<22} {r['steps']:>7} | {name:>6}"
                  f" {r['snapshot_every']:>6} {r['summary_s']:>9.3f} {r['traced_s']:>9.3f}"
                  f" {r['traced_s'] / r['summary_s']:>13.2f}x {r['raw_per_step']:>10.0f} {r['stored_per_step']:>11.0f}")
        if old:
            o = old[k]
            print(f"{'':<22} {'':>7} | {'ratio':>6} {'':>6} {'':>9} {o['traced_s'] / row['traced_s']:>8.2f}x"
                  f" {'':>14} {o['raw_per_step'] / row['raw_per_step']:>9.2f}x"
                  f" {o['stored_per_step'] / row['stored_per_step']:>10.2f}x")


if __name__ == "__main__":
    main()
