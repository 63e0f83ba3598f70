"""Splitting a breadth-first search across processes (or Celery workers).

Each level's frontier is cut into chunks; `expand_frontier_chunk` is a pure
function from (model document, portable states) to portable successors, so
a chunk can run in a `multiprocessing` pool here or in a Celery group (a
chord's callback merges). Interned ids are private to a process, so states
travel as JSON-able lists (`System.export`) and each side re-interns them.
The coordinating process deduplicates, checks invariants and keeps the
parent links, so counterexamples stay shortest.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections.abc import Callable
from typing import Any

from .loading import load_spec
from .search import Bounds, Check, Search
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
    system = _system_for(model_doc)
    return [[system.export(t) for t in system.successors(system.adopt(p))] for p in states_chunk]


def parallel_breadth_first(
    system: System,
    model_doc: dict[str, Any],
    bounds: Bounds,
    *,
    workers: int,
    check: Check | None = None,
    progress: Callable[[float], None] | None = None,
) -> Search:
    """The same search as `breadth_first`, with each level expanded by a pool of `workers` processes."""
    start = time.perf_counter()
    deadline = start + bounds.max_seconds if bounds.max_seconds is not None else None
    frontier = system.initial_states()
    parent: dict[State, State | None] = dict.fromkeys(frontier)
    result = Search(parent)
    for s in frontier:
        for name in check(s) if check else ():
            result.violations.setdefault(name, s)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        while frontier:
            if bounds.max_depth is not None and result.depth >= bounds.max_depth:
                result.stopped_by = "max_depth"
                break
            chunks = [frontier[k:k + CHUNK] for k in range(0, len(frontier), CHUNK)]
            jobs = [(model_doc, [system.export(s) for s in chunk]) for chunk in chunks]
            next_frontier: list[State] = []
            for chunk, expanded in zip(chunks, pool.starmap(expand_frontier_chunk, jobs), strict=True):
                for s, successors in zip(chunk, expanded, strict=True):
                    result.transitions += len(successors)
                    if not successors:
                        result.terminal.append(s)
                    for portable in successors:
                        t = system.adopt(portable)
                        if t not in parent:
                            parent[t] = s
                            next_frontier.append(t)
                            for name in check(t) if check else ():
                                result.violations.setdefault(name, t)
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
