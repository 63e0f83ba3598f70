"""Signing up in the browser: a new account with its own team and workspace, signed in at once (CSRF required)."""

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from holarchy.accounts.models import Membership, Role
from holarchy.modeling.models import Workspace

NEW = {"username": "carol", "email": "carol@example.com", "password": "a-long-pass-phrase"}


def test_a_sign_up_makes_a_user_who_owns_a_team_with_a_workspace_and_is_signed_in(db, browser_client):
    response = browser_client.post("/api/auth/signup/", {**NEW, "team_name": "Carol Labs"}, format="json")
    assert response.status_code == 201, response.content
    me = response.json()
    assert me["username"] == "carol" and me["memberships"][0]["role"] == Role.OWNER
    assert me["memberships"][0]["team_name"] == "Carol Labs" and me["memberships"][0]["cannot"] == {}
    membership = Membership.objects.get(user__username="carol")
    assert Workspace.objects.filter(team=membership.team).count() == 1
    assert browser_client.get("/api/auth/me/").json()["username"] == "carol"  # the session is signed in
    assert get_user_model().objects.get(username="carol").check_password(NEW["password"])


def test_a_team_is_named_after_the_user_unless_named(db, browser_client):
    browser_client.post("/api/auth/signup/", NEW, format="json")
    assert Membership.objects.get(user__username="carol").team.name == "carol's team"


def test_sign_up_needs_the_csrf_token(db):
    response = APIClient(enforce_csrf_checks=True).post("/api/auth/signup/", NEW, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not get_user_model().objects.filter(username="carol").exists()


def test_a_taken_username_a_known_email_and_a_weak_password_are_400s_naming_the_field(db, browser_client, alice):
    alice.email = "alice@example.com"
    alice.save()
    cases = [
        ({**NEW, "username": "ALICE"}, "username", "this username is taken"),
        ({**NEW, "email": "Alice@example.com"}, "email", "an account with this e-mail address exists"),
        ({**NEW, "password": "short"}, "password", "too short"),
        ({**NEW, "password": "password123"}, "password", "too common"),
        ({**NEW, "username": "no spaces allowed"}, "username", "Enter a valid username"),
    ]
    for body, field, reason in cases:
        response = browser_client.post("/api/auth/signup/", body, format="json")
        assert response.status_code == 400, body
        assert reason in " ".join(response.json()[field]), response.json()
    assert not get_user_model().objects.filter(username="carol").exists()


def test_a_password_change_asks_for_the_current_one_and_keeps_the_session(db, alice):
    client = APIClient()
    assert client.login(username="alice", password="alice-password")
    wrong = client.post("/api/auth/password-change/", {"old_password": "nope", "new_password": "a-new-long-one"})
    assert wrong.status_code == 400 and wrong.json() == {"old_password": ["this is not your current password"]}
    weak = client.post("/api/auth/password-change/", {"old_password": "alice-password", "new_password": "123"})
    assert weak.status_code == 400 and "new_password" in weak.json()
    ok = client.post("/api/auth/password-change/", {"old_password": "alice-password", "new_password": "a-new-long-one"})
    assert ok.status_code == 204
    assert client.get("/api/auth/me/").status_code == 200  # still signed in here
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-one")


def test_anyone_signed_in_creates_a_team_and_owns_it(db, mallory_client, mallory):
    response = mallory_client.post("/api/auth/teams/", {"name": "Side project"}, format="json")
    assert response.status_code == 201
    team = response.json()
    assert team["slug"] == "side-project"
    assert Membership.objects.get(team_id=team["id"], user=mallory).role == Role.OWNER
    again = mallory_client.post("/api/auth/teams/", {"name": "Side project"}, format="json").json()
    assert again["slug"] == "side-project-2"
