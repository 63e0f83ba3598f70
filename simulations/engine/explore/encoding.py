"""Compact, hashable encodings of the pieces of a global state.

The explorer stores millions of states, so a global state is a flat tuple of
small ints: each int names an interned value (a component's local state, a
link's queue). Hashing and comparing such tuples is cheap, equal values share
one object, and a transition only rebuilds the slots it changes.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Interner(Generic[T]):
    """Numbers distinct hashable values in order of first sight."""

    __slots__ = ("ids", "values")

    def __init__(self) -> None:
        self.ids: dict[T, int] = {}
        self.values: list[T] = []

    def __call__(self, value: T) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found


def freeze(value: Any) -> Any:
    """A hashable, canonical twin of a JSON-like value (dict key order does not matter)."""
    if isinstance(value, dict):
        return ("{}",) + tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("[]",) + tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return ("set",) + tuple(sorted((freeze(v) for v in value), key=repr))
    return value


def thaw(frozen: Any) -> Any:
    """The JSON-like value `freeze` encoded (sets come back as sorted lists)."""
    if isinstance(frozen, tuple):
        tag, items = frozen[0], frozen[1:]
        if tag == "{}":
            return {k: thaw(v) for k, v in items}
        return [thaw(v) for v in items]
    return frozen
