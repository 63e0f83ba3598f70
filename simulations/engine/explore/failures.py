"""Expressions that fail while the explorer runs them (`1 / n` at n = 0, `max([])`, `msg.payload` in a start
handler): model errors that say where, as `run` reports them, never a traceback.

The code that ran the expression knows what it was (a component's handler, a property) and raises a
`Failure`; the search adds the step (the depth of the state being reached); `explore` turns it into a
`ModelError`, which every entry point already reports as invalid input (CLI exit 2, a failed job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from simulations.engine.expr import ExprError
from simulations.engine.modelcode import ModelError
from simulations.engine.modelcode.issues import Issue

T = TypeVar("T")


class Failure(ExprError):
    """An expression of the model failed in `where` (a handler of a component, a property)."""

    def __init__(self, exc: ExprError, path: str, where: str) -> None:
        super().__init__(str(exc))
        self.path, self.where = path, where
        self.step: int | None = None
        self.state: tuple[int, ...] | None = None  # the global state a property failed on, when known

    def __reduce__(self) -> tuple[type[Failure], tuple[ExprError, str, str]]:  # back from a worker process
        return Failure, (ExprError(str(self)), self.path, self.where)

    def at(self, step: int) -> Failure:
        """Note the step whose state was being reached, unless a more precise one is known."""
        if self.step is None:
            self.step = step
        return self

    def model_error(self) -> ModelError:
        when = ("in the initial state (step 0)" if self.step == 0 else
                f"at step {self.step}" if self.step is not None else "on a reachable state")
        return ModelError([Issue(self.path, f"{self.where}: {self} ({when})")])


@contextmanager
def stepped(parent: Mapping[tuple[int, ...], tuple[int, ...] | None]) -> Iterator[None]:
    """Inside, a property failing on a state of `parent` (a search's, over the same system) gets its depth."""
    try:
        yield
    except Failure as exc:
        s = exc.state
        if s is not None and s in parent:
            depth = 0
            while (s := parent[s]) is not None:
                depth += 1
            exc.at(depth)
        raise


def located(run: Callable[[], T], path: str, where: str) -> T:
    """`run()`, its expression failures said to come from `where`."""
    try:
        return run()
    except Failure:
        raise
    except ExprError as exc:
        raise Failure(exc, path, where) from None
