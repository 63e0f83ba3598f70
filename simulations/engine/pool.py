"""Running many independent simulations on this machine in worker processes: what the CLI does instead of Celery."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def parallel_map(fn: Callable[[A], R], items: Sequence[A], workers: int = 1) -> list[R]:
    """`fn` of every item, in order; `workers` > 1 spreads them over that many processes (`fn` must be picklable)."""
    if workers <= 1:
        return [fn(item) for item in items]
    # spawn, not fork: forking a process that runs threads (a test runner, a browser driver) can hang the child.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))))
