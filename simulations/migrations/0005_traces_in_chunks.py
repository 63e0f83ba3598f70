"""Every trace stored whole in the database moves to chunk files; backwards, the chunks are joined again
(and then removed), so migrating either way loses no trace."""

import gzip
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, transaction

from simulations.engine.trace import split
from simulations.engine.tracecodec import JSON_LINES  # traces stored whole were JSON lines (holarchy-trace/v1)


def _chunk_steps(snapshot_every: int) -> int:
    """The configured chunk size, rounded to whole snapshot intervals so every chunk starts with a snapshot."""
    return max(1, settings.TRACE_CHUNK_STEPS // snapshot_every) * snapshot_every


def to_chunks(apps, schema_editor):
    RunTrace = apps.get_model("simulations", "RunTrace")
    TraceChunk = apps.get_model("simulations", "TraceChunk")
    for trace in RunTrace.objects.exclude(data=b"").iterator():
        lines = gzip.decompress(bytes(trace.data)).decode().split("\n")
        every = int(json.loads(lines[0])["snapshot_every"])
        header, chunks = split(lines, _chunk_steps(every))
        total = 0
        for chunk in chunks:
            data = gzip.compress("\n".join(chunk.lines).encode(), compresslevel=6)
            name = default_storage.save(f"traces/{trace.run_id}/{chunk.index:06d}-legacy.jsonl.gz", ContentFile(data))
            TraceChunk.objects.create(run_id=trace.run_id, index=chunk.index, first_step=chunk.first_step,
                                      last_step=chunk.last_step, name=name, bytes=len(data))
            total += len(data)
        trace.header, trace.steps, trace.chunk_steps, trace.bytes = header, chunks[-1].last_step, _chunk_steps(every), total
        trace.status, trace.data = "ready", b""
        trace.save()


def to_whole(apps, schema_editor):
    RunTrace = apps.get_model("simulations", "RunTrace")
    TraceChunk = apps.get_model("simulations", "TraceChunk")
    for trace in RunTrace.objects.filter(status="ready").iterator():
        lines = [JSON_LINES.encode(trace.header)]
        for chunk in TraceChunk.objects.filter(run_id=trace.run_id).order_by("index"):
            with default_storage.open(chunk.name, "rb") as file:
                lines += gzip.decompress(file.read()).decode().split("\n")
        trace.data = gzip.compress("\n".join(lines).encode(), compresslevel=6)
        trace.save()
        names = list(TraceChunk.objects.filter(run_id=trace.run_id).values_list("name", flat=True))
        TraceChunk.objects.filter(run_id=trace.run_id).delete()
        # The files go once the whole trace is committed in its row, never before.
        transaction.on_commit(lambda names=names: [default_storage.delete(name) for name in names])
    RunTrace.objects.exclude(status="ready").delete()  # traces being produced hold nothing yet


class Migration(migrations.Migration):
    dependencies = [
        ("simulations", "0004_trace_chunks"),
    ]

    operations = [
        migrations.RunPython(to_chunks, to_whole),
    ]
