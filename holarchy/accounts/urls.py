from django.urls import path

from holarchy.routers import Router

from . import views

router = Router()
router.register("teams", views.TeamViewSet, basename="team")
router.register("members", views.MemberViewSet, basename="member")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register("tokens", views.ApiTokenViewSet, basename="token")
router.register("audit", views.AuditEntryViewSet, basename="audit")

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("signup/", views.signup_view, name="signup"),
    path("logout/", views.logout_view, name="logout"),
    path("password-change/", views.password_change_view, name="password-change"),
    path("password-reset/", views.password_reset_view, name="api-password-reset"),
    path("me/", views.me_view, name="me"),
    *router.urls,
]
