"""Reviews fixtures: acme's Shop (two versions: v2 makes the cache durable and adds a link), a member per role."""

import copy

import pytest

from holarchy.accounts.models import Role
from holarchy.modeling import services
from holarchy.modeling.models import ModelVersion
from simulations.models import JobStatus, LevelStudy, Run
from tests.conftest import _client_for, _member
from tests.modeling.conftest import SHOP


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def carol(django_user_model, acme):
    """A viewer of acme: reads, never writes."""
    return _member(django_user_model, "carol", acme, Role.VIEWER)


@pytest.fixture
def dave(django_user_model, acme):
    """An editor of acme."""
    return _member(django_user_model, "dave", acme, Role.EDITOR)


@pytest.fixture
def clients(alice, bob, carol, dave, mallory):
    return {user.username: _client_for(user) for user in (alice, bob, carol, dave, mallory)}


@pytest.fixture
def shop(workspace, alice):
    return services.import_model_document(workspace=workspace, document=copy.deepcopy(SHOP), user=alice)


@pytest.fixture
def v1(shop) -> ModelVersion:
    return shop.versions.get(number=1)


@pytest.fixture
def v2(shop, v1, alice) -> ModelVersion:
    document = copy.deepcopy(SHOP)
    document["components"][2]["state"] = "durable"
    document["links"].append({"from": "worker", "to": "cache"})
    return _second_version(shop, document, alice)


def _second_version(shop, document, user) -> ModelVersion:
    services.replace_draft(model=shop, document=document)
    version, created = services.save_version(model=shop, user=user, message="durable cache")
    assert created and version.number == 2
    return version


@pytest.fixture
def run(v2) -> Run:
    return Run.objects.create(version=v2, status=JobStatus.SUCCEEDED, summary={"steps": 40})


@pytest.fixture
def study(v2) -> LevelStudy:
    return LevelStudy.objects.create(
        version=v2, status=JobStatus.SUCCEEDED, holarchy="physical",
        plan={"levels": [{"level": "rack", "fault": {"crash": {"kind": "permanent", "at": 10}},
                          "holons": ["rack-a", "rack-b"]}]},
    )


@pytest.fixture
def review(clients, v2, bob):
    answer = clients["alice"].post("/api/reviews/", {"version": v2.pk, "title": "Durable cache",
                                                     "description": "Is the cache safe now?", "reviewers": ["bob"]},
                                   format="json")
    assert answer.status_code == 201, answer.content
    return answer.json()
