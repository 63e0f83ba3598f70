"""The library entry point for the Django side: `simulate(model, seed=...)` -> RunResult."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .expr import ExprError
from .modelcode import Issue, Model, ModelError, load_model
from .simulator import DEFAULT_MAX_STEPS, Simulator
from .trace import TraceReader, TraceSink
from .tracecodec import BINARY


@dataclass
class RunResult:
    """`summary` is JSON-serialisable; `trace` holds the trace's records (bytes) when the run was traced, else None."""

    summary: dict[str, Any]
    trace: list[bytes] | None = field(default=None, repr=False)

    def reader(self) -> TraceReader:
        """Random access to the trace: global state and local views at any step."""
        if self.trace is None:
            raise ValueError("this run was not traced: simulate(..., trace=True)")
        return TraceReader(self.trace)

    def counterexample(self) -> list[bytes] | None:
        """The trace prefix up to the first violation (header, snapshots and deltas), if any."""
        if self.trace is None or not self.summary["violations"]:
            return None
        last = self.summary["violations"][0]["step"]
        reader = self.reader()
        end = reader._delta_lines.get(last, len(self.trace) - 1)
        return self.trace[: end + 1]

    def trace_bytes(self) -> bytes:
        """The trace as one document (for storage or streaming; `TraceReader.of_document` reads it)."""
        return BINARY.frame(self.trace or [])


def simulate(model: Model | dict[str, Any], *, seed: int, scenario: str | None = None, until: float | None = None,
             trace: bool = False, progress: Callable[[float], None] | None = None,
             stop_on_violation: bool = False, max_steps: int = DEFAULT_MAX_STEPS,
             snapshot_every: int | None = None, trace_limit: int | None = None,
             trace_sink: TraceSink | None = None) -> RunResult:
    """Run one simulation. A dict is validated first; every model problem raises ModelError (with issues),
    including an unknown scenario and an expression that fails while running (e.g. a division by zero).

    `scenario` None picks the model's first scenario, "" (NO_FAULTS) runs without faults; `until`
    overrides the scenario's end time; `progress` receives fractions in [0, 1]
    at most ~21 times; `trace_limit` traces only the first that many steps (a
    long run's trace grows with its states); `trace_sink` receives the trace's lines as the run makes them
    (e.g. a ChunkWriter, so the trace is never held whole; `result.trace` is then None);
    a run goes to its end and reports each property's first violation and how many times it broke (SLOs are
    measured over the whole run); `stop_on_violation=True` stops at the first safety violation, and the
    properties not yet violated then read "not_checked" up to that step.
    """
    if not isinstance(model, Model):
        model = load_model(model)
    sim = Simulator(model, seed=seed, scenario=scenario, until=until, trace=trace, progress=progress,
                    stop_on_violation=stop_on_violation, max_steps=max_steps, snapshot_every=snapshot_every,
                    trace_limit=trace_limit, trace_sink=trace_sink)
    try:
        summary = sim.run()
    except ExprError as exc:  # the model's own expression failed on a reachable state: a model error too
        raise ModelError([Issue("", f"an expression failed at step {sim.step + 1}: {exc}")]) from None
    return RunResult(summary, sim.lines if trace and isinstance(sim.lines, list) else None)
