from holarchy.routers import Router

from .views import ExplorationViewSet, LevelStudyViewSet, RunViewSet, SweepViewSet

router = Router()
router.register("runs", RunViewSet, basename="run")
router.register("sweeps", SweepViewSet, basename="sweep")
router.register("studies", LevelStudyViewSet, basename="study")
router.register("explorations", ExplorationViewSet, basename="exploration")

urlpatterns = router.urls
