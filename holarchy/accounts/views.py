from django.contrib.auth import authenticate, login, logout
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from .models import Team
from .permissions import team_ids_visible_to
from .serializers import LoginSerializer, MeSerializer, TeamSerializer


@extend_schema(request=LoginSerializer, responses=MeSerializer)
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
def login_view(request):
    """Session login for the single-page app."""
    serializer = LoginSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(request, **serializer.validated_data)
    if user is None:
        return Response({"detail": "wrong username or password"}, status=status.HTTP_400_BAD_REQUEST)
    login(request, user)
    return Response(MeSerializer(user).data)


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
        return Team.objects.filter(id__in=team_ids_visible_to(self.request.user)).order_by("name")
