from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api, health, spa

handler400 = "holarchy.api.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/health/", health.health, name="health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/auth/", include("holarchy.accounts.urls")),
    path("api/", include("holarchy.modeling.urls")),
    path("api/", include("simulations.urls")),
    path("api/", include("holarchy.reviews.urls")),
    path("auth/", include("holarchy.accounts.reset_urls")),
    re_path(r"^(?P<path>(api|static)/.*)$", api.not_found),
    re_path(r"^(?!api/|admin/|static/|auth/)(?P<path>.*)$", spa.index, name="spa"),
]
