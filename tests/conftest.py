"""Shared fixtures: named users and their API clients, teams, workspaces.

alice owns the "acme" team's models, bob reviews them (read-only role),
mallory belongs to another team and must never see acme's objects.
"""

import pytest
from rest_framework.test import APIClient

from holarchy.accounts.models import Membership, Role, Team
from holarchy.modeling.models import Workspace


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Sign-in throttling counts attempts per client in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its files (run traces) in a folder of its own; its worker processes are told."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def acme(db) -> Team:
    return Team.objects.create(name="Acme", slug="acme")


@pytest.fixture
def globex(db) -> Team:
    return Team.objects.create(name="Globex", slug="globex")


def _member(django_user_model, username: str, team: Team, role: str):
    user = django_user_model.objects.create_user(username=username, password=f"{username}-password")
    Membership.objects.create(user=user, team=team, role=role)
    return user


@pytest.fixture
def alice(django_user_model, acme):
    return _member(django_user_model, "alice", acme, Role.OWNER)


@pytest.fixture
def bob(django_user_model, acme):
    return _member(django_user_model, "bob", acme, Role.REVIEWER)


@pytest.fixture
def mallory(django_user_model, globex):
    return _member(django_user_model, "mallory", globex, Role.OWNER)


def _client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def alice_client(alice) -> APIClient:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob) -> APIClient:
    return _client_for(bob)


@pytest.fixture
def mallory_client(mallory) -> APIClient:
    return _client_for(mallory)


@pytest.fixture
def workspace(acme) -> Workspace:
    return Workspace.objects.create(team=acme, name="Payments")


@pytest.fixture
def version_of(workspace, alice):
    """Version 1 of a shipped example (``examples/NAME.yaml``), saved in the acme team."""
    from pathlib import Path

    from holarchy.modeling.models import ModelVersion, SystemModel
    from simulations.engine import modelcode

    def make(name: str) -> ModelVersion:
        text = (Path(__file__).resolve().parent.parent / "examples" / f"{name}.yaml").read_text()
        model = modelcode.load_model(modelcode.parse_text(text))
        system = SystemModel.objects.create(workspace=workspace, name=name)
        return ModelVersion.objects.create(
            model=system, number=1, document=modelcode.dump_model(model),
            content_hash=modelcode.content_hash(model), created_by=alice,
        )

    return make


@pytest.fixture
def example_version(version_of):
    return version_of("request-response")


@pytest.fixture
def celery_worker(transactional_db):
    """One real Celery worker process over the real broker, stopped after the test."""
    from tests.workers import WorkerProcess

    worker = WorkerProcess()
    yield worker
    worker.stop()
