"""Signing in: throttled, CSRF-protected, reset by e-mail; security headers; no demo password in production."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from holarchy.modeling import services


@pytest.fixture
def browser():
    """A client that checks CSRF like a browser session does."""
    return APIClient(enforce_csrf_checks=True)


def _csrf_token(client) -> str:
    client.get("/")  # the single-page app sets the CSRF cookie
    return client.cookies["csrftoken"].value


def test_sign_in_needs_the_csrf_token(browser, alice):
    body = {"username": "alice", "password": "alice-password"}
    assert browser.post("/api/auth/login/", body, format="json").status_code == 403
    token = _csrf_token(browser)
    response = browser.post("/api/auth/login/", body, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and response.json()["username"] == "alice"


def test_guessing_passwords_is_throttled(alice):
    client = APIClient()
    answers = [
        client.post("/api/auth/login/", {"username": "alice", "password": f"guess-{i}"}, format="json").status_code
        for i in range(12)
    ]
    assert answers[:10] == [400] * 10 and answers[10:] == [429, 429]
    # from another address, the same username is still throttled
    other = client.post("/api/auth/login/", {"username": "alice", "password": "x"}, format="json",
                        REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429


def test_a_password_reset_mails_a_link_that_sets_a_new_password(alice, settings):
    alice.email = "alice@example.com"
    alice.save()
    client = APIClient()
    assert client.post("/api/auth/password-reset/", {"email": "alice@example.com"}, format="json").status_code == 204
    assert client.post("/api/auth/password-reset/", {"email": "nobody@example.com"}, format="json").status_code == 204
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.com"]
    link = re.search(r"https?://[^/\s]+(/auth/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = {"new_password1": "a-new-long-pass", "new_password2": "a-new-long-pass"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-pass")


def test_a_bad_reset_request_is_a_400(alice):
    response = APIClient().post("/api/auth/password-reset/", {"email": "x" * 300}, format="json")
    assert response.status_code == 400 and "email" in response.json()


@pytest.mark.parametrize("path", ["/", "/api/auth/me/", "/api/docs/", "/admin/login/"])
def test_every_page_has_a_content_security_policy_and_cannot_be_framed(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "script-src 'self';" in policy  # the API docs too: Swagger UI is served from our static files
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_demo_user_has_no_known_password_in_production(db, settings):
    settings.PRODUCTION = True
    user, _ = services.ensure_demo_user(username="demo")
    assert not user.has_usable_password()
    response = APIClient().post("/api/auth/login/", {"username": "demo", "password": "demo"}, format="json")
    assert response.status_code == 400


def test_the_demo_user_signs_in_with_demo_in_development(db, settings):
    settings.PRODUCTION = False
    user, _ = services.ensure_demo_user(username="demo")
    assert user.check_password("demo")


def test_debug_pages_are_for_staff_only(alice_client, alice, settings, monkeypatch):
    """With DEBUG on, the technical 500 page (settings, source) is shown to staff, not to other users."""
    from holarchy.modeling import documents

    def broken(declared=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(documents, "behavior_catalog", broken)
    settings.DEBUG = True
    alice_client.raise_request_exception = False
    page = alice_client.get("/api/behaviors/", HTTP_ACCEPT="text/html")
    assert page.status_code == 500
    assert b"boom" not in page.content and b"SECRET_KEY" not in page.content and b"Traceback" not in page.content
    alice.is_staff = True
    alice.save()
    page = alice_client.get("/api/behaviors/", HTTP_ACCEPT="text/html")
    assert page.status_code == 500 and b"boom" in page.content
