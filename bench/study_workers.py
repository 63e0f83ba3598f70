"""Level-study benchmark: the replicated-service example's study on one Celery worker process, then on two.

    .venv/bin/python bench/study_workers.py [--seeds 12] [--pairs 3] [--redis-url redis://127.0.0.1:6379/11]
        [--database-url postgres://...  (a scratch database; default: a fresh SQLite file)]

The study (every level of the physical holarchy, `--seeds` per failure: 8
failures and the baseline, 108 runs at 12 seeds) goes through the real job
path: `services.submit_study` on a fresh database, real worker
processes over Redis (`--concurrency=1`, then `--concurrency=2`, `--pairs` times,
pair by pair, so a machine that gets busy meanwhile slows both sides of a pair),
the study's runs in batches (simulations/batches.py), the last batch settling
the study. Wall time is from submission to the study's `finished_at`.
For reference the same study runs in local processes (`run_points`, the CLI's
path) with 1 and 2 processes. Both worker counts must store byte-identical
summaries, equal to the local roll-up. Target: 2 workers at least 1.8x faster
than 1 (on a machine with 2 idle cores).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "replicated-service.yaml"
TARGET = 1.8


def setup_django(redis_url: str, database_url: str | None) -> None:
    database_url = database_url or f"sqlite:///{tempfile.mkdtemp(prefix='study-bench-')}/bench.sqlite3"
    os.environ.update({"DATABASE_URL": database_url, "REDIS_URL": redis_url,
                       "DJANGO_SETTINGS_MODULE": "holarchy.settings"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", verbosity=0, interactive=False)  # a scratch PostgreSQL database may hold a previous run


def make_version():
    from django.contrib.auth import get_user_model

    from holarchy.accounts.models import Membership, Role, Team
    from holarchy.modeling.models import Workspace
    from holarchy.modeling.services import import_model_document

    user = get_user_model().objects.create_user(username="bench", password="bench-password")
    team = Team.objects.create(name="Bench", slug="bench")
    Membership.objects.create(user=user, team=team, role=Role.OWNER)
    workspace = Workspace.objects.create(team=team, name="Bench")
    model = import_model_document(workspace=workspace, document=EXAMPLE.read_text(), user=user)
    return user, model.versions.get(number=1)


def on_workers(concurrency: int, user, version, seeds: int) -> tuple[float, int, dict]:
    from simulations.models import FINISHED, LevelStudy
    from simulations.services import submit_study
    from tests.workers import WorkerProcess, wait_for

    worker = WorkerProcess(concurrency=concurrency, DATABASE_URL=os.environ["DATABASE_URL"])
    try:
        study = submit_study(version=version, user=user, holarchy="physical", seeds=seeds)
        done = wait_for(lambda: LevelStudy.objects.filter(id=study.id, status__in=FINISHED).first(), timeout=3600)
    finally:
        worker.stop()
    assert done.status == "succeeded", done.error
    return (done.finished_at - done.created_at).total_seconds(), done.runs.count(), done.summary


def locally(processes: int, document: dict, seeds: int) -> tuple[float, dict]:
    from simulations.engine.study import plan_study, roll_up, run_points

    plan, points = plan_study(document, holarchy="physical", seeds=seeds)
    start = time.perf_counter()
    summaries = run_points(document, points, workers=processes)
    return time.perf_counter() - start, roll_up(plan, summaries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--pairs", type=int, default=3, help="1-worker / 2-worker measurements, pair by pair")
    parser.add_argument("--database-url", help="a scratch PostgreSQL database (it is flushed); default: SQLite")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/11"))
    args = parser.parse_args()
    setup_django(args.redis_url, args.database_url)
    user, version = make_version()
    local1, roll1 = locally(1, version.document, args.seeds)
    local2, roll2 = locally(2, version.document, args.seeds)
    pairs, summaries = [], [roll1, roll2]
    for _ in range(args.pairs):
        one, runs, summary1 = on_workers(1, user, version, args.seeds)
        two, _, summary2 = on_workers(2, user, version, args.seeds)
        pairs.append((one, two))
        summaries += [summary1, summary2]
    same = len({json.dumps(s, sort_keys=True) for s in summaries}) == 1
    ratios = sorted(one / two for one, two in pairs)
    median = ratios[len(ratios) // 2]
    print(f"level study of {EXAMPLE.name}: {runs} runs ({args.seeds} seeds per failure), "
          f"{os.environ['DATABASE_URL'].split(':')[0]}")
    for one, two in pairs:
        print(f"  celery, 1 worker process : {one:7.2f} s ({runs / one:6.1f} runs/s);  2 worker processes: "
              f"{two:7.2f} s ({runs / two:6.1f} runs/s);  speed-up {one / two:.2f}x")
    print(f"  median speed-up {median:.2f}x (target {TARGET}x: {'met' if median >= TARGET else 'NOT met'}); "
          f"2-worker wall time median {sorted(two for _, two in pairs)[len(pairs) // 2]:.2f} s")
    print(f"  local, 1 process : {local1:7.2f} s;  local, 2 processes: {local2:7.2f} s  "
          f"speed-up {local1 / local2:.2f}x")
    print(f"  summaries byte-identical (1 and 2 workers, 1 and 2 local processes): {same}")
    print(f"  lowest level not survived: {summary1['lowest_unsurvived_level']}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
