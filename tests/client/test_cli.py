"""The command-line client, as a person runs it: a token made through the API, a real server (pytest-django's
live server), a real Celery worker, and ``python -m holarchy_client`` in its own process importing a model,
then starting a run and following it to its end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from holarchy.accounts import services
from simulations.models import JobStatus, Run

ROOT = Path(__file__).resolve().parent.parent.parent


def cli(server: str, token: str, *arguments: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    return subprocess.run(
        [sys.executable, "-m", "holarchy_client", "--server", server, *arguments],
        cwd=ROOT, env={**env, "HOLARCHY_TOKEN": token}, capture_output=True, text=True, timeout=120,
    )


def test_the_client_imports_neither_django_nor_the_engine():
    probe = "import sys, holarchy_client.__main__; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    modules = set(json.loads(loaded.stdout.replace("'", '"')))
    assert not modules & {"django", "rest_framework", "simulations", "holarchy", "yaml", "celery"}, modules


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_with_a_token_the_cli_imports_a_model_and_follows_a_run_to_its_end(live_server, celery_worker, alice,
                                                                          workspace):
    _, token = services.create_api_token(user=alice, name="cli")
    imported = cli(live_server.url, token, "import", str(ROOT / "examples" / "request-response.yaml"))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("imported model ") and "(version 1)" in imported.stdout

    run = cli(live_server.url, token, "run", "request-response", "--seed", "3", "--follow")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("run ") and "version 1: queued" in lines[0]
    row = Run.objects.get()
    assert row.status == JobStatus.SUCCEEDED and row.seed == 3 and row.created_by == alice
    steps, violations = row.summary["steps"], len(row.summary["violations"])
    assert lines[-1] == f"run {row.id}: succeeded, {steps} steps, {violations} violations"

    whoami = cli(live_server.url, token, "whoami")
    assert whoami.stdout.strip() == "alice: Acme (owner)"


@pytest.mark.django_db(transaction=True)
def test_the_cli_says_why_the_server_refused(live_server, alice, bob, workspace):
    _, reviewer = services.create_api_token(user=bob, name="cli")
    refused = cli(live_server.url, reviewer, "import", str(ROOT / "examples" / "request-response.yaml"))
    assert refused.returncode == 2
    assert "403: workspace: only editors and owners can change models and start jobs" in refused.stderr
    bad = cli(live_server.url, "hol_nothing_here", "whoami")
    assert bad.returncode == 2 and "the token is unknown, expired or revoked" in bad.stderr
    missing = cli(live_server.url, reviewer, "run", "no-such-model")
    assert missing.returncode == 2 and "no model named 'no-such-model'" in missing.stderr
