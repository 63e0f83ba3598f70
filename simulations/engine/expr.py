"""The safe expression language of guards, actions and properties.

Users write expressions in model files that anyone may share, so evaluation
must not reach Python internals. An expression is parsed once with `ast`,
checked against a whitelist of node types, rewritten so that attribute
access, `**`, `*` and `<<` go through size-checked helpers, and compiled to a
code object evaluated with empty builtins. Names beginning with `_` are
rejected, so user text can never name the helpers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

MAX_LENGTH = 2000
MAX_DEPTH = 32
MAX_EXPONENT = 256
MAX_SEQUENCE = 100_000
MAX_SHIFT = 256

FUNCTIONS: dict[str, Any] = {
    "len": len, "min": min, "max": max, "sum": sum, "any": any, "all": all,
    "set": frozenset, "sorted": sorted, "abs": abs, "str": str, "int": int,
}

_ALLOWED = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.Store, ast.List, ast.Tuple, ast.Set, ast.Dict,
    ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Subscript, ast.Slice, ast.Attribute,
    ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.comprehension, ast.Call,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift,
    ast.BitAnd, ast.BitOr, ast.BitXor,
    ast.Not, ast.USub, ast.UAdd, ast.And, ast.Or,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)


class ExprError(ValueError):
    """An expression that is not in the language, or failed while evaluating."""


def _pow(base: Any, exp: Any) -> Any:
    if isinstance(exp, int | float) and abs(exp) > MAX_EXPONENT:
        raise ExprError(f"exponent {exp} is larger than {MAX_EXPONENT}")
    if isinstance(base, int) and abs(base) > 2**64 and exp > 4:
        raise ExprError("power result too large")
    return base**exp


def _mul(a: Any, b: Any) -> Any:
    for seq, n in ((a, b), (b, a)):
        if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
            raise ExprError(f"repetition longer than {MAX_SEQUENCE}")
    return a * b


def _lshift(a: Any, b: Any) -> Any:
    if isinstance(b, int) and b > MAX_SHIFT:
        raise ExprError(f"shift larger than {MAX_SHIFT}")
    return a << b


_HELPERS = {"_pow": _pow, "_mul": _mul, "_lshift": _lshift}
_BINOP_HELPERS = {ast.Pow: "_pow", ast.Mult: "_mul", ast.LShift: "_lshift"}


class _Rewrite(ast.NodeTransformer):
    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        # `r.field` reads a record field as `r.get('field')`: a missing field is None, and every value an
        # expression can reach is JSON-like, so `.get` is either dict.get or absent (a clear error).
        value = self.visit(node.value)
        return ast.Call(ast.Attribute(value, "get", ast.Load()), [ast.Constant(node.attr)], [])

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        helper = _BINOP_HELPERS.get(type(node.op))
        if helper is None:
            return node
        return ast.Call(ast.Name(helper, ast.Load()), [node.left, node.right], [])


def _depth(node: ast.AST) -> int:
    children = list(ast.iter_child_nodes(node))
    return 1 + max((_depth(c) for c in children), default=0)


def _check(tree: ast.AST, names: frozenset[str] | None) -> None:
    bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExprError(f"{type(node).__name__} is not allowed")
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise ExprError(f"name {node.id!r} is not allowed (leading underscore)")
            if names is not None and node.id not in names and node.id not in bound and node.id not in FUNCTIONS:
                raise ExprError(f"unknown name {node.id!r}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ExprError(f"attribute {node.attr!r} is not allowed (leading underscore)")
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise ExprError("only calls to " + ", ".join(FUNCTIONS) + " are allowed")
            if node.keywords:
                raise ExprError("keyword arguments are not allowed")
        elif isinstance(node, ast.comprehension) and node.is_async:
            raise ExprError("async comprehensions are not allowed")
        elif isinstance(node, ast.Constant) and isinstance(node.value, bytes | complex | type(...)):
            raise ExprError(f"{type(node.value).__name__} literals are not allowed")


class Expr:
    """A compiled expression; `evaluate(env)` runs it over a dict of names."""

    __slots__ = ("text", "code")

    def __init__(self, text: str, code: Any) -> None:
        self.text = text
        self.code = code

    def evaluate(self, env: dict[str, Any]) -> Any:
        """Evaluate over `env`, a dict made by `environment` (callers reuse it across steps)."""
        try:
            return eval(self.code, env)  # noqa: S307 - code was whitelisted by _check
        except ExprError:
            raise
        except AttributeError:
            raise ExprError(f"{self.text!r} failed: a field was read from something that is not a record") from None
        except Exception as exc:  # a user expression failing is a model error, not an engine crash
            raise ExprError(f"{self.text!r} failed: {type(exc).__name__}: {exc}") from None


_GLOBALS: dict[str, Any] = {"__builtins__": {}, **FUNCTIONS, **_HELPERS}


def environment(names: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A fresh evaluation namespace holding `names`, the functions and no builtins."""
    env = dict(names or ())
    env.update(_GLOBALS)
    return env


@lru_cache(maxsize=4096)
def compile_expr(text: str, names: frozenset[str] | None = None) -> Expr:
    """Compile `text`, allowing only `names` (plus comprehension variables and functions) when given."""
    return Expr(text, compile(_checked(text, names), "<expression>", "eval"))


def compile_function(text: str, names: frozenset[str] | None, env: dict[str, Any]) -> Callable[[Any], Any]:
    """The expression as a function of `now` over `env` (made by `environment`): the same checks and the same
    value as `compile_expr(text, names).evaluate(env)` with `now` in env, without the ExprError wrapping, and
    cheaper per call than `eval` (no new function object, `now` a local). The caller keeps `env` up to date."""
    body = _checked(text, names).body
    now = ast.arguments(posonlyargs=[], args=[ast.arg("now")], vararg=None, kwonlyargs=[], kw_defaults=[],
                        kwarg=None, defaults=[])
    tree = ast.fix_missing_locations(ast.Expression(ast.Lambda(now, body)))
    return eval(compile(tree, "<expression>", "eval"), env)  # noqa: S307 - checked like compile_expr


def _checked(text: str, names: frozenset[str] | None) -> ast.Expression:
    """Parse, check and rewrite `text`; raise ExprError when it is not in the language."""
    if not isinstance(text, str):
        raise ExprError("an expression must be a string")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"syntax error: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("expression is too deeply nested") from None
    try:
        depth = _depth(tree)
    except RecursionError:
        raise ExprError("expression is too deeply nested") from None
    if depth > MAX_DEPTH:
        raise ExprError(f"expression nests deeper than {MAX_DEPTH}")
    _check(tree, names)
    return ast.fix_missing_locations(_Rewrite().visit(tree))


def names_for(*groups: Iterable[str]) -> frozenset[str]:
    """The set of names an expression may use, for `compile_expr`."""
    return frozenset(n for g in groups for n in g)
