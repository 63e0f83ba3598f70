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


def blaster_doc(n: int, *, loss: float = 0.0, duplication: float = 0.0, reorder: bool = False,
                delay: dict[str, Any] | None = None) -> dict[str, Any]:
    """A source sending `n` numbered messages over one link to a sink that counts them and their inversions."""
    link = {"from": "source", "to": "sink", "loss": loss, "duplication": duplication, "reorder": reorder,
            "delay": delay or {"dist": "uniform", "low": 0.5, "high": 1.5}}
    return {
        "format": "holarchy/v1",
        "name": "blaster",
        "components": [{"id": "source", "behavior": "source", "params": {"n": n}}, {"id": "sink", "behavior": "sink"}],
        "behaviors": {
            "source": {"variables": {"sent": 0}, "handlers": [
                {"on": "start", "actions": [{"set_timer": {"name": "tick", "after": 0}}]},
                {"on": {"timer": "tick"}, "guard": "sent < params.n", "actions": [
                    {"send": {"to": "'sink'", "type": "data", "payload": {"n": "sent"}}},
                    {"assign": {"sent": "sent + 1"}},
                    {"set_timer": {"name": "tick", "after": 0.01}}]}]},
            "sink": {"variables": {"received": 0, "last": -1, "inversions": 0}, "handlers": [
                {"on": {"message": "data"}, "guard": "msg.payload.n < last",
                 "actions": [{"assign": {"inversions": "inversions + 1", "received": "received + 1"}}]},
                {"on": {"message": "data"},
                 "actions": [{"assign": {"last": "msg.payload.n", "received": "received + 1"}}]}]},
        },
        "links": [link],
        "holarchies": [{"name": "flat", "root": {"id": "all", "components": ["source", "sink"]}}],
    }
