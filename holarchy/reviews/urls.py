from holarchy.routers import Router

from . import views

router = Router()
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("threads", views.ThreadViewSet, basename="thread")
router.register("comments", views.CommentViewSet, basename="comment")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("activity", views.ActivityViewSet, basename="activity")

urlpatterns = router.urls
