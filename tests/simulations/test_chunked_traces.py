"""Stored traces: chunk files indexed in the database, one chunk read per step, idempotent under redelivery.

The differential: each step's global view and a component's local view that
the API serves from the stored chunks (every chunk's edges, and steps in
between) equal the engine's TraceReader over the whole trace of the same run.
"""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from simulations import traces
from simulations.engine.api import simulate
from simulations.engine.overrides import apply_overrides
from simulations.engine.trace import split
from simulations.models import JobStatus, Run, RunTrace, TraceChunk, TraceStatus
from simulations.tasks import simulate_run
from tests.simulations.documents import metronome


def whole_trace(run: Run):
    return simulate(apply_overrides(run.version.document, run.overrides), seed=run.seed,
                    scenario=run.scenario or None, until=run.until, trace=True,
                    trace_limit=django_settings.RUN_TRACE_STEPS).reader()


def stored_files(run: Run) -> list[str]:
    try:
        return sorted(default_storage.listdir(traces.folder(str(run.id)))[1])
    except FileNotFoundError:
        return []


@pytest.fixture
def small_chunks(settings):
    settings.TRACE_CHUNK_STEPS = 100


@pytest.mark.parametrize(("example", "scenario", "seed"), [
    ("primary-backup-kv", "backup-crash", 2),  # a transient crash and lossy links
    ("request-response", "server-down", 1),  # messages dropped at a crashed server
])
def test_every_step_served_from_its_chunk_equals_the_whole_trace(
        alice_client, alice, version_of, small_chunks, opens, example, scenario, seed):
    run = Run.objects.create(version=version_of(example), created_by=alice, seed=seed, scenario=scenario)
    simulate_run.apply(args=[str(run.id)])
    whole = whole_trace(run)
    trace = RunTrace.objects.get(run=run)
    chunks = list(TraceChunk.objects.filter(run=run))
    assert trace.status == TraceStatus.READY and trace.steps == whole.last_step and trace.header == whole.header
    assert [(c.index, c.first_step) for c in chunks] == [(i, i * 100) for i in range(len(chunks))]
    assert chunks[-1].last_step == whole.last_step and trace.bytes == sum(c.bytes for c in chunks)
    url = f"/api/runs/{run.id}/trace/"
    edges = {s for c in chunks for s in (c.first_step, c.first_step + 1, c.last_step)}
    steps = sorted(edges | set(range(0, whole.last_step + 1, 9)))  # every step: tests/engine/test_trace_chunks
    reads = []
    # Forward (each step replayed from the one before, in a chunk this process keeps), then backward (each
    # from its snapshot): the same states either way.
    for step in steps + steps[::-1]:
        opens.clear()
        body = alice_client.get(url, {"step": step}).json()
        assert body["global"] == whole.global_state(step)
        assert body["delta"] == (whole.delta(step) if step else None)
        component = whole.header["components"][step % len(whole.header["components"])]
        local = alice_client.get(url, {"step": step, "component": component}).json()["local"]
        assert local == whole.local_view(component, step)
        both = alice_client.get(url, {"step": step, "local": component}).json()  # the viewer's one request
        assert (both["global"], both["local"]) == (whole.global_state(step), local)
        assert len(opens) <= 1, "at most the step's own chunk read"
        reads.append(len(opens))
    assert sum(reads[:len(steps)]) == len(chunks), "stepping forward reads each chunk once"
    window = alice_client.get(url, {"from": 90, "to": 230}).json()["window"]
    assert window == [whole.delta(s) for s in range(90, min(230, whole.last_step) + 1)]


def test_a_redelivered_run_stores_each_chunk_once_and_leaves_no_orphan_file(alice, version_of, small_chunks):
    run = Run.objects.create(version=version_of("primary-backup-kv"), created_by=alice, seed=2)
    whole = whole_trace(run)
    # A first delivery died at step ~250: chunks 0 and 1 stored, and a file saved whose row it never wrote.
    _, chunks = split(whole.lines, 100)
    died = traces.writer_for(str(run.id))
    for chunk in chunks[:2]:
        died.store(chunk)
    orphan = default_storage.save(f"{traces.folder(str(run.id))}/000002-dead.jsonl.gz", ContentFile(b"partial"))
    first_rows = list(TraceChunk.objects.filter(run=run).values_list("index", "name"))
    gone = timezone.now() - timedelta(hours=1)  # the dead worker's last heartbeat
    Run.objects.filter(id=run.id).update(status=JobStatus.RUNNING, heartbeat_at=gone, attempts=1)

    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    assert simulate_run.apply(args=[str(run.id)]).get() == "not claimed"

    rows = list(TraceChunk.objects.filter(run=run).values_list("index", "name"))
    assert [i for i, _ in rows] == list(range(len(chunks)))
    assert rows[:2] == first_rows, "the chunks the first delivery stored are kept, not stored again"
    assert stored_files(run) == sorted(name.rsplit("/", 1)[1] for _, name in rows)
    assert not default_storage.exists(orphan)
    reader = traces._chunk_of(RunTrace.objects.get(run=run), 150)
    assert reader.global_state(150) == whole.global_state(150)


def test_a_run_whose_model_fails_midway_keeps_no_partial_trace(alice, save_version, small_chunks):
    doc = metronome()  # an invariant that divides by zero at tick 450: the model fails while it runs
    doc["properties"] = {"safety": [{"name": "finite", "always": "1 / (450 - component['clock'].n) != 0"}]}
    run = Run.objects.create(version=save_version(doc), created_by=alice, until=1000)
    assert simulate_run.apply(args=[str(run.id)]).failed()
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED and "expression failed at step 452" in run.error
    assert not TraceChunk.objects.filter(run=run).exists() and stored_files(run) == []


def test_deleting_a_run_deletes_its_trace_files(alice, version_of, small_chunks, django_capture_on_commit_callbacks):
    run = Run.objects.create(version=version_of("primary-backup-kv"), created_by=alice, seed=2)
    simulate_run.apply(args=[str(run.id)])
    assert len(stored_files(run)) == TraceChunk.objects.filter(run=run).count() > 1
    with django_capture_on_commit_callbacks(execute=True):
        run.delete()
    assert stored_files(run) == []


@pytest.mark.django_db(transaction=True)
def test_no_chunk_is_compressed_inside_the_finishing_transaction(alice, version_of, small_chunks, monkeypatch):
    """Compressing is the slow part of storing a chunk: the last one too is packed before the outcome's
    transaction opens, so that transaction only writes rows."""
    from django.db import connection

    packed_in_transaction = []
    pack = traces.pack

    def watched(codec, lines):
        packed_in_transaction.append(connection.in_atomic_block)
        return pack(codec, lines)

    monkeypatch.setattr(traces, "pack", watched)
    run = Run.objects.create(version=version_of("primary-backup-kv"), created_by=alice, seed=2)
    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    assert len(packed_in_transaction) == TraceChunk.objects.filter(run=run).count() > 2
    assert not any(packed_in_transaction)
