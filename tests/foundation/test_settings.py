"""Settings come from the environment and fail loudly on bad values."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HOLARCHY_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_mode_passes_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        HOLARCHY_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="holarchy.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_without_a_secret_key_fails_at_start():
    result = manage("check", HOLARCHY_PRODUCTION="1")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_malformed_database_url_fails_at_start():
    result = manage("check", DATABASE_URL="nosuchengine://x")
    assert result.returncode != 0
    assert "nosuchengine" in result.stderr


def test_postgres_is_selected_by_database_url():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage("shell", "-c", code, DATABASE_URL="postgres://u:p@127.0.0.1:5432/holarchy")
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql", result.stderr
