"""Compact, hashable encodings of the pieces of a global state.

The explorer stores millions of states, so a global state is a flat tuple of
small ints: each int names an interned value (a component's local state, a
link's queue). Hashing and comparing such tuples is cheap, equal values share
one object, and a transition only rebuilds the slots it changes. What counts as equal
is `semantics.freeze`.
"""

from __future__ import annotations

from typing import Generic, TypeVar

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
