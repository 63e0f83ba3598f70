"""The model as frozen dataclasses: what `load_model` returns and the engine runs.

Mappings inside (params, variables, payload templates) are plain dicts taken
from the validated document; treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .issues import Issue, ModelError

FORMAT = "holarchy/v1"


@dataclass(frozen=True)
class Delay:
    dist: str = "fixed"
    value: float | None = 1
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    bound: float | None = None


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    bidirectional: bool = False
    loss: float = 0.0
    duplication: float = 0.0
    reorder: bool = False
    delay: Delay = field(default_factory=Delay)


@dataclass(frozen=True)
class Component:
    id: str
    behavior: str
    params: dict[str, Any] = field(default_factory=dict)
    state: str = "volatile"

    @property
    def durable(self) -> bool:
        return self.state == "durable"


@dataclass(frozen=True)
class Action:
    """One declarative action: kind is assign, send, reply, set_timer, cancel_timer, log or observe."""

    kind: str
    spec: Any


@dataclass(frozen=True)
class Handler:
    on: str  # start | message | timer
    name: str | None  # message type or timer name
    guard: str | None
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class BehaviorDef:
    name: str
    variables: dict[str, Any]
    handlers: tuple[Handler, ...]


@dataclass(frozen=True)
class Holon:
    id: str
    name: str
    components: tuple[str, ...] = ()
    children: tuple[Holon, ...] = ()

    def walk(self, depth: int = 0) -> Iterator[tuple[Holon, int]]:
        """Yield (holon, depth) in document order."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)

    def members(self) -> list[str]:
        """Every component at or below this holon."""
        return [c for h, _ in self.walk() for c in h.components]


@dataclass(frozen=True)
class Holarchy:
    name: str
    levels: tuple[str, ...]
    root: Holon

    def find(self, holon_id: str) -> Holon | None:
        return next((h for h, _ in self.root.walk() if h.id == holon_id), None)


@dataclass(frozen=True)
class Safety:
    name: str
    always: str


@dataclass(frozen=True)
class Liveness:
    name: str
    kind: str  # eventually | always_eventually
    expr: str
    bound: float  # `within` for eventually, `window` for always_eventually


@dataclass(frozen=True)
class Slo:
    name: str
    holarchy: str
    holon: str
    sli: str
    objective: float
    window: float
    threshold: float | None = None


@dataclass(frozen=True, kw_only=True)
class _CrashAt:
    """What every crash has: when it starts and what it hits (one component, or every one below a holon)."""

    at: float
    component: str | None = None
    holarchy: str | None = None
    holon: str | None = None


@dataclass(frozen=True, kw_only=True)
class TransientCrash(_CrashAt):
    """Down once for `duration`, then back."""

    kind: ClassVar[str] = "transient"
    duration: float


@dataclass(frozen=True, kw_only=True)
class IntermittentCrash(_CrashAt):
    """Down for `down`, up for `up`, `times` cycles (None: until the end); `random`: exponential durations."""

    kind: ClassVar[str] = "intermittent"
    down: float
    up: float
    times: int | None = None
    random: bool = False


@dataclass(frozen=True, kw_only=True)
class PermanentCrash(_CrashAt):
    """Down for good."""

    kind: ClassVar[str] = "permanent"


Crash = TransientCrash | IntermittentCrash | PermanentCrash
"""The crash kinds, a tagged union: `kind` names each, and only the fields a kind uses exist."""


@dataclass(frozen=True)
class Partition:
    holarchy: str
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    start: float
    end: float | None = None
    oneway: bool = False


@dataclass(frozen=True)
class LinkFault:
    """Network settings overriding the links it selects: by holarchy level, or one link by its endpoints."""

    holarchy: str | None = None
    level: str | None = None
    source: str | None = None
    target: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)


Fault = Crash | Partition | LinkFault


@dataclass(frozen=True)
class Expect:
    seed: int = 1
    violated: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()
    slos_met: tuple[str, ...] = ()
    slos_missed: tuple[str, ...] = ()


NO_FAULTS = ""  # the scenario name that means none: a run with no injected faults


@dataclass(frozen=True)
class Scenario:
    name: str
    until: float | None = None
    faults: tuple[Fault, ...] = ()
    expect: Expect | None = None


@dataclass(frozen=True)
class Model:
    name: str
    components: tuple[Component, ...]
    holarchies: tuple[Holarchy, ...]
    description: str = ""
    behaviors: tuple[BehaviorDef, ...] = ()
    links: tuple[Link, ...] = ()
    safety: tuple[Safety, ...] = ()
    liveness: tuple[Liveness, ...] = ()
    slos: tuple[Slo, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    explore: dict[str, Any] = field(default_factory=dict)  # the explorer's options, kept as written
    guide: dict[str, Any] | None = None  # what to look at and try (docs/model-format.md), kept as written
    format: str = FORMAT

    def scenario(self, name: str | None) -> Scenario | None:
        """The named scenario; None picks the first one (or no faults when there is none); NO_FAULTS ("")
        is no scenario at all: the model as it is, nothing injected."""
        if name == NO_FAULTS:
            return None
        if name is None:
            return self.scenarios[0] if self.scenarios else None
        found = next((s for s in self.scenarios if s.name == name), None)
        if found is None:
            known = [s.name for s in self.scenarios]
            raise ModelError([Issue("scenarios", f"unknown scenario {name!r}; known: {known}")])
        return found

    def behavior_def(self, name: str) -> BehaviorDef | None:
        return next((b for b in self.behaviors if b.name == name), None)
