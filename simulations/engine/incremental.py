"""Properties over `components` evaluated on what a step changed, not on every component again.

A step rebuilds one component's record (a holon's crash: several), yet a
property such as `all(c.done for c in components if c.behavior == 'worker')`
reads all of them. Each aggregate over `components` whose body reads only its
own component (no `now`, no other component) is split off: its per-component
term is cached and its tally kept as records change, and the property is
evaluated with the tally in its place. The forms:

    all(E for c in components if C...)        falsy terms counted
    any(E for c in components if C...)        truthy terms counted
    len([c for c in components if C...])      included components counted
    len(set(E for c in components if C...))   a multiset of the values (also `len({E for ...})`)

The value is the one full evaluation gives. A term that fails (an error in E
or C, an unhashable value) is kept as failed, and while any term is failed
the property is evaluated in full, so it fails exactly where it failed
before. Terms get the evaluation budget each rather than sharing one.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import Any

from .expr import FUNCTIONS, Expr, ExprError, compile_expr, compile_function, environment, names_for

_FAILED = object()  # a term whose evaluation raised
Split = tuple[Callable[[Any], Any], Callable[[dict[str, Any]], Any], str]
ALL, ANY, COUNT, DISTINCT = range(4)


def _only_reads(nodes: Sequence[ast.expr], var: str) -> bool:
    """Every name in `nodes` is the loop variable or a function (so a term depends on its record alone)."""
    for node in nodes:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and inner.id != var and inner.id not in FUNCTIONS:
                return False
            if isinstance(inner, ast.comprehension | ast.NamedExpr):
                return False
    return True


def _over_components(node: ast.expr) -> tuple[ast.expr, str, list[ast.expr]] | None:
    """(element, loop variable, conditions) of a one-generator comprehension over `components`."""
    if not isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp) or len(node.generators) != 1:
        return None
    gen = node.generators[0]
    if gen.is_async or not isinstance(gen.target, ast.Name) or not isinstance(gen.iter, ast.Name):
        return None
    var = gen.target.id
    if gen.iter.id != "components" or not _only_reads([node.elt, *gen.ifs], var):
        return None
    return node.elt, var, list(gen.ifs)


def _call_of(node: ast.AST, name: str) -> ast.expr | None:
    """The one argument of a call to the function `name`."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
            and len(node.args) == 1 and not node.keywords):
        return node.args[0]
    return None


def _form(node: ast.AST) -> tuple[int, str, str] | None:
    """(kind, term text, loop variable) when `node` is one of the forms, else None."""
    for kind, name in ((ALL, "all"), (ANY, "any")):
        arg = _call_of(node, name)
        found = _over_components(arg) if arg is not None else None
        if found is not None:
            elt, var, ifs = found
            return kind, _guarded(f"(1 if ({ast.unparse(elt)}) else 0)", ifs, "-1"), var
    arg = _call_of(node, "len")
    if arg is None:
        return None
    counted = _over_components(arg) if isinstance(arg, ast.ListComp) else None
    if counted is not None:
        elt, var, ifs = counted
        if isinstance(elt, ast.Name) and elt.id == var:
            return COUNT, _guarded("1", ifs, "0"), var
    inner = _call_of(arg, "set")
    distinct = _over_components(inner) if isinstance(inner, ast.GeneratorExp | ast.ListComp) else None
    if distinct is None and isinstance(arg, ast.SetComp):
        distinct = _over_components(arg)
    if distinct is not None:
        elt, var, ifs = distinct
        return DISTINCT, _guarded(f"(({ast.unparse(elt)}),)", ifs, "()"), var
    return None


def _guarded(term: str, ifs: list[ast.expr], otherwise: str) -> str:
    if not ifs:
        return term
    return f"({term} if {' and '.join(f'({ast.unparse(c)})' for c in ifs)} else {otherwise})"


class _Aggregate:
    """One aggregate's cached per-component terms and its tally."""

    __slots__ = ("kind", "term", "var", "env", "terms", "tally", "values", "failed")

    def __init__(self, kind: int, term: Expr, var: str, records: Sequence[dict[str, Any]]):
        self.kind, self.term, self.var = kind, term, var
        self.env = environment()
        self.terms: list[Any] = []
        self.tally = 0  # ALL: falsy terms, ANY: truthy ones, COUNT: included components
        self.values: dict[Any, int] = {}  # DISTINCT: value -> how many terms hold it (equal values share)
        self.failed = 0
        for record in records:
            value = self._evaluate(record)
            self.terms.append(value)
            self._add(value)

    def _evaluate(self, record: dict[str, Any]) -> Any:
        self.env[self.var] = record
        try:
            value = self.term.evaluate(self.env)
            if self.kind == DISTINCT and value:
                hash(value[0])  # an unhashable value fails `set(...)`: a failed term
            return value
        except (ExprError, TypeError):
            return _FAILED

    def _add(self, value: Any, sign: int = 1) -> None:
        if value is _FAILED:
            self.failed += sign
        elif self.kind == ALL:
            self.tally += sign * (value == 0)
        elif self.kind == ANY:
            self.tally += sign * (value == 1)
        elif self.kind == COUNT:
            self.tally += sign * value
        elif value:
            key = value[0]
            left = self.values.get(key, 0) + sign
            if left:
                self.values[key] = left
            else:
                del self.values[key]

    def update(self, i: int, record: dict[str, Any]) -> None:
        value = self._evaluate(record)
        self._add(self.terms[i], -1)
        self.terms[i] = value
        self._add(value)

    def value(self) -> Any:
        if self.kind == ALL:
            return self.tally == 0
        if self.kind == ANY:
            return self.tally > 0
        if self.kind == COUNT:
            return self.tally
        return len(self.values)


class Incremental:
    """The aggregates of a run's properties, kept up to date from the records the run rebuilds.

    `split(text)` gives a property's evaluation over the aggregates (None when it has none); `changed(i)`
    (or `changed_all()`) is called after the record of component i was rebuilt.
    """

    def __init__(self, records: list[dict[str, Any]], env: dict[str, Any], names: frozenset[str]):
        self.records, self.env, self.names = records, env, names
        self.aggregates: list[_Aggregate] = []
        self._by_form: dict[tuple[int, str, str], str] = {}

    def _name(self, form: tuple[int, str, str]) -> str:
        """The name the rewritten property reads the aggregate by (shared by equal aggregates)."""
        name = self._by_form.get(form)
        if name is None:
            kind, term, var = form
            name = self._by_form[form] = f"aggregate{len(self.aggregates)}"  # no property name may have it
            self.aggregates.append(_Aggregate(kind, compile_expr(term, names_for((var,))), var, self.records))
            self.env[name] = self.aggregates[-1].value()
        return name

    def split(self, expr: Expr, full: Callable[[Any], Any]) -> Split | None:
        """`expr` evaluated over its aggregates: a function of `now` (like `full`, the compiled function it
        falls back on while a term is failed), a function of the run's environment (like `expr.evaluate`,
        whose error it raises) and the text it evaluates; None when `expr` has no aggregate."""
        tree = ast.parse(expr.text.strip(), mode="eval")
        shadowed = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        if shadowed & ({"components", "len", "set", "all", "any"}):
            return None
        used: list[_Aggregate] = []
        incremental = self

        class Replace(ast.NodeTransformer):
            def visit(self, node: ast.AST) -> Any:
                form = _form(node)
                if form is None:
                    return self.generic_visit(node)
                name = incremental._name(form)
                used.append(incremental.aggregates[int(name.removeprefix("aggregate"))])
                return ast.copy_location(ast.Name(name, ast.Load()), node)

        rewritten = ast.unparse(Replace().visit(tree))
        if not used:
            return None
        fast = compile_function(rewritten, self.names | set(self._by_form.values()), self.env)

        def at(now: Any) -> Any:
            if any(a.failed for a in used):
                return full(now)
            return fast(now)

        def evaluate(env: dict[str, Any]) -> Any:
            try:
                return bool(at(env["now"]))
            except Exception:
                return expr.evaluate(env)  # raises the ExprError that names the expression

        return at, evaluate, rewritten

    def changed(self, i: int) -> None:
        record, env = self.records[i], self.env
        for name, aggregate in zip(self._by_form.values(), self.aggregates, strict=True):
            aggregate.update(i, record)
            env[name] = aggregate.value()

    def changed_all(self) -> None:
        for i in range(len(self.records)):
            self.changed(i)
