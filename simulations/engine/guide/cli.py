"""`python -m simulations.engine guide MODEL.yaml [--item N] [--workers N] [--json]`.

Follows every "try this" of the model's guide (or item N, from 0), as its button in the UI would, and
compares what happened with what the item's `expect` promises. Exit status 0: every promise kept;
1: one was not; 2: the file or the model is bad, or it has no guide.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from ..badinput import bad_input
from ..modelcode import ModelError, load_text
from .follow import follow, observe, promised, tries


def _check(model: Any, index: int, item: dict[str, Any], workers: int) -> dict[str, Any]:
    started = time.perf_counter()
    seen = observe(item, follow(model, item, workers=workers))
    wanted = promised(item)
    return {"item": index, "title": item["title"], "kept": seen == wanted, "expect": wanted, "observed": seen,
            "seconds": round(time.perf_counter() - started, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulations.engine guide", description=__doc__.split("\n\n")[1])
    parser.add_argument("model", type=Path)
    parser.add_argument("--item", type=int, help="only this item (0 is the first)")
    parser.add_argument("--workers", type=int, default=1, help="processes for explorations, sweeps and studies")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        model = load_text(args.model.read_text())
    except (OSError, ModelError) as exc:
        return bad_input(args.model, exc)
    items = list(enumerate(tries(model)))
    if args.item is not None:
        items = [(i, item) for i, item in items if i == args.item]
    if not items:
        return bad_input(args.model, ValueError(), "has no such guide item" if tries(model) else "has no guide")
    try:
        results = [_check(model, i, item, args.workers) for i, item in items]
    except ModelError as exc:
        return bad_input(args.model, exc, "cannot follow its guide")
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        for r in results:
            verdict = "kept" if r["kept"] else f"NOT KEPT: promised {r['expect']}, observed {r['observed']}"
            print(f"{r['item']}. {r['title']} ({r['seconds']:g} s): {verdict}")
    return 0 if all(r["kept"] for r in results) else 1
