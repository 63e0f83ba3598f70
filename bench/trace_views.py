"""Step views of a 1,000,000-step stored trace: read from one chunk, beside the old whole-trace read.

    .venv/bin/python bench/trace_views.py [--steps 1000000] [--requests 200]

Stores a run of the metronome (bench/metronome.yaml: one step per time unit)
through the worker's task, in-process, into a throwaway SQLite database and
media folder, then times at random steps, side by side:

- chunked, API: GET /api/runs/{id}/trace/?step=N (global view) and
  &component=clock (local view) through the whole Django/DRF stack;
- chunked, read: the same chunk read and view without HTTP;
- whole, cold: the old way, one gzip of the whole trace decompressed and
  indexed for a request (what each new web process paid, and any process
  whose cache had dropped the run);
- whole, warm: the old per-process cache hit (the whole trace kept in memory).

Target: median under 100 ms for a step's global view and a component's local view.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = tempfile.mkdtemp(prefix="holarchy-bench-traces-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{TMP}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")
sys.path.insert(0, str(ROOT))


def median_ms(samples: list[tuple[float, float]]) -> str:
    wall = sorted(w for w, _ in samples)
    p95 = wall[int(0.95 * (len(wall) - 1))]
    cpu = statistics.median(c for _, c in samples)
    return (f"median {statistics.median(wall) * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms  "
            f"(CPU median {cpu * 1000:6.2f} ms)")


def timed(action, steps: list[int]) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per call: on a loaded machine the CPU time still says what a request costs."""
    samples = []
    for step in steps:
        started, cpu = time.perf_counter(), time.process_time()
        action(step)
        samples.append((time.perf_counter() - started, time.process_time() - cpu))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per kind of view")
    parser.add_argument("--cold", type=int, default=5, help="whole-trace cold reads (each decompresses it all)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from holarchy.accounts.models import Membership, Role, Team
    from holarchy.modeling.models import ModelVersion, SystemModel, Workspace
    from simulations import traces
    from simulations.engine import modelcode
    from simulations.engine.trace import TraceReader, encode
    from simulations.models import Run, RunTrace, TraceChunk
    from simulations.tasks import simulate_run

    call_command("migrate", verbosity=0)
    settings.JOB_MAX_STEPS = args.steps
    user = get_user_model().objects.create_user("bench", password="bench-password")
    team = Team.objects.create(name="Bench", slug="bench")
    Membership.objects.create(user=user, team=team, role=Role.OWNER)
    model = modelcode.load_model(modelcode.parse_text((ROOT / "bench" / "metronome.yaml").read_text()))
    system = SystemModel.objects.create(workspace=Workspace.objects.create(team=team, name="bench"), name="metronome")
    version = ModelVersion.objects.create(model=system, number=1, document=modelcode.dump_model(model),
                                          content_hash=modelcode.content_hash(model), created_by=user)
    run = Run.objects.create(version=version, created_by=user, scenario="long")

    started, cpu = time.perf_counter(), time.process_time()
    simulate_run.apply(args=[str(run.id)])
    stored_s, stored_cpu = time.perf_counter() - started, time.process_time() - cpu
    trace = RunTrace.objects.get(run=run)
    chunks = list(TraceChunk.objects.filter(run=run))
    assert trace.steps == args.steps, f"stored {trace.steps} steps, not {args.steps}"
    print(f"run of {trace.steps:,} steps simulated and stored in {stored_s:.1f} s ({stored_cpu:.1f} s CPU): "
          f"{len(chunks):,} chunks, {trace.bytes:,} bytes, {trace.bytes / trace.steps:.2f} bytes per step")

    # The old storage: the whole trace as one gzip (the same lines), decompressed whole to read any step.
    lines = [encode(trace.header)]
    for chunk in chunks:
        lines += gzip.decompress(default_open(chunk.name)).decode().split("\n")
    whole = gzip.compress("\n".join(lines).encode(), compresslevel=6)
    del lines
    print(f"the same trace whole: {len(whole):,} bytes gzipped")

    rng = random.Random(1)
    steps = [rng.randrange(trace.steps + 1) for _ in range(args.requests)]
    client = APIClient()
    client.force_authenticate(user)
    url = f"/api/runs/{run.id}/trace/"

    def api_global(step: int) -> None:
        assert client.get(url, {"step": step}).status_code == 200

    def api_local(step: int) -> None:
        assert client.get(url, {"step": step, "component": "clock"}).status_code == 200

    def read_global(step: int) -> None:
        traces._chunk_of(RunTrace.objects.get(run=run), step).global_state(step)

    def whole_reader() -> TraceReader:
        return TraceReader(gzip.decompress(whole).decode().split("\n"))

    def cold_global(step: int) -> None:
        whole_reader().global_state(step)

    warm = whole_reader()
    rows = [
        ("chunked, API, global view", timed(api_global, steps)),
        ("chunked, API, local view", timed(api_local, steps)),
        ("chunked, read, global view", timed(read_global, steps)),
        ("whole, cold, global view", timed(cold_global, steps[: args.cold])),
        ("whole, warm, global view", timed(lambda s: warm.global_state(s), steps)),
        ("whole, warm, local view", timed(lambda s: warm.local_view("clock", s), steps)),
    ]
    for name, samples in rows:
        print(f"{name:28s} {median_ms(samples)}  ({len(samples)} requests)")
    chunked = max(statistics.median(w for w, _ in rows[0][1]), statistics.median(w for w, _ in rows[1][1]))
    cold = statistics.median(w for w, _ in rows[3][1])
    print(f"cold whole-trace read / chunked API read: {cold / chunked:.0f}x; "
          f"target median < 100 ms: {'met' if chunked < 0.1 else 'MISSED'}")


def default_open(name: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as file:
        return file.read()


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
