"""Fixtures for explorer tests: shipped examples by name, explored once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulations.engine.explore import ExplorationResult, explore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def explored():
    """explored(name, **options) -> ExplorationResult for examples/NAME.yaml, cached per session."""
    cache: dict[tuple, ExplorationResult] = {}

    def run(name: str, **options) -> ExplorationResult:
        key = (name, tuple(sorted(options.items())))
        if key not in cache:
            cache[key] = explore(EXAMPLES / f"{name}.yaml", **options)
        return cache[key]

    return run


def verdicts(result: ExplorationResult) -> dict[str, str]:
    return {p["name"]: p["verdict"] for p in result.summary["properties"]}
