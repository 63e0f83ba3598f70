"""A Celery app for test workers whose engine has a bug: ``celery -A tests.faults worker``.

``TEST_FAULT_SEEDS=2,5`` makes the runs of those seeds raise an exception the
job code has never heard of, as a behavior bug would; every other run is real.
"""

import os

import django

django.setup()

from holarchy.celery import app  # noqa: E402
from simulations import traces  # noqa: E402

FAULTY_SEEDS = {int(seed) for seed in os.environ.get("TEST_FAULT_SEEDS", "").split(",") if seed}
real_simulate = traces.simulate


class BehaviorBug(Exception):
    pass


def simulate_with_a_bug(document, *, seed, **options):
    if seed in FAULTY_SEEDS:
        raise BehaviorBug(f"the behavior tripped over seed {seed}")
    return real_simulate(document, seed=seed, **options)


traces.simulate = simulate_with_a_bug  # what a run's task calls, through traces.run_engine
__all__ = ["app"]
