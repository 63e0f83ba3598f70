"""The explorer's view of a model: components as pure programs, links, faults, properties.

`loading.py` builds a `Spec` from a model document using the engine's
behaviors and expression compiler; tests may build one by hand. Time is
gone: delays become orderings, probabilities become "may happen", and
scheduled faults become events that may happen at any point, bounded by count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulations.engine.behaviors.effects import Effect, Message

Outcome = tuple[dict[str, Any], Sequence[Effect]]


class Program(Protocol):
    """One component's behavior, bound to its id and params, as pure transition functions."""

    def init(self) -> dict[str, Any]: ...

    def start(self, state: dict[str, Any]) -> Outcome: ...

    def message(self, state: dict[str, Any], msg: Message) -> Outcome: ...

    def timer(self, state: dict[str, Any], name: str) -> Outcome: ...


@dataclass(frozen=True)
class Component:
    id: str
    behavior: str
    program: Program
    durable: bool = False
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A directed channel; `fifo` links deliver in send order, others in any order."""

    src: int
    dst: int
    fifo: bool = True
    lossy: bool = False
    duplicating: bool = False


@dataclass(frozen=True)
class CrashFault:
    """A scenario crash: the components go down together, `times` times at most (None: without bound)."""

    components: tuple[int, ...]
    recovers: bool
    times: int | None = 1


@dataclass(frozen=True)
class PartitionFault:
    """A scenario partition: while active, messages on the `cut` links are lost."""

    cut: frozenset[int]
    heals: bool


Predicate = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Property:
    """`kind` is always, eventually or always_eventually; `holds` reads a property environment.

    `reads` names the components whose records decide its value; None when that is not known
    (it reads `components`, `now` or the `component` mapping other than by literal ids).
    """

    name: str
    kind: str
    holds: Predicate
    reads: frozenset[str] | None = None


@dataclass(frozen=True)
class Mention:
    """Model code (`text` at `path`) that names components literally; renaming a symmetry group does
    not rename code, so a component named there cannot be interchanged with the others."""

    path: str
    text: str
    names: frozenset[str]


@dataclass(frozen=True)
class Serializability:
    """Which components are transactions, and what a terminal state's outcome is."""

    transactions: tuple[int, ...]
    outcome: Predicate


@dataclass(frozen=True)
class Spec:
    components: tuple[Component, ...]
    links: tuple[Link, ...] = ()
    crashes: tuple[CrashFault, ...] = ()
    partitions: tuple[PartitionFault, ...] = ()
    properties: tuple[Property, ...] = ()
    max_crashes: int | None = None
    max_drops: int | None = None
    max_duplicates: int | None = None
    exact_copies: bool = False
    """Count every copy of a message in flight (retries then make spaces infinite); else up to "many" (system.MANY)."""
    done: Predicate | None = None
    outcome: Predicate | None = None
    serializability: Serializability | None = None
    symmetry: tuple[tuple[int, ...], ...] = ()
    por: bool = False
    name: str = ""
    mentions: tuple[Mention, ...] = ()
