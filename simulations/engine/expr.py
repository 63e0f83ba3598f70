"""The safe expression language of guards, actions and properties, with a hard evaluation budget.

Users write expressions in model files that anyone may share, so evaluation must neither reach Python
internals nor run away with a worker's CPU or memory. An expression is parsed once with `ast`, checked
against a whitelist of node types, rewritten, and compiled to a code object evaluated with empty builtins.
Names beginning with `_` are rejected, so user text can never name the helpers the rewrite calls.

Sizes depend on the state, so the budget is enforced while the expression runs, not only by reading it:

- every operation that can make a value grow or that walks a whole value goes through a helper that checks
  it: `+ - * ** << % & | ^`, `str int sum min max sorted set any all`, slices, comprehension results, and
  the operands of comparisons, `in`, subscripts and dict or set keys (comparing and hashing walk a value);
- a value may hold at most MAX_SIZE parts, counting a shared part each time it is reachable (so
  `[[0] * 1000] * 1000` has a million), nest at most MAX_NESTING deep; a string at most MAX_STRING
  characters, an int at most MAX_INT_BITS bits;
- each comprehension step costs fuel (the size of its body), and so does every part a helper walks; one
  evaluation has FUEL;
- what an evaluation returns obeys the size limits, so values stored in state and messages, the next
  evaluation's inputs, stay bounded.

An operation with a number or string literal operand (`n + 1`, `x == 'leader'`) cannot grow a value or walk
one deeply and compiles to plain Python; an expression with no checked operation at all (most invariants)
costs nothing extra. Parts made only of literals (`'%0999999999d' % 1`, `2 ** 2 ** 2 ** 2 ** 2`) are run
when compiled, so a model whose bound is static is rejected when it is saved.
"""

from __future__ import annotations

import ast
import copy
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from types import CodeType
from typing import Any

from .persistent import PDict, PList

MAX_LENGTH = 2000  # characters of source
MAX_DEPTH = 32  # syntax nesting
MAX_SIZE = 100_000  # parts of a value: elements (shared ones counted each time), 8 characters, 64 bits
MAX_STRING = 100_000  # characters
MAX_INT_BITS = 4096
MAX_NESTING = 64  # containers within containers
FUEL = 1_000_000  # per evaluation: comprehension steps times their size, plus the parts helpers walk
# Fuel is calibrated so that a unit takes about as long whatever spends it (measured on the hostile suite):
HELPER_COST = 24  # a checked operation in a comprehension body, per step (a plain node costs 1)
PART_COST = 4  # each part of a value a helper walks (several passes at C speed)
WALK_COST = 16  # a helper walking a container, besides its parts
PLAIN_LOOPS = 32  # the size of the simple loops an expression may run unmetered (see _Rewrite._plain)

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
    """An expression that is not in the language, or failed while evaluating; ``line`` and ``column``
    (from 1, in the text as written) say where, when the fault is in one place of the text."""

    line: int | None = None
    column: int | None = None

    def placed(self, line: int | None, column: int | None) -> ExprError:
        self.line, self.column = line, column
        return self


class BudgetError(ExprError):
    """An expression went over one of the evaluation limits."""


# --- measuring values ------------------------------------------------------------------------------------

_ATOMS: frozenset[type[Any]] = frozenset({bool, float, type(None)})
_INTS: frozenset[type[Any]] = frozenset({int, bool})
_NUMBERS: frozenset[type[Any]] = frozenset({int, float, bool})
_FLAT: frozenset[type[Any]] = frozenset({int, float, bool, type(None), str})
_STR: frozenset[type[Any]] = frozenset({str})
_CONTAINERS: frozenset[type[Any]] = frozenset({list, tuple, frozenset, set, PList})
_MAPS: frozenset[type[Any]] = frozenset({dict, PDict})
_COLLECTIONS: frozenset[type[Any]] = _CONTAINERS | _MAPS | {str}


def _too_big(what: str) -> BudgetError:
    return BudgetError(f"{what} would have more than {MAX_SIZE:,} parts (a shared part counts each time it is reached)")


def _scalar_parts(item: Any) -> int:
    cls = item.__class__
    if cls is str:
        return len(item) >> 3
    return item.bit_length() >> 6 if cls is int else 0


def _elements(group: Any, depth: int, room: int) -> int:
    """The parts of a container's elements, at most `room` (BudgetError beyond)."""
    total = len(group)
    if total > room:
        raise _too_big("a value")
    kinds = set(map(type, group))  # one pass at C speed tells the common flat cases apart
    if kinds <= _ATOMS:
        return total
    if kinds <= _INTS:
        total += sum(map(int.bit_length, group)) >> 6
    elif kinds == _STR:
        total += sum(map(len, group)) >> 3
    elif kinds <= _FLAT:
        total += (sum([len(x) for x in group if x.__class__ is str]) >> 3) + (
            sum([x.bit_length() for x in group if x.__class__ is int]) >> 6)
    else:
        for item in group:
            cls = item.__class__
            if cls in _CONTAINERS or cls in _MAPS:
                total += _parts(item, depth + 1, room - total)
            elif cls is int or cls is str:
                total += _scalar_parts(item)
            if total > room:
                raise _too_big("a value")
    if total > room:
        raise _too_big("a value")
    return total


def _parts(item: Any, depth: int, room: int) -> int:
    """The parts of a container nested `depth` deep, at most `room`."""
    if depth > MAX_NESTING:
        raise BudgetError(f"a value nests deeper than {MAX_NESTING} levels")
    if item.__class__ in _MAPS:
        keys = _elements(item.keys(), depth, room - 1)
        return 1 + keys + _elements(item.values(), depth, room - 1 - keys)
    return 1 + _elements(item, depth, room - 1)


def weight(value: Any, fuel: list[int]) -> int:
    """How many parts `value` has (see MAX_SIZE), charged to `fuel` (PART_COST each, WALK_COST more for a
    container); BudgetError beyond a limit."""
    cls = value.__class__
    if cls in _ATOMS:
        return 1
    if cls is int:
        bits: int = value.bit_length()
        return 1 + (bits >> 6)
    if cls is str:
        total = 1 + (len(value) >> 3)
        _burn(fuel, PART_COST * total)
        return total
    total = _parts(value, 1, MAX_SIZE) if cls in _CONTAINERS or cls in _MAPS else 1
    _burn(fuel, PART_COST * total + WALK_COST)
    return total


def _burn(fuel: list[int], cost: int) -> None:
    fuel[0] -= cost
    if fuel[0] < 0:
        raise BudgetError(f"the evaluation took more than {FUEL:,} steps")


def _sized(fuel: list[int], value: Any) -> Any:
    """`value` itself, once its size is within the limits (see the module docstring)."""
    cls = value.__class__
    if cls in _ATOMS:
        return value
    if cls is int:
        if value.bit_length() > MAX_INT_BITS:
            raise BudgetError(f"an integer has more than {MAX_INT_BITS} bits")
        return value
    if cls is str and len(value) > MAX_STRING:
        raise BudgetError(f"a string is longer than {MAX_STRING:,} characters")
    weight(value, fuel)
    return value


# --- checked operations ------------------------------------------------------------------------------------


def _iter(items: Iterable[Any], cost: int, fuel: list[int]) -> Iterator[Any]:
    """A comprehension's source: every step costs `cost` fuel (the size of the comprehension's body)."""
    for item in items:
        fuel[0] -= cost
        if fuel[0] < 0:
            raise BudgetError(f"the evaluation took more than {FUEL:,} steps")
        yield item


def _binop(fuel: list[int], op: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
    """`+ - & | ^`: the result grows at most to the sum of the operands' sizes, so it is checked after."""
    result = op(a, b)
    return result if result.__class__ in _ATOMS else _sized(fuel, result)


def _mul(fuel: list[int], a: Any, b: Any) -> Any:
    if a.__class__ in _INTS and b.__class__ in _INTS:
        if a and b and a.bit_length() + b.bit_length() > MAX_INT_BITS + 1:
            raise BudgetError(f"a product has more than {MAX_INT_BITS} bits")
        return a * b
    for seq, n in ((a, b), (b, a)):
        if n.__class__ in _INTS and seq.__class__ in (str, list, tuple) and n > 1:
            if seq.__class__ is str:
                if len(seq) * n > MAX_STRING:
                    raise BudgetError(f"a repeated string is longer than {MAX_STRING:,} characters")
            elif 1 + (weight(seq, fuel) - 1) * n > MAX_SIZE:  # n copies of the elements, one container
                raise _too_big("a repetition")
            return _sized(fuel, a * b)
    return a * b


def _pow(fuel: list[int], a: Any, b: Any) -> Any:
    if a.__class__ in _INTS and b.__class__ in _INTS and b > 0 and abs(a) > 1:
        if (a.bit_length() - 1) * b >= MAX_INT_BITS:
            raise BudgetError(f"a power has more than {MAX_INT_BITS} bits")
    return a**b


def _lshift(fuel: list[int], a: Any, b: Any) -> Any:
    if a.__class__ in _INTS and b.__class__ in _INTS and a and b > 0 and a.bit_length() + b > MAX_INT_BITS:
        raise BudgetError(f"a shift has more than {MAX_INT_BITS} bits")
    return a << b


# A conversion of printf-style formatting: (flags)(width)(.precision)(type); '%%' matches with no width.
_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?(.)?", re.S)


def _mod(fuel: list[int], a: Any, b: Any) -> Any:
    """`%`: a number's remainder is no larger than its operands; a string's formatting is sized first."""
    if a.__class__ is not str:
        return a % b
    room = MAX_STRING - len(a)
    for width, precision, _conversion in _SPEC.findall(a):
        if width == "*" or precision == "*":
            raise BudgetError("a width or precision taken from the arguments ('*') is not allowed")
        room -= sum(int(digits) if len(digits) < 7 else MAX_STRING + 1 for digits in (width, precision) if digits)
        if room < 0:
            raise BudgetError(f"formatting would make a string longer than {MAX_STRING:,} characters")
    weight(b, fuel)  # what `%s` or `%r` print is bounded by the arguments' size
    return _sized(fuel, a % b)


def _w(fuel: list[int], value: Any) -> Any:
    """An operand that is compared, hashed or copied: charged (and bounded) by its size."""
    if value.__class__ not in _ATOMS:
        weight(value, fuel)
    return value


def _collection(fuel: list[int], items: Any) -> Any:
    """The items a function walks, charged by their size: a generator is run to a list first. Flat items
    (numbers, strings) cost one each to compare or hash; containers among them are weighed."""
    if items.__class__ not in _COLLECTIONS:
        items = list(items)
    if items.__class__ is str or set(map(type, items)) <= _FLAT:
        _burn(fuel, 2 * len(items) + WALK_COST)  # one pass to look, one to use
    else:
        weight(items, fuel)
    return items


def _str(fuel: list[int], *args: Any) -> str:
    for arg in args:
        weight(arg, fuel)
    text: str = _sized(fuel, str(*args))
    return text


def _int(fuel: list[int], *args: Any) -> int:
    for arg in args:
        weight(arg, fuel)
    number: int = _sized(fuel, int(*args))
    return number


def _sum(fuel: list[int], items: Any, start: Any = 0) -> Any:
    items = _collection(fuel, items)
    if start.__class__ in _NUMBERS or start.__class__ is str:  # adding lists to a number fails at once, and
        return _sized(fuel, sum(items, start))  # sum refuses strings
    total = start
    for item in items:  # each step's result is sized: adding lists up is stopped as it grows
        total = _binop(fuel, operator.add, total, item)
    return total


def _extreme(builtin: Callable[..., Any]) -> Callable[..., Any]:
    def checked(fuel: list[int], *args: Any) -> Any:
        return builtin(_collection(fuel, args[0]) if len(args) == 1 else _collection(fuel, args))
    return checked


def _sorted(fuel: list[int], items: Any) -> list[Any]:
    items = _collection(fuel, items)
    _burn(fuel, len(items) * len(items).bit_length())  # n log n comparisons
    return sorted(items)


def _set(fuel: list[int], items: Any = ()) -> frozenset[Any]:
    return frozenset(_collection(fuel, items))


def _truth(builtin: Callable[[Any], bool]) -> Callable[[list[int], Any], bool]:
    def checked(fuel: list[int], items: Any) -> bool:
        if items.__class__ in _COLLECTIONS:
            _burn(fuel, len(items))
        return builtin(items)  # a generator stays lazy (it stops early) and pays per step itself
    return checked


_CHECKED_FUNCTIONS: dict[str, Any] = {
    "min": _extreme(min), "max": _extreme(max), "sum": _sum, "any": _truth(any), "all": _truth(all),
    "set": _set, "sorted": _sorted, "str": _str, "int": _int,
}
_BINOPS: dict[type, tuple[str, Any]] = {
    ast.Add: ("_binop", operator.add), ast.Sub: ("_binop", operator.sub), ast.BitAnd: ("_binop", operator.and_),
    ast.BitOr: ("_binop", operator.or_), ast.BitXor: ("_binop", operator.xor),
    ast.Mult: ("_mul", None), ast.Pow: ("_pow", None), ast.LShift: ("_lshift", None), ast.Mod: ("_mod", None),
}
_HELPERS: dict[str, Any] = {
    "_iter": _iter, "_binop": _binop, "_mul": _mul, "_pow": _pow, "_lshift": _lshift, "_mod": _mod, "_w": _w,
    "_sized": _sized, **{f"_{name}": fn for name, fn in _CHECKED_FUNCTIONS.items()},
    **{f"_op_{op.__name__.strip('_')}": op for _name, op in _BINOPS.values() if op is not None},
}
_FUEL = "_F"  # the name of the evaluation's fuel, a one-item list set when the evaluation starts


# --- compiling ------------------------------------------------------------------------------------------


def _literal(node: ast.AST) -> bool:
    """A number, string or similar literal, or a display of them: comparing with one is cheap."""
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, ast.List | ast.Tuple | ast.Set) and all(isinstance(e, ast.Constant) for e in node.elts)


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value.__class__ in _NUMBERS


def _fuel() -> ast.Name:
    return ast.Name(_FUEL, ast.Load())


def _call(helper: str, *args: ast.expr) -> ast.Call:
    return ast.Call(ast.Name(helper, ast.Load()), [_fuel(), *args], [])


def _costly(node: ast.AST) -> bool:
    """A checked operation, or a display that allocates (and so also makes the garbage collector work)."""
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id.startswith("_")
    return isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict)


def _cost(node: ast.AST) -> int:
    """Fuel one step of a comprehension costs: its nodes, a costly one counting HELPER_COST."""
    return sum(HELPER_COST if _costly(n) else 1 for n in ast.walk(node))


class _Rewrite(ast.NodeTransformer):
    """Field reads become `.get`, and every operation the budget must see becomes a helper call."""

    def __init__(self, tree: ast.AST) -> None:
        self.checked = False
        self.bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        self.plain_loops = 0

    def helper(self, name: str, *args: ast.expr) -> ast.Call:
        self.checked = True
        return _call(name, *args)

    def watched(self, node: ast.expr) -> ast.expr:
        return node if _literal(node) else self.helper("_w", node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        # `r.field` reads a record field as `r.get('field')`: a missing field is None, and every value an
        # expression can reach is JSON-like, so `.get` is either dict.get or absent (a clear error).
        value = self.visit(node.value)
        return ast.Call(ast.Attribute(value, "get", ast.Load()), [ast.Constant(node.attr)], [])

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        helper, op = _BINOPS.get(type(node.op), (None, None))
        if helper is None or (helper == "_binop" and (_number(node.left) or _number(node.right))):
            return node  # a number operand: the result is a number no larger than the other one, or an error
        if helper == "_mod" and _number(node.left):
            return node
        if op is not None:
            return self.helper(helper, ast.Name(f"_op_{op.__name__.strip('_')}", ast.Load()), node.left, node.right)
        return self.helper(helper, node.left, node.right)

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        operands = [node.left, *node.comparators]
        watch = [False] * len(operands)
        for i, op in enumerate(node.ops):
            left, right = operands[i], operands[i + 1]
            if isinstance(op, ast.In | ast.NotIn):  # a scan of the right side, hashing or comparing the left
                watch[i + 1] = not _literal(right)
                watch[i] = watch[i] or not (_literal(left) or _literal(right))
            elif not isinstance(op, ast.Is | ast.IsNot) and not (_literal(left) or _literal(right)):
                watch[i] = watch[i + 1] = True
        operands = [self.watched(o) if w else o for o, w in zip(operands, watch, strict=True)]
        return ast.Compare(operands[0], node.ops, operands[1:])

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.slice, ast.Slice):
            return self.helper("_w", node)  # a slice copies its part
        node.slice = self.watched(node.slice)  # a key is hashed
        return node

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        self.generic_visit(node)
        node.keys = [k if k is None else self.watched(k) for k in node.keys]
        return self.helper("_w", node) if None in node.keys else node  # `**d` copies d

    def visit_Set(self, node: ast.Set) -> ast.AST:
        self.generic_visit(node)
        node.elts = [self.watched(e) for e in node.elts]
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        assert isinstance(node.func, ast.Name)  # _check allows only calls to FUNCTIONS by name
        name = node.func.id
        if name not in _CHECKED_FUNCTIONS:
            return node
        return self.helper(f"_{name}", *node.args)

    def _plain(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> bool:
        """A loop that needs no meter: one pass over a variable of the environment (every one has at most
        MAX_SIZE elements, or is `components`), no checked operation, display or loop inside, and at most
        PLAIN_LOOPS nodes in such loops in the whole expression; so it costs at most MAX_SIZE * PLAIN_LOOPS."""
        (gen, *more) = node.generators
        if more or not isinstance(gen.iter, ast.Name) or gen.iter.id in self.bound or gen.iter.id in FUNCTIONS:
            return False
        for inner in ast.walk(node):
            if inner is not node and isinstance(inner, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                return False
            if _costly(inner):
                return False
        size = sum(1 for _ in ast.walk(node))
        if self.plain_loops + size > PLAIN_LOOPS:
            return False
        self.plain_loops += size
        return True

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node, ast.SetComp):
            node.elt = self.watched(node.elt)
        elif isinstance(node, ast.DictComp):
            node.key = self.watched(node.key)
        if self._plain(node):
            return node
        cost = ast.Constant(_cost(node))
        self.checked = True
        for gen in node.generators:
            gen.iter = ast.Call(ast.Name("_iter", ast.Load()), [gen.iter, cost, _fuel()], [])
        return node if isinstance(node, ast.GeneratorExp) else self.helper("_w", node)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension


def _depth(node: ast.AST) -> int:
    children = list(ast.iter_child_nodes(node))
    return 1 + max((_depth(c) for c in children), default=0)


class _NodeError(Exception):
    """An ExprError raised for one node of the tree, carried up with the node so that it gets its position."""

    def __init__(self, error: ExprError, node: ast.expr):
        self.error, self.node = error, node


def _check(tree: ast.AST, names: frozenset[str] | None) -> None:
    bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in ast.walk(tree):
        try:
            _check_node(node, names, bound)
        except ExprError as exc:
            if not isinstance(node, ast.expr):
                raise
            raise _NodeError(exc, node) from None


def _check_node(node: ast.AST, names: frozenset[str] | None, bound: set[str]) -> None:
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
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bytes | complex | type(...)):
            raise ExprError(f"{type(node.value).__name__} literals are not allowed")
        if isinstance(node.value, int) and node.value.bit_length() > MAX_INT_BITS:
            raise BudgetError(f"an integer literal has more than {MAX_INT_BITS} bits")


def _static(node: ast.expr) -> bool:
    """True when `node` reads no variable (only functions and its own comprehension variables): its value is
    known when the expression is compiled."""
    names = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
    bound = {n.id for n in names if isinstance(n.ctx, ast.Store)}
    return all(n.id in FUNCTIONS or n.id in bound for n in names)


def _check_constant_parts(tree: ast.Expression) -> None:
    """Run every part that reads no variable, within the budget: a static violation is found when compiling."""
    todo: list[ast.AST] = [tree.body]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.expr) and not isinstance(node, ast.Constant | ast.Name) and _static(node):
            copied = copy.deepcopy(node)
            rewrite = _Rewrite(copied)
            part = ast.fix_missing_locations(ast.Expression(_fueled(rewrite.visit(copied))))
            if rewrite.checked:
                try:
                    eval(compile(part, "<expression>", "eval"), environment())  # noqa: S307
                except BudgetError as exc:
                    raise BudgetError(f"{ast.unparse(node)} goes over the evaluation budget: {exc}") from None
                except Exception:  # noqa: S110 - other failures (1 / 0) are reported where they are evaluated
                    pass
            continue
        todo.extend(ast.iter_child_nodes(node))


class Expr:
    """A compiled expression; `evaluate(env)` runs it over a dict of names, within the budget."""

    __slots__ = ("text", "code", "checked")

    def __init__(self, text: str, code: Any, checked: bool) -> None:
        self.text = text
        self.code = code
        self.checked = checked  # False: no operation the budget must see (its result is still sized)

    def evaluate(self, env: dict[str, Any]) -> Any:
        """Evaluate over `env`, a dict made by `environment` (callers reuse it across steps)."""
        try:
            value = eval(self.code, env)  # noqa: S307 - code was whitelisted by _check
            return value if value.__class__ in _ATOMS else _sized([FUEL], value)
        except BudgetError as exc:
            raise BudgetError(f"{self.text!r} went over the evaluation budget: {exc}") from None
        except AttributeError:
            raise ExprError(f"{self.text!r} failed: a field was read from something that is not a record") from None
        except RecursionError:
            raise ExprError(f"{self.text!r} failed: a value is nested too deeply") from None
        except Exception as exc:  # a user expression failing is a model error, not an engine crash
            raise ExprError(f"{self.text!r} failed: {type(exc).__name__}: {exc}") from None


# The helpers are the only builtins: reached by name without being copied into every environment.
_GLOBALS: dict[str, Any] = {"__builtins__": _HELPERS, **FUNCTIONS}


def environment(names: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A fresh evaluation namespace holding `names`, the functions and no builtins."""
    env = dict(names or ())
    env.update(_GLOBALS)
    return env


def _fueled(body: ast.expr) -> ast.expr:
    """`body` evaluated with a fresh FUEL: `(_F := [FUEL]) and body`."""
    start = ast.NamedExpr(ast.Name(_FUEL, ast.Store()), ast.List([ast.Constant(FUEL)], ast.Load()))
    return ast.BoolOp(ast.And(), [start, body])


@lru_cache(maxsize=4096)
def compile_expr(text: str, names: frozenset[str] | None = None) -> Expr:
    """Compile `text`, allowing only `names` (plus comprehension variables and functions) when given."""
    body, checked = _checked(text, names)
    tree = ast.fix_missing_locations(ast.Expression(_fueled(body) if checked else body))
    return Expr(text, compile(tree, "<expression>", "eval"), checked)


def compile_function(text: str, names: frozenset[str] | None, env: dict[str, Any]) -> Callable[[Any], Any]:
    """The expression as a function of `now` over `env` (made by `environment`): the same checks and the same
    value as `compile_expr(text, names).evaluate(env)` with `now` in env, without the ExprError wrapping or
    the sizing of the result (for a predicate), and cheaper per call than `eval` (no new function object,
    `now` a local). The caller keeps `env` up to date."""
    function: Callable[[Any], Any] = eval(_function_code(text, names), env)  # noqa: S307 - checked
    return function


@lru_cache(maxsize=4096)
def _function_code(text: str, names: frozenset[str] | None) -> CodeType:
    """The checked lambda of `now` for `text`, compiled once per text (every run of a model compiles the same)."""
    body, checked = _checked(text, names)
    now = ast.arguments(posonlyargs=[], args=[ast.arg("now")], vararg=None, kwonlyargs=[], kw_defaults=[],
                        kwarg=None, defaults=[])
    tree = ast.fix_missing_locations(ast.Expression(ast.Lambda(now, _fueled(body) if checked else body)))
    return compile(tree, "<expression>", "eval")


def _checked(text: str, names: frozenset[str] | None) -> tuple[ast.expr, bool]:
    """Parse, check and rewrite `text`: its body and whether it calls a checked operation; raise ExprError
    when it is not in the language or a part made of literals alone goes over the budget."""
    if not isinstance(text, str):
        raise ExprError("an expression must be a string")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    lead = text[: len(text) - len(text.lstrip())]  # parsed stripped: positions shift by what was stripped
    first_line, lead_columns = lead.count("\n"), len(lead.rpartition("\n")[2])

    def where(line: int | None, column: int | None) -> tuple[int | None, int | None]:
        if line is None or column is None:
            return line, column
        return line + first_line, column + (lead_columns if line == 1 else 0)

    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"syntax error: {exc.msg}").placed(*where(exc.lineno, exc.offset)) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("expression is too deeply nested") from None
    try:
        depth = _depth(tree)
    except RecursionError:
        raise ExprError("expression is too deeply nested") from None
    if depth > MAX_DEPTH:
        raise ExprError(f"expression nests deeper than {MAX_DEPTH}")
    try:
        _check(tree, names)
    except _NodeError as exc:
        raise exc.error.placed(*where(exc.node.lineno, exc.node.col_offset + 1)) from None
    _check_constant_parts(tree)
    rewrite = _Rewrite(tree)
    body = rewrite.visit(tree).body
    return body, rewrite.checked


def check_value(value: Any) -> None:
    """Raise BudgetError when a literal value of a model (a variable's initial value, a parameter) is
    beyond the size limits every value an expression reads must keep."""
    _sized([FUEL], value)


def names_for(*groups: Iterable[str]) -> frozenset[str]:
    """The set of names an expression may use, for `compile_expr`."""
    return frozenset(n for g in groups for n in g)
