"""How trace records are written as bytes: MessagePack (holarchy-trace/v2), and the JSON lines of v1, still read.

A record is a header, a snapshot or a delta (see trace.py); a codec turns one into
a line (bytes for v2, text for v1) and back, tells a snapshot from a delta without
decoding it, and frames a chunk's lines as one blob. v2 is MessagePack through
msgspec: measured on the 100-component ring (bench/trace_cost.py), a delta costs a
fifth of the time of the sorted-keys JSON encoder and 60% of its bytes, and a
snapshot half of both. Keys and set items are written sorted (msgspec's
"deterministic" order), so a run's trace is the same bytes in every process, as
v1's sorted JSON was; a value msgspec has no type for is written as its string, as
v1 did.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

import msgspec

from .persistent import PDict, PList

V1 = "holarchy-trace/v1"
V2 = "holarchy-trace/v2"

Line = str | bytes


class Codec(Protocol):
    format: str

    def encode(self, record: Any, /) -> Line: ...

    def decode(self, line: Line, /) -> Any: ...

    def is_snapshot(self, line: Line, /) -> bool: ...

    def kind_mark(self, kind: str, /) -> bytes:
        """The bytes a delta of that kind holds (a substring count finds such steps without decoding)."""
        ...

    def frame(self, lines: list[Any], /) -> bytes:
        """A chunk's lines as one blob (to compress and store)."""
        ...

    def unframe(self, blob: bytes, /) -> list[Any]: ...


def _string(value: Any) -> Any:
    if type(value) is PList:
        return list(value)
    if type(value) is PDict:
        return dict(value.items())
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return str(value)


def string_keys(value: Any, leaf: Callable[[Any], Any] | None = None) -> Any:
    """The value with every dict key a string, as JSON writes it: dict keys of mixed types do not sort.
    ``leaf``, if given, rewrites every value that is not a collection."""
    if isinstance(value, dict | PDict):
        return {k if isinstance(k, str) else json.dumps(k, default=_string): string_keys(v, leaf)
                for k, v in value.items()}
    if isinstance(value, list | tuple | PList):
        return [string_keys(v, leaf) for v in value]
    if isinstance(value, set | frozenset):
        return [string_keys(v, leaf) for v in sorted(value, key=repr)]
    return value if leaf is None else leaf(value)


class _JsonLines:
    """v1: one compact JSON text per line, keys sorted; a chunk is its lines joined by newlines."""

    format = V1
    _encoder = json.JSONEncoder(separators=(",", ":"), sort_keys=True, default=_string)

    def encode(self, record: Any) -> str:
        try:
            return self._encoder.encode(record)
        except TypeError:
            return self._encoder.encode(string_keys(record))

    def decode(self, line: Line) -> Any:
        return json.loads(line)

    def is_snapshot(self, line: Line) -> bool:
        # sorted keys: a snapshot line starts with its global state, a delta never does
        return line.startswith('{"g":') if isinstance(line, str) else line.startswith(b'{"g":')

    def kind_mark(self, kind: str) -> bytes:
        return f'"k":"{kind}"'.encode()

    def frame(self, lines: list[Any]) -> bytes:
        return "\n".join(ln.decode() if isinstance(ln, bytes) else ln for ln in lines).encode()

    def unframe(self, blob: bytes) -> list[Any]:
        return [ln for ln in blob.split(b"\n") if ln.strip()]


#: MessagePack extension type of an int beyond 64 bits (the expression language's ints are Python's): its
#: decimal digits, read back as the same int.
BIG_INT = 1


def _str_hook(value: Any) -> Any:
    """A persistent collection as the list or dict it stands for; any other value msgspec has no type for
    as its string (as v1 wrote it)."""
    if type(value) is PList:
        return list(value)
    if type(value) is PDict:
        return dict(value.items())
    return str(value)


def _big_int(code: int, data: memoryview) -> Any:
    if code != BIG_INT:
        raise ValueError(f"unknown MessagePack extension type {code} in a trace")
    return int(bytes(data))


def _extension_if_huge(value: Any) -> Any:
    """An int beyond 64 bits as the extension MessagePack can hold; any other value as it is."""
    if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**64:
        return msgspec.msgpack.Ext(BIG_INT, str(value).encode())
    return value


class _MessagePack:
    """v2: one MessagePack map per line; a chunk is a MessagePack array of its lines (each a bin)."""

    format = V2
    _encoder = msgspec.msgpack.Encoder(order="deterministic", enc_hook=_str_hook)
    _decoder = msgspec.msgpack.Decoder(ext_hook=_big_int)
    _frames = msgspec.msgpack.Decoder(list[bytes])
    # A snapshot is the map {"g": ..., "snap": ..., "v": ...}: a fixmap of 3, its first key (sorted) "g".
    _snapshot_prefix = b"\x83\xa1g"

    def encode(self, record: Any) -> bytes:
        try:
            return self._encoder.encode(record)
        except (TypeError, OverflowError):  # keys or set items of mixed types do not sort; a huge int
            return self._encoder.encode(string_keys(record, _extension_if_huge))

    def decode(self, line: Line) -> Any:
        return self._decoder.decode(line.encode() if isinstance(line, str) else line)

    def is_snapshot(self, line: Line) -> bool:
        return line[:3] == self._snapshot_prefix

    def kind_mark(self, kind: str) -> bytes:
        return self._encoder.encode("k") + self._encoder.encode(kind)

    def frame(self, lines: list[Any]) -> bytes:
        return self._encoder.encode(lines)

    def unframe(self, blob: bytes) -> list[Any]:
        return self._frames.decode(blob)


JSON_LINES: Codec = _JsonLines()
BINARY: Codec = _MessagePack()
_BY_FORMAT = {V1: JSON_LINES, V2: BINARY}


def for_format(fmt: str) -> Codec:
    try:
        return _BY_FORMAT[fmt]
    except KeyError:
        raise ValueError(f"not a holarchy trace (format {fmt!r}; this engine reads {V1} and {V2})") from None


def for_line(line: Line) -> Codec:
    """The codec of a trace whose first line (its header) this is: JSON text starts with a brace."""
    return JSON_LINES if isinstance(line, str) or line[:1] == b"{" else BINARY
