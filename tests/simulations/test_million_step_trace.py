"""A run of 1,000,000 steps stores its whole trace, and the API serves any step of it from one chunk.

The metronome's state after step s is known without the trace (its counter
is s - 1 and its timer is due at s), so each view is checked against that.
Measured on this 2-core machine: see bench/trace_views.py and README "Speed".
"""

import time

import pytest

from simulations.models import JobStatus, Run, RunTrace, TraceChunk
from simulations.tasks import simulate_run
from tests.simulations.documents import metronome

STEPS = 1_000_000


@pytest.mark.slow
def test_a_million_step_run_stores_its_trace_and_any_step_is_served_from_one_chunk(
        alice, alice_client, save_version, settings, opens):
    settings.JOB_MAX_STEPS = STEPS
    run = Run.objects.create(version=save_version(metronome()), created_by=alice, scenario="long")
    started = time.perf_counter()
    simulate_run.apply(args=[str(run.id)])
    elapsed = time.perf_counter() - started
    run.refresh_from_db()
    trace = RunTrace.objects.get(run=run)
    print(f"\n{STEPS:,} steps simulated and stored in {elapsed:.1f} s: {trace.bytes / STEPS:.2f} bytes per step")
    assert run.status == JobStatus.SUCCEEDED and run.summary["steps"] == STEPS
    assert trace.steps == STEPS and TraceChunk.objects.filter(run=run).count() == STEPS // 1000 + 1
    url = f"/api/runs/{run.id}/trace/"
    for step in (0, 1, 999, 1000, 1001, 123_456, 500_000, 999_999, STEPS):
        opens.clear()
        body = alice_client.get(url, {"step": step}).json()
        clock = body["global"]["components"]["clock"]
        assert clock["state"] == {"n": max(step - 1, 0)} and clock["timers"] == ({"tick": step} if step else {})
        assert body["global"]["time"] == max(step - 1, 0)
        local = alice_client.get(url, {"step": step, "component": "clock"}).json()["local"]
        assert local["state"] == clock["state"] and local["step"] == step
        assert len(opens) <= 1, "the step's chunk, once for both views (or kept from the step before): no more"
