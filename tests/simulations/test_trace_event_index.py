"""The minimap's index of a stored trace: per chunk, its steps and how many crash, recover, drop and duplicate,
equal to counting the deltas of the engine's whole trace of the same run."""

from collections import Counter

import pytest

from simulations import traces
from simulations.engine.api import simulate
from simulations.models import Run, TraceChunk
from simulations.tasks import simulate_run


@pytest.fixture
def small_chunks(settings):
    settings.TRACE_CHUNK_STEPS = 100


def test_the_event_index_counts_each_chunks_notable_steps(alice_client, alice, version_of, small_chunks):
    run = Run.objects.create(version=version_of("primary-backup-kv"), created_by=alice, seed=2,
                             scenario="backup-crash")
    simulate_run.apply(args=[str(run.id)])
    reader = simulate(run.version.document, seed=2, scenario="backup-crash", trace=True).reader()
    deltas = [reader.delta(s) for s in range(1, reader.last_step + 1)]
    body = alice_client.get(f"/api/runs/{run.id}/trace/", {"events": "chunks"}).json()
    assert body["last_step"] == reader.last_step
    expected = []
    for first in range(0, reader.last_step + 1, 100):
        last = min(first + 99, reader.last_step)
        inside = [d for d in deltas if first <= d["s"] <= last and d["k"] in traces.EVENT_KINDS]
        kinds = Counter(d["k"] for d in inside)
        expected.append([first, last, *(kinds[k] for k in traces.EVENT_KINDS), inside[0]["s"] if inside else None])
    assert body["chunks"] == expected
    run.refresh_from_db()
    assert sum(c[2] for c in expected) == run.summary["crashes"] > 0  # the crash is in it, and drops
    assert sum(c[4] for c in expected) == run.summary["messages"]["dropped"] > 0


def test_a_chunk_stored_before_events_were_counted_is_counted_when_first_asked(
        alice_client, alice, version_of, small_chunks):
    run = Run.objects.create(version=version_of("request-response"), created_by=alice, seed=1,
                             scenario="server-down")
    simulate_run.apply(args=[str(run.id)])
    url = f"/api/runs/{run.id}/trace/"
    counted = alice_client.get(url, {"events": "chunks"}).json()["chunks"]
    TraceChunk.objects.filter(run=run).update(events=None)
    assert alice_client.get(url, {"events": "chunks"}).json()["chunks"] == counted
    assert not TraceChunk.objects.filter(run=run, events=None).exists()
    assert alice_client.get(url, {"events": "all"}).status_code == 400
