"""Serves the built single-page app's index.html for every non-API path."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie

NOT_BUILT = (
    "<!doctype html><title>Holarchy</title><h1>Frontend not built</h1>"
    "<p>Run <code>make run</code> (or <code>npm --prefix frontend run build</code>).</p>"
)


@ensure_csrf_cookie
def index(request, path: str = "") -> HttpResponse:
    page = settings.FRONTEND_DIST / "index.html"
    if not page.is_file():
        return HttpResponse(NOT_BUILT, status=503)
    return HttpResponse(page.read_text(encoding="utf-8"))
