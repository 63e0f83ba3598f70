"""API tokens: shown once, stored hashed, expiring and revocable; DRF accepts them as Bearer credentials."""

from datetime import timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from holarchy.accounts.models import ApiToken


def _bearer(token: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_is_shown_once_stored_hashed_and_signs_requests_in(db, alice_client, shop):
    created = alice_client.post("/api/auth/tokens/", {"name": "ci", "days": 7}, format="json")
    assert created.status_code == 201, created.content
    token = created.json()["token"]
    assert token.startswith("hol_") and len(token) > 50
    row = ApiToken.objects.get()
    assert token not in str(ApiToken.objects.values_list()) and row.digest != token
    assert abs(row.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    listed = alice_client.get("/api/auth/tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["ci"] and listed[0].get("token") is None
    assert _bearer(token).get(f"/api/models/{shop.id}/").status_code == 200
    assert APIClient(HTTP_AUTHORIZATION=f"Token {token}").get("/api/auth/me/").json()["username"] == "alice"
    ApiToken.objects.update(last_used_at=None)
    _bearer(token).get("/api/auth/me/")
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_a_wrong_and_an_expired_token_are_refused(db, alice_client):
    token = alice_client.post("/api/auth/tokens/", {"name": "ci"}, format="json").json()["token"]
    refused = {"detail": "the token is unknown, expired or revoked"}
    wrong = _bearer(token[:-2] + "xx").get("/api/auth/me/")
    assert wrong.status_code in (401, 403) and wrong.json() == refused
    assert _bearer(token).get("/api/auth/me/").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _bearer(token).get("/api/auth/me/").json() == refused
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(days=1))
    assert alice_client.delete(f"/api/auth/tokens/{ApiToken.objects.get().id}/").status_code == 204
    assert ApiToken.objects.get().revoked_at is not None
    assert _bearer(token).get("/api/auth/me/").json() == refused


def test_tokens_are_their_users_own_and_live_at_most_a_year(db, alice_client, mallory_client):
    alices = alice_client.post("/api/auth/tokens/", {"name": "ci"}, format="json").json()
    assert mallory_client.get(f"/api/auth/tokens/{alices['id']}/").status_code == 404
    assert mallory_client.delete(f"/api/auth/tokens/{alices['id']}/").status_code == 404
    assert mallory_client.get("/api/auth/tokens/").json()["count"] == 0
    too_long = alice_client.post("/api/auth/tokens/", {"name": "forever", "days": 366}, format="json")
    assert too_long.status_code == 400 and "days" in too_long.json()
    assert alice_client.post("/api/auth/tokens/", {"days": 3}, format="json").json() == {
        "name": ["This field is required."]
    }
