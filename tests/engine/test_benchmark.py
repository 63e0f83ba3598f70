"""The engine benchmarks compare like with like: every side runs the same model, the references the same steps."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "engine_vs_simpy.py"
RUN_LENGTH = ROOT / "bench" / "run_length.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("engine_vs_simpy", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_references_run_exactly_the_engines_steps():
    bench = load_bench()
    engine, _, _ = bench.prepare("engine", 10, 20, 500, 3)()
    kernel, scheduler_events, _ = bench.prepare("kernel", 10, 20, 500, 3)()
    plain, _, _ = bench.prepare("heapq", 10, 20, 500, 3)()
    assert engine == kernel == plain > 1000  # one random source drawn in the engine's order: the same run
    assert scheduler_events > kernel  # SimPy's own events (cancelled timers too) are not what is compared


def test_process_style_simpy_counts_about_the_same_model_events():
    bench = load_bench()
    engine_events, _, _ = bench.prepare("engine", 10, 20, 500, 3)()
    simpy_events, scheduler_events, _ = bench.prepare("simpy", 10, 20, 500, 3)()
    assert abs(engine_events - simpy_events) < 0.05 * simpy_events
    assert scheduler_events > 3 * simpy_events


def test_skipping_unchanged_invariants_changes_nothing_but_the_work():
    bench = load_bench()
    skipping, every = bench.prepare("engine", 6, 6, 300, 1)(), bench.prepare("every", 6, 6, 300, 1)()
    # Every step is evaluated but the first 5 starts: properties are first evaluated once all 6 have started.
    assert skipping[0] == every[0] == every[1] + 5 > skipping[1] > 0


def test_the_script_prints_every_ratio_at_every_size():
    done = subprocess.run([sys.executable, str(SCRIPT), "--until", "50", "--repeat", "1", "--nodes", "10", "100"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    ratios = re.findall(r"([\d.]+)x (SimPy processes|SimPy callback kernel|heapq loop)", done.stdout)
    assert len(ratios) == 2 * 2 * 3 and all(float(r) > 0 for r, _ in ratios)  # 2 sizes, 2 engine modes
    assert "cost per event against 10 nodes: " in done.stdout


def test_the_run_length_benchmark_prints_its_ratios():
    done = subprocess.run([sys.executable, str(RUN_LENGTH), "--until", "30", "--repeat", "1", "--sizes", "4", "8",
                           "--requests", "20"], capture_output=True, text=True, check=True, cwd=ROOT)
    assert len(re.findall(r"x the cost at 1x", done.stdout)) == 3
    assert len(re.findall(r"ratio all / one [\d.]+x", done.stdout)) == 2
