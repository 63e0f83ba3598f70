"""The base class of built-in behaviors: pure transition functions with declared params."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from .effects import Context, Effect, Message
from .spec import Param

State = dict[str, Any]
Result = tuple[State, Sequence[Effect]]


class Behavior:
    """Handlers never mutate `state`; they return a new dict and a list of effects."""

    name: str  # a class attribute of built-ins; a declarative behavior names each instance
    description: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()

    def init(self, params: dict[str, Any], self_id: str) -> State:
        return {}

    def on_start(self, state: State, ctx: Context) -> Result:
        return state, []

    def on_message(self, state: State, msg: Message, ctx: Context) -> Result:
        return state, []

    def on_timer(self, state: State, name: str, ctx: Context) -> Result:
        return state, []

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "params": [p.describe() for p in self.params]}
