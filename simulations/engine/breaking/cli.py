"""`python -m simulations.engine breaking MODEL.yaml --param PATH --low A --high B --resolution R
[--per-round K] [--seeds N] [--slo NAME ...] [--property NAME ...] [--scenario S] [--until T] [--workers N] [--json]`.

Searches the breaking point in local processes, round by round, and prints the
summary a breaking-point sweep stores for the same options. Exit status 0: the
SLOs hold at `--low` and the evidence is monotone; 1: they break already at
`--low`, or a point held above one that broke; 2: the file, the model or the
search's options are bad.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..api import simulate
from ..badinput import bad_input
from ..modelcode import ModelError, dump_model, load_text
from ..overrides import apply_overrides
from ..pool import parallel_map
from .search import Search, SearchError, advance, check_search, judge, summarize

Job = tuple[dict[str, Any], str, float | int, int, str | None, float | None]


def _run(job: Job) -> dict[str, Any]:
    """One run of a point, as a sweep's run does it: the value as a document override, one seed."""
    document, parameter, value, seed, scenario, until = job
    return simulate(apply_overrides(document, {parameter: value}), seed=seed, scenario=scenario, until=until).summary


def search_locally(document: dict[str, Any], search: Search, *, scenario: str | None = None,
                   until: float | None = None, workers: int = 1) -> dict[str, Any]:
    """Run round after round (each round's runs in parallel) until the search is over; its summary."""
    points: dict[float, list[dict[str, Any] | None]] = {}
    while True:
        progress = advance(search, {v: judge(search, v, s)["held"] for v, s in points.items()})
        if progress.done:
            return summarize(search, points)
        jobs = [(document, search.parameter, search.as_override(v), seed, scenario, until)
                for v in progress.next_round for seed in range(search.seeds)]
        summaries = iter(parallel_map(_run, jobs, workers))
        for v in progress.next_round:
            points[v] = [next(summaries) for _ in range(search.seeds)]


def _text(result: dict[str, Any]) -> str:
    s, bp = result["search"], result["breaking_point"]
    lines = [f"breaking point of {result['parameter']} in [{s['low']:g}, {s['high']:g}] to {s['resolution']:g}: "
             f"{result['outcome']}, {len(result['rounds'])} rounds of {s['per_round']} points x {s['seeds']} seeds"]
    for p in result["points"]:
        verdict = "held" if p["held"] else "BROKE: " + "; ".join(p["reasons"])
        lines.append(f"  round {p['round']}: {result['parameter']}={p['value']:g} {verdict}")
    if result["outcome"] == "found":
        lines.append(f"the SLOs hold at {bp['held']:g} and break at {bp['broke']:g}")
    elif result["outcome"] == "holds_throughout":
        lines.append(f"the SLOs hold over the whole interval, up to {bp['held']:g}")
    else:
        lines.append(f"the SLOs break already at {bp['broke']:g}")
    for e in result["non_monotone"]:
        lines.append(f"not monotone: held at {e['held']:g} above a break at {e['broke']:g}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine breaking",
                                     description="Find the highest value of a parameter at which the SLOs hold.")
    parser.add_argument("model", type=Path)
    parser.add_argument("--param", required=True, help="document path to vary, e.g. components/client/params/rate")
    parser.add_argument("--low", type=float, required=True)
    parser.add_argument("--high", type=float, required=True)
    parser.add_argument("--resolution", type=float, required=True, help="stop once the interval is this narrow")
    parser.add_argument("--per-round", type=int, default=3, help="points run in parallel per round")
    parser.add_argument("--seeds", type=int, default=1, help="runs per point, seeds 0..N-1")
    parser.add_argument("--slo", action="append", default=[], help="an SLO that must hold (default: every SLO)")
    parser.add_argument("--property", action="append", default=[], help="a property that must hold too")
    parser.add_argument("--integer", action="store_true", help="the parameter takes whole values")
    parser.add_argument("--scenario")
    parser.add_argument("--until", type=float)
    parser.add_argument("--workers", type=int, default=1, help="processes running each round's points")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    try:
        document = dump_model(load_text(args.model.read_text()))
        search = check_search(document, {"parameter": args.param, "low": args.low, "high": args.high,
                                         "resolution": args.resolution, "per_round": args.per_round,
                                         "seeds": args.seeds, "slos": args.slo, "properties": args.property,
                                         "integer": args.integer})
        result = search_locally(document, search, scenario=args.scenario, until=args.until, workers=args.workers)
    except (OSError, ModelError) as exc:
        return bad_input(args.model, exc)
    except SearchError as exc:
        return bad_input(args.model, exc, "cannot be searched so")
    print(json.dumps(result, indent=2) if args.json else _text(result))
    return 1 if result["outcome"] == "breaks_throughout" or result["non_monotone"] else 0
