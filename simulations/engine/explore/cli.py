"""`python -m simulations.engine explore MODEL.yaml [--json] [--max-states N] [--max-depth N] ...`.

Prints counts, a verdict per property and counterexample lengths. The exit
code tells CI "verified" from "inconclusive": 0 every property holds on a
complete search, 1 something is violated, 2 the input is invalid (the model,
an option, an expression that fails while exploring), 3 the search was cut by
a bound and found nothing violated.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from simulations.engine.badinput import bad_input
from simulations.engine.modelcode import ModelError

from .explorer import explore
from .search import Bounds

EXIT_CODES = {"holds": 0, "violated": 1, "incomplete": 3}
"""By the summary's verdict; invalid input is 2, as for every engine command (`badinput.py`)."""


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
        if p.get("shortest") is False:
            more += " (found under partial-order reduction: may not be a shortest one)"
        if p.get("dead_end"):
            more += " (ends in a dead end)"
        elif p.get("loop_length"):
            more += f" (loop of {p['loop_length']})"
        lines.append(f"{p['kind']} {p['name']}: {p['verdict']}{more}")
    for race in summary.get("serializability", ()):
        verdict = {True: "serializable", False: "NOT serializable", None: "unknown (serial orders cut by a bound)"}[
            race["serializable"]]
        lines.append(f"outcome {race['outcome']!r}: {verdict} ({race['terminal_states']} terminal states)")
    lines += _reductions(summary["reductions"])
    lines.append(f"verdict: {summary['verdict']}")
    return "\n".join(lines)


def _reductions(notes: dict[str, Any]) -> list[str]:
    sym, por = notes["symmetry"], notes["partial_order_reduction"]
    lines = []
    if sym["groups"]:
        lines.append("symmetry: " + "; ".join(", ".join(g) for g in sym["groups"]) + " explored once per renaming")
    if "requested" in sym:
        asked = "; ".join(", ".join(g) for g in sym["requested"])
        lines.append(f"symmetry {asked} not applied as declared: {sym['reason']}")
    for drop in sym.get("dropped", ()):
        lines.append(f"  {drop['component']} left out of its group: {drop['path']} names it ({drop['text']!r})")
    if por["applied"]:
        lines.append("partial-order reduction: applied")
    elif por["requested"]:
        lines.append(f"partial-order reduction: not applied ({por['reason']})")
    return lines


def _at_least(low: float, kind: type) -> Any:
    def parse(text: str) -> Any:
        value = kind(text)
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine explore",
                                     description="Explore every behavior of a model (exhaustive model checking).")
    parser.add_argument("model", type=Path)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--max-states", type=_at_least(1, int))
    parser.add_argument("--max-depth", type=_at_least(0, int))
    parser.add_argument("--max-seconds", type=_at_least(0.001, float))
    parser.add_argument("--scenario")
    args = parser.parse_args(argv)
    try:
        result = explore(args.model, bounds=Bounds(args.max_states, args.max_depth, args.max_seconds),
                         scenario=args.scenario)
    except (OSError, ModelError) as exc:
        return bad_input(args.model, exc)
    summary = result.summary
    print(json.dumps(summary, indent=2, default=str) if args.json else _text(summary))
    return EXIT_CODES[summary["verdict"]]
