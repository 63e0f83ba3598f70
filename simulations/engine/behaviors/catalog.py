"""What each behavior's parameters are, for the forms that edit them and the checks that refuse them.

A built-in declares its parameters (``spec.Param``: type, default, description). A declarative behavior
declares none: its parameters are the ``params.NAME`` (or ``params["NAME"]``) its expressions read, found
here by reading them. One whose value a ``send`` goes ``to`` names components (a ``component`` when sent to
as is, a list of ``components`` when indexed), so a form can offer the model's components for it; the
others are ``any``. An expression that uses ``params`` otherwise (``params[key]``) may read any name, so
such a behavior's parameters are *open*: the check then refuses no name as unknown.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .base import Behavior
from .spec import Param

#: Parameter types that name other components (peers, backups): their values must be component ids.
REFERENCE_TYPES = frozenset({"component", "components"})

_SENT_TO = re.compile(r"""^\s*params\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([^"']+)["']\s*\])\s*(\[)?""")
_DESCRIBED = {"component": "a component this behavior sends to", "components": "components this behavior sends to",
              "any": "read by its expressions"}


@dataclass(frozen=True)
class DeclaredParams:
    """The parameters a declarative behavior reads; ``closed``: it reads no other (see the module's note)."""

    params: tuple[Param, ...]
    closed: bool


def _entry(params: tuple[Param, ...]) -> list[dict[str, Any]]:
    return [{**p.describe(), "references": p.type in REFERENCE_TYPES} for p in params]


def builtin_entry(behavior: Behavior) -> dict[str, Any]:
    """A built-in behavior's catalog entry: its declared parameters, each saying whether it is a reference."""
    return {**behavior.describe(), "params": _entry(behavior.params), "declarative": False}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@functools.lru_cache(maxsize=4096)
def _reads(text: str) -> tuple[tuple[str, ...], bool]:
    """The parameter names one expression reads, in order, and whether it reads ``params`` only by name.
    Kept per text: every run loads its model, and a study's runs load the same expressions again."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return (), True  # not an expression (a message type, say), or a bad one the checks report
    named: list[tuple[int, int, str]] = []
    uses = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "params":
            uses += 1
        elif isinstance(node, ast.Attribute | ast.Subscript) and isinstance(node.value, ast.Name) \
                and node.value.id == "params":
            key = node.attr if isinstance(node, ast.Attribute) else getattr(node.slice, "value", None)
            if isinstance(key, str):
                named.append((node.lineno, node.col_offset, key))
    return tuple(name for *_, name in sorted(named)), len(named) == uses


def _send_targets(handlers: Any) -> dict[str, str]:
    """Parameter name to ``component`` or ``components``, for the parameters a ``send`` goes ``to``."""
    kinds: dict[str, str] = {}
    for handler in handlers if isinstance(handlers, list) else []:
        for action in handler.get("actions", []) if isinstance(handler, dict) else []:
            send = action.get("send") if isinstance(action, dict) else None
            to = send.get("to") if isinstance(send, dict) else None
            if isinstance(to, str) and (match := _SENT_TO.match(to)):
                name = match.group(1) or match.group(2)
                kind = "components" if match.group(3) else "component"
                kinds[name] = "components" if kinds.get(name) == "components" else kind
    return kinds


def declared_params(definition: Any) -> DeclaredParams:
    """The parameters a declarative behavior's handlers read, in order of first use, typed by how they are used."""
    handlers = definition.get("handlers", []) if isinstance(definition, dict) else []
    read: dict[str, None] = {}
    closed = True
    for text in _strings(handlers):
        names, by_name = _reads(text)
        read.update(dict.fromkeys(names))
        closed = closed and by_name
    targets = _send_targets(handlers)
    params = tuple(Param(name, targets.get(name, "any"), None, _DESCRIBED[targets.get(name, "any")]) for name in read)
    return DeclaredParams(params, closed)


def declarative_entry(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """A declarative behavior's catalog entry: the parameters its handlers read, in order of first use."""
    handlers = definition.get("handlers", [])
    count = len(handlers) if isinstance(handlers, list) else 0
    return {"name": name, "description": f"declarative behavior of this model ({count} handlers)",
            "params": _entry(declared_params(definition).params), "declarative": True}


def catalog(builtins: dict[str, Behavior], declared: dict[str, Any]) -> list[dict[str, Any]]:
    """Every behavior a model's components may use: the built-ins, then the model's declarative ones."""
    entries = [builtin_entry(builtins[name]) for name in sorted(builtins)]
    return entries + [declarative_entry(name, d) for name, d in sorted(declared.items()) if isinstance(d, dict)]
