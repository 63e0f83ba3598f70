"""Draft-edit benchmark: single edits through the HTTP API on the 10,000-holon, 20,000-link model.

    .venv/bin/python bench/model_edits.py [--database-url URL ...] [--repeat N] [--before DIR --before-repeat M]

Each ``--database-url`` (repeatable; ``sqlite`` is a fresh SQLite file in a temporary folder, the default)
is measured in its own process: the model of ``zoom_bench.py`` is imported with ``import_model_document``
(its size is beyond the API's document limits), the draft is read and validated whole by the engine
(``load_model``: the schema and every semantic check), then each kind of edit runs ``--repeat`` times
through the API, as the model page sends it: add, rename and move a holon, change a link, a component's
parameters, a property and an SLO (and the revision poll an open page makes); last, a version is saved
(the draft read, checked whole, made canonical, hashed and stored). ``--before DIR`` measures the same
with the code of another checkout (a worktree of an older commit) in the same run, and the summary puts
both side by side. The import is timed three times (the median counts), into a database holding the
earlier copies. Targets: an edit's median under 100 ms, import under 3 s, validation under 500 ms.
A PostgreSQL URL must name a scratch database: the benchmark drops and creates it for each measurement.

    .venv/bin/python bench/model_edits.py --database-url sqlite \\
        --database-url postgres://postgres@127.0.0.1:5432/edits_bench_scratch
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_EDIT_MS, TARGET_IMPORT_MS, TARGET_CHECK_MS = 100, 3000, 500
IMPORTS = 3  # the import's median of this many: one import alone varies by a fifth on PostgreSQL
EDITS = ("add holon", "rename holon", "move holon", "change link", "component params", "property", "SLO")


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _recreate(database_url: str) -> None:
    """A fresh scratch database, so that the code measured migrates it from nothing (the codes' schemas differ)."""
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure(code: Path, database_url: str, repeat: int) -> dict[str, list[float]]:
    """Import, check and edit the model in one database with the code in ``code``; milliseconds per step."""
    tmp = tempfile.TemporaryDirectory()
    if database_url != "sqlite":
        _recreate(database_url)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/edits.sqlite3" if database_url == "sqlite" else database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")
    sys.path[:0] = [str(code), str(Path(__file__).resolve().parent)]

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.test import APIClient
    from zoom_bench import build_document

    from holarchy.modeling import selectors, services
    from holarchy.modeling.models import Holon, Link
    from simulations.engine import modelcode

    call_command("migrate", verbosity=0)
    user, workspace = services.ensure_demo_user(username="bench")
    workspace.models.filter(name__startswith="Zoom benchmark").delete()
    document = build_document(1)
    imports = []
    for copy in range(IMPORTS):  # into a database that holds the earlier copies, as a shared server would
        named = {**document, "name": f"{document['name']} {copy + 1}"}
        start = time.perf_counter()
        model = services.import_model_document(workspace=workspace, document=named, user=user)
        imports.append(_ms(start))
    times: dict[str, list[float]] = {"import": imports}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk import
    start = time.perf_counter()
    draft = selectors.draft_document(model)
    times["read draft"] = [_ms(start)]
    start = time.perf_counter()
    modelcode.load_model(draft)  # the schema and every semantic check (and the dataclasses the engine runs)
    times["validate"] = [_ms(start)]

    client = APIClient()
    client.force_authenticate(user)
    holons = Holon.objects.filter(holarchy__model=model)
    services_ = list(holons.filter(depth=3).order_by("path")[: repeat + 1])
    nodes = list(holons.filter(depth=4).order_by("path")[:repeat])
    links = list(Link.objects.filter(model=model).select_related("target").order_by("id")[:repeat])

    def timed(name: str, method: str, url: str, body: dict | None = None) -> None:
        start = time.perf_counter()
        response = getattr(client, method)(url, body, format="json")
        elapsed = _ms(start)
        if response.status_code == 404 and name == "revision poll":
            return  # the code measured has no such endpoint
        assert response.status_code in (200, 201), (name, response.status_code, response.content[:300])
        times.setdefault(name, []).append(elapsed)

    for i in range(repeat):
        node, link = nodes[i], links[i]
        timed("add holon", "post", "/api/holons/", {"parent": services_[i].pk, "key": f"new-{i}"})
        timed("rename holon", "patch", f"/api/holons/{node.pk}/", {"name": f"Node {i}"})
        timed("move holon", "post", f"/api/holons/{node.pk}/move/", {"parent": services_[i + 1].pk})
        timed("change link", "patch", f"/api/links/{link.pk}/", {"loss": 0.05, "delay": {"dist": "fixed", "value": 2}})
        params = {"behavior": "client", "params": {"server": link.target.key, "interval": 2 + i}}
        timed("component params", "patch", f"/api/components/{link.source_id}/", params)
        safety = [{"name": f"bounded-{i}", "always": "len(components) > 0"}]
        timed("property", "patch", f"/api/models/{model.pk}/", {"sections": {"properties": {"safety": safety}}})
        slo = {"name": f"available-{i}", "holarchy": "physical", "holon": "h0", "sli": "availability",
               "objective": 0.99, "window": 100}
        timed("SLO", "patch", f"/api/models/{model.pk}/", {"sections": {"slos": [slo]}})
        timed("revision poll", "get", f"/api/models/{model.pk}/revision/")
    timed("save version", "post", f"/api/models/{model.pk}/versions/", {"message": "edited"})
    tmp.cleanup()
    return times


def _cell(times: list[float] | None, target: float | None) -> str:
    if not times:
        return f"{'n/a':>19}"
    median = statistics.median(times)
    verdict = "" if target is None else (" ok" if median < target else " SLOW")
    return f"{median:>10.1f}{verdict:<5} ({len(times)})".rjust(19)


def summary(results: dict[str, dict[str, dict[str, list[float]]]]) -> bool:
    """One column per (code, database): the median milliseconds of each step, and whether it meets its target."""
    targets = {"import": TARGET_IMPORT_MS, "validate": TARGET_CHECK_MS, **dict.fromkeys(EDITS, TARGET_EDIT_MS)}
    columns = list(results)
    print("median ms (samples)")
    print(f"{'step':<18}" + "".join(f"{column:>21}" for column in columns))
    met = True
    steps = ["import", "read draft", "validate", *EDITS, "revision poll", "save version"]
    for step in steps:
        line = f"{step:<18}"
        for column in columns:
            times = results[column].get(step)
            line += "  " + _cell(times, targets.get(step))
            if times and column.startswith("after") and step in targets:
                met &= statistics.median(times) < targets[step]
        print(line)
    print("every target met" if met else "some targets missed")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", action="append", help="repeatable; 'sqlite' (default): a temporary file")
    parser.add_argument("--repeat", type=int, default=9, help="edits of each kind")
    parser.add_argument("--before", type=Path, help="a checkout whose code to measure beside this one")
    parser.add_argument("--before-repeat", type=int, default=1, help="edits of each kind with --before")
    parser.add_argument("--times-to", help=argparse.SUPPRESS)  # one measurement, in a child process
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    urls = args.database_url or ["sqlite"]
    if args.times_to:
        Path(args.times_to).write_text(json.dumps(measure(args.code, urls[0], args.repeat)))
        return 0
    runs = [("after", ROOT, args.repeat)]
    if args.before:
        runs.insert(0, ("before", args.before.resolve(), args.before_repeat))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for url in urls:  # a process per measurement: Django is configured once per process
            for label, code, repeat in runs:
                out = Path(tmp) / "times.json"
                command = [sys.executable, __file__, "--database-url", url, "--repeat", str(repeat)]
                subprocess.run([*command, "--code", str(code), "--times-to", str(out)], check=True, cwd=code)
                database = "sqlite" if url == "sqlite" else url.split(":", 1)[0]
                results[f"{label} {database}"] = json.loads(out.read_text())
    return 0 if summary(results) else 1


if __name__ == "__main__":
    sys.exit(main())
