"""Declared parameters of built-in behaviors, so the loader can check them and the UI can list them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REQUIRED: Any = object()

_TYPES: dict[str, Any] = {  # Any: an isinstance() check must not narrow a parameter to `object`
    "component": (str,),
    "components": (list,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "string": (str,),
    "any": (object,),  # a declarative behavior's parameter that names no component: any value
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    description: str

    def problem(self, value: Any) -> str | None:
        """Why `value` does not fit this parameter, or None (which components it names is `references`)."""
        if isinstance(value, bool) and self.type in ("number", "integer"):
            return f"expected a {self.type}, got a boolean"
        if self.type == "component" and value == "" and self.default == "":
            return None
        if not isinstance(value, _TYPES[self.type]):
            return f"expected a {self.type}"
        if self.type == "components" and not all(isinstance(ref, str) for ref in value):
            return "expected a list of component ids"
        if self.type in ("number", "integer") and value < 0:
            return "must not be negative"
        return None

    def references(self, value: Any) -> list[str]:
        """The components a fitting value names (they must exist once the model is complete)."""
        if self.type == "component":
            return [] if value == "" and self.default == "" else [value]
        return list(value) if self.type == "components" else []

    def describe(self) -> dict[str, Any]:
        required = self.default is REQUIRED
        return {"name": self.name, "type": self.type, "required": required,
                "default": None if required else self.default, "description": self.description}


def resolve(params: tuple[Param, ...], given: dict[str, Any]) -> dict[str, Any]:
    """The given params completed with defaults (the loader has already checked them)."""
    out = {p.name: p.default for p in params if p.default is not REQUIRED}
    out.update(given)
    return out
