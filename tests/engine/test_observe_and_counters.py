"""The declarative `observe` action feeding SLIs, the server's duplicate counter, and invariants skipped
when the records they read did not change (exactly the verdicts of evaluating every step)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import ModelError, dump_model, load_model, load_text

from .conftest import EXAMPLES, UNIQUE_EFFECTS


def observing_doc(ok: Any = "msg.payload.ok", latency: Any = "now - started") -> dict[str, Any]:
    """A declarative caller that sends 10 requests to a declarative echo server and observes each answer."""
    return copy.deepcopy({
        "format": "holarchy/v1",
        "name": "observing",
        "components": [{"id": "caller", "behavior": "caller"}, {"id": "echo", "behavior": "echo"}],
        "behaviors": {
            "caller": {"variables": {"sent": 0, "started": 0}, "handlers": [
                {"on": "start", "actions": [{"set_timer": {"name": "tick", "after": 1}}]},
                {"on": {"timer": "tick"}, "guard": "sent < 10", "actions": [
                    {"send": {"to": "'echo'", "type": "request", "payload": {"n": "sent"}}},
                    {"assign": {"sent": "sent + 1", "started": "now"}},
                    {"set_timer": {"name": "tick", "after": 5}}]},
                {"on": {"message": "response"}, "actions": [
                    {"observe": {"server": "msg.sender", "ok": ok, "latency": latency}}]}]},
            "echo": {"variables": {}, "handlers": [
                {"on": {"message": "request"},
                 "actions": [{"reply": {"type": "response", "payload": {"ok": "msg.payload.n % 2 == 0"}}}]}]},
        },
        "links": [{"from": "caller", "to": "echo", "bidirectional": True, "delay": {"dist": "fixed", "value": 1}}],
        "holarchies": [{"name": "site", "root": {"id": "dc", "children": [
            {"id": "front", "components": ["caller"]}, {"id": "back", "components": ["echo"]}]}}],
        "slos": [{"name": "echo-availability", "holarchy": "site", "holon": "back", "sli": "availability",
                  "objective": 0.9, "window": 100}],
    })


def test_declarative_observe_feeds_the_slis_of_the_servers_holons():
    summary = simulate(observing_doc(), seed=1, until=100).summary
    back, dc = summary["slis"]["site"]["back"], summary["slis"]["site"]["dc"]
    assert back["requests"] == dc["requests"] == 10 and back["good"] == 5 and back["availability"] == 0.5
    assert back["latency"]["max"] == pytest.approx(2.0)  # a fixed delay of 1 each way
    assert "front" not in summary["slis"]["site"]  # only holons that contain the server
    slo = summary["slos"][0]
    assert slo["requests"] == 10 and slo["met"] is False


def test_observe_defaults_and_literals():
    summary = simulate(observing_doc(ok=True, latency=3), seed=1, until=100).summary
    back = summary["slis"]["site"]["back"]
    assert back["good"] == 10 and back["latency"]["mean"] == 3.0
    doc = observing_doc()
    del doc["behaviors"]["caller"]["handlers"][2]["actions"][0]["observe"]["ok"]
    model = load_model(doc)
    assert simulate(model, seed=1, until=100).summary["slis"]["site"]["back"]["good"] == 10
    assert load_model(dump_model(model)) == model  # the default `ok: true` is explicit in the canonical form


@pytest.mark.parametrize("field, value", [("latency", "'slow'"), ("latency", "-1"), ("server", "1")])
def test_observe_with_a_bad_value_is_a_model_error(field, value):
    doc = observing_doc()
    doc["behaviors"]["caller"]["handlers"][2]["actions"][0]["observe"][field] = value
    with pytest.raises(ModelError, match="observe"):
        simulate(doc, seed=1, until=100)


def test_observe_is_checked_when_loading():
    doc = observing_doc(latency="now - undefined_name")
    with pytest.raises(ModelError) as err:
        load_model(doc)
    assert any(i.path.endswith("observe/latency") for i in err.value.issues)
    doc = observing_doc()
    doc["behaviors"]["caller"]["handlers"][2]["actions"][0]["observe"]["extra"] = "1"
    with pytest.raises(ModelError):
        load_model(doc)


def test_duplicate_counter_says_what_the_set_comparison_says():
    text = (EXAMPLES / "retries-without-idempotency.yaml").read_text()
    text = text.replace('''      always: "len(component['server'].applied) == len(set(component['server'].applied))"''',
                        f'''      always: "{UNIQUE_EFFECTS}"
    - name: no-duplicates-counted
      always: "component['server'].duplicates == 0"''')
    model = load_text(text)
    for seed in range(1, 9):
        safety = simulate(model, seed=seed, stop_on_violation=False).summary["safety"]
        assert {p["name"] for p in safety} == {"no-duplicate-effects", "no-duplicates-counted"}
        assert safety[0]["status"] == safety[1]["status"] and safety[0]["step"] == safety[1]["step"], seed


def test_request_response_invariant_is_constant_time():
    model = load_text((EXAMPLES / "request-response.yaml").read_text())
    assert model.safety[0].always == "component['server'].duplicates == 0"
    summary = simulate(model, seed=1, scenario="calm").summary
    assert summary["safety"][0]["status"] == "holds"


def test_invariants_skipped_on_unchanged_records_give_the_same_verdicts():
    # `now` and `components` make an invariant depend on every step; `component['x']` only on x's record.
    doc = load_text((EXAMPLES / "retries-without-idempotency.yaml").read_text())
    base = dump_model(doc)
    variants = []
    for always in (UNIQUE_EFFECTS, f"{UNIQUE_EFFECTS} or now < 0",
                   "all(len(c.applied) == len(set(c.applied)) for c in components if c.id == 'server')",
                   "component['client'].done < 3", "component['server'].up"):
        d = copy.deepcopy(base)
        d["properties"]["safety"] = [{"name": "no-duplicate-effects", "always": always}]
        d["scenarios"], d["guide"] = [], None  # no scenario left for the example's guide to name
        variants.append(simulate(d, seed=2, stop_on_violation=False).summary["safety"][0])
    assert variants[0]["step"] == variants[1]["step"] == variants[2]["step"] is not None
    assert variants[3]["status"] == "violated" and variants[4]["status"] == "holds"
