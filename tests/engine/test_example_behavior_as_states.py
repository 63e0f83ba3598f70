"""Behavior as a sequence of states: the explorer's behavior space is exactly the one an independent enumeration
of the model's handlers finds (three states in a line), the properties are true where the guide marks them, and
a run's replay passes through the same states in the same order."""

from __future__ import annotations

from typing import Any

from simulations.engine.api import simulate
from simulations.engine.explore import explore
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES

PATH = EXAMPLES / "behavior-as-states.yaml"
#: (alice.sent, alice.acked, bob.heard, messages in flight as (from, to, type), sorted)
State = tuple[bool, bool, int, tuple[tuple[str, str, str], ...]]


def deliver(state: State, message: tuple[str, str, str]) -> State:
    """The model's two message handlers, written out by hand."""
    sent, acked, heard, network = state
    rest = list(network)
    rest.remove(message)
    if message[2] == "hello":
        return sent, acked, heard + 1, tuple(sorted([*rest, ("bob", "alice", "ack")]))
    return sent, True, heard, tuple(sorted(rest))


def enumerate_by_hand() -> tuple[State, dict[State, set[State]]]:
    """Breadth-first over every delivery of every message in flight, from the state after both starts."""
    initial: State = (True, False, 0, (("alice", "bob", "hello"),))
    successors: dict[State, set[State]] = {}
    frontier = [initial]
    while frontier:
        state = frontier.pop()
        if state in successors:
            continue
        successors[state] = {deliver(state, m) for m in state[3]}
        frontier.extend(successors[state])
    return initial, successors


def as_tuple(state: dict[str, Any]) -> State:
    alice, bob = state["components"]["alice"]["state"], state["components"]["bob"]["state"]
    network = tuple(sorted((m["from"], m["to"], m["type"]) for m in state["network"]))
    return alice["sent"], alice["acked"], bob["heard"], network


def safe(state: State) -> bool:
    return not state[1] or state[2] == 1


def test_the_explorer_finds_exactly_the_hand_enumerated_states_and_steps():
    initial, successors = enumerate_by_hand()
    assert len(successors) == 3
    result = explore(PATH)
    assert result.summary["states"] == len(successors) and result.summary["complete"]
    nodes = {node["id"]: as_tuple(node["state"]) for node in result.graph["nodes"]}
    assert set(nodes.values()) == set(successors)
    assert [nodes[n["id"]] for n in result.graph["nodes"] if n["initial"]] == [initial]
    steps = {(nodes[e["source"]], nodes[e["target"]]) for e in result.graph["edges"]}
    assert steps == {(s, t) for s, ts in successors.items() for t in ts}


def test_the_one_behavior_is_safe_in_every_state_and_live_at_its_end():
    initial, successors = enumerate_by_hand()
    behavior = [initial]
    while successors[behavior[-1]]:
        (following,) = successors[behavior[-1]]  # one successor each: a single behavior
        behavior.append(following)
    assert len(behavior) == 3
    assert [safe(s) for s in behavior] == [True, True, True]
    assert [s[1] for s in behavior] == [False, False, True]  # alice-hears-back becomes true in the last state
    verdicts = {p["name"]: p["verdict"] for p in explore(PATH).summary["properties"]}
    assert verdicts == {"ack-follows-hello": "holds", "alice-hears-back": "holds"}


def test_the_replay_passes_through_the_same_states_in_order():
    initial, successors = enumerate_by_hand()
    result = simulate(load_text(PATH.read_text()), seed=1, scenario="calm", trace=True)
    reader = result.reader()
    replayed = []
    for step in range(2, result.summary["steps"] + 1):  # steps 1 and 2 are the starts
        g = reader.global_state(step)
        network = tuple(sorted((m[0], m[1], m[2]) for m in g["inflight"].values()))
        a, b = g["components"]["alice"]["state"], g["components"]["bob"]["state"]
        replayed.append((a["sent"], a["acked"], b["heard"], network))
    assert replayed[0] == initial and len(replayed) == 3
    assert all(t in successors[s] for s, t in zip(replayed, replayed[1:], strict=False))
    assert not successors[replayed[-1]]
