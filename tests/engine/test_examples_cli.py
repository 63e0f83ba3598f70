"""Every example runs from the command line, and follows its whole guide there, each in under 30 s."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from .conftest import EXAMPLES

ROOT = EXAMPLES.parent
LIMIT = 30.0


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("command", [["run", "--seed", "1"], ["guide"]], ids=["run", "guide"])
def test_an_example_runs_from_the_cli_in_under_30_seconds(path, command):
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "simulations.engine", command[0], str(path), *command[1:]],
                          cwd=ROOT, capture_output=True, text=True, timeout=2 * LIMIT, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode in (0, 1), done.stderr  # 1: a run that violates a property, as some examples must
    if command[0] == "guide":
        assert done.returncode == 0 and "NOT KEPT" not in done.stdout, done.stdout
    assert seconds < LIMIT, f"{path.name} took {seconds:.1f} s"
