"""Every example's verdicts, run summaries and traced states are what `golden/examples.json` recorded before
the engine's data structures and property evaluation were changed (regenerate only for a change of meaning)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("golden") / "make_golden.py"
_spec = importlib.util.spec_from_file_location("make_golden", SCRIPT)
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

RECORDED = json.loads(golden.GOLDEN.read_text())


def test_every_example_is_recorded():
    assert sorted(RECORDED) == sorted(p.stem for p in golden.EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_example_does_what_it_did(name):
    now = json.loads(json.dumps(golden.example(golden.EXAMPLES / f"{name}.yaml"), sort_keys=True, default=repr))
    assert now == RECORDED[name]
