"""Real processes for tests: Celery workers and beat, a private redis-server, a Django shell.

Tests that use a worker need committed data (``transactional_db``): the
worker is another process reading the same test database file. Each Celery
process leads its own process group, so a test can kill it whole (main
process and pool children) as ``kill -9`` of a machine's worker would.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_environment() -> dict[str, str]:
    """What a process needs to share this test's database and stored files."""
    return {"DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}


def django_shell(script: str, **env_overrides: str) -> str:
    """Run Python in a fresh Django process sharing this test's database; return what it printed."""
    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env={**os.environ, **worker_environment(), **env_overrides}, check=True, capture_output=True,
        text=True,
    )
    return shell.stdout


class CeleryProcess:
    """``celery -A <app> <arguments>`` in its own session, logging to var/<name>.log, ready once it says so."""

    def __init__(self, arguments: list[str], *, ready_line: str, app: str = "holarchy", wait: bool = True,
                 **env_overrides: str):
        env = {**os.environ, **worker_environment(), **env_overrides}
        self.log = ROOT / "var" / f"{self.name.split('@')[0]}.log"
        self.log.parent.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", app, *arguments, "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.ready_line = ready_line
        if wait:
            self.wait_until_ready()

    def wait_until_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log.read_text()}")
            if self.ready_line in self.log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_whole()
        self._kill_group()

    def kill_whole(self) -> None:
        """SIGKILL to the whole process group: the main process and every child die at once."""
        self._kill_group()
        self.process.wait()

    def _kill_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # the group is already gone


class WorkerProcess(CeleryProcess):
    """`app` names the Celery app module (tests.faults for a worker with a buggy engine);
    `beat` embeds celery beat, so the reaper runs on its schedule; `queues` limits what it takes."""

    def __init__(self, concurrency: int = 1, app: str = "holarchy", beat: bool = False, queues: str = "",
                 **env_overrides: str):
        self.name = f"test-{uuid.uuid4().hex[:8]}@holarchy"
        arguments = ["worker", "-n", self.name, f"--concurrency={concurrency}", "--without-mingle", "--without-gossip"]
        if beat:
            arguments += ["-B", f"--schedule={ROOT / 'var' / self.name.split('@')[0]}.beat"]
        if queues:
            arguments += ["-Q", queues]
        # Celery logs "<name> ready." once it consumes; that works for every broker, even without pings.
        super().__init__(arguments, ready_line=f"{self.name} ready.", app=app, **env_overrides)

    def kill_pool_processes(self) -> None:
        """Kill the pool children (the processes running tasks), as an OOM killer would."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        assert children, "the worker has no pool processes"
        for pid in children:
            os.kill(int(pid), signal.SIGKILL)


class BeatProcess(CeleryProcess):
    """celery beat, sending the periodic tasks (the reaper) on schedule; its schedule file in ``directory``."""

    def __init__(self, directory: Path, wait: bool = True, **env_overrides: str):
        self.name = f"beat-{uuid.uuid4().hex[:8]}"
        super().__init__(["beat", "-s", str(directory / "beat-schedule")], ready_line="beat: Starting...",
                         wait=wait, **env_overrides)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A private redis-server on its own port, persisting to an append-only file in ``directory``.

    ``crash_and_restart`` kills it with SIGKILL and starts it again from that
    file, as a Redis host that loses power and comes back would, or empty, as
    a Redis without persistence would.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--dir", str(self.directory), "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, timeout=10, interval=0.05)

    def answers(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def crash_and_restart(self, down_seconds: float = 1.0, keep_data: bool = True) -> None:
        self.kill()
        if not keep_data:
            for path in self.directory.iterdir():
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.name != "redis.log":
                    path.unlink()
        time.sleep(down_seconds)
        self.start()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting for its parent."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2):
    """Poll until ``predicate()`` returns something truthy; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
