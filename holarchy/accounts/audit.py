"""The audit log: every write that succeeded, recorded in one place, the middleware every request passes.

Every write reaches the database through an API route, so the answer to a
write request is where it is known *that* it succeeded (a 2xx), *who* made
it (the session's or the token's user, whichever authenticated), and *what*
it touched (the route names the kind of object and the verb, the URL or the
answer names the object). Where the object belongs (team, workspace, model,
version) is read before the view runs for an object named in the URL (a
delete leaves nothing to read after), and from the answer's ``id`` for a
create. Values are never stored, only the names of the fields sent.
"""

import json

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from .models import AuditEntry
from .permissions import OWNERSHIP_FIELDS, team_path

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Bodies up to this size are read for the names of the fields they send (larger ones: names not recorded).
NAMED_FIELDS_BODY_BYTES = 64 * 1024
#: Verbs of the router's own routes; any other route suffix (``cancel``, ``move``) is its own verb.
VERBS = {("list", "POST"): "created", ("detail", "PUT"): "changed", ("detail", "PATCH"): "changed",
         ("detail", "DELETE"): "deleted"}


#: The owners an entry names besides its team, for the activity of one workspace, model or version.
OWNERS = {"workspace": "modeling.Workspace", "model": "modeling.SystemModel", "version": "modeling.ModelVersion"}


def path_to(model: type[models.Model], owner: str) -> str | None:
    """The lookup from ``model`` to the id of its ``owner`` (a key of OWNERS): "pk" if it is one, None if none."""
    target = apps.get_model(OWNERS[owner])
    if model is target:
        return "pk"
    for name in OWNERSHIP_FIELDS:
        field = next((f for f in model._meta.get_fields() if f.name == name and f.many_to_one), None)
        if field is None:
            continue
        if field.related_model is target:
            return f"{name}_id"
        rest = path_to(field.related_model, owner)
        return None if rest is None else f"{name}__{rest}"
    return None


def _owned_model(view_func) -> type[models.Model] | None:
    view = getattr(view_func, "cls", None)
    if view is None:
        return None
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    if (job_model := getattr(view, "job_model", None)) is not None:
        return job_model
    meta = getattr(getattr(view, "serializer_class", None), "Meta", None)
    return getattr(meta, "model", None)


def _where(model: type[models.Model], pk) -> dict | None:
    """The object's label and its team, workspace, model and version ids; None if it cannot be found."""
    try:
        team_lookup = team_path(model)
    except TypeError:
        return None
    lookups = {"team": team_lookup} | {name: path for name in OWNERS if (path := path_to(model, name)) is not None}
    try:
        obj = model._default_manager.filter(pk=pk).annotate(**{f"_{k}": F(v) for k, v in lookups.items()}).first()
    except (ValueError, TypeError, ValidationError):  # a malformed id: the view answers it
        return None
    if obj is None:
        return None
    where = {f"{name}_id": getattr(obj, f"_{name}") for name in lookups}
    return {**where, "object_label": str(obj)[:200]}


class AuditMiddleware:
    """Records each successful API write as an ``AuditEntry`` of the object's team."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in WRITES or (model := _owned_model(view_func)) is None:
            return None
        request.audit_fields = _sent_fields(request)
        if "pk" in view_kwargs:
            request.audit_before = _where(model, view_kwargs["pk"])
        return None

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in WRITES and 200 <= response.status_code < 300:
            _record(request, response)
        return response


def _sent_fields(request) -> list[str]:
    """The top-level keys of a small JSON body (read before the view, which reads it again from memory)."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if not 0 < length <= NAMED_FIELDS_BODY_BYTES or request.content_type != "application/json":
        return []
    try:
        body = json.loads(request.body)
    except (ValueError, RecursionError):
        return []
    return sorted(str(key) for key in body)[:50] if isinstance(body, dict) else []


def _record(request, response) -> None:
    match = request.resolver_match
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated:
        return
    basename = getattr(match.func, "initkwargs", {}).get("basename")
    model = _owned_model(match.func)
    if basename is None or model is None or not match.url_name:
        return
    suffix = match.url_name.removeprefix(f"{basename}-")
    pk = match.kwargs.get("pk")
    data = getattr(response, "data", None)
    if pk is None and isinstance(data, dict):
        pk = data.get("id")
    where = getattr(request, "audit_before", None) or (_where(model, pk) if pk is not None else None)
    if where is None or where.get("team_id") is None:
        return
    AuditEntry.objects.create(
        actor=user, actor_name=user.get_username(), action=VERBS.get((suffix, request.method), suffix),
        kind=basename, object_id=str(pk), fields=getattr(request, "audit_fields", []), **where,
    )
