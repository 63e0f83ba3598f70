"""Who may see and change what: one rule for every object, every write and every filter.

- An object belongs to one team, found by following its ownership foreign keys
  (a holon's holarchy, its model, the model's workspace, the workspace's team).
  Its members see it; to anyone else it does not exist (404, or "does not
  exist" in a field or filter, worded exactly as for an id nobody has).
- A write needs a write role in the team of the object it changes *and* in the
  team of every object it points the write to (``TeamRelatedField``), so an
  editor of A who only reads B cannot hang A's links on B's components.
- Where an object belongs is fixed when it is created (``fixed_fields``):
  moving a workspace to another team or a link to another model is refused.
- A role grants abilities (``ABILITIES``): owners manage the team, editors
  and owners write, reviewers also review, viewers read. ``why_not`` says in
  words why a role lacks one; the UI shows it beside the disabled action.
"""

from functools import cache, reduce

import django_filters
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied

from .models import MANAGE_ROLES, REVIEW_ROLES, WRITE_ROLES, Membership, Team

#: Foreign keys that say where an object belongs, nearest first.
OWNERSHIP_FIELDS = ("team", "workspace", "model", "holarchy", "version", "review", "thread")


@cache
def team_path(model: type[models.Model]) -> str:
    """The lookup from ``model`` to its team's id (``"model__workspace__team_id"`` for a component)."""
    if model is Team:
        return "id"
    for name in OWNERSHIP_FIELDS:
        field = next((f for f in model._meta.get_fields() if f.name == name and f.many_to_one), None)
        if field is not None:
            rest = team_path(field.related_model)
            return "team_id" if rest == "id" else f"{name}__{rest}"
    raise TypeError(f"{model.__name__} belongs to no team: give it one of the foreign keys {OWNERSHIP_FIELDS}")


def team_id_of(obj: models.Model) -> int:
    return reduce(getattr, team_path(type(obj)).split("__"), obj)


def team_ids_visible_to(user) -> list[int]:
    """Teams whose objects ``user`` may read."""
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).values_list("team_id", flat=True))


def visible(queryset: models.QuerySet, user) -> models.QuerySet:
    """The rows of ``queryset`` that ``user`` may read (a subquery: no query of its own)."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    teams = Membership.objects.filter(user=user).values("team_id")
    return queryset.filter(**{f"{team_path(queryset.model)}__in": teams})


#: What each ability lets a member do, and the roles that have it.
ABILITIES: dict[str, tuple[frozenset[str], str]] = {
    "write": (WRITE_ROLES, "change models and start jobs"),
    "review": (REVIEW_ROLES, "comment on and decide reviews"),
    "manage": (MANAGE_ROLES, "invite members, change roles and limits, and read the audit log"),
}


def role_of(user, team_id: int) -> str | None:
    """The user's role in the team, or None for a non-member (and for anonymous users)."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, team_id=team_id).values_list("role", flat=True).first()


#: Why nobody may change the example gallery (its members are all viewers), in words they can act on.
GALLERY_READ_ONLY = "the examples are read-only: copy the model into one of your workspaces to change or run it"


def why_not(role: str | None, ability: str, *, gallery: bool = False) -> str | None:
    """None when ``role`` has ``ability``; else the reason, in words a member can act on (``gallery``: the
    team is the read-only example gallery)."""
    roles, what = ABILITIES[ability]
    if role in roles:
        return None
    if gallery:
        return GALLERY_READ_ONLY
    allowed = " and ".join(sorted(f"{r}s" for r in roles)) if len(roles) > 1 else f"{next(iter(roles))}s"
    return f"only {allowed} can {what}; your role in this team is {role}" if role else f"only {allowed} can {what}"


def _has(user, team_id: int, roles: frozenset[str]) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, team_id=team_id, role__in=roles).exists()


def can_write(user, team_id: int) -> bool:
    return _has(user, team_id, WRITE_ROLES)


def can_review(user, team_id: int) -> bool:
    """May comment on and decide reviews in the team (owners, editors and reviewers)."""
    return _has(user, team_id, REVIEW_ROLES)


def can_manage(user, team_id: int) -> bool:
    """May invite, change roles, remove members, set limits and read the audit log (owners)."""
    return _has(user, team_id, MANAGE_ROLES)


def require(user, team_id: int, ability: str, field: str | None = None) -> None:
    """403 with the reason unless ``user`` has ``ability`` in the team (``field`` names the pointer that led there)."""
    if not _has(user, team_id, ABILITIES[ability][0]):
        gallery = Team.objects.filter(id=team_id, gallery=True).exists()
        reason = why_not(role_of(user, team_id), ability, gallery=gallery)
        raise PermissionDenied({field: [reason]} if field else reason)


def require_write(user, obj: models.Model, field: str | None = None) -> None:
    """403 unless ``user`` may change ``obj``'s team (``field`` names the pointer that led there)."""
    require(user, team_id_of(obj), "write", field)


#: The answer for an id that is not the caller's to see, whether or not it exists elsewhere.
NO_SUCH = "no such object"

#: Ids beyond a signed 64-bit integer exist in no table (and overflow SQLite).
MAX_ID = 2**63 - 1


class TeamWritePermission(permissions.IsAuthenticated):
    """Reads need membership (the viewset's queryset is ``visible``); writes need the view's ``write_ability``."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            require(request.user, team_id_of(obj), getattr(view, "write_ability", "write"))
        return True


class TeamScopedMixin:
    """Only the caller's teams' objects exist for the viewset; writes are checked by the permission and fields."""

    permission_classes = [TeamWritePermission]

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)


class TeamRelatedField(serializers.PrimaryKeyRelatedField):
    """A pointer to an object: looked up among the caller's teams only, and writable there.

    Another team's object and an id nobody has give the same 400; a visible
    object in a team where the caller only reads gives 403 naming the field.
    """

    default_error_messages = {**serializers.PrimaryKeyRelatedField.default_error_messages, "does_not_exist": NO_SUCH}
    #: What the caller must be able to do in the pointed-to object's team.
    ability = "write"

    def get_queryset(self):
        request = self.context.get("request")
        return visible(super().get_queryset(), request.user if request else None)

    def to_internal_value(self, data):
        if isinstance(self.get_queryset().model._meta.pk, models.IntegerField):
            if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).isdigit():
                self.fail("incorrect_type", data_type=type(data).__name__)
            if int(data) > MAX_ID:
                self.fail("does_not_exist")
        obj = super().to_internal_value(data)
        request = self.context.get("request")
        require(request.user, team_id_of(obj), self.ability, self.field_name or self.parent.field_name)
        return obj


class FixedFieldsMixin:
    """``Meta.fixed_fields`` are set on create and never change: an update may only repeat them."""

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        if self.instance is not None:
            for name in getattr(self.Meta, "fixed_fields", ()):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: ["cannot be changed after creation"]})
        return attrs


class TeamFilterBackend(DjangoFilterBackend):
    """Filters by id accept only ids the caller may see; any other id is "no such object", as if it did not exist.

    Numbers are range-checked too, so ``?model=1e19`` is a 400 rather than an overflow in the database.
    """

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        for filter_ in filterset.filters.values():
            if isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
                rows = filter_.queryset
                filter_.queryset = lambda request, rows=rows: visible(
                    rows(request) if callable(rows) else rows.all(), request.user
                )
                filter_.extra["error_messages"] = {"invalid_choice": NO_SUCH, "invalid_pk_value": NO_SUCH}
            elif isinstance(filter_, django_filters.NumberFilter):
                filter_.extra.setdefault("min_value", -MAX_ID)
                filter_.extra.setdefault("max_value", MAX_ID)
            filter_.__dict__.pop("_field", None)  # built again from the settings above
        return filterset
