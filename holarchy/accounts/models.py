"""Teams own workspaces; a membership's role says what a user may do in them."""

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


#: Roles allowed to change a team's models and start runs.
WRITE_ROLES = frozenset({Role.OWNER, Role.EDITOR})


class Team(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    # The example gallery: every user is one of its viewers and nobody its owner, so nobody can change it
    # through the API; users copy its models into their own workspaces (``load_examples`` fills it).
    gallery = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="teams")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} as {self.role}"


#: Roles allowed to comment on and decide reviews (the reviews app asks ``permissions.can_review``).
REVIEW_ROLES = frozenset({Role.OWNER, Role.EDITOR, Role.REVIEWER})
#: Roles allowed to manage a team: invite, change roles, remove members, set its limits, read its audit log.
MANAGE_ROLES = frozenset({Role.OWNER})


class Invitation(models.Model):
    """An owner's invitation to join a team with a role, sent to an e-mail address or a username.

    Only the SHA-256 of its token is stored: the link is shown to the owner once and mailed to the invitee.
    Accepting it makes (or updates) the membership; an invitation by username is for that user only.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(blank=True)
    username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.email or self.username} to {self.team} as {self.role}"


class ApiToken(models.Model):
    """A user's secret for scripts and the CLI: hashed, expiring, revocable.

    The token reads ``hol_<prefix>_<secret>``; the prefix finds the row, the SHA-256 of the whole token is
    compared in constant time. The token itself is shown once, when it is created.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True)
    revoked_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}) of {self.user}"


class TeamLimits(models.Model):
    """A team's own limits; an empty field means the server's default (settings, see holarchy/limits.py)."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="limits")
    max_active_jobs = models.PositiveIntegerField(null=True, blank=True)
    max_runs_per_sweep = models.PositiveIntegerField(null=True, blank=True)
    max_steps_per_run = models.PositiveIntegerField(null=True, blank=True)
    max_exploration_states = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"limits of {self.team}"


class AuditEntry(models.Model):
    """One write that succeeded: who, when, what (a route's verb on an object) and which version a job used.

    Objects are named by kind and id, not by foreign keys, so the entry outlives what it names.
    Written in one place (``holarchy.accounts.audit``); read by the team's owners.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40)  # created, changed, deleted, or a route's own verb (cancel, move)
    kind = models.CharField(max_length=40)  # the object's kind: workspace, model, run, membership, ...
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    workspace_id = models.BigIntegerField(null=True)
    model_id = models.BigIntegerField(null=True)
    version_id = models.BigIntegerField(null=True)
    fields = models.JSONField(default=list, blank=True)  # the names of the fields the request sent, never values

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.kind} {self.object_id}"
