"""Zoom benchmark: subtree, white-box and black-box queries on a generated 10,000-holon, 20,000-link model.

    .venv/bin/python bench/zoom_bench.py [--database-url URL ...] [--repeat N] [--seed S]

Each ``--database-url`` (repeatable; ``sqlite`` is a fresh SQLite file in a
temporary folder, the default) is measured in its own process: the model is
imported through ``import_model_document`` (so the engine validates it), then
each query runs ``--repeat`` times on random holons of every depth. Per
database, a table gives the best, median and worst time in milliseconds for
the selector alone and for the HTTP endpoint (serialization included); a
summary then puts the databases side by side, selector best/median, and says
whether the median meets the target (100 ms). On a busy machine the best time
is the closest to the query's own cost. A PostgreSQL URL should name a scratch
database: the benchmark migrates it and replaces its "Zoom benchmark" model.

    .venv/bin/python bench/zoom_bench.py --database-url sqlite \
        --database-url postgres://postgres@127.0.0.1:5432/zoom_bench
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FANOUT = (10, 10, 10, 9)  # region > cluster > service > node: 1 + 10 + 100 + 1,000 + 8,889 = 10,000 holons
LINKS = 20_000
LOCALITY = ((0.5, 3), (0.3, 2), (0.2, 0))  # half the links stay in a service, 30% in a cluster, the rest anywhere
TARGET_MS = 100
QUERIES = ("subtree", "white-box", "black-box")


def build_document(seed: int) -> dict:
    """A four-level holarchy with one component per node and LINKS distinct links, mostly local."""
    rng = random.Random(seed)
    root: dict = {"id": "root", "children": []}
    level = [(root, "")]
    nodes: list[tuple[str, str]] = []  # (component id, dotted position) for locality
    for depth, fanout in enumerate(FANOUT):
        following = []
        for holon, position in level:
            for i in range(fanout):
                child_position = f"{position}.{i}" if position else str(i)
                child = {"id": f"h{child_position.replace('.', '-')}"}
                holon.setdefault("children", []).append(child)
                if depth == len(FANOUT) - 1:
                    component = f"c{child_position.replace('.', '-')}"
                    child["components"] = [component]
                    nodes.append((component, child_position))
                else:
                    following.append((child, child_position))
        level = following
    by_prefix: dict[str, list[str]] = {}
    for component, position in nodes:
        parts = position.split(".")
        for keep in range(len(parts)):
            by_prefix.setdefault(".".join(parts[:keep]), []).append(component)
    positions = dict(nodes)
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < LINKS:
        source = rng.choice(nodes)[0]
        keep = rng.choices([k for _, k in LOCALITY], weights=[w for w, _ in LOCALITY])[0]
        target = rng.choice(by_prefix[".".join(positions[source].split(".")[:keep])])
        if source != target:
            pairs.add((source, target))
    links = [
        {"from": s, "to": t, "loss": rng.choice([0.0, 0.01, 0.1]), "reorder": rng.random() < 0.2}
        for s, t in sorted(pairs)
    ]
    return {
        "format": "holarchy/v1",
        "name": "Zoom benchmark",
        "components": [{"id": c, "behavior": "server"} for c, _ in nodes],
        "links": links,
        "holarchies": [{"name": "physical", "levels": ["world", "region", "cluster", "service", "node"], "root": root}],
    }


def ms(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def spread(times: list[float]) -> str:
    return f"{min(times):>6.1f} {statistics.median(times):>6.1f} {max(times):>6.1f}"


def describe(answer: list | dict) -> str:
    if isinstance(answer, list):
        return f"{len(answer)} holons"
    if "interface" in answer:
        return f"{answer['links']} crossing links in {len(answer['interface'])} groups"
    return f"{len(answer['children'])} children, {sum(g['links'] for g in answer['links'])} links among them"


def measure(database_url: str, repeat: int, seed: int) -> dict[str, list[float]]:
    """Import the model into one database, print its table; returns the selector times per ``query/depth``."""
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/zoom.sqlite3" if database_url == "sqlite" else database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.test import APIClient

    from holarchy.modeling import selectors, services
    from holarchy.modeling.models import Holon, Link

    call_command("migrate", verbosity=0)
    user, workspace = services.ensure_demo_user(username="bench")
    workspace.models.filter(name="Zoom benchmark").delete()
    start = time.perf_counter()
    model = services.import_model_document(workspace=workspace, document=build_document(seed), user=user)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk import
    print(
        f"{connection.vendor}: imported {Holon.objects.filter(holarchy__model=model).count():,} holons, "
        f"{Link.objects.filter(model=model).count():,} links in {time.perf_counter() - start:.1f} s\n"
    )

    client = APIClient()
    client.force_authenticate(user)
    rng = random.Random(seed)
    holons = Holon.objects.filter(holarchy__model=model)
    times: dict[str, list[float]] = {}
    print(f"{'':<18} {'selector ms':^20}   {'HTTP ms':^20}")
    print(
        f"{'query':<12} {'depth':>5} {'min':>6} {'median':>6} {'max':>6}   {'min':>6} {'median':>6} {'max':>6}   size"
    )
    for depth in range(len(FANOUT) + 1):
        sample = list(holons.filter(depth=depth).order_by("?")[:repeat])
        queries = {
            "subtree": (
                lambda h: list(selectors.subtree(h).values("id", "key", "depth")),
                lambda h: f"/api/holons/?within={h.pk}&limit=500",
            ),
            "white-box": (selectors.white_box, lambda h: f"/api/holons/{h.pk}/white-box/"),
            "black-box": (selectors.black_box, lambda h: f"/api/holons/{h.pk}/black-box/"),
        }
        for name, (select, url) in queries.items():
            picks = [rng.choice(sample) for _ in range(repeat)]
            direct = [ms(partial(select, h)) for h in picks]
            http = [ms(partial(client.get, url(h))) for h in picks]
            times[f"{name}/{depth}"] = direct
            print(f"{name:<12} {depth:>5} {spread(direct)}   {spread(http)}   {describe(select(picks[0]))}")
    print(flush=True)
    tmp.cleanup()
    return times


def summary(results: dict[str, dict[str, list[float]]]) -> bool:
    """Databases side by side: selector best/median per query and depth, and whether the median meets the target."""
    names = [("sqlite" if url == "sqlite" else url.split(":", 1)[0]) for url in results]
    print(f"selector ms, target {TARGET_MS} ms on the median")
    print(f"{'query':<12} {'depth':>5}" + "".join(f"   {name:>10} {'best':>6} {'median':>6}  " for name in names))
    all_met = True
    for key in next(iter(results.values())):
        name, depth = key.split("/")
        line = f"{name:<12} {depth:>5}"
        for times in results.values():
            median = statistics.median(times[key])
            met = median < TARGET_MS
            all_met &= met
            line += f"   {'':>10} {min(times[key]):>6.1f} {median:>6.1f} {'ok' if met else 'SLOW':<4}"
        print(line)
    print("every query meets the target" if all_met else "some queries miss the target")
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", action="append", help="repeatable; 'sqlite' (the default) is a new file in a temporary folder"
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--times-to", help=argparse.SUPPRESS)  # one database, in a child process
    args = parser.parse_args()
    urls = args.database_url or ["sqlite"]
    if args.times_to:
        Path(args.times_to).write_text(json.dumps(measure(urls[0], args.repeat, args.seed)))
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, url in enumerate(urls):  # a process per database: Django is configured once per process
            out = Path(tmp) / f"{i}.json"
            command = [sys.executable, __file__, "--database-url", url, "--repeat", str(args.repeat)]
            subprocess.run([*command, "--seed", str(args.seed), "--times-to", str(out)], check=True)
            results[url] = json.loads(out.read_text())
    return 0 if summary(results) else 1


if __name__ == "__main__":
    sys.exit(main())
