"""Exhaustive exploration of a model's behavior space (a model checker), sharing the engine's semantics.

Entry points: `explore(model, bounds=...)` for the library and the Celery
tasks, and `cli.main` behind `python -m simulations.engine explore`. See
docs/exploration.md (and there, why a search is not split across processes).
"""

from .explorer import ExplorationResult, check, explore
from .search import Bounds

__all__ = ["Bounds", "ExplorationResult", "check", "explore"]
