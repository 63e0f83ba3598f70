"""`python -m simulations.engine explore MODEL.yaml [--json] [--max-states N] [--max-depth N] ...`.

Prints counts, a verdict per property and counterexample lengths; exits 1
when a property is violated, 0 otherwise (an incomplete run says so and
claims nothing), 2 when the model cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulations.engine.modelcode import ModelError

from .explorer import explore
from .search import Bounds


def _text(summary: dict[str, Any]) -> str:
    state = "complete" if summary["complete"] else f"INCOMPLETE (stopped by {summary['stopped_by']})"
    lines = [
        f"{summary['model']}: {summary['states']:,} states, {summary['transitions']:,} transitions, "
        f"depth {summary['depth']}, {summary['seconds']:.2f} s, {state}",
        f"terminal states: {summary['terminal_states'] or 'none'}; deadlocks: {summary['deadlocks']}",
    ]
    if summary["interleavings"] is not None:
        lines.append(f"interleavings: {summary['interleavings']:,}")
    for p in summary["properties"]:
        more = f", counterexample of {p['counterexample_length']} steps" if p["verdict"] == "violated" else ""
        if p.get("dead_end"):
            more += " (ends in a dead end)"
        elif p.get("loop_length"):
            more += f" (loop of {p['loop_length']})"
        lines.append(f"{p['kind']} {p['name']}: {p['verdict']}{more}")
    for race in summary.get("serializability", ()):
        verdict = "serializable" if race["serializable"] else "NOT serializable"
        lines.append(f"outcome {race['outcome']!r}: {verdict} ({race['terminal_states']} terminal states)")
    return "\n".join(lines)


def _problem(model: Path, exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read {model}: {exc.strerror}"
    return "\n  ".join([f"{model} is not a valid model:", *map(str, exc.issues)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine explore",
                                     description="Explore every behavior of a model (exhaustive model checking).")
    parser.add_argument("model", type=Path)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--max-states", type=int)
    parser.add_argument("--max-depth", type=int)
    parser.add_argument("--max-seconds", type=float)
    parser.add_argument("--workers", type=int, default=1, help="processes that expand each level")
    parser.add_argument("--scenario")
    args = parser.parse_args(argv)
    try:
        result = explore(args.model, bounds=Bounds(args.max_states, args.max_depth, args.max_seconds),
                         scenario=args.scenario, workers=args.workers)
    except (OSError, ModelError) as exc:
        print(f"error: {_problem(args.model, exc)}", file=sys.stderr)
        return 2
    summary = result.summary
    print(json.dumps(summary, indent=2, default=str) if args.json else _text(summary))
    return 1 if any(p["verdict"] == "violated" for p in summary["properties"]) else 0
