"""The fault tests' own tools do what they claim: a worker killed whole leaves no process, a private
Redis crashed and restarted keeps what it had written to its append-only file."""

import time
from pathlib import Path

import pytest
import redis

from tests.workers import RedisServer, WorkerProcess, alive, wait_for

pytestmark = pytest.mark.worker


def test_a_worker_killed_whole_leaves_none_of_its_processes(transactional_db):
    worker = WorkerProcess(concurrency=2)
    main = worker.process.pid
    children = [int(pid) for pid in Path(f"/proc/{main}/task/{main}/children").read_text().split()]
    assert len(children) == 2

    worker.kill_whole()

    assert worker.process.returncode == -9
    wait_for(lambda: not any(alive(pid) for pid in children), timeout=5)


def test_a_private_redis_crashed_and_restarted_keeps_its_append_only_file(tmp_path):
    server = RedisServer(tmp_path)
    try:
        redis.Redis.from_url(server.url).rpush("queue", "job-1", "job-2")
        time.sleep(1.5)  # appendfsync everysec: what is older than a second is on disk
        server.crash_and_restart(down_seconds=0.2)
        assert redis.Redis.from_url(server.url).lrange("queue", 0, -1) == [b"job-1", b"job-2"]
    finally:
        server.kill()
    assert not server.answers()
