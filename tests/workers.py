"""Real Celery worker processes for tests: started, pinged until ready, stopped.

Tests that use a worker need committed data (``transactional_db``): the
worker is another process reading the same test database file.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_environment() -> dict[str, str]:
    """What a process needs to share this test's database."""
    return {"DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}"}


class WorkerProcess:
    """`app` names the Celery app module (tests.faults for a worker with a buggy engine);
    `beat` embeds celery beat, so the reaper runs on its schedule."""

    def __init__(self, concurrency: int = 1, app: str = "holarchy", beat: bool = False, **env_overrides: str):
        self.name = f"test-{uuid.uuid4().hex[:8]}@holarchy"
        env = {**os.environ, **worker_environment(), **env_overrides}
        self.log = ROOT / "var" / f"{self.name.split('@')[0]}.log"
        self.log.parent.mkdir(exist_ok=True)
        schedule = ["-B", f"--schedule={self.log.with_suffix('.beat')}"] if beat else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", app, "worker", "-n", self.name, *schedule,
             f"--concurrency={concurrency}", "--without-mingle", "--without-gossip", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )
        self.wait_until_ready()

    def wait_until_ready(self, timeout: float = 30.0) -> None:
        """Celery logs "<name> ready." once it consumes; that works for every broker, even without pings."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log.read_text()}")
            if f"{self.name} ready." in self.log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready after {timeout}s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill_pool_processes(self) -> None:
        """Kill the pool children (the processes running tasks), as an OOM killer would."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        assert children, "the worker has no pool processes"
        for pid in children:
            os.kill(int(pid), signal.SIGKILL)


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2):
    """Poll until ``predicate()`` returns something truthy; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
