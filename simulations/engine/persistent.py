"""Persistent collections for local state that grows with a run: an update shares the rest, O(log n).

Handlers never mutate a state; they return a new one. With plain dicts and
lists a state that grows (a server's `applied` ids, its `seen` set) is copied
whole at every update, so a run costs the square of its length. These two
types are updated by path copying instead, and read like the dict and the
list they stand for:

- `PList` is pyrsistent's C-accelerated persistent vector: `append` and
  indexing are O(log32 n); it equals the list with the same items.
- `PDict` is an insertion-ordered persistent map over `immutables.Map` (a
  C-accelerated HAMT): it iterates in insertion order like a dict (a hash
  order would change with PYTHONHASHSEED and break determinism per seed),
  equals the dict with the same items, and `set`/`delete` are O(log32 n).

Measured (10,000 entries, per update): `Map.set` 0.41 us, pyrsistent's
`pmap.set` 7.5 us, `{**d, k: v}` 200 us; `pvector.append` 0.20 us, `[*l, x]`
85 us. Both are slower than copying a collection of a few entries, so
behaviors use them only where state grows with the run. A handler may be
given the plain form (the explorer thaws states to dicts and lists):
`pdict` and `plist` take either.
"""

from __future__ import annotations

import weakref
from collections.abc import ItemsView, Iterable, Iterator, Mapping, ValuesView
from typing import Any

import immutables
from pyrsistent import pvector
from pyrsistent.typing import PVector

PList: type[PVector[Any]] = type(pvector())
"""The persistent vector type (pyrsistent's C one when its extension is built)."""

_EMPTY_LIST: PVector[Any] = pvector()


class PDict(Mapping[Any, Any]):
    """An immutable, insertion-ordered map whose `set` and `delete` return a new map sharing the rest.

    One HAMT from each key to (its insertion number, its value): an update is one HAMT update, and
    iterating sorts by insertion number (iteration walks every entry anyway). Each map also remembers the
    last few updates that made it (`_log`), so the trace lists what a handler changed in O(changes)
    (`changes_since`) and not by walking both maps.
    """

    __slots__ = ("_entries", "_next", "_log")

    def __init__(self, items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        entries: dict[Any, tuple[int, Any]] = {}
        for key, value in pairs:
            found = entries.get(key)
            entries[key] = (len(entries) if found is None else found[0], value)
        self._entries: immutables.Map[Any, tuple[int, Any]] = immutables.Map(entries)
        self._next = len(entries)
        self._log: tuple[tuple[PDict, Any], ...] = ()

    def _derived(self, key: Any) -> PDict:
        """A new map made from this one by updating `key`: it takes over the log, and this map forgets its own,
        so a map keeps at most UPDATE_LOG earlier versions alive, never the whole history of a run."""
        new = _new(PDict)
        new._log, self._log = ((self, key), *self._log[:UPDATE_LOG - 1]), ()
        return new

    def set(self, key: Any, value: Any) -> PDict:
        """This map with `key` bound to `value` (a new key goes last, a bound one keeps its place)."""
        new = self._derived(key)
        found = self._entries.get(key)
        if found is None:
            new._entries, new._next = self._entries.set(key, (self._next, value)), self._next + 1
        else:
            new._entries, new._next = self._entries.set(key, (found[0], value)), self._next
        return new

    def delete(self, key: Any) -> PDict:
        """This map without `key` (KeyError when absent, like `del`)."""
        entries = self._entries.delete(key)  # KeyError before a new map takes over the log
        new = self._derived(key)
        new._entries, new._next = entries, self._next
        return new

    def changes_since(self, ancestor: PDict) -> tuple[list[Any], list[Any], list[Any]] | None:
        """(keys added, keys set, keys removed) that turn `ancestor` into this map, the first two in this map's
        order, the removed in the ancestor's; None when that is not known without walking both maps: this
        map was not made from `ancestor` by its last UPDATE_LOG updates, or a key was removed and set again
        (it moved to the end).

        A key set may be bound to the same value as before; a key set and removed again is in no list.
        """
        touched: set[Any] = set()
        for parent, key in self._log:
            touched.add(key)
            if parent is ancestor:
                break
        else:
            return None
        added: list[tuple[int, Any]] = []
        kept: list[tuple[int, Any]] = []
        gone: list[tuple[int, Any]] = []
        mine, theirs = self._entries, ancestor._entries
        for key in touched:
            now, was = mine.get(key), theirs.get(key)
            if now is None:
                if was is not None:
                    gone.append((was[0], key))
            elif was is None:
                added.append((now[0], key))
            elif now[0] != was[0]:
                return None
            else:
                kept.append((now[0], key))
        return [k for _, k in sorted(added)], [k for _, k in sorted(kept)], [k for _, k in sorted(gone)]

    def _ordered(self) -> list[tuple[int, Any, Any]]:
        return sorted([(seq, key, value) for key, (seq, value) in self._entries.items()])

    def __getitem__(self, key: Any) -> Any:
        return self._entries[key][1]

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._entries.get(key)
        return default if found is None else found[1]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Any]:
        return (key for _, key, _ in self._ordered())

    def items(self) -> ItemsView[Any, Any]:
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PDict) and other._entries is self._entries:
            return True
        if not isinstance(other, Mapping) or len(other) != len(self):
            return False
        missing = object()
        return all(other.get(key, missing) == value for key, (_, value) in self._entries.items())

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the dict it stands for

    def __repr__(self) -> str:
        return f"PDict({dict(self.items())!r})"

    def __deepcopy__(self, memo: dict[int, Any]) -> PDict:
        return self  # immutable: a copy would be equal and never differ

    def __reduce__(self) -> tuple[Any, ...]:
        return PDict, (list(self.items()),)


_new = object.__new__

#: Updates a map remembers (its `_log`): more than a handler makes to one map in a step.
UPDATE_LOG = 8


class _Items(ItemsView[Any, Any]):
    """A PDict's items in insertion order, sorted once (the mixin's would look every key up again)."""

    _mapping: PDict

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return ((key, value) for _, key, value in self._mapping._ordered())


class _Values(ValuesView[Any]):
    _mapping: PDict

    def __iter__(self) -> Iterator[Any]:
        return (value for _, _, value in self._mapping._ordered())


def pdict(value: Mapping[Any, Any]) -> PDict:
    """`value` as a PDict (itself when it is one)."""
    return value if type(value) is PDict else PDict(value)


def plist(value: Iterable[Any]) -> PVector[Any]:
    """`value` as a persistent vector (itself when it is one)."""
    return value if type(value) is PList else _EMPTY_LIST.extend(value)


#: For each live vector `appended` made: the vectors it extends, newest first (at most UPDATE_LOG, held weakly,
#: so the log keeps nothing alive), and the weak reference whose callback drops the entry when the vector dies.
_EXTENDS: dict[int, tuple[weakref.ref[PVector[Any]], tuple[weakref.ref[PVector[Any]], ...]]] = {}


def appended(vector: PVector[Any], item: Any) -> PVector[Any]:
    """`vector.append(item)`, remembered: the trace then finds that the new vector extends `vector` (and the
    vectors that one extends) without comparing their items (`extends`)."""
    new = vector.append(item)
    key = id(new)
    found = _EXTENDS.get(id(vector))
    _EXTENDS[key] = (weakref.ref(new, lambda _: _EXTENDS.pop(key, None)),
                     (weakref.ref(vector), *(found[1][:UPDATE_LOG - 1] if found else ())))
    return new


def extends(vector: PVector[Any], ancestor: PVector[Any]) -> bool:
    """Whether `appended` made `vector` from `ancestor` by its last UPDATE_LOG appends (False: not known)."""
    found = _EXTENDS.get(id(vector))
    return found is not None and found[0]() is vector and any(ref() is ancestor for ref in found[1])


def plain(value: Any) -> Any:
    """`value` with every persistent collection in it turned into the dict or list it stands for (for JSON)."""
    t = type(value)
    if t is PDict:
        return {k: plain(v) for k, v in value.items()}
    if t is PList or t is list:
        return [plain(v) for v in value]
    if t is dict:
        return {k: plain(v) for k, v in value.items()}
    return value
