"""Record what every example does, to hold an engine change to it: `python tests/engine/golden/make_golden.py`.

For every example and every scenario (and the fault-free run), two seeds: the
run summary in summary mode, the global state a traced run reaches every 50
steps (read back through `TraceReader`, so the trace's encoding may change),
and the explorer's verdicts on a bounded search. An engine change that is
meant to change none of it (a faster data structure, incremental property
evaluation) regenerates nothing: `test_golden.py` compares.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from simulations.engine.api import simulate  # noqa: E402
from simulations.engine.explore import explore  # noqa: E402
from simulations.engine.explore.search import Bounds  # noqa: E402
from simulations.engine.modelcode import load_text  # noqa: E402

EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).with_name("examples.json")
SEEDS = (1, 7)
UNTIL = 400.0  # long enough for every example's faults and retries, short enough for `make test`
EVERY = 50  # steps between two global states compared
EXPLORE_STATES = 4000


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode()).hexdigest()[:16]


def _traced(model: Any, seed: int, scenario: str) -> dict[str, Any]:
    result = simulate(model, seed=seed, scenario=scenario, until=UNTIL, trace=True, max_steps=2000)
    reader = result.reader()
    steps = result.summary["steps"]
    # A traced run's summary says how it was traced (the trace's format, its snapshots), so only its states are
    # compared: the summary of the same run in summary mode is compared whole.
    return {"states": {str(s): _digest(reader.global_state(s)) for s in range(0, steps + 1, EVERY)}}


def _explored(text: str) -> dict[str, Any]:
    summary = explore(text, bounds=Bounds(max_states=EXPLORE_STATES, max_seconds=60)).summary
    keep = ("states", "transitions", "depth", "complete", "terminal_states", "deadlocks", "interleavings")
    return {**{k: summary.get(k) for k in keep},
            "properties": [{k: p.get(k) for k in ("name", "verdict", "counterexample_length")}
                           for p in summary["properties"]]}


def example(path: Path) -> dict[str, Any]:
    """What one example does, as compared."""
    text = path.read_text()
    model = load_text(text)
    runs: dict[str, Any] = {}
    for scenario in ["", *(s.name for s in model.scenarios)]:
        for seed in SEEDS:
            summary = simulate(model, seed=seed, scenario=scenario, until=UNTIL).summary
            del summary["model_hash"]  # the example's text, not what the engine does with it (examples get edited)
            # SLO verdicts: their report format changes
            summary["slos"] = [{"name": s["name"], "met": s["met"]} for s in summary["slos"]]
            runs[f"{scenario or '-'}:{seed}"] = {"summary": summary, "traced": _traced(model, seed, scenario)}
    return {"runs": runs, "explored": _explored(text)}


def record() -> dict[str, Any]:
    return {path.stem: example(path) for path in sorted(EXAMPLES.glob("*.yaml"))}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(record(), indent=1, sort_keys=True, default=repr) + "\n")
    print(f"wrote {GOLDEN}")
