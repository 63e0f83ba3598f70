"""Splitting a breadth-first search across processes (or Celery workers).

Each level's frontier is cut into chunks; `expand_frontier_chunk` is a pure
function from (model document, portable states) to portable successors, so
a chunk can run in a Celery group (a chord's callback merges); the
`multiprocessing` pool here gives each worker the model once, when it starts,
and sends it only states. Interned ids are private to a process, so states
travel as JSON-able lists (`System.export`) and each side re-interns them.
The coordinating process admits the successors through the serial search's
bookkeeping (`search.admitter`): it deduplicates, checks invariants and keeps
the parent links, so counterexamples stay shortest.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections.abc import Callable
from typing import Any

from .loading import load_spec
from .search import Bounds, Check, Search, admitter, seed
from .system import State, System

CHUNK = 2_000
"""States per chunk: large enough that sending a chunk costs little next to expanding it."""

_systems: dict[str, System] = {}


def _system_for(model_doc: dict[str, Any]) -> System:
    """One `System` per model per process, so its caches serve every chunk that process expands."""
    key = hashlib.sha256(json.dumps(model_doc, sort_keys=True, default=str).encode()).hexdigest()
    found = _systems.get(key)
    if found is None:
        found = _systems[key] = System(load_spec(model_doc)[0])
    return found


def expand_frontier_chunk(model_doc: dict[str, Any], states_chunk: list[Any]) -> list[list[Any]]:
    """For each portable state of the chunk, the list of its portable successors."""
    return _expand(_system_for(model_doc), states_chunk)


def _expand(system: System, states_chunk: list[Any]) -> list[list[Any]]:
    return [[system.export(t) for t in system.successors(system.adopt(p))] for p in states_chunk]


_pool_system: System | None = None
"""In a pool's worker process, the `System` its initializer built for the model the pool explores."""


def _start_worker(model_doc: dict[str, Any]) -> None:
    global _pool_system
    _pool_system = _system_for(model_doc)


def _expand_in_worker(states_chunk: list[Any]) -> list[list[Any]]:
    assert _pool_system is not None, "a pool worker expands only after _start_worker"
    return _expand(_pool_system, states_chunk)


def parallel_breadth_first(
    system: System,
    model_doc: dict[str, Any],
    bounds: Bounds,
    *,
    workers: int,
    check: Check | None = None,
    progress: Callable[[float], None] | None = None,
) -> Search:
    """The same search as `breadth_first`, with each level expanded by a pool of `workers` processes.

    Each worker builds the model's `System` once, when it starts; only states travel per chunk. The
    successors come back as they were found and are admitted as `breadth_first` admits them, in order.
    """
    start = time.perf_counter()
    deadline = start + bounds.max_seconds if bounds.max_seconds is not None else None
    frontier, result = seed(system, check, {})
    parent, adopt = result.parent, system.adopt
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=(model_doc,)) as pool:
        while frontier:
            if bounds.max_depth is not None and result.depth >= bounds.max_depth:
                result.stopped_by = "max_depth"
                break
            chunks = [frontier[k:k + CHUNK] for k in range(0, len(frontier), CHUNK)]
            jobs = [[system.export(s) for s in chunk] for chunk in chunks]
            next_frontier: list[State] = []
            admit = admitter(result, check, next_frontier.append)
            for chunk, expanded in zip(chunks, pool.map(_expand_in_worker, jobs), strict=True):
                for s, successors in zip(chunk, expanded, strict=True):
                    admit(s, [adopt(portable) for portable in successors])
            if progress:
                progress(min(len(parent) / bounds.max_states, 0.99) if bounds.max_states else 0.0)
            if bounds.max_states is not None and len(parent) >= bounds.max_states:
                result.stopped_by = "max_states"
            elif deadline is not None and time.perf_counter() > deadline:
                result.stopped_by = "max_seconds"
            frontier = next_frontier
            if frontier:
                result.depth += 1
            if result.stopped_by:
                break
    result.seconds = time.perf_counter() - start
    return result
