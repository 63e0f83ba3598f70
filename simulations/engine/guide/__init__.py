"""A model's guide followed by the engine: each "try this" done locally and its promise checked."""

from .follow import ACTIONS, follow, observe, promised, tries

__all__ = ["ACTIONS", "follow", "observe", "promised", "tries"]
