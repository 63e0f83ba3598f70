"""Two views of one network: at every step of every run, the messages in flight in the network are exactly the
messages waiting in their receivers' inboxes, and the component states agree, so both models give identical
results (the same states step by step, hence the same verdicts)."""

from __future__ import annotations

from typing import Any

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES

MODEL = load_text((EXAMPLES / "two-views-of-one-network.yaml").read_text())


def without_messages(state: dict[str, Any]) -> dict[str, Any]:
    return {name: {k: v for k, v in c.items() if k != "inbox"} for name, c in state["components"].items()}


def in_network(state: dict[str, Any]) -> list[str]:
    """Each message in flight as (id, sender, receiver, type, payload, arrival time)."""
    return sorted(repr([int(i), *m]) for i, m in state["inflight"].items())


def in_inboxes(state: dict[str, Any]) -> list[str]:
    """Each message waiting in an inbox, its receiver put back in the same place."""
    return sorted(repr([m[0], m[1], name, *m[2:]]) for name, c in state["components"].items() for m in c["inbox"])


@pytest.mark.parametrize("seed", [1, 2, 3, 7])
def test_network_and_inboxes_hold_the_same_messages_and_states_at_every_step(seed):
    result = simulate(MODEL, seed=seed, scenario="calm", trace=True)
    reader = result.reader()
    most_waiting = 0
    for step in range(reader.last_step + 1):
        network = reader.global_state(step, messages="network")
        inboxes = reader.global_state(step, messages="inboxes")
        assert without_messages(network) == without_messages(inboxes) and network["time"] == inboxes["time"]
        assert in_network(network) == in_inboxes(inboxes)
        most_waiting = max(most_waiting, len(inboxes["components"]["worker"]["inbox"]))
    assert most_waiting == 2  # both jobs wait for the worker at once: the views differ in where, not what
    assert reader.global_state(reader.last_step)["components"]["worker"]["state"] == {"handled": 2}
