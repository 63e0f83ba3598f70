"""The engine-versus-SimPy benchmark compares like with like: both sides run the same model."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "engine_vs_simpy.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("engine_vs_simpy", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_both_sides_count_about_the_same_model_events():
    bench = load_bench()
    engine_events, _, _ = bench.run_engine(10, 20, 500, 3, False)
    simpy_events, scheduler_events, _ = bench.run_simpy(10, 20, 500, 3)
    assert abs(engine_events - simpy_events) < 0.05 * simpy_events
    assert scheduler_events > 3 * simpy_events  # SimPy's own events are not what is compared


def test_skipping_unchanged_invariants_changes_nothing_but_the_work():
    bench = load_bench()
    skipping, every = bench.run_engine(6, 6, 300, 1, False), bench.run_engine(6, 6, 300, 1, True)
    # Every step is evaluated but the first 5 starts: properties are first evaluated once all 6 have started.
    assert skipping[0] == every[0] == every[1] + 5 > skipping[1] > 0


def test_the_script_prints_both_rates_and_their_ratio():
    done = subprocess.run([sys.executable, str(SCRIPT), "--until", "100", "--repeat", "1"], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    ratio = re.search(r"ratio \(engine / simpy, model events per second\): ([\d.]+)x", done.stdout)
    assert ratio and float(ratio.group(1)) > 0
    assert "engine:" in done.stdout and "simpy:" in done.stdout
