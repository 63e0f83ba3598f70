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
    named = set(re.findall(r"`(web|worker|explorer|reaper|beat|redis|postgres)`", readme))
    assert named == {"web", "worker", "explorer", "reaper", "beat", "redis", "postgres"}
    assert named <= set(compose["services"])


def test_web_workers_and_beat_share_image_and_settings(compose):
    web = compose["services"]["web"]
    for name in ("worker", "explorer", "reaper", "beat"):
        service = compose["services"][name]
        assert service["image"] == web["image"] and service["build"] == web["build"], name
        assert service["environment"] == web["environment"], name
        assert service["restart"] == "unless-stopped", name
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["environment"]["REDIS_URL"].startswith("redis://redis:")


def test_beat_sends_the_periodic_tasks_from_one_process(compose):
    beat = compose["services"]["beat"]
    assert beat["command"].startswith("celery -A holarchy beat ")
    assert "deploy" not in beat, "two beats would send every periodic task twice"
    assert all(" beat" not in service.get("command", "") and "-B" not in service.get("command", "").split()
               for name, service in compose["services"].items() if name != "beat")


def test_every_service_has_a_healthcheck_and_state_lives_in_volumes(compose):
    for name, service in compose["services"].items():
        assert "healthcheck" in service, name
    assert set(compose["volumes"]) == {"redis-data", "postgres-data", "media"}
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["volumes"] == worker["volumes"] == ["media:/app/var/media"], "both read the stored traces"
    for dependency in ("redis", "postgres"):
        assert compose["services"]["web"]["depends_on"][dependency]["condition"] == "service_healthy"


def test_every_queue_has_a_worker_service_and_the_reapers_is_its_own(compose, settings):
    taken = {}
    for name, service in compose["services"].items():
        command = service.get("command", "")
        if command.startswith("celery -A holarchy worker"):
            queues = re.search(r"--queues=(\S+)", command)
            assert queues, f"{name} would take every queue, the reaper's too"
            taken[name] = set(queues.group(1).split(","))
    assert set().union(*taken.values()) == {*settings.JOB_QUEUES, settings.MAINTENANCE_QUEUE}
    assert [name for name, queues in taken.items() if settings.MAINTENANCE_QUEUE in queues] == ["reaper"]
    assert taken["reaper"] == {settings.MAINTENANCE_QUEUE}
