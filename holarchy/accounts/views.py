"""Accounts API: sign-up and sign-in, the caller's own account and tokens, and the teams' members.

Views are thin: who may do what is decided in ``services`` and ``permissions``;
every list is scoped to the caller (their teams, their tokens, the teams they own for the audit log).
"""

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from . import services
from .models import MANAGE_ROLES, ApiToken, AuditEntry, Invitation, Membership, Team, TeamLimits
from .permissions import TeamScopedMixin, TeamWritePermission, visible
from .serializers import (
    AcceptedSerializer,
    AcceptInvitationSerializer,
    ApiTokenSerializer,
    AuditEntrySerializer,
    InvitationSerializer,
    LoginSerializer,
    MemberSerializer,
    MeSerializer,
    PasswordChangeSerializer,
    PasswordResetSerializer,
    SignUpSerializer,
    TeamLimitsSerializer,
    TeamSerializer,
)
from .throttles import AddressThrottle, UsernameThrottle


def _require_csrf(request) -> None:
    """A cross-site page must not sign a visitor in (or mail resets) as it likes: the CSRF token is required
    even though nobody is signed in yet (DRF checks it only for signed-in sessions)."""
    SessionAuthentication().enforce_csrf(request)


@extend_schema(request=LoginSerializer, responses={200: MeSerializer, 400: None, 403: None, 429: None})
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
@throttle_classes([AddressThrottle, UsernameThrottle])
def login_view(request):
    """Session login for the single-page app (throttled, CSRF-protected)."""
    _require_csrf(request)
    serializer = LoginSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(request, **serializer.validated_data)
    if user is None:
        return Response({"detail": "wrong username or password"}, status=status.HTTP_400_BAD_REQUEST)
    login(request, user)
    return Response(MeSerializer(user).data)


@extend_schema(request=SignUpSerializer, responses={201: MeSerializer, 400: None, 403: None, 429: None})
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
@throttle_classes([AddressThrottle])
def signup_view(request):
    """A new account with a team of its own (and a first workspace), signed in at once."""
    _require_csrf(request)
    serializer = SignUpSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = services.sign_up(**serializer.validated_data)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return Response(MeSerializer(user).data, status=status.HTTP_201_CREATED)


@extend_schema(request=PasswordChangeSerializer, responses={204: None, 400: None})
@api_view(["POST"])
def password_change_view(request):
    """A new password (the current one is asked again); this session stays signed in, others end."""
    serializer = PasswordChangeSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    services.change_password(user=request.user, **serializer.validated_data)
    update_session_auth_hash(request, request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=PasswordResetSerializer, responses={204: None, 400: None, 403: None, 429: None})
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
@throttle_classes([AddressThrottle, UsernameThrottle])
def password_reset_view(request):
    """E-mail a password-reset link to the accounts with this address; the answer never says whether any exists."""
    _require_csrf(request)
    serializer = PasswordResetSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    form = PasswordResetForm(data=serializer.validated_data)
    if not form.is_valid():
        raise ValidationError(form.errors)
    form.save(request=request, use_https=request.is_secure())
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=None, responses={204: None})
@api_view(["POST"])
def logout_view(request):
    logout(request)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me_view(request):
    return Response(MeSerializer(request.user).data)


class TeamViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The caller's teams. Anyone signed in creates one (and owns it); its owners rename it and set its limits."""

    serializer_class = TeamSerializer
    permission_classes = [TeamWritePermission]
    write_ability = "manage"

    def get_queryset(self):
        return visible(Team.objects.all(), self.request.user).order_by("name")

    def perform_create(self, serializer):
        serializer.instance = services.create_team(user=self.request.user, name=serializer.validated_data["name"])

    @extend_schema(methods=["PUT", "PATCH"], request=TeamLimitsSerializer, responses=TeamLimitsSerializer)
    @action(detail=True, methods=["get", "put", "patch"], serializer_class=TeamLimitsSerializer)
    def limits(self, request, pk=None):
        """Jobs at once, runs per sweep, steps per run, states per exploration: the team's own values and
        those in force. Owners may lower them; raising one above the server's default needs an administrator."""
        team = self.get_object()
        row = TeamLimits.objects.filter(team=team).first() or TeamLimits(team=team)
        if request.method == "GET":
            return Response(TeamLimitsSerializer(row).data)
        serializer = TeamLimitsSerializer(row, data=request.data, partial=request.method == "PATCH")
        serializer.is_valid(raise_exception=True)
        row = services.set_team_limits(by=request.user, team=team, **serializer.validated_data)
        return Response(TeamLimitsSerializer(row).data)


class MemberFilterSet(filters.FilterSet):
    team = filters.ModelChoiceFilter(queryset=Team.objects.all())

    class Meta:
        model = Membership
        fields = ["team"]


class MemberViewSet(TeamScopedMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """The members of the caller's teams. Owners change roles and remove members; anyone may leave (services)."""

    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    permission_classes = [permissions.IsAuthenticated]
    queryset = Membership.objects.select_related("user").order_by("team_id", "user__username")

    def perform_update(self, serializer):
        services.change_role(by=self.request.user, membership=serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.remove_member(by=self.request.user, membership=instance)


class InvitationFilterSet(MemberFilterSet):
    class Meta:
        model = Invitation
        fields = ["team"]


class InvitationViewSet(TeamScopedMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Invitations to the caller's teams (owners invite and withdraw); ``accept`` joins with the link's token."""

    serializer_class = InvitationSerializer
    filterset_class = InvitationFilterSet
    write_ability = "manage"
    queryset = Invitation.objects.select_related("created_by", "accepted_by").order_by("-created_at", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        invitation, link = services.invite(
            by=self.request.user, team=data["team"], invitee=data["invitee"], role=data["role"],
            link_base=self.request.build_absolute_uri("/"),
        )
        invitation.link = link
        serializer.instance = invitation

    @extend_schema(request=AcceptInvitationSerializer, responses={200: AcceptedSerializer, 404: None})
    @action(detail=False, methods=["post"], serializer_class=AcceptInvitationSerializer)
    def accept(self, request):
        """Join the team with the invitation's role (the token is the secret from the link)."""
        serializer = AcceptInvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.accept_invitation(user=request.user, **serializer.validated_data)
        return Response(AcceptedSerializer(invitation).data)


class ApiTokenViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """The caller's own API tokens. The token is shown once, in the answer to its creation; delete revokes it."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.order_by("-created_at", "-id")

    def get_queryset(self):
        if not self.request.user.is_authenticated:  # the schema generator's request
            return super().get_queryset().none()
        return super().get_queryset().filter(user=self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        row, token = services.create_api_token(user=self.request.user, name=data["name"],
                                               days=data.get("days", services.TOKEN_DEFAULT_DAYS))
        row.token = token
        serializer.instance = row

    def perform_destroy(self, instance):
        services.revoke_api_token(token=instance)


class AuditFilterSet(MemberFilterSet):
    workspace = filters.NumberFilter(field_name="workspace_id")
    model = filters.NumberFilter(field_name="model_id")

    class Meta:
        model = AuditEntry
        fields = ["team", "workspace", "model"]


class AuditEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every write in the teams the caller owns, newest first (other members see none)."""

    serializer_class = AuditEntrySerializer
    filterset_class = AuditFilterSet
    queryset = AuditEntry.objects.all()

    def get_queryset(self):
        if not self.request.user.is_authenticated:  # the schema generator's request
            return super().get_queryset().none()
        owned = Membership.objects.filter(team=OuterRef("team"), user=self.request.user, role__in=MANAGE_ROLES)
        return super().get_queryset().filter(Exists(owned))

