"""What each behavior's parameters are, for the forms that edit them and the checks that refuse them.

A built-in declares its parameters (``spec.Param``: type, default, description). A declarative behavior
declares none: its parameters are the ``params.NAME`` its expressions read, found here by reading them.
One whose value a ``send`` goes ``to`` names components (a ``component`` when sent to as is, a list of
``components`` when indexed), so a form can offer the model's components for it; the others are ``any``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .base import Behavior

#: Parameter types that name other components (peers, backups): their values must be component ids.
REFERENCE_TYPES = frozenset({"component", "components"})

_READ = re.compile(r"\bparams\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_SENT_TO = re.compile(r"^\s*params\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\[)?")


def builtin_entry(behavior: Behavior) -> dict[str, Any]:
    """A built-in behavior's catalog entry: its declared parameters, each saying whether it is a reference."""
    entry = behavior.describe()
    for param in entry["params"]:
        param["references"] = param["type"] in REFERENCE_TYPES
    return {**entry, "declarative": False}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _send_targets(handlers: Any) -> dict[str, str]:
    """Parameter name to ``component`` or ``components``, for the parameters a ``send`` goes ``to``."""
    kinds: dict[str, str] = {}
    for handler in handlers if isinstance(handlers, list) else []:
        for action in handler.get("actions", []) if isinstance(handler, dict) else []:
            send = action.get("send") if isinstance(action, dict) else None
            to = send.get("to") if isinstance(send, dict) else None
            if isinstance(to, str) and (match := _SENT_TO.match(to)):
                kind = "components" if match.group(2) else "component"
                kinds[match.group(1)] = "components" if kinds.get(match.group(1)) == "components" else kind
    return kinds


def declarative_entry(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """A declarative behavior's catalog entry: the parameters its handlers read, in order of first use."""
    handlers = definition.get("handlers", [])
    read = list(dict.fromkeys(match for text in _strings(handlers) for match in _READ.findall(text)))
    targets = _send_targets(handlers)
    described = {"component": "a component this behavior sends to", "components": "components this behavior sends to"}
    params = [
        {"name": param, "type": targets.get(param, "any"), "required": False, "default": None,
         "description": described.get(targets.get(param, ""), "read by its expressions"),
         "references": param in targets}
        for param in read
    ]
    return {"name": name, "description": f"declarative behavior of this model ({len(handlers)} handlers)",
            "params": params, "declarative": True}


def catalog(builtins: dict[str, Behavior], declared: dict[str, Any]) -> list[dict[str, Any]]:
    """Every behavior a model's components may use: the built-ins, then the model's declarative ones."""
    entries = [builtin_entry(builtins[name]) for name in sorted(builtins)]
    return entries + [declarative_entry(name, d) for name, d in sorted(declared.items()) if isinstance(d, dict)]
