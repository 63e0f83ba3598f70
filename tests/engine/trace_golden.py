"""What every example's trace says, step by step, as digests: the golden that a change of trace encoding keeps.

For each example, under no faults and under each of its scenarios (seed 1), it
records the number of steps and one digest each of: every step's event (its delta
less the fields that spell out the actor's state change), every step's global
state (network and inboxes pictures) and every component's local view at every
step, all as the viewer's API would send them (JSON, keys sorted). Snapshots, the
bytes that hold them and how a delta spells a state change are left out: they are
the encoding (the global states say what the state changes did).

    .venv/bin/python -m tests.engine.trace_golden --write   # once, from the encoding to compare against
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLDEN = Path(__file__).resolve().parent / "trace_golden.json"


def _as_api(value: Any) -> Any:
    """The value as the API's JSON renders it: tuples as lists, non-string keys as the string JSON makes."""
    return json.loads(json.dumps(value, default=str))


class _Digest:
    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, value: Any) -> None:
        self._sha.update(json.dumps(_as_api(value), sort_keys=True).encode() + b"\n")

    def hex(self) -> str:
        return self._sha.hexdigest()[:16]


#: Delta fields that say how the actor's state changed (whole, or which variables, items, entries).
STATE_CHANGE = ("st", "sd", "sa", "sm", "sr")


def event(delta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in delta.items() if k not in STATE_CHANGE}


def runs() -> list[tuple[str, str]]:
    """(example, scenario) pairs: "" runs it without faults."""
    pairs = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        model = load_text(path.read_text())
        pairs += [(path.stem, "")] + [(path.stem, s.name) for s in model.scenarios]
    return pairs


def digest(example: str, scenario: str, seed: int = 1) -> dict[str, Any]:
    model = load_text((EXAMPLES / f"{example}.yaml").read_text())
    reader = simulate(model, seed=seed, scenario=scenario, trace=True).reader()
    deltas, states, views = _Digest(), _Digest(), _Digest()
    for step in range(reader.last_step + 1):
        if step:
            deltas.add(event(reader.delta(step)))
        states.add(reader.global_state(step))
        states.add(reader.global_state(step, messages="inboxes"))
        for component in reader.header["components"]:
            views.add(reader.local_view(component, step))
    return {"steps": reader.last_step, "deltas": deltas.hex(), "global": states.hex(), "local": views.hex()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {GOLDEN.name} (else print)")
    args = parser.parse_args()
    golden = {f"{example}/{scenario}": digest(example, scenario) for example, scenario in runs()}
    text = json.dumps(golden, indent=1, sort_keys=True) + "\n"
    if args.write:
        GOLDEN.write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
