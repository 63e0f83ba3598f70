"""Built-in behaviors: pure handlers, and their properties holding or failing where the ideas say they should."""

from __future__ import annotations

import copy

from simulations.engine.api import simulate
from simulations.engine.behaviors import BUILTIN_BEHAVIORS, Context
from simulations.engine.behaviors.spec import resolve
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES


def example(name: str, **replacements: str):
    text = (EXAMPLES / f"{name}.yaml").read_text()
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return load_text(text)


def verdicts(model, seed: int = 1, scenario: str | None = None) -> dict[str, str]:
    s = simulate(model, seed=seed, scenario=scenario, stop_on_violation=False).summary
    return {p["name"]: p["status"] for p in s["safety"] + s["liveness"]}


def test_handlers_do_not_mutate_their_input():
    ctx = Context("n1", resolve(BUILTIN_BEHAVIORS["leader_election.node"].params, {"peers": ["n2", "n3"]}),
                  lambda: 0.5)
    node = BUILTIN_BEHAVIORS["leader_election.node"]
    state = node.init(ctx.params, "n1")
    frozen = copy.deepcopy(state)
    candidate, effects = node.on_timer(state, "election", ctx)
    assert state == frozen and candidate["role"] == "candidate" and len(effects) == 3
    vote = (1, "n2", "n1", "vote", {"term": 1, "granted": True})  # (id, sender, to, type, payload)
    leader, effects = node.on_message(candidate, vote, ctx)
    assert candidate["role"] == "candidate" and leader["role"] == "leader"
    for name, behavior in BUILTIN_BEHAVIORS.items():
        assert behavior.describe()["name"] == name


def test_volatile_backup_loses_committed_writes():
    model = example("primary-backup-kv", **{"{id: b2, behavior: kv.backup, state: durable}":
                                            "{id: b2, behavior: kv.backup, state: volatile}"})
    assert verdicts(model)["committed-on-every-backup"] == "violated"


def test_lease_alone_prevents_split_brain():
    lease = "storage: store, lease: 6, "
    model = example("split-brain", **{"storage: store, ": lease})
    found = verdicts(model)
    assert found["single-leader"] == "holds" and found["no-stale-writes"] == "holds"


def test_split_brain_is_found_for_most_seeds():
    model = example("split-brain")
    found = [verdicts(model, seed=s)["no-stale-writes"] for s in range(1, 6)]
    assert found.count("violated") >= 4


def test_two_phase_commit_with_a_no_vote_aborts_everywhere():
    model = example("two-phase-commit", **{"{id: p2, behavior: two_phase_commit.participant, state: durable}":
                                           "{id: p2, behavior: two_phase_commit.participant, params: {vote: 'no'}}"})
    result = simulate(model, seed=1, scenario="no-faults", trace=True)
    final = result.reader().global_state(result.summary["steps"])["components"]
    assert {final[c]["state"]["decision"] for c in ("coordinator", "p1", "p2")} == {"abort"}


def test_relay_tokens_never_multiply_under_loss_and_duplication():
    ring = ["a", "b", "c"]
    doc = {
        "format": "holarchy/v1", "name": "ring",
        "components": [{"id": n, "behavior": "relay", "params": {"next": ring[(i + 1) % 3], "tokens": 2 if i == 0
                                                                   else 0, "timeout": 5}} for i, n in enumerate(ring)],
        "links": [{"from": n, "to": ring[(i + 1) % 3], "bidirectional": True, "loss": 0.2, "duplication": 0.2}
                  for i, n in enumerate(ring)],
        "holarchies": [{"name": "ring", "root": {"id": "all", "components": ring}}],
        "properties": {"safety": [{"name": "bounded", "always": "sum(len(c.unacked) for c in components) <= 6"}]},
    }
    s = simulate(doc, seed=1, until=500).summary
    assert s["safety"][0]["status"] == "holds" and s["messages"]["duplicated"] > 0
