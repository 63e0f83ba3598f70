"""The one router every app registers its viewsets with."""

from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """No ``.json`` format-suffix routes: a format is chosen with ``?format=`` or ``Accept``, and
    ``/api/models/1/export.json`` is a 404 like any other unknown path (suffixes reached actions
    that do not take a format and failed)."""

    include_format_suffixes = False
