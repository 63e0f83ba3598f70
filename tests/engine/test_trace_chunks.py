"""A trace cut into chunks shows every step exactly as the whole trace does, each chunk read alone.

Differential: for runs with crashes, drops (loss, partition, a crashed
receiver) and a violation, every step's global view, delta and every
component's local view from its one chunk equal the TraceReader's over the
whole trace.
"""

from __future__ import annotations

import functools
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine.api import simulate
from simulations.engine.modelcode import load_text
from simulations.engine.trace import ChunkWriter, TraceReader, apply_delta, encode, split, state_change
from simulations.engine.tracecodec import BINARY

from .conftest import EXAMPLES

RUNS = [
    ("primary-backup-kv", "backup-crash", 2),  # a transient crash, lossy links
    ("request-response", "server-down", 1),  # messages to a crashed server dropped
    ("split-brain", "partition-old-leader", 3),  # a partition, and a safety violation that stops the run
]


@pytest.mark.parametrize(("example", "scenario", "seed"), RUNS)
@pytest.mark.parametrize("chunk_steps", [10, 40])
def test_every_step_from_its_chunk_equals_the_whole_trace(example, scenario, seed, chunk_steps):
    model = load_text((EXAMPLES / f"{example}.yaml").read_text())
    result = simulate(model, seed=seed, scenario=scenario, trace=True, snapshot_every=10)
    whole = result.reader()
    header, chunks = split(result.trace, chunk_steps)
    kinds = {whole.delta(s)["k"] for s in range(1, whole.last_step + 1)}
    assert "drop" in kinds or "crash" in kinds, "the run exercises faults"
    assert header == whole.header
    assert [c.index for c in chunks] == list(range(len(chunks))) and len(chunks) > 1
    assert chunks[0].first_step == 0 and chunks[-1].last_step == whole.last_step
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.first_step == before.last_step + 1 == after.index * chunk_steps
    for chunk in chunks:
        alone = TraceReader(chunk.lines, header=header, first_step=chunk.first_step)
        assert (alone.first_step, alone.last_step) == (chunk.first_step, chunk.last_step)
        for step in range(chunk.first_step, chunk.last_step + 1):
            assert alone.global_state(step) == whole.global_state(step)
            assert alone.global_state(step, messages="inboxes") == whole.global_state(step, messages="inboxes")
            if step:
                assert alone.delta(step) == whole.delta(step)
            for component in header["components"]:
                assert alone.local_view(component, step) == whole.local_view(component, step)
        with pytest.raises(IndexError):
            alone.global_state(chunk.last_step + 1)


def test_the_simulator_writes_chunks_as_it_goes_and_the_result_holds_no_trace():
    model = load_text((EXAMPLES / "primary-backup-kv.yaml").read_text())
    whole = simulate(model, seed=2, trace=True)
    stored = []
    writer = ChunkWriter(stored.append, 200)
    streamed = simulate(model, seed=2, trace=True, trace_sink=writer)
    assert len(stored) == whole.summary["steps"] // 200, "every full chunk was handed on during the run"
    writer.close()
    assert streamed.trace is None and streamed.summary == whole.summary
    assert [line for c in stored for line in c.lines] == whole.trace[1:]
    assert writer.header == whole.reader().header and writer.last_step == whole.summary["steps"]


def test_chunks_must_start_with_a_snapshot():
    model = load_text((EXAMPLES / "request-response.yaml").read_text())
    with pytest.raises(ValueError, match="snapshot"):
        simulate(model, seed=1, trace=True, trace_sink=ChunkWriter(lambda chunk: None, 150))


json_values = st.recursive(st.none() | st.integers() | st.text(max_size=3),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=2), inner,
                                                                                       max_size=3), max_leaves=8)
states = st.dictionaries(st.sampled_from("abcd"), json_values, max_size=4)


@given(states, states, st.lists(json_values, max_size=3), st.dictionaries(st.text(max_size=2), json_values,
                                                                          max_size=2))
def test_a_state_change_rebuilds_the_new_state(old, new, tail, extra):
    """Whatever a handler returns, the delta (through the codec, as stored) turns the old state into the new
    one; a grown list or map is written as what it gained, a map that lost keys or had entries set as those."""
    grown = {**old, **{k: [*v, *tail] for k, v in old.items() if isinstance(v, list)},
             **{k: {**v, **extra} for k, v in old.items() if isinstance(v, dict)}}
    shrunk = {k: dict(list(v.items())[1:]) if isinstance(v, dict) else v for k, v in old.items()}
    edited = {k: {**v, **{key: extra.get(key, tail) for key in list(v)[:1]}} if isinstance(v, dict) else v
              for k, v in grown.items()}
    for after in (new, grown, {**new, **grown}, shrunk, edited):
        delta = BINARY.decode(encode(state_change(old, after)))
        component = {"up": True, "state": BINARY.decode(encode(old)), "timers": {}}
        apply_delta({"components": {"c": component}, "inflight": {}},
                    {}, {"t": 0.0, "a": "c", "k": "timer", **delta}, 16)
        assert component["state"] == BINARY.decode(encode(after))


def test_a_map_that_lost_keys_or_had_entries_set_is_written_as_that():
    old = {"seen": {str(i): i for i in range(100)}, "n": 1}
    fewer = {"seen": {k: v for k, v in old["seen"].items() if k != "7"}, "n": 1}
    assert state_change(old, fewer) == {"sr": {"seen": ["7"]}}
    assert state_change(old, {"seen": {**old["seen"], "7": -1}, "n": 2}) == {"sd": {"n": 2}, "sm": {"seen": {"7": -1}}}


def test_values_msgpack_has_no_type_for_read_back_as_json_would_have_them():
    record = {"big": 2**70, "mixed": {1: "a", "b": 2}, "items": frozenset({3, 1}), "tuple": (1, 2)}
    assert BINARY.decode(encode(record)) == {"big": 2**70, "mixed": {"1": "a", "b": 2}, "items": [1, 3],
                                             "tuple": [1, 2]}


def test_a_growing_state_costs_what_it_gained_not_its_size():
    old = {"applied": list(range(10_000)), "seen": {str(i): True for i in range(10_000)}, "handled": 10_000}
    new = {"applied": [*old["applied"], 7], "seen": {**old["seen"], "x": True}, "handled": 10_001}
    assert state_change(old, new) == {"sd": {"handled": 10_001}, "sa": {"applied": [7]}, "sm": {"seen": {"x": True}}}


def test_a_chunked_trace_costs_bounded_memory_however_long_the_run():
    """The simulator hands each chunk on and keeps none: memory does not grow with the trace."""
    model = load_text((EXAMPLES.parent / "bench" / "metronome.yaml").read_text())

    def peak(steps: int) -> int:
        tracemalloc.start()
        simulate(model, seed=1, max_steps=steps, trace=True, trace_sink=ChunkWriter(lambda chunk: None, 1000))
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    short, long = peak(2_000), peak(12_000)
    assert long < 1.3 * short + 50_000, (short, long)


@functools.cache
def _backup_crash_trace() -> tuple:
    model = load_text((EXAMPLES / "primary-backup-kv.yaml").read_text())
    return tuple(simulate(model, seed=2, scenario="backup-crash", trace=True, snapshot_every=10).trace)


@settings(deadline=None)  # up to 80 fresh readers an example: seconds on a loaded machine
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_a_reader_asked_in_any_order_shows_what_a_fresh_reader_shows(picks):
    """A reader starts from its previous answer when it can (a viewer stepping forward); in any order of
    questions, and after mutating what it answered, each answer equals that of a reader asked nothing before."""
    lines = _backup_crash_trace()
    reader = TraceReader(lines)
    components = reader.header["components"]
    for pick in picks:
        step = pick % (reader.last_step + 1)
        component = components[pick % len(components)]
        shown, local = reader.global_state(step), reader.local_view(component, step)
        assert shown == TraceReader(lines).global_state(step)
        assert local == TraceReader(lines).local_view(component, step)
        shown["components"].clear()  # what a caller does with its answer cannot change the next one
        local["sent"].clear()
