from holarchy.routers import Router

from .views import ExplorationViewSet, RunViewSet, SweepViewSet

router = Router()
router.register("runs", RunViewSet, basename="run")
router.register("sweeps", SweepViewSet, basename="sweep")
router.register("explorations", ExplorationViewSet, basename="exploration")

urlpatterns = router.urls
