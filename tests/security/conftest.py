"""Security fixtures: acme's Shop model (alice owns it) next to globex's model (mallory owns it)."""

import copy

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import SystemModel, Workspace
from tests.modeling.conftest import SHOP


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shop(workspace, alice) -> SystemModel:
    return services.import_model_document(workspace=workspace, document=copy.deepcopy(SHOP), user=alice)


@pytest.fixture
def foreign_shop(globex, mallory) -> SystemModel:
    workspace = Workspace.objects.create(team=globex, name="Globex models")
    return services.import_model_document(workspace=workspace, document=copy.deepcopy(SHOP), user=mallory)
