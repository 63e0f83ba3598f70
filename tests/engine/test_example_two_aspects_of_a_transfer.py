"""Two models of different aspects of one bank: the abstract transaction model is small enough to enumerate
by hand and proves conservation and serializability; the protocol model of the same transfer finds the money
in flight, a duplicated debit and a lost credit the abstract one cannot express, measures the latency it has
no notion of, and explodes under exploration where the abstract one stays at a handful of states."""

from __future__ import annotations

from itertools import permutations

from simulations.engine.api import simulate
from simulations.engine.explore import Bounds, explore
from simulations.engine.modelcode import dump_model, load_model, load_text
from simulations.engine.overrides import apply_overrides

from .conftest import EXAMPLES

ABSTRACT = (EXAMPLES / "transfer-abstract.yaml").read_text()
PROTOCOL = (EXAMPLES / "transfer-protocol.yaml").read_text()
OPENING = {"alice": 50, "bob": 50}
TRANSFERS = {"t1": ("alice", "bob", 40), "t2": ("bob", "alice", 70)}


def apply(balances: dict[str, int], transfer: str) -> dict[str, int]:
    """A transfer as one atomic step: debit and credit together, or nothing when the funds are short."""
    source, target, amount = TRANSFERS[transfer]
    if balances[source] < amount:
        return balances
    return {**balances, source: balances[source] - amount, target: balances[target] + amount}


def enumerate_abstract() -> tuple[set, set]:
    """Every state of the abstract model, by a search written here: which requests still wait for the ledger,
    which answers are on their way back, which transfers heard theirs. Returns (states, final balances)."""
    start = (tuple(sorted(OPENING.items())), frozenset(TRANSFERS), frozenset(), frozenset())
    seen, frontier, finals = {start}, [start], set()
    while frontier:
        balances, requests, answers, done = frontier.pop()
        nexts = [(tuple(sorted(apply(dict(balances), t).items())), requests - {t}, answers | {t}, done)
                 for t in requests]
        nexts += [(balances, requests, answers - {t}, done | {t}) for t in answers]
        if not nexts:
            finals.add(balances)
        for state in nexts:
            if state not in seen:
                seen.add(state)
                frontier.append(state)
    return seen, finals


def test_the_abstract_model_is_enumerated_whole_and_every_outcome_is_a_serial_orders():
    states, finals = enumerate_abstract()
    serial = set()
    for order in permutations(TRANSFERS):
        balances = dict(OPENING)
        for t in order:
            balances = apply(balances, t)
        serial.add(tuple(sorted(balances.items())))
    assert all(sum(v for _, v in s[0]) == 100 and min(v for _, v in s[0]) >= 0 for s in states)
    assert finals == serial == {(("alice", 80), ("bob", 20)), (("alice", 10), ("bob", 90))}

    summary = explore(ABSTRACT).summary
    assert summary["complete"] and summary["verdict"] == "holds"
    assert summary["states"] == len(states) == 13
    outcomes = {tuple(r["outcome"]): (r["serializable"], r["serial_orders"]) for r in summary["serializability"]}
    assert outcomes == {(80, 20): (True, [["t1", "t2"]]), (10, 90): (True, [["t2", "t1"]])}


def final_state(scenario: str, doc: dict | None = None) -> tuple[dict, list[list]]:
    """The protocol's last component states and every message the run sent (each in flight in some step)."""
    model = load_text(PROTOCOL) if doc is None else load_model(doc)
    reader = simulate(model, seed=1, scenario=scenario, trace=True).reader()
    sent: dict[str, list] = {}
    for step in range(reader.last_step + 1):
        sent.update(reader.global_state(step)["inflight"])
    last = reader.global_state(reader.last_step)["components"]
    return {name: c["state"] for name, c in last.items()}, list(sent.values())


def test_a_duplicated_debit_destroys_money_unless_the_accounts_are_idempotent():
    state, sent = final_state("debit-delivered-twice")
    debits = [m for m in sent if m[1] == "alice" and m[2] == "debit"]
    assert len(debits) == 2  # the debit and the network's copy
    assert state["alice"]["balance"] == 50 - 2 * 40 and state["bob"]["balance"] == 50 + 40
    assert state["alice"]["balance"] + state["bob"]["balance"] == 100 - 40

    idempotent = apply_overrides(dump_model(load_text(PROTOCOL)), {"components/alice/params/idempotent": True})
    state, _ = final_state("debit-delivered-twice", idempotent)
    assert (state["alice"]["balance"], state["bob"]["balance"]) == (50 - 40, 50 + 40)


def test_a_lost_credit_leaves_the_money_in_flight_and_the_protocol_measures_how_long_a_transfer_takes():
    state, sent = final_state("credit-lost-for-good")
    credits = [m for m in sent if m[1] == "bob" and m[2] == "credit"]
    assert len(credits) == 2 and state["bob"]["balance"] == 50  # the credit and its one retry, both lost
    assert state["alice"]["balance"] == 10 and state["coordinator"]["phase"] == "gave-up"

    model = load_text(PROTOCOL)
    (coordinator,) = [c for c in model.components if c.id == "coordinator"]
    timeout, retries = coordinator.params["timeout"], coordinator.params["retries"]
    hops = 4  # debit, debited, credit, credited, each one link of delay 1
    calm = simulate(model, seed=1, scenario="calm").summary["slis"]["services"]["bank"]["latency"]
    away = simulate(model, seed=1, scenario="alice-away-at-the-first-debit").summary["slis"]["services"]["bank"]
    lost = simulate(model, seed=1, scenario="credit-lost-for-good").summary["slis"]["services"]["bank"]
    assert calm["max"] == hops
    assert away["latency"]["max"] == timeout + hops  # the first debit is lost, its retry goes through
    assert lost["availability"] == 0 and lost["latency"]["max"] == 2 + (retries + 1) * timeout


def test_the_protocol_model_cannot_be_explored_like_the_abstract_one():
    bounded = explore(PROTOCOL)
    summary = bounded.summary
    verdicts = {p["name"]: p for p in summary["properties"]}
    assert summary["complete"] and summary["states"] == 933 > 50 * explore(ABSTRACT).summary["states"]
    # The debit is in flight in the initial state; its network copy and then itself take alice to -30.
    shortest = bounded.counterexamples["money-conserved-but-the-transfer-in-flight"]["steps"]
    assert [s["action"] for s in shortest[1:]] == ["receive duplicate debit from coordinator",
                                                   "receive debit from coordinator"]
    assert verdicts["money-conserved-but-the-transfer-in-flight"]["counterexample_length"] == 2
    assert verdicts["transfer-settles"]["verdict"] == "violated"

    doc = dump_model(load_text(PROTOCOL))
    unbounded = explore({**doc, "explore": {"scenario": "unreliable-network"}},
                        bounds=Bounds(max_states=20_000)).summary
    assert not unbounded["complete"] and unbounded["stopped_by"] == "max_states"
