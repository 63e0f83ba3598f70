from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import api, health, spa

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/health/", health.health, name="health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/auth/", include("holarchy.accounts.urls")),
    path("api/", include("holarchy.modeling.urls")),
    path("api/", include("simulations.urls")),
    re_path(r"^(?P<path>(api|static)/.*)$", api.not_found),
    re_path(r"^(?!api/|admin/|static/)(?P<path>.*)$", spa.index, name="spa"),
]
