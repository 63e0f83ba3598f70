"""Run traces: stored in chunks while a worker runs, read one chunk per step by the viewer.

A chunk is K steps of the trace's records (K: the trace's snapshot interval,
TRACE_CHUNK_STEPS scaled to the model's size), framed and gzipped, as a
file in Django's default storage (MEDIA_ROOT, or any django-storages
backend), indexed by a TraceChunk row; the RunTrace row holds the header and
says when every chunk is there. A web process thus never holds a whole trace.

Storing is idempotent under redelivery: a chunk whose row exists is not
stored again (the engine is deterministic, so it would be the same chunk),
each delivery names its own files, and files no row names are removed when
the trace is recorded. A sweep's (or a study's) runs store summaries only: opening one
produces its trace by running it again (same seed, same steps, checked by
the trace hash), and until then the API answers "being produced".

Chunks are compressed as the run goes, each when it is complete, and the last
one before the job's outcome is stored: the finishing transaction only writes
rows. Traces stored as JSON lines (holarchy-trace/v1) are read as they are:
the header names each trace's format, and the API answers JSON either way.
"""

import gzip
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from rest_framework.exceptions import APIException, NotFound, ValidationError

from holarchy import limits
from simulations.engine.api import RunResult, simulate
from simulations.engine.overrides import apply_overrides
from simulations.engine.trace import Chunk, ChunkWriter, TraceReader, snapshot_interval
from simulations.engine.tracecodec import Codec, for_format

from .models import JobStatus, Run, RunTrace, TraceChunk, TraceStatus

#: Steps returned at most by one window request (the space-time diagram pages through longer runs).
MAX_WINDOW = 2000


#: The steps the minimap of a run shows, counted per chunk when it is stored.
EVENT_KINDS = ("crash", "recover", "drop", "duplicate")

#: gzip level of a chunk: level 1 packs a v2 chunk to within a few percent of level 6's bytes at a
#: fraction of its time (bench/trace_cost.py), and compressing is part of what a traced run costs.
COMPRESS_LEVEL = 1


def pack(codec: Codec, lines: list) -> bytes:
    return gzip.compress(codec.frame(lines), compresslevel=COMPRESS_LEVEL)


def unpack(codec: Codec, data: bytes) -> list:
    return codec.unframe(gzip.decompress(data))


def chunk_events(codec: Codec, lines: list) -> dict:
    """How many steps of each notable kind a chunk's lines hold, and the first such step (a substring count
    over the records' bytes: a chunk of ordinary steps costs no decoding)."""
    deltas = [line.encode() if isinstance(line, str) else line for line in lines if not codec.is_snapshot(line)]
    blob = b"\n".join(deltas)
    marks = [(kind, codec.kind_mark(kind)) for kind in EVENT_KINDS]
    counts = {kind: blob.count(mark) for kind, mark in marks}
    first = None
    if any(counts.values()):
        first = next(codec.decode(line)["s"] for line in deltas if any(mark in line for _, mark in marks))
    return {**counts, "first": first}


def folder(run_id: str) -> str:
    return f"traces/{run_id}"


# --- writing (workers) -----------------------------------------------------------------------------------


def keeps_trace(run: Run) -> bool:
    """A single run stores its trace as it goes; a sweep's or a study's runs only when someone opens one."""
    return run.sweep_id is None and run.study_id is None


def run_engine(run: Run, writer: ChunkWriter | None, progress: Callable[[float], None] | None = None) -> RunResult:
    """The engine's run of this row; traced into `writer` when one is given (same steps either way).

    One snapshot per chunk: a step's view applies at most a chunk of deltas, and
    a model whose state grows is not written whole more often than that. A chunk
    is TRACE_CHUNK_STEPS steps scaled to the model's size (trace.snapshot_interval).
    """
    max_steps = limits.for_team(run.version.model.workspace.team_id).max_steps_per_run
    document = apply_overrides(run.version.document, run.overrides)
    every = snapshot_interval(settings.TRACE_CHUNK_STEPS, len(document.get("components", ())))
    return simulate(
        document, seed=run.seed, scenario=run.scenario,
        until=run.until, stop_on_violation=run.stop_at_violation, trace=writer is not None, trace_sink=writer,
        trace_limit=settings.RUN_TRACE_STEPS, snapshot_every=every, max_steps=max_steps,
        progress=progress,
    )


def writer_for(run_id: str) -> ChunkWriter:
    """A sink for the simulator that stores each chunk as soon as it is complete (bounded memory)."""
    token = uuid.uuid4().hex[:12]  # this delivery's own file names: it never overwrites a file another one uses

    def store(chunk: Chunk) -> None:
        _store_chunk(run_id, chunk, token, writer.codec)

    writer = ChunkWriter(store)  # chunks of the trace's snapshot interval, which run_engine sets
    return writer


def _store_chunk(run_id: str, chunk: Chunk, token: str, codec: Codec) -> None:
    if TraceChunk.objects.filter(run_id=run_id, index=chunk.index).exists():
        return  # an earlier delivery of this run stored it, and the engine made the same lines again
    data = pack(codec, chunk.lines)
    name = default_storage.save(f"{folder(run_id)}/{chunk.index:06d}-{token}.trace.gz", ContentFile(data))
    try:
        with transaction.atomic():
            TraceChunk.objects.create(run_id=run_id, index=chunk.index, first_step=chunk.first_step,
                                      last_step=chunk.last_step, name=name, bytes=len(data),
                                      events=chunk_events(codec, chunk.lines))
    except IntegrityError:
        default_storage.delete(name)  # a delivery running at the same time stored it first


def record(run_id: str, writer: ChunkWriter) -> RunTrace:
    """Store the trace's row, once the run has ended and its last chunk is stored (`writer.close()`, outside
    the finishing transaction: it compresses); remove files no chunk row names."""
    writer.close()  # nothing left to store when the caller closed it, as a finishing task does
    total = TraceChunk.objects.filter(run_id=run_id).aggregate(total=Sum("bytes"))["total"] or 0
    trace, _ = RunTrace.objects.update_or_create(run_id=run_id, defaults={
        "status": TraceStatus.READY, "header": writer.header, "steps": writer.last_step,
        "chunk_steps": writer.chunk_steps, "bytes": total, "error": "", "heartbeat_at": timezone.now(),
    })
    remove_orphans(run_id)
    return trace


def remove_orphans(run_id: str) -> None:
    """Delete the run's files that no chunk row names (left by a delivery that died between file and row)."""
    try:
        _, files = default_storage.listdir(folder(run_id))
    except FileNotFoundError:
        return
    named = set(TraceChunk.objects.filter(run_id=run_id).values_list("name", flat=True))
    for file in files:
        if f"{folder(run_id)}/{file}" not in named:
            default_storage.delete(f"{folder(run_id)}/{file}")


def discard(run_id: str) -> None:
    """A run that failed keeps no partial trace (deleting a row deletes its file)."""
    TraceChunk.objects.filter(run_id=run_id).delete()
    remove_orphans(run_id)


def delete_file_of(chunk: TraceChunk) -> None:
    """A chunk row's file goes with the row, once its deletion is committed."""
    transaction.on_commit(lambda: default_storage.delete(chunk.name))


# --- producing a trace on demand --------------------------------------------------------------------------


def claim_production(run_id: str) -> bool:
    """This delivery produces the trace; False when it is produced already (a late duplicate)."""
    return RunTrace.objects.filter(run_id=run_id, status=TraceStatus.PRODUCING).update(
        heartbeat_at=timezone.now()) == 1


def heartbeat(run_id: str) -> Callable[[float], None]:
    """A progress callback that tells the web side the production is alive."""

    def beat(fraction: float) -> None:
        RunTrace.objects.filter(run_id=run_id, status=TraceStatus.PRODUCING).update(heartbeat_at=timezone.now())

    return beat


def produced(run: Run, writer: ChunkWriter, result: RunResult) -> RunTrace | None:
    """Record a rerun's trace if it is the run's own (same steps: same trace hash), else fail it."""
    expected, got = run.summary["trace_hash"], result.summary["trace_hash"]
    if got != expected:
        writer.close()
        fail_production(str(run.id), f"the rerun took other steps than the run (trace hash {got} != {expected})")
        return None
    return record(str(run.id), writer)


def fail_production(run_id: str, reason: str) -> None:
    discard(run_id)
    RunTrace.objects.filter(run_id=run_id).update(status=TraceStatus.FAILED, error=reason)


@transaction.atomic
def request_production(run: Run) -> None:
    """Queue the production of a run's trace, unless a live worker is at it already."""
    from .tasks import produce_trace

    now = timezone.now()
    _, created = RunTrace.objects.get_or_create(run=run, defaults={"status": TraceStatus.PRODUCING,
                                                                   "heartbeat_at": now})
    stale = now - timedelta(seconds=settings.TRACE_PRODUCTION_STALE_SECONDS)
    revived = not created and RunTrace.objects.filter(
        run=run, status=TraceStatus.PRODUCING, heartbeat_at__lt=stale).update(heartbeat_at=now)
    if created or revived:
        # robust: with the broker down the request still answers; the stale bound asks again later
        transaction.on_commit(lambda: produce_trace.delay(str(run.id)), robust=True)


# --- reading (web) ----------------------------------------------------------------------------------------


class TraceBeingProduced(APIException):
    """Not an error: the answer to come. The body says `"status": "producing"`; Retry-After says when."""

    status_code = 202
    default_code = "trace_being_produced"
    wait = 2

    def __init__(self):
        super().__init__({"status": "producing",
                          "detail": "the trace of this run is being produced; ask again in a few seconds"})


class TraceNotReproduced(APIException):
    status_code = 409
    default_code = "trace_not_reproduced"


def ready_trace(run: Run) -> RunTrace:
    """The run's stored trace; a finished run without one has it produced (202 until it is there)."""
    if run.status != JobStatus.SUCCEEDED:
        raise NotFound("this run has no trace (not finished yet, or it failed)")
    trace = RunTrace.objects.filter(run=run).first()
    if trace is None or trace.status == TraceStatus.PRODUCING:
        request_production(run)
        raise TraceBeingProduced()
    if trace.status == TraceStatus.FAILED:
        raise TraceNotReproduced(f"this run's trace could not be produced: {trace.error}")
    return trace


class _RecentChunks:
    """The chunks this process read last, decompressed, each reader with the step it showed last: a viewer
    stepping through a chunk then costs one delta per step, not a file read and up to a chunk of deltas.
    A chunk's file never changes once its row exists (each delivery writes files of its own)."""

    def __init__(self, size: int):
        self.size = size
        self.readers: OrderedDict[str, TraceReader] = OrderedDict()
        self.lock = threading.Lock()

    def reader(self, trace: RunTrace, chunk: TraceChunk) -> TraceReader:
        with self.lock:
            if (reader := self.readers.get(chunk.name)) is not None:
                self.readers.move_to_end(chunk.name)
                return reader
        with default_storage.open(chunk.name, "rb") as file:
            lines = unpack(for_format(trace.header["format"]), file.read())
        reader = TraceReader(lines, header=trace.header, first_step=chunk.first_step)
        with self.lock:
            self.readers[chunk.name] = reader
            while len(self.readers) > self.size:
                self.readers.popitem(last=False)
        return reader


_recent_chunks = _RecentChunks(size=8)


def read_chunk(trace: RunTrace, chunk: TraceChunk) -> TraceReader:
    """One chunk, read and decompressed alone: any of its steps without the rest of the trace."""
    return _recent_chunks.reader(trace, chunk)


def _chunk_of(trace: RunTrace, step: int) -> TraceReader:
    return read_chunk(trace, TraceChunk.objects.get(run_id=trace.run_id, index=step // trace.chunk_steps))


def _window(trace: RunTrace, first: int, last: int) -> list[dict]:
    chunks = TraceChunk.objects.filter(run_id=trace.run_id, last_step__gte=first, first_step__lte=last)
    deltas = []
    for chunk in chunks.order_by("index"):
        reader = read_chunk(trace, chunk)
        deltas += [reader.delta(s) for s in range(max(first, chunk.first_step, 1), min(last, chunk.last_step) + 1)]
    return deltas


def event_index(trace: RunTrace) -> list[list[int | None]]:
    """Per chunk [first_step, last_step, crashes, recoveries, drops, duplicates, first of them]: the whole run
    at a glance from the chunk rows alone (a chunk stored before they were counted is read once)."""
    index = []
    for chunk in TraceChunk.objects.filter(run_id=trace.run_id).order_by("index"):
        if chunk.events is None:
            codec = for_format(trace.header["format"])
            with default_storage.open(chunk.name, "rb") as file:
                chunk.events = chunk_events(codec, unpack(codec, file.read()))
            chunk.save(update_fields=["events"])
        index.append([chunk.first_step, chunk.last_step, *(chunk.events[k] for k in EVENT_KINDS),
                      chunk.events["first"]])
    return index


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    try:
        return int(params.get(name, default))
    except ValueError:
        raise ValidationError({name: "must be an integer"}) from None


def step_view(run: Run, params: Mapping[str, str]) -> dict:
    """What the run viewer shows for ``?step=N``, from the one chunk that holds step N.

    ``&component=ID`` gives that component's local view instead of the global
    one, ``&local=ID`` gives it with the global one (the viewer's one request per
    step); ``&messages=inboxes`` shows in-flight messages in their addressees'
    inboxes rather than in the network; ``&from=A&to=B`` adds the deltas of
    steps A..B for the space-time diagram (alone, without ``step``);
    ``?events=chunks`` gives the minimap's index instead: per chunk its
    steps and how many of them crash, recover, drop and duplicate.
    """
    trace = ready_trace(run)
    body: dict = {"last_step": trace.steps, "header": trace.header}
    if "events" in params:
        if params["events"] != "chunks":
            raise ValidationError({"events": "must be 'chunks' (the notable steps of every chunk)"})
        body["chunks"] = event_index(trace)
        return body
    if "step" in params or "from" not in params:
        body.update(_step(trace, params))
    if "from" in params:
        first = max(1, _int_param(params, "from", 1))
        last = min(trace.steps, _int_param(params, "to", first + MAX_WINDOW - 1), first + MAX_WINDOW - 1)
        body["window"] = _window(trace, first, last)
    return body


def _step(trace: RunTrace, params: Mapping[str, str]) -> dict:
    step = _int_param(params, "step", 0)
    if not 0 <= step <= trace.steps:
        raise ValidationError({"step": f"must be within 0..{trace.steps}"})
    component = _component(trace, params, "component")
    if component:
        return {"step": step, "local": _chunk_of(trace, step).local_view(component, step)}
    messages = params.get("messages", "network")
    if messages not in ("network", "inboxes"):
        raise ValidationError({"messages": "must be 'network' (in flight) or 'inboxes' (in each component)"})
    local = _component(trace, params, "local")
    reader = _chunk_of(trace, step)
    body = {"step": step, "global": reader.global_state(step, messages=messages),
            "delta": reader.delta(step) if step else None}
    if local:
        body["local"] = reader.local_view(local, step)
    return body


def _component(trace: RunTrace, params: Mapping[str, str], name: str) -> str | None:
    component = params.get(name)
    if component and component not in trace.header["components"]:
        raise ValidationError({name: f"no component {component!r} in this run"})
    return component
