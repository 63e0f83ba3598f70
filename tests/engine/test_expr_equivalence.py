"""The budget changes no value: on random expressions over small values, evaluation with the budget returns
what plain Python returns, and fails exactly when Python fails (differential, with hypothesis)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations.engine.expr import FUNCTIONS, BudgetError, ExprError, compile_expr, environment

VALUES = {"a": 7, "b": -3, "z": 0, "s": "ab", "xs": [3, 1, 2], "ys": ["q", "p"], "d": {"k": 1, "j": 2},
          "t": (1, (2, 3)), "e": [], "f": 2.5}
# Templates by the type they make: I int, S string, L list of ints, T list of strings, B bool, Z set, D dict.
LEAVES = {"I": ["a", "b", "z", "0", "1", "3", "-1", "len(xs)"], "S": ["s", "'x'", "''"], "L": ["xs", "e", "[0, 1]"],
          "T": ["ys", "['p']"], "B": ["True", "False"], "Z": ["set(xs)"], "D": ["d", "{'k': 3}"]}
TEMPLATES = {
    "I": ["{I} + {I}", "{I} - {I}", "{I} * {I}", "{I} // {I}", "{I} % {I}", "{I} ** 3", "{I} << 2", "{I} >> 1",
          "{I} & {I}", "{I} | {I}", "{I} ^ {I}", "-{I}", "abs({I})", "sum({L})", "max({L})", "min({I}, {I})",
          "{L}[{I}]", "len({S})", "({I} if {B} else {I})", "sum(v * {I} for v in {L})", "int({S})",
          "len({Z} | {Z})", "{D}['k']"],
    "S": ["{S} + {S}", "{S} * 2", "{S}[{I}:]", "'%s-%d' % ({S}, {I})", "str({I})", "str({L})", "max({T})",
          "({S} if {B} else {S})", "{S} % {I}"],
    "L": ["{L} + {L}", "{L} * 2", "{L}[{I}:]", "sorted({L})", "[v * 2 for v in {L} if v != {I}]",
          "sorted(v for v in {L} for w in {L})", "[v for v in {L} if v in {L}]", "[{I}, {I}]", "sorted({Z})"],
    "T": ["{T} + {T}", "sorted({T})", "[{S}, {S}]", "[w + {S} for w in {T}]"],
    "B": ["{I} < {I}", "{I} == {I}", "{S} in {S}", "{I} in {L}", "{S} not in {T}", "{B} and {B}", "not {B}",
          "any(v == {I} for v in {L})", "all({L})", "{L} == {L}", "{Z} == {Z}", "({I}, {S}) == ({I}, {S})",
          "{D} == {D}", "{L} < {L}", "{Z} <= {Z}"],
    "Z": ["set({L})", "{Z} | {Z}", "{Z} - {Z}", "{Z} & {Z}", "{{{I}, {I}}}", "{{v % 3 for v in {L}}}"],
    "D": ["{{v: {I} for v in {T}}}", "{{{S}: {I}}}", "{{'k': {I}}}"],
}


_TOKEN = re.compile(r"(\{\{|\}\}|\{[A-Z]\})")


@cache
def _exprs(kind: str, depth: int) -> st.SearchStrategy[str]:
    """Expressions of type `kind` nested up to `depth` templates deep; `{X}` is a hole of type X."""
    leaves = st.sampled_from(LEAVES[kind])
    if depth == 0:
        return leaves
    return st.one_of(leaves, *(_filled(template, depth) for template in TEMPLATES[kind]))


@cache
def _filled(template: str, depth: int) -> st.SearchStrategy[str]:
    tokens = _TOKEN.split(template)
    holes = [t[1] for t in tokens if len(t) == 3 and t[0] == "{"]
    values = st.tuples(*(_exprs(h, depth - 1) for h in holes))
    return values.map(lambda vs: "(" + "".join(_fill(tokens, iter(vs))) + ")")


def _fill(tokens: list[str], values: Iterator[str]) -> Iterator[str]:
    for t in tokens:
        yield t[0] if t in ("{{", "}}") else next(values) if len(t) == 3 and t[0] == "{" else t


def _plain(text: str):
    try:
        return "value", eval(text, {"__builtins__": {}, **FUNCTIONS, **VALUES})  # noqa: S307 - the reference
    except Exception as exc:  # noqa: BLE001 - any failure: the budgeted evaluation must fail too
        return "error", type(exc).__name__


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(*(_exprs(kind, 3) for kind in sorted(LEAVES))))
def test_the_budget_changes_no_value(text):
    expected = _plain(text)
    try:
        got = "value", compile_expr(text, frozenset(VALUES)).evaluate(environment(VALUES))
    except BudgetError as exc:  # small values never reach a limit
        raise AssertionError(f"{text}: {exc}") from None
    except ExprError:
        got = "error", expected[1]
    assert got == expected, text
    if got[0] == "value":
        assert type(got[1]) is type(expected[1]), text


def test_an_expression_with_no_risky_operation_runs_unmetered():
    # The invariant of bench/engine_vs_simpy.py and typical guards compile to plain Python: no helper, no fuel.
    for text in ("component['n0'].forwarded >= 0", "c.role == 'leader' and count + 1 < 10",
                 "len([c for c in components if c.role == 'leader']) <= 1", "x in (1, 2) or not y"):
        assert not compile_expr(text).checked, text
    for text in ("a + b", "x == y", "s % 2", "[c for c in components for d in components]", "sum(xs)", "xs[1:]"):
        assert compile_expr(text).checked, text
