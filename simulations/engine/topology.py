"""Where each component sits in each holarchy: ancestors, level membership, holon members."""

from __future__ import annotations

from .modelcode.model import Holarchy, Holon, Model


class Placement:
    """Indexes of one holarchy: for every component the chain of holon ids from the root down."""

    def __init__(self, holarchy: Holarchy):
        self.holarchy = holarchy
        self.chain: dict[str, tuple[str, ...]] = {}
        self.members: dict[str, list[str]] = {}
        self._index(holarchy.root, ())

    def _index(self, holon: Holon, above: tuple[str, ...]) -> None:
        path = (*above, holon.id)
        self.members[holon.id] = holon.members()
        for component in holon.components:
            self.chain[component] = path
        for child in holon.children:
            self._index(child, path)

    def at_level(self, component: str, level: str) -> str | None:
        """The holon of `level` that contains `component` (None if it sits above that level)."""
        depth = self.holarchy.levels.index(level)
        chain = self.chain[component]
        return chain[depth] if depth < len(chain) else None


def placements(model: Model) -> dict[str, Placement]:
    return {h.name: Placement(h) for h in model.holarchies}
