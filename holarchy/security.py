"""Security headers on every answer: a Content-Security-Policy that lets only our own scripts run.

The single-page app is built into static files, so ``script-src 'self'``
holds; a script injected into a rendered field cannot run, and no other
site may frame the app (``frame-ancestors 'none'``, with X-Frame-Options
DENY for older browsers). The API docs page serves Swagger UI from our own
static files (drf-spectacular-sidecar), so it needs no exception.
"""

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
POLICY_HEADER = "; ".join(f"{name} {value}" for name, value in POLICY.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY_HEADER)
        return response
