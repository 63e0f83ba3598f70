"""Accounts fixtures: fast password hashing, and clients that check CSRF the way a browser's session does."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser_client():
    """A client without a signed-in user that sends the CSRF token like the single-page app."""
    client = APIClient(enforce_csrf_checks=True)
    client.get("/")  # the single-page app sets the CSRF cookie
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


@pytest.fixture
def shop(workspace, alice):
    """acme's Shop model (alice owns acme)."""
    import copy

    from holarchy.modeling import services
    from tests.modeling.conftest import SHOP

    return services.import_model_document(workspace=workspace, document=copy.deepcopy(SHOP), user=alice)
