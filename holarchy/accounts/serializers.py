from dataclasses import asdict

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from rest_framework import serializers

from holarchy import limits

from .models import ApiToken, AuditEntry, Invitation, Membership, Role, Team, TeamLimits
from .permissions import ABILITIES, TeamRelatedField, why_not


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class SignUpSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    team_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(max_length=128, style={"input_type": "password"})
    new_password = serializers.CharField(max_length=128, style={"input_type": "password"})


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class MembershipSerializer(serializers.ModelSerializer):
    """One of the caller's memberships: the team, the role, and why the role cannot do what it cannot."""

    team = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    team_id = serializers.IntegerField(read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True)
    gallery = serializers.BooleanField(source="team.gallery", read_only=True,
                                       help_text="the team is the read-only example gallery")
    cannot = serializers.SerializerMethodField(help_text="ability (write, review, manage) -> why this role lacks it")

    class Meta:
        model = Membership
        fields = ["team", "team_id", "team_name", "gallery", "role", "cannot"]

    def get_cannot(self, membership) -> dict[str, str]:
        gallery = membership.team.gallery
        return {ability: reason for ability in ABILITIES
                if (reason := why_not(membership.role, ability, gallery=gallery))}


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "memberships"]


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "slug", "gallery", "created_at"]
        read_only_fields = ["slug", "gallery"]


class MemberSerializer(serializers.ModelSerializer):
    """A member of one of the caller's teams; only the role changes (by an owner)."""

    team = serializers.PrimaryKeyRelatedField(read_only=True)
    user = serializers.PrimaryKeyRelatedField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["id", "team", "user", "username", "role"]


class ManagedTeamField(TeamRelatedField):
    """A team the caller manages (owners): anyone else's is "no such object" or 403 with the reason."""

    ability = "manage"


class InvitationSerializer(serializers.ModelSerializer):
    team = ManagedTeamField(queryset=Team.objects.all())
    invitee = serializers.CharField(write_only=True, max_length=254, help_text="an e-mail address or a username")
    role = serializers.ChoiceField(choices=Role.choices, default=Role.VIEWER)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    accepted_by = serializers.CharField(source="accepted_by.username", read_only=True, default=None)
    link = serializers.CharField(read_only=True, allow_null=True, default=None,
                                 help_text="the link to accept it: in the answer to its creation only")

    class Meta:
        model = Invitation
        fields = ["id", "team", "invitee", "email", "username", "role", "created_by", "created_at", "expires_at",
                  "accepted_by", "accepted_at", "link"]
        read_only_fields = ["email", "username", "expires_at", "accepted_at"]


class AcceptInvitationSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=100)


class AcceptedSerializer(serializers.Serializer):
    """The accepted invitation: the team joined, with the invited role."""

    id = serializers.IntegerField()
    team = serializers.IntegerField(source="team_id")
    team_slug = serializers.CharField(source="team.slug")
    team_name = serializers.CharField(source="team.name")
    role = serializers.CharField()


class ApiTokenSerializer(serializers.ModelSerializer):
    days = serializers.IntegerField(write_only=True, required=False, min_value=1, max_value=365,
                                    help_text="days until it expires (90 unless given)")
    token = serializers.CharField(read_only=True, allow_null=True, default=None,
                                  help_text="the token itself: in the answer to its creation only")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at", "days", "token"]
        read_only_fields = ["prefix", "expires_at", "last_used_at", "revoked_at"]


class TeamLimitsSerializer(serializers.ModelSerializer):
    """The team's own limits (empty: the server's default) and the limits in force."""

    in_force = serializers.SerializerMethodField()

    class Meta:
        model = TeamLimits
        fields = ["max_active_jobs", "max_runs_per_sweep", "max_steps_per_run", "max_exploration_states", "in_force"]
        extra_kwargs = {name: {"min_value": 1} for name in fields[:4]}

    def get_in_force(self, row) -> dict[str, int]:
        return asdict(limits.for_team(row.team_id))


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["id", "team", "actor_name", "at", "action", "kind", "object_id", "object_label", "workspace_id",
                  "model_id", "version_id", "fields"]
