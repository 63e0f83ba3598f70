"""The trace: a header, a snapshot of the global state every K steps plus one delta per step.

Records are MessagePack (holarchy-trace/v2, tracecodec.py); traces stored as JSON
lines (v1) read the same. A snapshot `{"g": global, "snap": s, "v": views}`
holds the global state after step s (components' up flag, local state and
timers; in-flight messages) and every component's recent channel history
(last H messages sent and received). A delta `{"s": s, "t": time, "a": actor,
"k": kind, ...}` says what step s changed:

    m    message id received, dropped or duplicated     why  reason of a drop
    st   actor's new local state, whole                 up   actor's new up flag
    sd   its variables that changed {name: value}       sa   lists it appended to {name: [items]}
    sm   maps whose entries it set {name: {key: value}} sr   maps it removed keys from {name: [keys]}
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
import math
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import compress, islice
from operator import is_not
from typing import Any, Protocol

import msgspec

from .persistent import PDict, PList, extends
from .tracecodec import BINARY, V2, Codec, Line, for_format, for_line

FORMAT = V2
VIEW_HISTORY = 16  # messages a component's local view keeps of what it sent and of what it received

#: Steps between two snapshots for a model of up to SNAPSHOT_COMPONENTS components; a larger model's snapshot
#: costs more bytes, so it is written that many times less often (up to SNAPSHOT_SCALE_MAX times).
SNAPSHOT_COMPONENTS = 20
SNAPSHOT_SCALE_MAX = 2  # the viewer replays at most 2 * base deltas for a step: 1,000 components stay under 100 ms


def snapshot_interval(base: int, components: int) -> int:
    """K for a model of `components`: `base` times the model's size in units of SNAPSHOT_COMPONENTS.

    A snapshot's bytes grow with the components, a delta's do not: at a fixed K a
    100-component model's trace would be mostly snapshots. A multiple of `base`, so
    chunks of `base` steps' multiples still start with a snapshot; bounded, so a
    step's view never replays more than SNAPSHOT_SCALE_MAX * base deltas.
    """
    return base * min(max(1, math.ceil(components / SNAPSHOT_COMPONENTS)), SNAPSHOT_SCALE_MAX)


class TraceSink(Protocol):
    """Where the simulator writes trace records: a list, or a ChunkWriter that stores them as the run goes."""

    def append(self, line: Any, /) -> None: ...


def channel_views(components: Iterable[str]) -> dict[str, dict[str, deque[Any]]]:
    """Each component's recent channel history, as the simulator keeps it: the last VIEW_HISTORY of each box."""
    return {cid: {"sent": deque(maxlen=VIEW_HISTORY), "received": deque(maxlen=VIEW_HISTORY)} for cid in components}


def snapshot_views(views: dict[str, dict[str, deque[Any]]]) -> dict[str, dict[str, list[Any]]]:
    return {cid: {"sent": list(v["sent"]), "received": list(v["received"])} for cid, v in views.items()}


def encode(record: Any) -> bytes:
    """A trace record as the simulator writes it (tracecodec.BINARY)."""
    return BINARY.encode(record)  # type: ignore[return-value]


def state_change(old: Any, new: Any) -> dict[str, Any]:
    """The delta fields that turn `old` into `new`: what changed, not the whole state.

    A state that grows (a server's list of applied ids) would otherwise cost
    its whole size at every step, and a million-step trace would grow with the
    square of its length. Handlers keep unchanged values (the same objects), so
    identity finds what changed; a list that extends the old one is written as
    its new items, a map as the entries it set and the keys it lost, when that
    is less than the whole map.
    """
    if not (isinstance(old, dict) and isinstance(new, dict)) or old.keys() - new.keys():
        return {"st": new}
    changed: dict[str, Any] = {}
    appended: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    removed: dict[str, Any] = {}
    for name, value in new.items():
        before = old.get(name, _ABSENT)
        if value is before:
            continue
        kind = type(value)
        if (kind in _LISTS and type(before) in _LISTS and len(value) > len(before)
                and (kind is PList and extends(value, before) or value[:len(before)] == before)):
            appended[name] = value[len(before):]
        elif kind in _MAPS and type(before) in _MAPS and (diff := _map_change(before, value)) is not None:
            if diff[0]:
                merged[name] = diff[0]
            if diff[1]:
                removed[name] = diff[1]
        else:
            changed[name] = value
    fields: dict[str, Any] = {}
    if changed:
        fields["sd"] = changed
    if appended:
        fields["sa"] = appended
    if merged:
        fields["sm"] = merged
    if removed:
        fields["sr"] = removed
    return fields


_ABSENT = object()
_LISTS = (list, PList)  # a persistent collection is written as the list or dict it stands for
_MAPS = (dict, PDict)

#: A map of at most this many entries is written whole when it changed: finding its changed entries would
#: cost more time than the few bytes it saves.
SMALL_MAP = 4


def _map_change(before: Mapping[Any, Any], value: Mapping[Any, Any]) -> tuple[dict[Any, Any], list[Any]] | None:
    """(entries set, keys removed) that turn map `before` into `value` when they are fewer than its entries;
    None: write it whole.

    The shapes a handler makes, `{**m, k: v}`, a copy with entries set or one with
    keys deleted, are recognised by comparing lists in C (about a microsecond for
    a hundred entries); other changes are found entry by entry.
    """
    n, m = len(before), len(value)
    if m <= SMALL_MAP:
        return None
    if type(value) is PDict and type(before) is PDict and (logged := value.changes_since(before)) is not None:
        return _logged_map_change(before, value, *logged)
    if m > n and list(islice(value, n)) == list(before) and list(islice(value.values(), n)) == list(before.values()):
        return dict(islice(value.items(), n, None)), []  # entries added after the old ones
    if m < n and before.keys() > value.keys():
        gone = list(before.keys() - value.keys())
        if len(gone) < m and list(value.values()) == list(map(before.__getitem__, value)):
            return {}, gone  # keys deleted, the rest unchanged
    if m == n and list(value) == list(before):  # the same keys in the same order: a copy with entries set
        keys = list(compress(value, map(is_not, value.values(), before.values())))
        return None if len(keys) >= m else ({k: value[k] for k in keys}, [])
    entries = {k: v for k, v in value.items() if (b := before.get(k, _ABSENT)) is not v and b != v}
    gone = [] if before.keys() <= value.keys() else [k for k in before if k not in value]
    return None if len(entries) + len(gone) >= m else (entries, gone)


def _logged_map_change(before: PDict, value: PDict, added: list[Any], kept: list[Any],
                       gone: list[Any]) -> tuple[dict[Any, Any], list[Any]] | None:
    """What _map_change finds for a persistent map, case by case, from the keys its update log names
    (PDict.changes_since): every other entry is the same object in both maps, so O(changes) and not O(map).
    No key moved, so the kept keys come before the added ones and in the same order as in `before`."""
    n, m = len(before), len(value)
    equal = all((b := before[k]) is (v := value[k]) or b == v for k in kept)
    if m > n and not gone and equal:
        return {k: value[k] for k in added}, []
    if m < n and not added and len(gone) < m and equal:
        return {}, list(set(gone))  # in the order the set difference of the keys gives (see _map_change)
    if m == n and not added:  # and so none removed: the same keys in the same order
        keys = [k for k in kept if value[k] is not before[k]]
        return None if len(keys) >= m else ({k: value[k] for k in keys}, [])
    entries = {k: v for k in kept if (b := before[k]) is not (v := value[k]) and b != v}
    entries.update((k, value[k]) for k in added)
    return None if len(entries) + len(gone) >= m else (entries, gone)


def _change_state(comp: dict[str, Any], d: dict[str, Any]) -> None:
    """Apply a delta's variable changes (the inverse of state_change), in place: a reader's state is its own,
    parsed from a snapshot or a delta, so a grown list costs what it gained."""
    state = comp["state"]
    state.update(d.get("sd", {}))
    for name, items in d.get("sa", {}).items():
        state[name].extend(items)
    for name, entries in d.get("sm", {}).items():
        state[name].update(entries)
    for name, keys in d.get("sr", {}).items():
        for key in keys:
            state[name].pop(key, None)


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
    if "sd" in d or "sa" in d or "sm" in d or "sr" in d:
        _change_state(comp, d)
    for name, at in d.get("tm", {}).items():
        if at is None:
            comp["timers"].pop(name, None)
        else:
            comp["timers"][name] = at


_COPY_ENCODER = msgspec.msgpack.Encoder()  # insertion order kept: a copy lists what the original lists
_COPY_DECODER = msgspec.msgpack.Decoder()


def _copied(value: Any) -> Any:
    """A deep copy of decoded trace data (dicts, lists, scalars), through MessagePack: a sixth of deepcopy's
    time on a thousand components; deepcopy for what MessagePack cannot hold (an integer beyond 64 bits)."""
    try:
        return _COPY_DECODER.decode(_COPY_ENCODER.encode(value))
    except (TypeError, OverflowError):
        return copy.deepcopy(value)


@dataclass(frozen=True)
class Chunk:
    """Steps first_step..last_step of a trace: the lines from first_step's delta (chunk 0: from the snapshot
    after step 0) up to last_step's delta and its snapshot, if any."""

    index: int
    first_step: int
    last_step: int
    lines: list[Any]


class ChunkWriter:
    """A trace sink (the simulator appends lines to it) that hands on every `chunk_steps` steps as a Chunk.

    Only one chunk's lines are held, so a long run's trace costs bounded memory.
    `chunk_steps` must be a multiple of the trace's snapshot interval (by default
    it is that interval): every chunk then starts with a snapshot, and a reader of
    one chunk needs no other.
    """

    def __init__(self, store: Callable[[Chunk], None], chunk_steps: int | None = None):
        if chunk_steps is not None and chunk_steps < 1:
            raise ValueError(f"chunk_steps must be at least 1, not {chunk_steps}")
        self.store = store
        self.chunk_steps = chunk_steps or 0
        self.header: dict[str, Any] | None = None
        self.codec: Codec = BINARY
        self._is_snapshot = BINARY.is_snapshot
        self.last_step = 0
        self.chunks = 0
        self._first = 0
        self._lines: list[Any] = []

    def append(self, line: Line) -> None:
        if self.header is None:
            self.codec = for_line(line)
            self._is_snapshot = self.codec.is_snapshot
            self.header = self.codec.decode(line)
            every = self.header["snapshot_every"]
            self.chunk_steps = self.chunk_steps or every
            if self.chunk_steps % every:
                raise ValueError(f"chunks of {self.chunk_steps} steps do not start with a snapshot "
                                 f"(one every {every} steps)")
            return
        if not self._is_snapshot(line):
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
        """Hand on the last, partial chunk (called once, when the run has ended; again, it does nothing)."""
        if self._lines:
            self._flush(self.last_step)


def _lines(lines: Iterable[Line]) -> list[Line]:
    """A trace's non-empty lines: JSON lines (v1) lose a final newline; a v2 line is bytes, kept as it is."""
    kept: list[Line] = []
    for line in lines:
        if isinstance(line, str) or line[:1] == b"{":
            line = line.rstrip("\n") if isinstance(line, str) else line.rstrip(b"\n")
            if line.strip():
                kept.append(line)
        elif line:
            kept.append(line)
    return kept


def split(lines: Iterable[Line], chunk_steps: int | None = None) -> tuple[dict[str, Any], list[Chunk]]:
    """A whole trace's header and chunks (for a trace stored in one piece)."""
    chunks: list[Chunk] = []
    writer = ChunkWriter(chunks.append, chunk_steps)
    for line in _lines(lines):
        writer.append(line)
    writer.close()
    if writer.header is None:
        raise ValueError("an empty trace has no header")
    return writer.header, chunks


class TraceReader:
    """Random access to a trace: global state and local views at any step."""

    def __init__(self, lines: Iterable[Line], header: dict[str, Any] | None = None, first_step: int = 0):
        """A whole trace (its first line is the header), or one chunk of it: `header` given, and the chunk's
        `first_step` (its first line is that step's delta, then the snapshot after it; chunk 0 has no delta).
        Lines are a v2 trace's records or a v1 trace's JSON lines (text or bytes)."""
        self.lines = _lines(lines)
        body = 0 if header is not None else 1
        if header is None:
            if not self.lines:
                raise ValueError("an empty trace has no header")
            header = for_line(self.lines[0]).decode(self.lines[0])
        if not isinstance(header, dict) or not isinstance(header.get("format"), str):
            raise ValueError("not a holarchy trace (its header names no format)")
        self.header = header
        self.codec = for_format(header["format"])
        self.history = self.header["view_history"]
        self.first_step = first_step
        self._snap_steps: list[int] = []
        self._snap_lines: list[int] = []
        self._delta_lines: dict[int, int] = {}
        is_snapshot = self.codec.is_snapshot
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
        self._memo: tuple[int, dict[str, Any], dict[str, Any]] | None = None
        self._lock = threading.Lock()  # one reader may serve a web process's threads

    @classmethod
    def of_document(cls, blob: bytes) -> TraceReader:
        """A whole trace stored as one document: v2's framed records, or v1's JSON lines."""
        codec = for_line(blob[:1])
        return cls(codec.unframe(blob))

    def delta(self, step: int) -> dict[str, Any]:
        delta: dict[str, Any] = self.codec.decode(self.lines[self._delta_lines[step]])
        return delta

    def _at(self, step: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """The state after `step`, the reader's own: the next call moves it on, so callers copy what they keep.

        It starts from the state of the previous call when that one lies between the nearest snapshot and
        `step` (a viewer stepping forward replays one delta, not up to a chunk of them)."""
        if not self.first_step <= step <= self.last_step:
            raise IndexError(f"step {step} is outside {self.first_step}..{self.last_step}")
        k = bisect.bisect_right(self._snap_steps, step) - 1
        memo, self._memo = self._memo, None
        if memo is not None and self._snap_steps[k] <= memo[0] <= step:
            done, g, views = memo
        else:
            snap = self.codec.decode(self.lines[self._snap_lines[k]])
            done, g, views = self._snap_steps[k], snap["g"], snap["v"]
        for s in range(done + 1, step + 1):
            apply_delta(g, views, self.delta(s), self.history)
        self._memo = (step, g, views)
        return g, views

    def global_state(self, step: int, messages: str = "network") -> dict[str, Any]:
        """Every component (up, state, timers) and every in-flight message after `step`.

        The two equally valid pictures of a global state: `messages="network"`
        keeps in-flight messages in the network (`inflight`); `"inboxes"` puts
        each one in the `inbox` of the component it is addressed to.
        """
        with self._lock:
            g: dict[str, Any] = _copied(self._at(step)[0])
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
        with self._lock:
            g, views = self._at(step)
            own = g["components"][component]
            view: dict[str, Any] = _copied({"id": component, "step": step, "up": own["up"], "state": own["state"],
                                            "timers": own["timers"], "sent": views[component]["sent"],
                                            "received": views[component]["received"]})
        return view
