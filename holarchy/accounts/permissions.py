"""Who may see and change what: team membership decides, object by object.

Every team-owned object exposes ``team_id`` through a path given by the
viewset (``team_lookup``). Outsiders get 404 (they may not even learn that
an object exists); members without a write role get 403 on writes.
"""

from rest_framework import permissions

from .models import WRITE_ROLES, Membership


def team_ids_visible_to(user) -> list[int]:
    """Teams whose objects ``user`` may read."""
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).values_list("team_id", flat=True))


def can_write(user, team_id: int) -> bool:
    return Membership.objects.filter(user=user, team_id=team_id, role__in=WRITE_ROLES).exists()


class TeamWritePermission(permissions.IsAuthenticated):
    """Reads need membership (enforced by the viewset's queryset); writes need a write role."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_write(request.user, view.team_id_of(obj))
