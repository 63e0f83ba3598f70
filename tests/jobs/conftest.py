"""Long runs for job tests: several seconds of work that report progress every 5 % of virtual time."""

import pytest

from simulations import services
from simulations.models import Run

MANY_REQUESTS = {"components/client/params/count": 80000}
LONG_RUN = 600_000  # several seconds on a worker (it traces only the first steps), however fast the engine gets


@pytest.fixture
def long_run(alice, example_version):
    """Queue a run of several seconds (published to the broker) and return its row."""

    def make(**fields) -> Run:
        run = Run.objects.create(
            version=example_version, created_by=alice, until=LONG_RUN, overrides=MANY_REQUESTS, **fields
        )
        services.enqueue([run])
        return run

    return make
