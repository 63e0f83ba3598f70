"""Validation problems: every one carries a path into the document so an editor can point at it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    path: str
    message: str
    # Something the model still lacks (a referenced component, holon, property or behavior that does not
    # exist yet; no component or holarchy at all yet): a draft may hold it while being built, a version may not.
    pending: bool = False

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


class ModelError(ValueError):
    """A model document that cannot be loaded; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))
