"""Safety and liveness monitors evaluated on every global state the simulator reaches.

A property sees `components` (one record per component: id, behavior, up and
its variables), `component` (id -> record) and `now`. A result names the
step and the components involved: the actor of that step plus the components
the expression names literally (`component['x']`).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from typing import Any

from .expr import Expr, compile_expr, names_for

PROPERTY_NAMES = names_for(("components", "component", "now"))
VIOLATION_STEPS = 100  # violations listed by step per property (all are counted): enough for a minimap


def _literal_lookup(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "component"
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
        return node.slice.value
    return None


def _reads(text: str) -> tuple[list[str], bool, bool]:
    """What an expression reads: the component ids it names as `component['id']`, whether it reaches
    components only that way, and whether it reads `now` (one parse for all three)."""
    nodes = list(ast.walk(ast.parse(text.strip(), mode="eval")))
    lookups = {id(node.value): name for node in nodes
               if isinstance(node, ast.Subscript) and (name := _literal_lookup(node)) is not None}
    only_named = not any(isinstance(node, ast.Name) and node.id in ("components", "component")
                         and id(node) not in lookups for node in nodes)
    reads_now = any(isinstance(node, ast.Name) and node.id == "now" for node in nodes)
    return sorted(set(lookups.values())), only_named, reads_now


def named_components(text: str) -> list[str]:
    """Component ids an expression names as `component['id']`."""
    return _reads(text)[0]


def reads_only_named(text: str) -> bool:
    """True when the expression reaches components only as `component['id']` literals."""
    return _reads(text)[1]


def decided_by(text: str) -> list[str] | None:
    """The components whose records alone decide the expression's value; None when other components
    or `now` may matter (the explorer's partial-order reduction treats that as reading everything)."""
    named, only_named, reads_now = _reads(text)
    return named if only_named and not reads_now else None


class Monitor:
    """One property: its compiled expression and its verdict so far."""

    __slots__ = ("name", "kind", "expr", "bound", "named", "only_named", "decided_by", "status", "step", "time",
                 "components", "false_since", "checked_until", "violations", "violation_steps", "value")

    def __init__(self, name: str, kind: str, text: str, bound: float | None = None):
        self.name = name
        self.kind = kind  # always | eventually | always_eventually
        self.expr: Expr = compile_expr(text, PROPERTY_NAMES)
        # Its truth in an environment: the expression's, unless the simulator evaluates it incrementally.
        self.value: Callable[[dict[str, Any]], Any] = self.expr.evaluate
        self.bound = math.inf if bound is None else bound  # `always` has no bound
        # `named`: the components it names literally. `only_named`: it reaches no other component, so the
        # simulator keeps only those records up to date. `decided_by`: when it also ignores `now`, those
        # records alone decide its value (None otherwise), so it cannot change while they stay the same.
        self.named, self.only_named, reads_now = _reads(text)
        self.decided_by = self.named if self.only_named and not reads_now else None
        self.status = "holds" if kind == "always" else "pending"
        self.step: int | None = None
        self.time: float | None = None
        self.components: list[str] = []
        self.false_since: float | None = None
        self.checked_until: int | None = None  # set when the run stopped before this property was judged
        self.violations = 0  # times the property went from holding to violated (an invariant may recover)
        self.violation_steps: list[int] = []  # the steps of the first VIOLATION_STEPS of them

    def _settle(self, status: str, step: int, time: float, actor: str | None) -> None:
        if status == "violated":
            self.violations += 1
            if len(self.violation_steps) < VIOLATION_STEPS:
                self.violation_steps.append(step)
            if self.status == "violated":
                return  # an invariant violated again: counted, its first violation stays the one reported
        self.status, self.step, self.time = status, step, time
        self.components = sorted({*self.named, *([actor] if actor else [])})

    def observe(self, env: dict[str, Any], step: int, now: float, actor: str | None) -> bool:
        """Check the state reached by `step`; True when this is a new violation. An invariant is observed
        again once it holds again (the simulator watches it), so each time it breaks is counted."""
        if self.status == "satisfied" or (self.status == "violated" and self.kind != "always"):
            return False
        value = bool(self.value(env))
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

    def not_checked_after(self, step: int) -> None:
        """The run stopped at `step` (at another property's violation): "holds" would claim more than was seen."""
        if self.status == "holds":
            self.status, self.checked_until = "not_checked", step

    def result(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "status": self.status, "step": self.step, "time": self.time,
                "components": self.components, "checked_until": self.checked_until, "violations": self.violations,
                "violation_steps": self.violation_steps}
