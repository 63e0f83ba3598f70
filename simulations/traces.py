"""Reading stored run traces: one step's global view, one component's local view, a window of steps."""

import gzip
from collections.abc import Mapping
from functools import lru_cache

from rest_framework.exceptions import NotFound, ValidationError

from simulations.engine.trace import TraceReader

from .models import Run, RunTrace

#: Steps returned at most by one window request (the space-time diagram pages through longer runs).
MAX_WINDOW = 2000


def pack(lines: list[str]) -> bytes:
    return gzip.compress("\n".join(lines).encode(), compresslevel=6)


@lru_cache(maxsize=8)
def _stored_reader(run_id: str) -> TraceReader:
    """A stored trace never changes, so the step viewer's many requests decompress it once per process.

    A missing trace raises, and lru_cache does not keep exceptions: a run that finishes later is found.
    """
    data = RunTrace.objects.values_list("data", flat=True).get(run_id=run_id)
    return TraceReader(gzip.decompress(bytes(data)).decode().split("\n"))


def reader_for(run: Run) -> TraceReader:
    try:
        return _stored_reader(str(run.id))
    except RunTrace.DoesNotExist:
        raise NotFound("this run has no trace (not finished yet, or it failed)") from None


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    try:
        return int(params.get(name, default))
    except ValueError:
        raise ValidationError({name: "must be an integer"}) from None


def step_view(run: Run, params: Mapping[str, str]) -> dict:
    """What the run viewer shows for ``?step=N``.

    ``&component=ID`` gives that component's local view instead of the global
    one; ``&messages=inboxes`` shows in-flight messages in their addressees'
    inboxes rather than in the network; ``&from=A&to=B`` adds the deltas of
    steps A..B for the space-time diagram.
    """
    reader = reader_for(run)
    step = _int_param(params, "step", 0)
    if not 0 <= step <= reader.last_step:
        raise ValidationError({"step": f"must be within 0..{reader.last_step}"})
    body: dict = {"step": step, "last_step": reader.last_step, "header": reader.header}
    component = params.get("component")
    if component:
        if component not in reader.header["components"]:
            raise ValidationError({"component": f"no component {component!r} in this run"})
        body["local"] = reader.local_view(component, step)
    else:
        messages = params.get("messages", "network")
        if messages not in ("network", "inboxes"):
            raise ValidationError({"messages": "must be 'network' (in flight) or 'inboxes' (in each component)"})
        body["global"] = reader.global_state(step, messages=messages)
        body["delta"] = reader.delta(step) if step else None
    if "from" in params:
        first = max(1, _int_param(params, "from", 1))
        last = min(reader.last_step, _int_param(params, "to", first + MAX_WINDOW - 1), first + MAX_WINDOW - 1)
        body["window"] = [reader.delta(s) for s in range(first, last + 1)]
    return body
