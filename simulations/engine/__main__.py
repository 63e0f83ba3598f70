"""CLI: `python -m simulations.engine run MODEL.yaml --seed N [--scenario S | --no-faults] [--until T]
[--stop-at-violation] [--json]`; `explore`, `study`, `compare`, `breaking` and `guide` have their own modules (their
packages' cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .api import simulate
from .badinput import bad_input
from .modelcode import ModelError, load_text
from .modelcode.model import NO_FAULTS


def _text_report(s: dict[str, Any]) -> str:
    m = s["messages"]
    scenario = s["scenario"] or "(none: no faults)"
    lines = [
        f"{s['model']} / scenario {scenario} / seed {s['seed']}: {s['steps']} steps, stopped by {s['stopped']}"
        f" at t={s['end_time']:g}",
        f"messages: sent {m['sent']}, delivered {m['delivered']}, dropped {m['dropped']}, duplicated {m['duplicated']}",
        f"crashes: {s['crashes']}",
    ]
    for p in s["safety"] + s["liveness"]:
        where = f" at step {p['step']} (t={p['time']:g}) involving {', '.join(p['components']) or '-'}" \
            if p["step"] is not None else ""
        status = p["status"]
        if status == "not_checked":
            status = f"not checked after step {p['checked_until']}"
        elif p["violations"] > 1:
            status = f"violated {p['violations']} times, first"
        lines.append(f"{p['kind']} {p['name']}: {status}{where}")
    for slo in s["slos"]:
        verdict = "met" if slo["met"] else "MISSED"
        lines.append(f"SLO {slo['name']} ({slo['holarchy']}/{slo['holon']}): {verdict}, sli {slo['sli_value']}, "
                     f"budget consumed {slo['budget_consumed']:.2f}")
    lines.append(f"trace hash: {s['trace_hash']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    # `explore`, `study`, `compare`, `breaking` and `guide` parse their own options (their packages' cli.py).
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["explore"]:
        from .explore.cli import main as explore_main

        return explore_main(argv[1:])
    if argv[:1] == ["study"]:
        from .study.cli import main as study_main

        return study_main(argv[1:])
    if argv[:1] == ["compare"]:
        from .compare.cli import main as compare_main

        return compare_main(argv[1:])
    if argv[:1] == ["guide"]:
        from .guide.cli import main as guide_main

        return guide_main(argv[1:])
    if argv[:1] == ["breaking"]:
        from .breaking.cli import main as breaking_main

        return breaking_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m simulations.engine")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("explore", help="explore every behavior of a model: see `explore --help`")
    sub.add_parser("study", help="simulate a failure at every level of a holarchy: see `study --help`")
    sub.add_parser("compare", help="what changed between two run, sweep or study summaries: see `compare --help`")
    sub.add_parser("breaking", help="find the load or fault rate at which the SLOs break: see `breaking --help`")
    sub.add_parser("guide", help="follow a model guide's 'try this' items, check their promises: see `guide --help`")
    run = sub.add_parser("run", help="simulate a model file and print its summary")
    run.add_argument("model", type=Path)
    run.add_argument("--seed", type=int, required=True)
    choice = run.add_mutually_exclusive_group()
    choice.add_argument("--scenario", help="the scenario to run (default: the model's first)")
    choice.add_argument("--no-faults", action="store_true", help="run the model with no scenario: no faults")
    run.add_argument("--until", type=float)
    run.add_argument("--stop-at-violation", action="store_true",
                     help="stop at the first safety violation (default: run to the end, counting violations)")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    try:
        model = load_text(args.model.read_text())
        scenario = NO_FAULTS if args.no_faults else args.scenario
        summary = simulate(model, seed=args.seed, scenario=scenario, until=args.until,
                           stop_on_violation=args.stop_at_violation).summary
    except (OSError, ModelError) as exc:
        return bad_input(args.model, exc)
    print(json.dumps(summary, indent=2) if args.json else _text_report(summary))
    return 1 if summary["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
