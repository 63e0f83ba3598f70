"""Differential test at scale: thousands of random small models, each checked four ways (tests/explore/differential.py).

Prints how many models ran and, per check, how many disagreed, with the first
few disagreements in full, and how many models reached "many" copies in
flight (and had a finding searched again with every copy counted). Exit status
1 when any check disagreed.

    python bench/differential.py [--models 1000] [--seed 0] [--show 3] [--paths-only]

The models use the explorer's defaults (copies in flight counted 1, 2 or many);
the plain-BFS check also runs each with every copy counted. --paths-only runs
only the path check (every simulated run is a path of the explored graph), which
is quick, for large counts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from simulations.engine.explore import Bounds, explore  # noqa: E402
from tests.explore.differential import check_all, models, simulated_paths  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="disagreements printed in full per check")
    parser.add_argument("--paths-only", action="store_true", help="only the path check")
    args = parser.parse_args()
    ran, failed, shown = Counter(), Counter(), Counter()
    started = time.perf_counter()

    @settings(max_examples=args.models, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data) -> None:
        doc = data.draw(models())
        ran["models"] += 1
        found = {"paths": simulated_paths(doc)[0]} if args.paths_only else check_all(doc)
        copies = explore(doc, bounds=Bounds(max_states=20_000), symmetry=False).summary["reductions"]["copies"]
        ran["many"] += copies["many_reached"]
        ran["searched_exactly"] += copies["searched_exactly"]
        for check, problems in found.items():
            if problems:
                failed[check] += 1
                if shown[check] < args.show:
                    shown[check] += 1
                    print(f"--- {check}: {problems[0]}\n{doc}\n")

    random.seed(args.seed)
    run()
    seconds = time.perf_counter() - started
    print(f"{ran['models']} random models in {seconds:.0f} s; disagreements per check: "
          + ", ".join(f"{c} {failed[c]}" for c in ("paths", "violations", "reductions", "plain_bfs"))
          + f"; {ran['many']} reached many copies, {ran['searched_exactly']} searched again with every copy counted")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
