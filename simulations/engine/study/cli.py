"""`python -m simulations.engine study MODEL.yaml --holarchy H [--levels ...] [--fault LEVEL=JSON] [--seeds N]
[--sample K] [--workers N] [--json]`.

Runs a level study in local processes and prints the roll-up the workers
store for the same study. Exit status 0: every studied level is survived;
1: some level is not; 2: the file, the model or the study's options are bad.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..badinput import bad_input
from ..modelcode import Issue, ModelError, dump_model, load_text
from .local import run_points
from .plan import StudyError, plan_study
from .rollup import roll_up


def _text(result: dict[str, Any]) -> str:
    lines = [f"{result['model']}: level study of holarchy {result['holarchy']}, {result['runs']} runs, "
             f"baseline {result['baseline']['outcome']}"]
    for lv in result["levels"]:
        survival = "n/a" if lv["survival"] is None else f"{lv['survival']:.0%}"
        worst = lv["worst"]
        line = f"level {lv['level']}: {lv['survived']}/{lv['failures']} failures survived ({survival})"
        if worst:
            line += f"; worst {worst['holon']}: {worst['outcome']} ({worst['why']})"
        lines.append(line)
    for f in result["failures"]:
        radius = "; ".join(f"{h}: {', '.join(hs)}" for h, hs in f["blast_radius"].items()) or "none"
        lines.append(f"  {f['level']}/{f['holon']}: {f['outcome']}, blast radius {radius}")
    lowest = result["lowest_unsurvived_level"]
    lines.append("every studied level is survived" if lowest is None
                 else f"lowest level whose failure is not survived: {lowest}")
    return "\n".join(lines)


def _faults(specs: list[str]) -> dict[str, Any]:
    out = {}
    for spec in specs:
        level, sep, text = spec.partition("=")
        try:
            if not sep:
                raise ValueError("expected LEVEL=JSON")
            out[level] = json.loads(text)
        except ValueError as exc:
            raise StudyError([Issue(f"faults/{level}", f"--fault {spec!r}: {exc}")]) from None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine study",
                                     description="Simulate a single-holon failure at every level of a holarchy.")
    parser.add_argument("model", type=Path)
    parser.add_argument("--holarchy", required=True)
    parser.add_argument("--levels", nargs="+", help="levels to study (default: all)")
    parser.add_argument("--fault", action="append", default=[], metavar="LEVEL=JSON",
                        help="a level's fault in the scenario format without its target, e.g. "
                             'node=\'{"crash": {"kind": "transient", "at": 50, "duration": 100}}\'')
    parser.add_argument("--seeds", type=int, default=1, help="runs per failure, seeds 0..N-1")
    parser.add_argument("--sample", type=int, help="study K holons per level, drawn with --sample-seed")
    parser.add_argument("--sample-seed", type=int, default=0)
    parser.add_argument("--until", type=float)
    parser.add_argument("--workers", type=int, default=1, help="processes running the points")
    parser.add_argument("--json", action="store_true", help="print the roll-up as JSON")
    args = parser.parse_args(argv)
    try:
        model = load_text(args.model.read_text())
        plan, points = plan_study(model, holarchy=args.holarchy, levels=args.levels, faults=_faults(args.fault),
                                  sample=args.sample, sample_seed=args.sample_seed, seeds=args.seeds,
                                  until=args.until)
        result = roll_up(plan, run_points(dump_model(model), points, workers=args.workers))
    except (OSError, ModelError) as exc:
        return bad_input(args.model, exc)
    except StudyError as exc:
        return bad_input(args.model, exc, "cannot be studied so")
    print(json.dumps(result, indent=2) if args.json else _text(result))
    return 0 if result["survives"] else 1
