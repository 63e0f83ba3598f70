from django.urls import path

from holarchy.routers import Router

from . import views

router = Router()
router.register("teams", views.TeamViewSet, basename="team")

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password-reset/", views.password_reset_view, name="api-password-reset"),
    path("me/", views.me_view, name="me"),
    *router.urls,
]
