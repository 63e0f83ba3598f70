"""Same model, scenario and seed: byte-identical trace and summary, even across hash seeds; other seeds differ."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
MODEL = EXAMPLES / "leader-election.yaml"


def test_same_seed_gives_identical_bytes():
    model = load_text(MODEL.read_text())
    a = simulate(model, seed=42, trace=True)
    b = simulate(load_text(MODEL.read_text()), seed=42, trace=True)
    assert a.trace_bytes() == b.trace_bytes()
    assert json.dumps(a.summary, sort_keys=True) == json.dumps(b.summary, sort_keys=True)


def test_summary_mode_and_trace_mode_agree():
    model = load_text(MODEL.read_text())
    assert simulate(model, seed=5).summary == simulate(model, seed=5, trace=True).summary


def test_different_seeds_differ():
    model = load_text(MODEL.read_text())
    hashes = {simulate(model, seed=s).summary["trace_hash"] for s in range(5)}
    assert len(hashes) == 5


def test_independent_of_python_hash_seed():
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "simulations.engine", "run", str(MODEL), "--seed", "3", "--json"],
                              capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
