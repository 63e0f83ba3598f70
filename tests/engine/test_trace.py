"""The trace rebuilds any step's global state and any component's local view from the nearest snapshot."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text
from simulations.engine.trace import TraceReader
from simulations.engine.tracecodec import BINARY

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def model():
    return load_text((EXAMPLES / "primary-backup-kv.yaml").read_text())


def test_sparse_snapshots_rebuild_the_same_states_as_dense_ones(model):
    dense = simulate(model, seed=2, trace=True, snapshot_every=1).reader()
    sparse = simulate(model, seed=2, trace=True, snapshot_every=37).reader()
    assert dense.last_step == sparse.last_step > 200
    for step in range(0, dense.last_step + 1, 7):
        assert sparse.global_state(step) == dense.global_state(step)
        assert sparse.local_view("b2", step) == dense.local_view("b2", step)


def test_trace_is_binary_records_with_snapshots_every_k(model):
    result = simulate(model, seed=2, trace=True, snapshot_every=50)
    assert all(isinstance(line, bytes) for line in result.trace)
    header, *lines = [BINARY.decode(line) for line in result.trace]
    assert header["format"] == "holarchy-trace/v2" and header["snapshot_every"] == 50
    snaps = [line["snap"] for line in lines if "snap" in line]
    assert snaps == list(range(0, result.summary["steps"] + 1, 50))
    deltas = [line for line in lines if "snap" not in line]
    assert [d["s"] for d in deltas] == list(range(1, result.summary["steps"] + 1))
    assert {d["a"] for d in deltas} <= {"client", "primary", "b1", "b2", "network"}


def test_local_view_holds_only_what_the_component_can_know(model):
    reader = simulate(model, seed=2, trace=True).reader()
    step = reader.last_step // 2
    view = reader.local_view("b1", step)
    assert set(view) == {"id", "step", "up", "state", "timers", "sent", "received"}
    assert all(m[1] == "b1" for m in view["sent"]) and all(m[2] == "b1" for m in view["received"])
    assert "primary" not in json.dumps(view["state"])
    g = reader.global_state(step)
    assert view["state"] == g["components"]["b1"]["state"]
    assert set(g) == {"time", "components", "inflight"}


def test_reader_checks_its_input(model):
    result = simulate(model, seed=2, trace=True)
    with pytest.raises(IndexError):
        result.reader().global_state(result.summary["steps"] + 1)
    with pytest.raises(ValueError):
        TraceReader(['{"format": "other"}'])
    assert simulate(model, seed=2).trace is None
    streamed = TraceReader.of_document(result.trace_bytes())
    assert streamed.global_state(50) == result.reader().global_state(50)


def test_in_flight_messages_can_be_shown_in_the_network_or_in_inboxes(model):
    reader = simulate(model, seed=2, trace=True).reader()
    step = next(s for s in range(1, reader.last_step) if len(reader.global_state(s)["inflight"]) >= 2)
    network = reader.global_state(step)
    inboxes = reader.global_state(step, messages="inboxes")
    assert "inflight" not in inboxes
    as_inboxes = sorted([m[0], to] for to, c in inboxes["components"].items() for m in c["inbox"])
    assert as_inboxes == sorted([int(mid), m[1]] for mid, m in network["inflight"].items())


def test_summary_mode_memory_does_not_grow_with_run_length():
    ring = [f"n{i}" for i in range(4)]
    doc = {
        "format": "holarchy/v1", "name": "ring",
        "components": [{"id": n, "behavior": "relay", "params": {"next": ring[(i + 1) % 4], "tokens": 3 if i == 0
                                                                   else 0}} for i, n in enumerate(ring)],
        "links": [{"from": n, "to": ring[(i + 1) % 4], "bidirectional": True, "loss": 0.1} for i, n in enumerate(ring)],
        "holarchies": [{"name": "ring", "root": {"id": "all", "components": ring}}],
        "properties": {"safety": [{"name": "ok", "always": "component['n0'].forwarded >= 0"}]},
    }
    model = load_text(json.dumps(doc))

    def peak(until: float) -> int:
        tracemalloc.start()
        simulate(model, seed=1, until=until)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    short, long = peak(300), peak(3000)
    assert long < 1.5 * short + 50_000


def test_a_trace_limit_traces_the_first_steps_and_changes_no_result():
    from pathlib import Path

    from simulations.engine.api import simulate
    from simulations.engine.modelcode import load_text

    model = load_text((Path(__file__).resolve().parents[2] / "examples" / "request-response.yaml").read_text())
    full = simulate(model, seed=4)
    limited = simulate(model, seed=4, trace=True, trace_limit=10)
    assert limited.summary == full.summary
    assert limited.reader().last_step == 10 < full.summary["steps"]
