"""Fixtures for the engine tests: model documents built in code, no Django."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

UNIQUE_EFFECTS = "len(component['server'].applied) == len(set(component['server'].applied))"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def base_doc() -> dict[str, Any]:
    """A client, a server and two holarchies: the smallest model that exercises every section."""
    return copy.deepcopy({
        "format": "holarchy/v1",
        "name": "request-response",
        "components": [
            {"id": "client", "behavior": "client", "params": {"server": "server", "count": 20}},
            {"id": "server", "behavior": "server"},
        ],
        "links": [{"from": "client", "to": "server", "bidirectional": True}],
        "holarchies": [
            {"name": "physical", "levels": ["region", "machine"],
             "root": {"id": "eu", "children": [{"id": "m1", "components": ["client"]},
                                               {"id": "m2", "components": ["server"]}]}},
            {"name": "logical", "levels": ["system"], "root": {"id": "app", "components": ["client", "server"]}},
        ],
        "properties": {"safety": [{"name": "no-duplicate-effects", "always": UNIQUE_EFFECTS}],
                       "liveness": [{"name": "all-answered", "eventually": "component['client'].done == 20",
                                     "within": 500}]},
        "slos": [{"name": "avail", "holarchy": "physical", "holon": "eu", "sli": "availability", "objective": 0.9,
                  "window": 100}],
        "scenarios": [{"name": "calm", "until": 500}],
    })


@pytest.fixture
def doc() -> dict[str, Any]:
    return base_doc()
