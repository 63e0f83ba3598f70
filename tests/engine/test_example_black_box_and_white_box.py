"""Black box and white box: the numbers of the database seen from outside (the messages that cross its
boundary, its availability) are recomputed here from the trace and from its parts' own counters, and equal
what the run reports; a replica down behind the front changes none of them and shows only inside."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES

MODEL = load_text((EXAMPLES / "black-box-and-white-box.yaml").read_text())
SCENARIOS = ("all-up", "replica-down", "every-replica-down")


def members(holon_id: str) -> set[str]:
    """The components below a holon of the deployment holarchy, walked from the model's tree."""
    (holarchy,) = MODEL.holarchies

    def below(holon: Any, inside: bool) -> set[str]:
        inside = inside or holon.id == holon_id
        found = set(holon.components) if inside else set()
        for child in holon.children:
            found |= below(child, inside)
        return found

    return below(holarchy.root, False)


def run(scenario: str) -> tuple[dict[str, Any], list[list], dict[str, Any]]:
    """The run's summary, every message it sent (each is in flight in some step) and its last component states."""
    result = simulate(MODEL, seed=1, scenario=scenario, trace=True)
    reader = result.reader()
    sent: dict[str, list] = {}
    for step in range(reader.last_step + 1):
        sent.update(reader.global_state(step)["inflight"])
    last = {name: c for name, c in reader.global_state(reader.last_step)["components"].items()}
    return result.summary, list(sent.values()), last


def crossing(sent: list[list], inside: set[str]) -> dict[str, int]:
    return {"in": sum(m[0] not in inside and m[1] in inside for m in sent),
            "out": sum(m[0] in inside and m[1] not in inside for m in sent)}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_black_box_numbers_are_what_the_parts_did(scenario):
    summary, sent, last = run(scenario)
    boundaries = summary["boundaries"]["deployment"]
    database = members("database")
    assert database == {"front", "r1", "r2", "r3"}
    # From the trace: every message that crossed a holon's boundary, counted here.
    for holon in ("database", "replica-1", "replica-2", "replica-3", "router", "application"):
        assert boundaries[holon] == crossing(sent, members(holon)), holon
    # From the parts' own counters: the front's reads in and answers out, each replica's answers.
    front = last["front"]["state"]
    assert boundaries["database"] == {"in": front["asked"], "out": len(front["answered"])}
    for n in (1, 2, 3):
        assert boundaries[f"replica-{n}"]["out"] == last[f"r{n}"]["state"]["served"]
    # Availability: answers that reached the app over the reads it sent (none is answered after its timeout).
    kinds = Counter((m[0], m[1], m[2]) for m in sent)
    answered = kinds["front", "app", "response"] / kinds["app", "front", "request"]
    app = last["app"]["state"]
    assert answered == app["done"] / (app["done"] + app["failed"])
    assert summary["slis"]["deployment"]["database"]["availability"] == answered
    (slo,) = summary["slos"]
    assert slo["sli_value"] == pytest.approx(answered)


def test_a_replica_down_behind_the_front_shows_only_in_the_white_box():
    healthy, _, healthy_parts = run("all-up")
    degraded, _, degraded_parts = run("replica-down")
    black_box = [(s["boundaries"]["deployment"]["database"], s["slis"]["deployment"]["database"]["availability"],
                  [x["met"] for x in s["slos"]]) for s in (healthy, degraded)]
    assert black_box[0] == black_box[1] == ({"in": 50, "out": 50}, 1.0, [True])
    # Inside: replica-2 crashed at 30, having answered the reads sent before it; the front drops the late replies.
    assert healthy["boundaries"]["deployment"]["replica-2"] == {"in": 50, "out": 50}
    assert degraded["boundaries"]["deployment"]["replica-2"] == {"in": 50, "out": 15}
    assert [degraded_parts[r]["up"] for r in ("r1", "r2", "r3")] == [True, False, True]
    assert healthy_parts["front"]["state"]["late"] == 3 * 50 - 50
    assert degraded_parts["front"]["state"]["late"] == 50 + 15 + 50 - 50
    # Once every replica is down the black box shows it: only the 15 reads issued before 30 (every 2) are answered.
    broken, _, _ = run("every-replica-down")
    assert broken["boundaries"]["deployment"]["database"] == {"in": 50, "out": 15}
    assert broken["slis"]["deployment"]["database"]["availability"] == 15 / 50
