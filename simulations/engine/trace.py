"""The trace: JSON lines, a snapshot of the global state every K steps plus one delta per step.

Line 1 is a header. A snapshot line `{"snap": s, "g": global, "v": views}`
holds the global state after step s (components' up flag, local state and
timers; in-flight messages) and every component's recent channel history
(last H messages sent and received). A delta line `{"s": s, "t": time,
"a": actor, "k": kind, ...}` says what step s changed:

    m    message id received, dropped or duplicated     why  reason of a drop
    st   actor's new local state, whole                 up   actor's new up flag
    sd   its variables that changed {name: value}       sa   lists it appended to {name: [items]}
    sm   maps it added entries to {name: {key: value}}
    snd  messages put in flight [id, from, to, type, payload, arrives_at]
    tm   actor's timers set {name: at} or cancelled {name: null}
    log  lines the actor logged

TraceReader rebuilds any step from the nearest snapshot at or before it,
never from the start. A stored trace is cut into chunks of a fixed number of
steps, each beginning with a snapshot (ChunkWriter, as the simulator writes):
a TraceReader over one chunk shows any of its steps without the rest.
"""

from __future__ import annotations

import bisect
import copy
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from .persistent import PDict, PList

FORMAT = "holarchy-trace/v1"
VIEW_HISTORY = 16  # messages a component's local view keeps of what it sent and of what it received
SNAPSHOT_PREFIX = '{"g":'  # sorted keys: a snapshot line starts with its global state, a delta never does


class TraceSink(Protocol):
    """Where the simulator writes trace lines: a list, or a ChunkWriter that stores them as the run goes."""

    def append(self, line: str, /) -> None: ...


def remember(views: dict[str, dict[str, list[Any]]], component: str, box: str, entry: list[Any]) -> None:
    """Add a message to a component's local view ("sent" or "received"), keeping the last VIEW_HISTORY."""
    views[component][box] = [*views[component][box], entry][-VIEW_HISTORY:]


def _default(o: Any) -> Any:
    if type(o) is PList:
        return list(o)
    if type(o) is PDict:
        return dict(o.items())
    if isinstance(o, set | frozenset):
        return sorted(o, key=repr)
    return str(o)


_ENCODER = json.JSONEncoder(separators=(",", ":"), sort_keys=True, default=_default)


def encode(obj: Any) -> str:
    """Deterministic compact JSON (sorted keys) for trace lines (one encoder for all: a line per step)."""
    try:
        return _ENCODER.encode(obj)
    except TypeError:  # dict keys of mixed types do not sort: write every key as the string JSON makes of it
        return _ENCODER.encode(_string_keys(obj))


def _string_keys(value: Any) -> Any:
    if isinstance(value, dict | PDict):
        return {k if isinstance(k, str) else json.dumps(k, default=_default): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple | PList):
        return [_string_keys(v) for v in value]
    if isinstance(value, set | frozenset):
        return [_string_keys(v) for v in sorted(value, key=repr)]
    return value


def state_change(old: Any, new: Any) -> dict[str, Any]:
    """The delta fields that turn `old` into `new`: what changed, not the whole state.

    A state that grows (a server's list of applied ids) would otherwise cost
    its whole size at every step, and a million-step trace would grow with the
    square of its length. Handlers keep unchanged values (the same objects), so
    identity finds what changed; a list that extends the old one is written as
    its new items, a map that only gained entries as those entries.
    """
    if not (isinstance(old, dict) and isinstance(new, dict)) or old.keys() - new.keys():
        return {"st": new}
    changed: dict[str, Any] = {}
    appended: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    for name, value in new.items():
        before = old.get(name, _ABSENT)
        if value is before:
            continue
        if (type(value) in _LISTS and type(before) in _LISTS and len(value) > len(before)
                and value[:len(before)] == before):
            appended[name] = value[len(before):]
        elif (type(value) in _MAPS and type(before) in _MAPS and len(value) > len(before)
              and _extends(value, before)):
            merged[name] = dict(islice(value.items(), len(before), None))
        else:
            changed[name] = value
    fields: dict[str, Any] = {}
    if changed:
        fields["sd"] = changed
    if appended:
        fields["sa"] = appended
    if merged:
        fields["sm"] = merged
    return fields


_ABSENT = object()
_LISTS = (list, PList)  # a persistent collection is written as the list or dict it stands for
_MAPS = (dict, PDict)


def _extends(value: Mapping[Any, Any], before: Mapping[Any, Any]) -> bool:
    """`value` is `before` with entries added after its own (as `{**before, key: v}` makes it), compared
    as lists: several times cheaper than looking each entry up."""
    n = len(before)
    return list(islice(value, n)) == list(before) and list(islice(value.values(), n)) == list(before.values())


def _change_state(comp: dict[str, Any], d: dict[str, Any]) -> None:
    """Apply a delta's variable changes (the inverse of state_change), in place: a reader's state is its own,
    parsed from a snapshot or a delta, so a grown list costs what it gained."""
    state = comp["state"]
    state.update(d.get("sd", {}))
    for name, items in d.get("sa", {}).items():
        state[name].extend(items)
    for name, entries in d.get("sm", {}).items():
        state[name].update(entries)


def _trim(items: list[Any], history: int) -> list[Any]:
    return items[-history:] if len(items) > history else items


def apply_delta(g: dict[str, Any], views: dict[str, Any], d: dict[str, Any], history: int) -> None:
    """Advance a global state and the channel views by one step (in place)."""
    g["time"] = d["t"]
    actor, kind = d["a"], d["k"]
    if kind in ("receive", "drop"):
        msg = g["inflight"].pop(str(d["m"]))
        if kind == "receive":
            views[actor]["received"] = _trim([*views[actor]["received"], [d["m"], *msg]], history)
    for sent in d.get("snd", ()):
        g["inflight"][str(sent[0])] = sent[1:]
        if actor in views and kind != "duplicate":
            views[actor]["sent"] = _trim([*views[actor]["sent"], sent], history)
    comp = g["components"].get(actor)
    if comp is None:
        return
    if "up" in d:
        comp["up"] = d["up"]
        if not d["up"]:
            comp["timers"] = {}
    if "st" in d:
        comp["state"] = d["st"]
    if "sd" in d or "sa" in d or "sm" in d:
        _change_state(comp, d)
    for name, at in d.get("tm", {}).items():
        if at is None:
            comp["timers"].pop(name, None)
        else:
            comp["timers"][name] = at


def is_snapshot(line: str) -> bool:
    return line.startswith(SNAPSHOT_PREFIX)


@dataclass(frozen=True)
class Chunk:
    """Steps first_step..last_step of a trace: the lines from first_step's delta (chunk 0: from the snapshot
    after step 0) up to last_step's delta and its snapshot, if any."""

    index: int
    first_step: int
    last_step: int
    lines: list[str]


class ChunkWriter:
    """A trace sink (the simulator appends lines to it) that hands on every `chunk_steps` steps as a Chunk.

    Only one chunk's lines are held, so a long run's trace costs bounded memory.
    `chunk_steps` must be a multiple of the trace's snapshot interval: every chunk
    then starts with a snapshot, and a reader of one chunk needs no other.
    """

    def __init__(self, store: Callable[[Chunk], None], chunk_steps: int):
        if chunk_steps < 1:
            raise ValueError(f"chunk_steps must be at least 1, not {chunk_steps}")
        self.store = store
        self.chunk_steps = chunk_steps
        self.header: dict[str, Any] | None = None
        self.last_step = 0
        self.chunks = 0
        self._first = 0
        self._lines: list[str] = []

    def append(self, line: str) -> None:
        if self.header is None:
            self.header = json.loads(line)
            if self.chunk_steps % self.header["snapshot_every"]:
                raise ValueError(f"chunks of {self.chunk_steps} steps do not start with a snapshot "
                                 f"(one every {self.header['snapshot_every']} steps)")
            return
        if not is_snapshot(line):
            self.last_step += 1
            if self.last_step % self.chunk_steps == 0:
                self._flush(self.last_step - 1)
                self._first = self.last_step
        self._lines.append(line)

    def _flush(self, last_step: int) -> None:
        self.store(Chunk(self.chunks, self._first, last_step, self._lines))
        self.chunks += 1
        self._lines = []

    def close(self) -> None:
        """Hand on the last, partial chunk (called once, when the run has ended)."""
        if self._lines:
            self._flush(self.last_step)


def split(lines: Iterable[str], chunk_steps: int) -> tuple[dict[str, Any], list[Chunk]]:
    """A whole trace's header and chunks (for a trace stored in one piece)."""
    chunks: list[Chunk] = []
    writer = ChunkWriter(chunks.append, chunk_steps)
    for line in lines:
        if line.strip():
            writer.append(line.rstrip("\n"))
    writer.close()
    if writer.header is None:
        raise ValueError("an empty trace has no header")
    return writer.header, chunks


class TraceReader:
    """Random access to a trace: global state and local views at any step."""

    def __init__(self, lines: Iterable[str | bytes], header: dict[str, Any] | None = None, first_step: int = 0):
        """A whole trace (its first line is the header), or one chunk of it: `header` given, and the chunk's
        `first_step` (its first line is that step's delta, then the snapshot after it; chunk 0 has no delta)."""
        decoded = (ln.decode() if isinstance(ln, bytes) else ln for ln in lines)
        self.lines = [ln.rstrip("\n") for ln in decoded if ln.strip()]  # tolerate a final newline
        body = 0 if header is not None else 1
        self.header = header if header is not None else json.loads(self.lines[0])
        if self.header.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} trace")
        self.history = self.header["view_history"]
        self.first_step = first_step
        self._snap_steps: list[int] = []
        self._snap_lines: list[int] = []
        self._delta_lines: dict[int, int] = {}
        step = first_step if self.lines[body:body + 1] and is_snapshot(self.lines[body]) else first_step - 1
        for i, line in enumerate(self.lines[body:], start=body):
            # Deltas come in step order and a snapshot follows the delta of its step.
            if is_snapshot(line):
                self._snap_steps.append(step)
                self._snap_lines.append(i)
            else:
                step += 1
                self._delta_lines[step] = i
        self.last_step = step

    def delta(self, step: int) -> dict[str, Any]:
        delta: dict[str, Any] = json.loads(self.lines[self._delta_lines[step]])
        return delta

    def _at(self, step: int) -> tuple[dict[str, Any], dict[str, Any]]:
        if not self.first_step <= step <= self.last_step:
            raise IndexError(f"step {step} is outside {self.first_step}..{self.last_step}")
        k = bisect.bisect_right(self._snap_steps, step) - 1
        snap = json.loads(self.lines[self._snap_lines[k]])
        g, views = snap["g"], snap["v"]
        for s in range(self._snap_steps[k] + 1, step + 1):
            apply_delta(g, views, self.delta(s), self.history)
        return g, views

    def global_state(self, step: int, messages: str = "network") -> dict[str, Any]:
        """Every component (up, state, timers) and every in-flight message after `step`.

        The two equally valid pictures of a global state: `messages="network"`
        keeps in-flight messages in the network (`inflight`); `"inboxes"` puts
        each one in the `inbox` of the component it is addressed to.
        """
        g = self._at(step)[0]
        if messages == "network":
            return g
        if messages != "inboxes":
            raise ValueError(f"messages must be 'network' or 'inboxes', not {messages!r}")
        for comp in g["components"].values():
            comp["inbox"] = []
        for mid, (sender, to, mtype, payload, at) in sorted(g.pop("inflight").items(), key=lambda kv: int(kv[0])):
            g["components"][to]["inbox"].append([int(mid), sender, mtype, payload, at])
        return g

    def local_view(self, component: str, step: int) -> dict[str, Any]:
        """What `component` can know after `step`: its state, timers and its own recent channel history."""
        g, views = self._at(step)
        own = g["components"][component]
        return {"id": component, "step": step, "up": own["up"], "state": copy.deepcopy(own["state"]),
                "timers": own["timers"], "sent": views[component]["sent"], "received": views[component]["received"]}
