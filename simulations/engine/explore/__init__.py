"""Exhaustive exploration of a model's behavior space (a model checker), sharing the engine's semantics.

Entry points: `explore(model, bounds=...)` for the library and the Celery
tasks, `expand_frontier_chunk` for splitting a search across workers, and
`cli.main` behind `python -m simulations.engine explore`. See docs/exploration.md.
"""

from .explorer import ExplorationResult, check, explore
from .parallel import expand_frontier_chunk
from .search import Bounds

__all__ = ["Bounds", "ExplorationResult", "check", "expand_frontier_chunk", "explore"]
