"""`python -m simulations.engine compare A.json B.json [--json]`: what changed from A to B.

A and B are two `--json` outputs of `run` or `study` (or two stored sweep
summaries). Exit status 0: nothing got worse; 1: something did; 2: a file is
unreadable, not a summary, or the two cannot be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import CompareError, Comparison, compare


def _number(x: float | None) -> str:
    return "—" if x is None else f"{x:.6g}"


def text_report(c: Comparison) -> str:
    lines = [f"{c['kind']} comparison: a = {c['a']['model']} ({c['a']['detail']}), "
             f"b = {c['b']['model']} ({c['b']['detail']})",
             "headline: " + "; ".join(c["headline"]), *(f"note: {n}" for n in c["notes"])]
    if c["verdicts"]:
        lines.append(f"verdicts changed ({len(c['verdicts'])}):")
        lines += [f"  {v['change']:7} {v['kind']} {v['where'] + ' ' if v['where'] else ''}{v['name']}: "
                  f"{v['a']} → {v['b']}" for v in c["verdicts"]]
    if c["metrics"]:
        lines.append(f"measurements moved ({len(c['metrics'])}):")
        for m in c["metrics"]:
            rel = "" if m["relative"] is None else f" ({m['relative']:+.1%})"
            lines.append(f"  {m['change']:7} {m['where']} {m['metric']}: {_number(m['a'])} → {_number(m['b'])}{rel}")
    lines.append(f"{c['better']} better, {c['worse']} worse")
    return "\n".join(lines)


def _read(path: Path, side: str) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise CompareError(side, f"{path}: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine compare",
                                     description="Compare two run, sweep or level-study summaries (--json outputs).")
    parser.add_argument("a", type=Path, help="the summary compared against (e.g. of the older version)")
    parser.add_argument("b", type=Path)
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    args = parser.parse_args(argv)
    try:
        a, b = _read(args.a, "a"), _read(args.b, "b")
        if not isinstance(a, dict) or not isinstance(b, dict):
            raise CompareError("a" if not isinstance(a, dict) else "b", "not a JSON object")
        result = compare(a, b)
    except CompareError as exc:
        print(f"error: cannot compare: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else text_report(result))
    return 1 if result["worse"] else 0
