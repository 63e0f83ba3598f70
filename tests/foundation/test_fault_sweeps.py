"""Fault tests of our own system: a 40-run sweep survives its worker killed whole and its Redis restarted.

The same sweep runs over real processes (worker, beat, a private
redis-server): undisturbed (once per session), then with a fault in its middle.
The disturbed sweep must finish within the reaper's bound, every run stored
once, and its summary equal to the undisturbed one byte for byte (the engine
is deterministic per seed, so a rerun changes nothing).
"""

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from simulations.models import FINISHED, JobStatus, Run, Sweep
from tests.workers import BeatProcess, RedisServer, WorkerProcess, django_shell, wait_for

pytestmark = pytest.mark.worker

#: Heartbeats older than 5 s belong to a dead worker; beat sends the reaper every 2 s.
FAST_REAPER = {"JOB_STALE_SECONDS": "5", "JOB_HEARTBEAT_SECONDS": "1", "JOB_REAPER_SECONDS": "2"}
REAPER_BOUND = 5 + 2 * 2  # stale, then at most two reaper rounds
#: 4 request counts x 10 seeds = 40 runs of one or two tenths of a second each: long enough to be seen running.
SWEEP = {"parameter": "components/client/params/count", "values": [4000, 5000, 6000, 7000], "seeds": 10,
         "until": 50_000}
SUBMIT = (
    "import json; from django.contrib.auth import get_user_model; from holarchy.modeling.models import ModelVersion; "
    "from simulations.services import submit_sweep; "
    "print(submit_sweep(version=ModelVersion.objects.get(id={version}), "
    "user=get_user_model().objects.get(id={user}), **json.loads('{sweep}')).id)"
)


class Stack:
    """A private Redis, one beat and the current worker, all sharing the test database."""

    def __init__(self, directory: Path):
        self.redis = RedisServer(directory / "redis")
        self.environment = {"REDIS_URL": self.redis.url, **FAST_REAPER}
        self.beat = BeatProcess(directory, wait=False, **self.environment)  # starts while the worker does
        self.start_worker()
        self.beat.wait_until_ready()

    def start_worker(self) -> None:
        self.worker = WorkerProcess(concurrency=2, **self.environment)

    def supervised(self, predicate):
        """`predicate`, with the worker started again whenever it has exited, as `make run` does: Celery's
        main process can die of a Redis outage (kombu restoring unacknowledged messages on a dead connection)."""

        def check():
            if self.worker.process.poll() is not None:
                self.start_worker()
            return predicate()

        return check

    def stop(self) -> None:
        """No grace needed: what they leave behind dies with the test's database and Redis."""
        self.worker.kill_whole()
        self.beat.kill_whole()
        self.redis.kill()


@pytest.fixture
def stack(transactional_db, tmp_path):
    stack = Stack(tmp_path)
    yield stack
    stack.stop()


def submit(stack: Stack, version, user) -> Sweep:
    """Submit from another process, as the web server would, to the stack's Redis."""
    script = SUBMIT.format(version=version.id, user=user.id, sweep=json.dumps(SWEEP))
    return Sweep.objects.get(id=django_shell(script, **stack.environment).split()[-1])


def finished(sweep: Sweep, timeout: float) -> Sweep:
    return wait_for(lambda: Sweep.objects.filter(id=sweep.id, status__in=FINISHED).first(), timeout=timeout)


def in_the_middle(sweep: Sweep) -> bool:
    """Some runs done, some running now, most still to do."""
    runs = Run.objects.filter(sweep=sweep)
    done = runs.filter(status=JobStatus.SUCCEEDED).count()
    return 6 <= done <= 25 and runs.filter(status=JobStatus.RUNNING).exists()


def run_outcomes(sweep: Sweep) -> dict[tuple, str]:
    return {
        (json.dumps(run.overrides), run.seed): json.dumps(run.summary, sort_keys=True)
        for run in Run.objects.filter(sweep=sweep)
    }


@dataclass(frozen=True)
class Outcome:
    summary: str
    runs: dict[tuple, str]


#: The undisturbed sweep's outcome and duration, measured once per session by the first test that needs it.
UNDISTURBED: list[tuple[Outcome, float]] = []


def outcome(sweep: Sweep) -> Outcome:
    return Outcome(json.dumps(sweep.summary, sort_keys=True), run_outcomes(sweep))


def undisturbed(stack: Stack, version, user) -> tuple[Outcome, float]:
    if not UNDISTURBED:
        started = time.monotonic()
        sweep = finished(submit(stack, version, user), timeout=240)
        assert sweep.status == JobStatus.SUCCEEDED, sweep.error
        UNDISTURBED.append((outcome(sweep), time.monotonic() - started))
    return UNDISTURBED[0]


def assert_same_as(disturbed: Sweep, reference: Outcome) -> None:
    assert disturbed.status == JobStatus.SUCCEEDED, disturbed.error
    runs = Run.objects.filter(sweep=disturbed)
    assert runs.count() == 40 and set(runs.values_list("status", flat=True)) == {JobStatus.SUCCEEDED}
    assert run_outcomes(disturbed) == reference.runs, "every run stored once, as in the undisturbed sweep"
    assert json.dumps(disturbed.summary, sort_keys=True) == reference.summary


def test_a_sweep_survives_its_worker_killed_whole(stack, alice, example_version):
    reference, duration = undisturbed(stack, example_version, alice)
    sweep = submit(stack, example_version, alice)
    wait_for(lambda: in_the_middle(sweep), timeout=120, interval=0.05)

    stack.worker.kill_whole()
    killed = time.monotonic()
    cut_short = set(Run.objects.filter(sweep=sweep, status=JobStatus.RUNNING).values_list("id", flat=True))
    stack.start_worker()

    sweep = finished(sweep, timeout=REAPER_BOUND + duration + 60)
    assert time.monotonic() - killed <= REAPER_BOUND + duration + 15, "recovered within the reaper's bound"
    assert_same_as(sweep, reference)
    retried = Run.objects.filter(id__in=cut_short)
    assert retried.exists() and all(run.attempts == 2 for run in retried), "the runs cut short ran again, once"


@pytest.mark.parametrize("persisted", [True, False], ids=["from its append-only file", "empty"])
def test_a_sweep_survives_its_redis_restarted(stack, alice, example_version, persisted):
    reference, duration = undisturbed(stack, example_version, alice)
    sweep = submit(stack, example_version, alice)
    wait_for(lambda: in_the_middle(sweep), timeout=120, interval=0.05)

    stack.redis.crash_and_restart(down_seconds=3, keep_data=persisted)
    restarted, restarted_at = time.monotonic(), timezone.now()

    sweep = wait_for(stack.supervised(lambda: Sweep.objects.filter(id=sweep.id, status__in=FINISHED).first()),
                     timeout=REAPER_BOUND + duration + 60)
    assert time.monotonic() - restarted <= REAPER_BOUND + duration + 15, "recovered within the reaper's bound"
    assert_same_as(sweep, reference)
    if not persisted:
        republished = Run.objects.filter(sweep=sweep, enqueued_at__gt=restarted_at)
        assert republished.exists(), "the runs whose messages Redis lost were published again"
