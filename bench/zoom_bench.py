"""Zoom benchmark: subtree, white-box and black-box queries on a generated 10,000-holon, 20,000-link model.

    .venv/bin/python bench/zoom_bench.py [--database-url URL] [--repeat N] [--seed S]

Without ``--database-url`` it uses a fresh SQLite file in a temporary folder. The
model is imported through ``import_model_document`` (so the engine validates it),
then each query runs ``--repeat`` times on random holons of every depth; the
table gives the best, median and worst time in milliseconds, for the selector
alone and for the HTTP endpoint (serialization included). On a busy machine
the best time is the closest to the query's own cost.
"""

import argparse
import os
import random
import statistics
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/zoom.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from holarchy.modeling import selectors, services
    from holarchy.modeling.models import Holon, Link

    call_command("migrate", verbosity=0)
    workspace, user = services.ensure_demo_workspace(team_slug="bench", username="bench")
    workspace.models.filter(name="Zoom benchmark").delete()
    start = time.perf_counter()
    model = services.import_model_document(workspace=workspace, document=build_document(args.seed), user=user)
    print(
        f"imported {Holon.objects.filter(holarchy__model=model).count():,} holons, "
        f"{Link.objects.filter(model=model).count():,} links in {time.perf_counter() - start:.1f} s\n"
    )

    client = APIClient()
    client.force_authenticate(user)
    rng = random.Random(args.seed)
    holons = Holon.objects.filter(holarchy__model=model)
    print(f"{'':<18} {'selector ms':^20}   {'HTTP ms':^20}")
    print(
        f"{'query':<12} {'depth':>5} {'min':>6} {'median':>6} {'max':>6}   {'min':>6} {'median':>6} {'max':>6}   size"
    )
    for depth in range(len(FANOUT) + 1):
        sample = list(holons.filter(depth=depth).order_by("?")[: args.repeat])
        queries = {
            "subtree": (
                lambda h: list(selectors.subtree(h).values("id", "key", "depth")),
                lambda h: f"/api/holons/?within={h.pk}&limit=1000",
            ),
            "white-box": (selectors.white_box, lambda h: f"/api/holons/{h.pk}/white-box/"),
            "black-box": (selectors.black_box, lambda h: f"/api/holons/{h.pk}/black-box/"),
        }
        for name, (select, url) in queries.items():
            picks = [rng.choice(sample) for _ in range(args.repeat)]
            direct = [ms(partial(select, h)) for h in picks]
            http = [ms(partial(client.get, url(h))) for h in picks]
            print(f"{name:<12} {depth:>5} {spread(direct)}   {spread(http)}   {describe(select(picks[0]))}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
