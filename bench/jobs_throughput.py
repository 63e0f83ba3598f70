"""Job-system benchmark: one batch of simulation runs through real Celery workers, one worker process vs two.

    .venv/bin/python bench/jobs_throughput.py [--runs 40] [--until 60000] [--pairs 3] [--tiny-runs 100]
                                              [--database-url sqlite|postgres://...]

Everything is real: a private redis-server (its own port, in a temporary
folder), the database (a fresh SQLite file by default; a PostgreSQL URL
should name a scratch database), `celery worker` processes, and the same
service the API calls (``submit_sweep``: one queued run per seed, the last
run to finish summarises the sweep). Time is measured from the submission to
the sweep's finished row; worker start-up is not counted.

- **Throughput**: the same sweep of ``--runs`` runs of a few tenths of a
  second each (0.3 s at the default ``--until``), with one worker process
  and then with two (concurrency 1 each), alternated ``--pairs`` times; the
  ratio is taken pair by pair, so a comparison holds while the shared
  machine's speed drifts. Target: 1.8x. Beside each pair, the same runs
  without the job system (``traces.run_engine`` as the task calls it for a
  sweep's run: summary only, no trace) in one process and in two: what the
  machine itself gives at that moment. The worker's task times split each
  batch's time per run into inside the task and between tasks.
- **Overhead**: a sweep of ``--tiny-runs`` runs of the tiny request-response
  model with one worker, per run, minus the same simulations called in this
  process (``traces.run_engine`` as the task calls it). What is left is the
  job system: the queue (publish, deliver), the claim, heartbeats, progress,
  storing the summary (a sweep's runs store no trace), settling the sweep.
  Target: under 20 ms. The worker's own task times split it into inside the
  task and between tasks. The database server's CPU time is not counted.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THROUGHPUT_TARGET = 1.8
OVERHEAD_TARGET_MS = 20.0
#: The throughput runs: the request-response client sends many requests, so a run lasts until `--until`.
MANY_REQUESTS = ("components/client/params/count", 100_000)
TASK_TIME = re.compile(r"Task simulations\.tasks\.simulate_run\[[^\]]+\] succeeded in ([0-9.]+)s")


REDIS_PID: list[int] = []  # the private redis-server, whose CPU time counts as the job system's


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(folder: Path) -> subprocess.Popen:
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    REDIS_PID.append(server.pid)
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    import redis

    for _ in range(100):
        try:
            redis.Redis(port=port).ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not answer")


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far (the kernel's own accounting)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class Batch:
    wall: float  # seconds from the submission to the sweep's finished row
    cpu: dict[str, float]  # CPU seconds of the workers, Redis and the submission, by part, in that window
    tasks: list[float]  # each task's own time, as its worker logged it


class Workers:
    """``count`` worker processes of concurrency 1, ready to consume; their task times read from their logs."""

    def __init__(self, count: int, folder: Path):
        self.logs = [folder / f"worker-{time.monotonic_ns()}-{i}.log" for i in range(count)]
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "holarchy", "worker", "-n", f"bench{i}@%h", "--concurrency=1",
                 "--without-mingle", "--without-gossip", "--loglevel=INFO"],
                cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            )
            for i, log in enumerate(self.logs)
        ]
        deadline = time.monotonic() + 60
        while not all("ready." in log.read_text(errors="replace") for log in self.logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                raise RuntimeError("a worker did not start:\n" + "\n".join(log.read_text() for log in self.logs))
            time.sleep(0.1)

    def parts(self) -> dict[str, list[int]]:
        """The processes whose CPU time counts, by part: the worker main processes and their pool children."""
        return {"worker main processes": [p.pid for p in self.processes],
                "pool processes (the tasks)": [child for p in self.processes for child in children(p.pid)]}

    def task_seconds(self) -> list[float]:
        return [float(t) for log in self.logs for t in TASK_TIME.findall(log.read_text(errors="replace"))]

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def example_version():
    """The request-response example saved as version 1 of a model in a fresh team."""
    from django.contrib.auth import get_user_model

    from holarchy.accounts.models import Membership, Role, Team
    from holarchy.modeling.models import ModelVersion, SystemModel, Workspace
    from simulations.engine import modelcode

    team = Team.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
    user = get_user_model().objects.create_user(username=team.slug)
    Membership.objects.create(user=user, team=team, role=Role.OWNER)
    model = modelcode.load_model(modelcode.parse_text((ROOT / "examples" / "request-response.yaml").read_text()))
    system = SystemModel.objects.create(workspace=Workspace.objects.create(team=team, name="Bench"), name="rr")
    version = ModelVersion.objects.create(model=system, number=1, document=modelcode.dump_model(model),
                                          content_hash=modelcode.content_hash(model), created_by=user)
    return version, user


def batch(folder: Path, count: int, version, user, *, seeds: int, until: float | None) -> Batch:
    """One sweep through `count` fresh workers, polled every 20 ms; `until` None: the tiny model as it is."""
    from simulations.models import FINISHED, JobStatus, Sweep
    from simulations.services import submit_sweep

    parameter, value = MANY_REQUESTS if until else ("", None)
    workers = Workers(count, folder)
    try:
        parts = {**workers.parts(), "redis-server": REDIS_PID}
        cpu_before, started = {part: cpu_seconds(pids) for part, pids in parts.items()}, time.perf_counter()
        submitting = time.process_time()
        sweep = submit_sweep(version=version, user=user, seeds=seeds, until=until, parameter=parameter,
                             values=[value] if parameter else [])
        submitting = time.process_time() - submitting
        while not Sweep.objects.filter(id=sweep.id, status__in=FINISHED).exists():
            time.sleep(0.02)
        wall = time.perf_counter() - started
        cpu = {part: cpu_seconds(pids) - cpu_before[part] for part, pids in parts.items()}
        cpu["submission (web side)"] = submitting
        sweep.refresh_from_db()
        if sweep.status != JobStatus.SUCCEEDED:
            raise RuntimeError(f"the sweep did not succeed: {sweep.error}")
        return Batch(wall, cpu, workers.task_seconds())
    finally:
        workers.stop()


def sweep_runs(version, *, seeds: int, until: float | None) -> list:
    """The runs `submit_sweep` makes for this batch, unsaved: the references simulate exactly these."""
    from simulations.models import Run

    overrides = dict([MANY_REQUESTS]) if until else {}
    return [Run(version=version, seed=seed, until=until, overrides=overrides) for seed in range(seeds)]


def _run_engine(runs: list) -> None:
    from simulations import traces

    for run in runs:
        traces.run_engine(run, None)  # what the task calls for a sweep's run: no trace, the summary only


def engine_processes_seconds(version, count: int, *, seeds: int, until: float | None) -> float:
    """The machine's own scaling now: the same simulations without the job system, split over `count` processes."""
    import multiprocessing

    runs = sweep_runs(version, seeds=seeds, until=until)
    with multiprocessing.get_context("fork").Pool(count) as pool:
        started = time.perf_counter()
        pool.map(_run_engine, [runs[i::count] for i in range(count)])
        return time.perf_counter() - started


def direct_seconds(version, *, seeds: int) -> tuple[float, float]:
    """The same simulations as the task runs them, called in this process: the engine's own wall and CPU time."""
    runs = sweep_runs(version, seeds=seeds, until=None)
    started, cpu = time.perf_counter(), time.process_time()
    _run_engine(runs)
    return time.perf_counter() - started, time.process_time() - cpu


def commit_ms(version, user) -> float:
    """One autocommitted UPDATE of a job row, the unit the job system pays a few times per run."""
    from simulations.models import Run

    run = Run.objects.create(version=version, created_by=user, status="succeeded")
    started = time.perf_counter()
    for i in range(20):
        Run.objects.filter(id=run.id).update(progress=i / 20)
    return 1000 * (time.perf_counter() - started) / 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs in the throughput batch")
    parser.add_argument("--until", type=float, default=60000, help="virtual end time of each throughput run")
    parser.add_argument("--pairs", type=int, default=3, help="one-worker/two-worker pairs")
    parser.add_argument("--tiny-runs", type=int, default=100, help="runs of the tiny model for the overhead")
    parser.add_argument("--database-url", default="sqlite")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="jobs-bench-"))
    redis_server = start_redis(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3" if args.database_url == "sqlite" \
        else args.database_url
    os.environ["TEAM_MAX_RUNS_PER_SWEEP"] = str(max(args.runs, args.tiny_runs))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        version, user = example_version()
        print(f"database {connection.vendor}, broker {os.environ['REDIS_URL']}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} at start")

        print(f"\nthroughput: {args.runs} runs (until {args.until:g}), one worker process vs two")
        ratios, machine = [], []
        for pair in range(args.pairs):
            one = batch(folder, 1, version, user, seeds=args.runs, until=args.until)
            two = batch(folder, 2, version, user, seeds=args.runs, until=args.until)
            alone = [engine_processes_seconds(version, n, seeds=args.runs, until=args.until) for n in (1, 2)]
            ratios.append(one.wall / two.wall)
            machine.append(alone[0] / alone[1])
            print(f"  pair {pair + 1}: one {one.wall:.2f} s ({args.runs / one.wall:.1f} runs/s), "
                  f"two {two.wall:.2f} s ({args.runs / two.wall:.1f} runs/s): {ratios[-1]:.2f}x; "
                  f"the engine alone in one process {alone[0]:.2f} s, in two {alone[1]:.2f} s: {machine[-1]:.2f}x")
            for name, result, count, engine in (("one", one, 1, alone[0]), ("two", two, 2, alone[1])):
                in_task = 1000 * sum(result.tasks) / args.runs
                between = 1000 * count * result.wall / args.runs - in_task
                print(f"    {name}: per run and worker {in_task:.0f} ms inside the task, {between:.0f} ms between "
                      f"tasks; the engine alone {1000 * count * engine / args.runs:.0f} ms per run and process")
        ratio = statistics.median(ratios)

        print(f"\noverhead: {args.tiny_runs} runs of the tiny model, one worker process vs the engine called directly")
        tiny = batch(folder, 1, version, user, seeds=args.tiny_runs, until=None)
        direct_wall, direct_cpu = direct_seconds(version, seeds=args.tiny_runs)
        per_run, engine, in_task, cpu, engine_cpu = (
            1000 * t / args.tiny_runs
            for t in (tiny.wall, direct_wall, sum(tiny.tasks), sum(tiny.cpu.values()), direct_cpu)
        )
        overhead, cpu_overhead = per_run - engine, cpu - engine_cpu
        print(f"  wall: through the job system {per_run:.1f} ms per run (inside the task {in_task:.1f} ms), "
              f"engine alone {engine:.1f} ms: overhead {overhead:.1f} ms per run, {in_task - engine:.1f} ms in "
              f"the task (claim, heartbeat, progress, store, settle), {per_run - in_task:.1f} ms between tasks")
        print(f"  CPU: worker processes, Redis and the submission {cpu:.1f} ms per run, engine alone "
              f"{engine_cpu:.1f} ms: overhead {cpu_overhead:.1f} ms per run (wall on a busy machine stretches this); "
              + ", ".join(f"{part} {1000 * t / args.tiny_runs:.1f} ms" for part, t in tiny.cpu.items()))
        print(f"  one autocommitted UPDATE of a job row: {commit_ms(version, user):.1f} ms on this database now; "
              f"load average {os.getloadavg()[0]:.1f} at the end")

        print(f"\nthroughput with two workers: {ratio:.2f}x (median of {args.pairs}; target >= {THROUGHPUT_TARGET}x)"
              f" {'MET' if ratio >= THROUGHPUT_TARGET else 'NOT MET'}; the machine itself gave "
              f"{statistics.median(machine):.2f}x with two processes meanwhile")
        print(f"job-system overhead: {overhead:.1f} ms wall, {cpu_overhead:.1f} ms CPU per run "
              f"(target < {OVERHEAD_TARGET_MS:g} ms) {'MET' if overhead < OVERHEAD_TARGET_MS else 'NOT MET'} in wall "
              f"time, {'MET' if cpu_overhead < OVERHEAD_TARGET_MS else 'NOT MET'} in CPU time")
        return 0
    finally:
        redis_server.terminate()
        redis_server.wait()


if __name__ == "__main__":
    sys.exit(main())
