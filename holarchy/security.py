"""Security headers on every answer: a Content-Security-Policy that lets only our own scripts run.

The single-page app is built into static files, so ``script-src 'self'``
holds; a script injected into a rendered field cannot run, and no other
site may frame the app (``frame-ancestors 'none'``, with X-Frame-Options
DENY for older browsers). The API docs page loads Swagger UI from its CDN,
so that one page may too.
"""

from django.conf import settings

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Style attributes set by the app's libraries (charts, the code editor) are not scripts.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
#: Pages that load Swagger UI from its CDN (drf-spectacular's default).
SWAGGER_PATHS = ("/api/docs/",)


def policy(path: str) -> str:
    directives = dict(POLICY)
    if path.startswith(SWAGGER_PATHS):
        cdn = settings.SPECTACULAR_SETTINGS.get("SWAGGER_UI_DIST", "https://cdn.jsdelivr.net")
        origin = "/".join(cdn.split("/")[:3])
        directives["script-src"] += f" {origin}"
        directives["style-src"] += f" {origin}"
        directives["img-src"] += f" {origin}"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy(request.path))
        return response
