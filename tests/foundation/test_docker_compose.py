"""docker-compose.yml cannot run here (no Docker engine), so it is checked by parsing it."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_the_readme_names_exists(compose):
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"`(web|worker|redis|postgres)`", readme))
    assert named == {"web", "worker", "redis", "postgres"}
    assert named <= set(compose["services"])


def test_web_and_worker_share_image_and_settings(compose):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["image"] == worker["image"] and web["build"] == worker["build"]
    assert web["environment"] == worker["environment"]
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["environment"]["REDIS_URL"].startswith("redis://redis:")


def test_every_service_has_a_healthcheck_and_state_lives_in_volumes(compose):
    for name, service in compose["services"].items():
        assert "healthcheck" in service, name
    assert set(compose["volumes"]) == {"redis-data", "postgres-data"}
    for dependency in ("redis", "postgres"):
        assert compose["services"]["web"]["depends_on"][dependency]["condition"] == "service_healthy"
