"""Safety and liveness monitors evaluated on every global state the simulator reaches.

A property sees `components` (one record per component: id, behavior, up and
its variables), `component` (id -> record) and `now`. A result names the
step and the components involved: the actor of that step plus the components
the expression names literally (`component['x']`).
"""

from __future__ import annotations

import ast
from typing import Any

from .expr import Expr, compile_expr, names_for

PROPERTY_NAMES = names_for(("components", "component", "now"))


def _literal_lookup(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "component"
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
        return node.slice.value
    return None


def named_components(text: str) -> list[str]:
    """Component ids an expression names as `component['id']`."""
    tree = ast.parse(text.strip(), mode="eval")
    return sorted({name for node in ast.walk(tree) if (name := _literal_lookup(node)) is not None})


def reads_only_named(text: str) -> bool:
    """True when the expression reaches components only as `component['id']` literals.

    Then the simulator needs to keep only those components' records up to date.
    """
    tree = ast.parse(text.strip(), mode="eval")
    literal = {id(node.value) for node in ast.walk(tree) if _literal_lookup(node) is not None}
    return not any(isinstance(node, ast.Name) and node.id in ("components", "component") and id(node) not in literal
                   for node in ast.walk(tree))


def record_reads(text: str) -> list[str] | None:
    """The components whose records alone decide the expression's value, or None when it may read more.

    An expression that reaches components only as `component['id']` literals and never reads `now` is a
    function of those records: it cannot change while they stay the same.
    """
    if not reads_only_named(text):
        return None
    tree = ast.parse(text.strip(), mode="eval")
    if any(isinstance(node, ast.Name) and node.id == "now" for node in ast.walk(tree)):
        return None
    return named_components(text)


class Monitor:
    """One property: its compiled expression and its verdict so far."""

    __slots__ = ("name", "kind", "expr", "bound", "named", "status", "step", "time", "components", "false_since")

    def __init__(self, name: str, kind: str, text: str, bound: float | None = None):
        self.name = name
        self.kind = kind  # always | eventually | always_eventually
        self.expr: Expr = compile_expr(text, PROPERTY_NAMES)
        self.bound = bound
        self.named = named_components(text)
        self.status = "holds" if kind == "always" else "pending"
        self.step: int | None = None
        self.time: float | None = None
        self.components: list[str] = []
        self.false_since: float | None = None

    def _settle(self, status: str, step: int, time: float, actor: str | None) -> None:
        self.status, self.step, self.time = status, step, time
        self.components = sorted({*self.named, *([actor] if actor else [])})

    def observe(self, env: dict[str, Any], step: int, now: float, actor: str | None) -> bool:
        """Check the state reached by `step`; True when this is a new violation."""
        if self.status in ("violated", "satisfied"):
            return False
        value = bool(self.expr.evaluate(env))
        if self.kind == "always":
            if not value:
                self._settle("violated", step, now, actor)
            return not value
        if self.kind == "eventually":
            if now > self.bound:
                self._settle("violated", step, self.bound, actor)
                return True
            if value:
                self._settle("satisfied", step, now, actor)
            return False
        # The state before this step held from false_since until now: judge that gap first.
        if self.false_since is not None and now - self.false_since > self.bound:
            self._settle("violated", step, self.false_since + self.bound, actor)
            return True
        if value:
            self.false_since = None
        elif self.false_since is None:
            self.false_since = now
        return False

    def finish(self, step: int, end: float, quiescent: bool) -> None:
        """Decide what is still open when the run ends at time `end` (after `step`)."""
        if self.status != "pending":
            return
        if self.kind == "eventually":
            if quiescent or end >= self.bound:
                self._settle("violated", step, min(end, self.bound), None)
            else:
                self.status = "inconclusive"
        elif self.false_since is not None and (quiescent or end - self.false_since > self.bound):
            self._settle("violated", step, self.false_since + self.bound, None)
        else:
            self.status = "holds"

    def result(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "status": self.status, "step": self.step, "time": self.time,
                "components": self.components}
