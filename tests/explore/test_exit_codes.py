"""`explore` exit codes, as a CI pipeline sees them: 0 verified, 1 violated, 2 invalid input, 3 inconclusive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.explore.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def explore_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulations.engine", "explore", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_every_property_holds_on_a_complete_search_exits_0():
    done = explore_cli(str(EXAMPLES / "two-interleaved-processes.yaml"), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["complete"] and summary["verdict"] == "holds"


def test_a_violated_property_exits_1():
    done = explore_cli(str(EXAMPLES / "lost-update.yaml"))
    assert done.returncode == 1, done.stderr
    assert "no-lost-update: violated" in done.stdout and "verdict: violated" in done.stdout


def test_a_search_cut_by_a_bound_that_found_nothing_exits_3():
    done = explore_cli(str(EXAMPLES / "two-phase-commit-coordinator-recovery.yaml"), "--max-depth", "3")
    assert done.returncode == 3, done.stderr
    assert "INCOMPLETE (stopped by max_depth)" in done.stdout and ": holds" not in done.stdout


def test_a_violation_found_before_a_bound_still_exits_1():
    done = explore_cli(str(EXAMPLES / "lost-update.yaml"), "--max-states", "40")
    assert done.returncode == 1, done.stdout


@pytest.mark.parametrize("args", [
    ["missing.yaml"],
    ["README.md"],  # not a model
    [str(EXAMPLES / "lost-update.yaml"), "--max-depth", "-1"],
    [str(EXAMPLES / "lost-update.yaml"), "--scenario", "no-such-scenario"],
])
def test_invalid_input_exits_2_with_a_message_and_no_traceback(args):
    done = explore_cli(*args)
    assert done.returncode == 2
    assert "error" in done.stderr and "Traceback" not in done.stderr
