"""Writes to accounts: sign-up, teams, invitations, memberships, API tokens and team limits. Each is atomic.

Who may call which is checked here too (``permissions.require``), so every way in (API, admin actions,
the reviews app) gets the same rule. A removed member loses access at once: every read is scoped by
the memberships of that moment (``permissions.visible``), whatever session or token the request carries.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework.exceptions import NotFound, ValidationError

from . import tokens
from .models import ApiToken, Invitation, Membership, Role, Team, TeamLimits
from .permissions import require

INVITATION_DAYS = 14
#: API tokens live at most this long (a year); 90 days unless asked otherwise.
TOKEN_MAX_DAYS, TOKEN_DEFAULT_DAYS = 365, 90
FIRST_WORKSPACE = "Models"


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "team"
    slug, n = base, 1
    while Team.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_team(*, user, name: str) -> Team:
    """A new team owned by ``user``, with a first workspace to import models into."""
    from holarchy.modeling.models import Workspace

    team = Team.objects.create(name=name, slug=_unique_slug(name))
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    Workspace.objects.create(team=team, name=FIRST_WORKSPACE)
    return team


@transaction.atomic
def sign_up(*, username: str, email: str, password: str, team_name: str = ""):
    """A new user and their own team (``team_name``, or "<username>'s team") with a first workspace."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": ["this username is taken"]})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": ["an account with this e-mail address exists; sign in or reset its password"]})
    user = User(username=username, email=email)
    _check_password(password, user, "password")
    user.set_password(password)
    user.save()
    create_team(user=user, name=team_name or f"{username}'s team")
    return user


def _check_password(password: str, user, field: str) -> None:
    """The configured password validators' verdict, as a 400 on ``field``."""
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationError({field: list(exc.messages)}) from None


def change_password(*, user, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ValidationError({"old_password": ["this is not your current password"]})
    _check_password(new_password, user, "new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])


# Invitations and memberships: owners only.


@transaction.atomic
def invite(*, by, team: Team, invitee: str, role: str, link_base: str) -> tuple[Invitation, str]:
    """An invitation for an e-mail address or a username; returns it with the link (shown once, and mailed)."""
    require(by, team.pk, "manage", "team")
    invitee = invitee.strip()
    User = get_user_model()
    email, username = (invitee, "") if "@" in invitee else ("", invitee)
    existing = User.objects.filter(username__iexact=username).first() if username else None
    if username and existing is None:
        raise ValidationError({"invitee": [f"no user is named {username!r}; invite them by e-mail instead"]})
    member = existing or (User.objects.filter(email__iexact=email).first() if email else None)
    if member is not None and Membership.objects.filter(team=team, user=member).exists():
        raise ValidationError({"invitee": [f"{invitee} is already a member of this team"]})
    secret = tokens.new_secret()
    invitation = Invitation.objects.create(
        team=team, email=email, username=existing.username if existing else "", role=role,
        token_digest=tokens.digest(secret), created_by=by, expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    link = f"{link_base.rstrip('/')}/invitations/{secret}"
    address = email or (existing.email if existing else "")
    if address:
        send_mail(
            f"{by.username} invites you to {team.name} on Holarchy",
            f"{by.username} invites you to join the team {team.name} as {role}.\n\n"
            f"Open this link to accept (it works for {INVITATION_DAYS} days):\n{link}\n",
            None, [address],
        )
    return invitation, link


@transaction.atomic
def accept_invitation(*, user, token: str) -> Invitation:
    """Join the invitation's team with its role (a member already there takes the invited role, an owner stays)."""
    invitation = Invitation.objects.select_for_update().filter(token_digest=tokens.digest(token)).first()
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        raise NotFound("this invitation is unknown, already used or expired; ask the team's owner for a new one")
    if invitation.username and invitation.username.lower() != user.username.lower():
        raise ValidationError({"token": [f"this invitation is for the user {invitation.username}; sign in as them"]})
    membership, created = Membership.objects.get_or_create(
        team=invitation.team, user=user, defaults={"role": invitation.role}
    )
    if not created and membership.role != Role.OWNER:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


def _keep_an_owner(membership: Membership) -> None:
    if membership.role == Role.OWNER:
        others = Membership.objects.filter(team_id=membership.team_id, role=Role.OWNER).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError({"role": ["a team needs at least one owner: make another member owner first"]})


@transaction.atomic
def change_role(*, by, membership: Membership, role: str) -> Membership:
    require(by, membership.team_id, "manage")
    if role != membership.role:
        _keep_an_owner(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, by, membership: Membership) -> None:
    """Owners remove anyone, any member may leave; access ends with the row (reads are scoped per request)."""
    if membership.user_id != by.pk:
        require(by, membership.team_id, "manage")
    _keep_an_owner(membership)
    membership.delete()


# API tokens: each user's own.


def create_api_token(*, user, name: str, days: int = TOKEN_DEFAULT_DAYS) -> tuple[ApiToken, str]:
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError({"days": [f"a token lives between 1 and {TOKEN_MAX_DAYS} days"]})
    token, prefix = tokens.new_api_token()
    row = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, digest=tokens.digest(token),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return row, token


def revoke_api_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# Limits: owners tighten their team's; only staff raise them above the server's defaults.


@transaction.atomic
def set_team_limits(*, by, team: Team, **values: int | None) -> TeamLimits:
    from holarchy import limits

    require(by, team.pk, "manage")
    defaults = limits.server_defaults()
    for name, value in values.items():
        if value is not None and value > getattr(defaults, name) and not by.is_staff:
            raise ValidationError(
                {name: [f"the server allows at most {getattr(defaults, name):,}; only an administrator may raise it"]}
            )
    row, _ = TeamLimits.objects.get_or_create(team=team)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row
