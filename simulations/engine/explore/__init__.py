"""Exhaustive exploration of a model's behavior space (a model checker), sharing the engine's semantics.

Entry points: `explore(model, bounds=...)` for the library and the Celery
tasks, `expand_frontier_chunk` for splitting a search across workers, and
`cli.main` behind `python -m simulations.engine explore`. See docs/exploration.md.
"""

# The engine's behaviors package imports modelcode, which imports it back; loading modelcode first
# resolves the cycle whichever of our modules is imported first.
import simulations.engine.modelcode  # noqa: F401

from .explorer import ExplorationResult, explore
from .search import Bounds

__all__ = ["Bounds", "ExplorationResult", "explore"]
