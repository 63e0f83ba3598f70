"""`make run`'s supervisor: a process that dies is started again, alone; Ctrl-C stops them all."""

import os
import signal
import subprocess
from pathlib import Path

from tests.workers import ROOT, alive, wait_for

#: Two supervised sleepers, each writing its pid to its file when it starts.
SCRIPT = """
source scripts/common.sh
for name in first second; do
  supervise "$name" "$1/$name.log" sh -c 'echo $$ >>"$0"; exec sleep 600' "$1/$name.pids"
done
wait
"""


def pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def test_a_killed_process_is_started_again_alone_and_ctrl_c_stops_everything(tmp_path):
    script = subprocess.Popen(["bash", "-c", SCRIPT, "supervised", str(tmp_path)], cwd=ROOT, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    first, second = tmp_path / "first.pids", tmp_path / "second.pids"
    try:
        wait_for(lambda: pids(first) and pids(second), timeout=10)
        [killed] = pids(first)
        os.kill(killed, signal.SIGKILL)

        restarted = wait_for(lambda: pids(first)[1:], timeout=10)
        assert restarted[0] != killed and alive(restarted[0])
        assert len(pids(second)) == 1 and alive(pids(second)[0]), "the other process kept running"

        os.killpg(script.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
        output, _ = script.communicate(timeout=15)
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
    assert "first exited with status 137; starting it again in 1s" in output
    wait_for(lambda: not alive(restarted[0]) and not alive(pids(second)[0]), timeout=5)
