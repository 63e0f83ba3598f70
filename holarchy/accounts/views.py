from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.forms import PasswordResetForm
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .models import Team
from .permissions import visible
from .serializers import LoginSerializer, MeSerializer, PasswordResetSerializer, TeamSerializer
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


class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TeamSerializer

    def get_queryset(self):
        return visible(Team.objects.all(), self.request.user).order_by("name")
