"""Members: owners invite by e-mail or username, change roles and remove members; a removed member's access
ends with the next request, whatever session or token it carries."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from holarchy.accounts import services
from holarchy.accounts.models import Invitation, Membership, Role


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user(username="carol", email="carol@example.com", password="carol-pw-long")


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _token_of(link: str) -> str:
    return link.rsplit("/", 1)[1]


def test_an_invitation_by_email_mails_a_link_that_joins_the_team_with_its_role(db, alice_client, acme, carol):
    response = alice_client.post(
        "/api/auth/invitations/", {"team": acme.id, "invitee": "carol@example.com", "role": "reviewer"}, format="json"
    )
    assert response.status_code == 201, response.content
    link = response.json()["link"]
    assert re.fullmatch(r"http://testserver/invitations/[\w-]{40,}", link)
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body and mail.outbox[0].to == ["carol@example.com"]
    assert _token_of(link) not in str(Invitation.objects.values_list())  # only its digest is stored
    assert alice_client.get(f"/api/auth/invitations/{response.json()['id']}/").json()["link"] is None
    carol_client = _client(carol)
    assert carol_client.get("/api/models/").json()["count"] == 0
    accepted = carol_client.post("/api/auth/invitations/accept/", {"token": _token_of(link)}, format="json")
    assert accepted.status_code == 200
    invitation = Invitation.objects.get()
    assert accepted.json() == {
        "id": invitation.id, "team": acme.id, "team_slug": "acme", "team_name": "Acme", "role": "reviewer"
    }
    assert invitation.accepted_by == carol
    assert Membership.objects.get(team=acme, user=carol).role == Role.REVIEWER
    again = carol_client.post("/api/auth/invitations/accept/", {"token": _token_of(link)}, format="json")
    assert again.status_code == 404 and "already used" in again.json()["detail"]


def test_an_invitation_by_username_is_for_that_user_only(db, alice_client, acme, carol, mallory):
    response = alice_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "carol", "role": "editor"})
    assert response.status_code == 201
    token = _token_of(response.json()["link"])
    stolen = _client(mallory).post("/api/auth/invitations/accept/", {"token": token})
    assert stolen.status_code == 400
    assert stolen.json() == {"token": ["this invitation is for the user carol; sign in as them"]}
    assert _client(carol).post("/api/auth/invitations/accept/", {"token": token}).status_code == 200
    assert Membership.objects.get(team=acme, user=carol).role == Role.EDITOR


def test_bad_invitations_are_400s_or_403s_with_the_reason(db, alice_client, bob_client, acme, globex, bob):
    unknown = alice_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "nobody-here"})
    assert unknown.status_code == 400 and "no user is named 'nobody-here'" in unknown.json()["invitee"][0]
    member = alice_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "bob"})
    assert member.status_code == 400 and member.json() == {"invitee": ["bob is already a member of this team"]}
    reviewer = bob_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "x@example.com"})
    assert reviewer.status_code == 403
    assert reviewer.json() == {"team": ["only owners can invite members, change roles and limits, and read the "
                                        "audit log; your role in this team is reviewer"]}
    foreign = alice_client.post("/api/auth/invitations/", {"team": globex.id, "invitee": "x@example.com"})
    assert foreign.status_code == 400 and foreign.json() == {"team": ["no such object"]}
    bad_role = alice_client.post("/api/auth/invitations/", {"team": acme.id, "invitee": "x@example.com", "role": "god"})
    assert bad_role.status_code == 400 and "role" in bad_role.json()
    assert not Invitation.objects.exists()
    expired = alice_client.post("/api/auth/invitations/accept/", {"token": "x" * 43})
    assert expired.status_code == 404


def test_owners_change_roles_but_a_team_keeps_an_owner(db, alice_client, bob_client, alice, bob, acme):
    bobs = Membership.objects.get(user=bob, team=acme)
    assert bob_client.patch(f"/api/auth/members/{bobs.id}/", {"role": "owner"}).status_code == 403
    response = alice_client.patch(f"/api/auth/members/{bobs.id}/", {"role": "editor"})
    assert response.status_code == 200 and response.json()["role"] == "editor"
    alices = Membership.objects.get(user=alice, team=acme)
    last = alice_client.patch(f"/api/auth/members/{alices.id}/", {"role": "viewer"})
    assert last.status_code == 400
    assert last.json() == {"role": ["a team needs at least one owner: make another member owner first"]}
    assert alice_client.delete(f"/api/auth/members/{alices.id}/").status_code == 400
    assert alice_client.patch(f"/api/auth/members/{bobs.id}/", {"role": "owner"}).status_code == 200
    assert alice_client.patch(f"/api/auth/members/{alices.id}/", {"role": "viewer"}).status_code == 200


def test_a_removed_member_loses_access_at_once_with_session_and_token(db, alice_client, bob, acme, shop):
    session = APIClient()
    assert session.login(username="bob", password="bob-password")
    _, token = services.create_api_token(user=bob, name="laptop")
    by_token = APIClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    for client in (session, by_token):
        assert client.get(f"/api/models/{shop.id}/").status_code == 200
    bobs = Membership.objects.get(user=bob, team=acme)
    assert alice_client.delete(f"/api/auth/members/{bobs.id}/").status_code == 204
    for client in (session, by_token):
        assert client.get(f"/api/models/{shop.id}/").status_code == 404
        assert client.get("/api/models/").json()["count"] == 0
        assert client.get("/api/auth/me/").json()["memberships"] == []


def test_a_member_may_leave_but_not_remove_others(db, bob_client, bob, alice, acme):
    alices = Membership.objects.get(user=alice, team=acme)
    assert bob_client.delete(f"/api/auth/members/{alices.id}/").status_code == 403
    bobs = Membership.objects.get(user=bob, team=acme)
    assert bob_client.delete(f"/api/auth/members/{bobs.id}/").status_code == 204


def test_me_says_why_a_role_cannot_do_what_it_cannot(db, bob_client):
    membership = bob_client.get("/api/auth/me/").json()["memberships"][0]
    assert membership["role"] == "reviewer"
    assert membership["cannot"] == {
        "write": "only editors and owners can change models and start jobs; your role in this team is reviewer",
        "manage": "only owners can invite members, change roles and limits, and read the audit log; "
                  "your role in this team is reviewer",
    }


def test_a_reviewer_is_told_why_a_run_cannot_start(db, bob_client, example_version):
    response = bob_client.post("/api/runs/", {"version": example_version.id})
    assert response.status_code == 403
    assert "only editors and owners can change models and start jobs" in response.content.decode()
