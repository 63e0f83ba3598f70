"""Traces stored whole in the database (before chunks) move to chunk files, and back: none is lost; they are
JSON lines (holarchy-trace/v1), and the API serves their steps as it serves a v2 trace's."""

import gzip

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from simulations.engine.api import simulate
from simulations.engine.overrides import apply_overrides
from simulations.engine.tracecodec import BINARY, JSON_LINES, V1
from simulations.models import JobStatus, Run, RunTrace, TraceChunk

WHOLE = ("simulations", "0004_trace_chunks")  # the last state with the `data` column


def as_json_lines(records: list[bytes]) -> list[str]:
    """A trace as the engine wrote it when traces were stored whole: JSON lines, holarchy-trace/v1."""
    header, *rest = [BINARY.decode(line) for line in records]
    return [JSON_LINES.encode({**header, "format": V1}), *(JSON_LINES.encode(r) for r in rest)]


def latest():
    """The app's newest migration: the chunked traces, with everything migrated since (the models' schema)."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes("simulations")[0]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_a_trace_stored_whole_is_served_from_chunks_after_the_migration_and_restored_by_its_reverse(
        alice, alice_client, version_of, settings):
    settings.TRACE_CHUNK_STEPS = 100
    version = version_of("primary-backup-kv")
    run = Run.objects.create(version=version, created_by=alice, seed=2, status=JobStatus.SUCCEEDED)
    result = simulate(apply_overrides(version.document, {}), seed=2, trace=True)
    Run.objects.filter(id=run.id).update(summary=result.summary)
    v1 = as_json_lines(result.trace)
    whole = gzip.compress("\n".join(v1).encode(), compresslevel=6)
    try:
        old = migrate(WHOLE).get_model("simulations", "RunTrace")
        old.objects.create(run_id=run.id, data=whole, steps=result.summary["steps"])

        migrate(latest())
        trace = RunTrace.objects.get(run=run)
        reader = result.reader()
        assert trace.status == "ready" and trace.steps == reader.last_step
        assert trace.header == {**reader.header, "format": V1}
        assert trace.chunk_steps == 100
        assert TraceChunk.objects.filter(run=run).count() == reader.last_step // 100 + 1 > 2
        for step in (0, 1, reader.last_step // 2, reader.last_step):
            body = alice_client.get(f"/api/runs/{run.id}/trace/", {"step": step}).json()
            assert body["global"] == reader.global_state(step)

        restored = migrate(WHOLE).get_model("simulations", "RunTrace").objects.get(run_id=run.id)
        assert gzip.decompress(bytes(restored.data)).decode().split("\n") == v1
    finally:
        migrate(latest())
