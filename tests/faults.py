"""A Celery app for test workers whose engine has a bug: ``celery -A tests.faults worker``.

``TEST_FAULT_SEEDS=2,5`` makes the runs of those seeds raise an exception the
job code has never heard of, as a behavior bug would; ``TEST_STUCK_SEEDS=3``
makes those runs hang once their soft time limit is reached, as a behavior
stuck where no Python exception reaches it would, so only the hard limit
stops them. Every other run is real.
"""

import os
import time

import django

django.setup()

from celery.exceptions import SoftTimeLimitExceeded  # noqa: E402

from holarchy.celery import app  # noqa: E402
from simulations import traces  # noqa: E402


def seeds(variable: str) -> set[int]:
    return {int(seed) for seed in os.environ.get(variable, "").split(",") if seed}


FAULTY_SEEDS, STUCK_SEEDS = seeds("TEST_FAULT_SEEDS"), seeds("TEST_STUCK_SEEDS")
real_simulate = traces.simulate


class BehaviorBug(Exception):
    pass


def simulate_with_a_bug(document, *, seed, **options):
    if seed in FAULTY_SEEDS:
        raise BehaviorBug(f"the behavior tripped over seed {seed}")
    try:
        return real_simulate(document, seed=seed, **options)
    except SoftTimeLimitExceeded:
        if seed not in STUCK_SEEDS:
            raise
        while True:
            time.sleep(60)


traces.simulate = simulate_with_a_bug  # what a run's task calls, through traces.run_engine
__all__ = ["app"]
