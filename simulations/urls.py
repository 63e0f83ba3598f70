from rest_framework.routers import DefaultRouter

from .views import ExplorationViewSet, RunViewSet, SweepViewSet

router = DefaultRouter()
router.register("runs", RunViewSet, basename="run")
router.register("sweeps", SweepViewSet, basename="sweep")
router.register("explorations", ExplorationViewSet, basename="exploration")

urlpatterns = router.urls
