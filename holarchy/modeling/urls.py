from holarchy.routers import Router

from . import views

router = Router()
router.register("workspaces", views.WorkspaceViewSet, basename="workspace")
router.register("models", views.SystemModelViewSet, basename="model")
router.register("versions", views.ModelVersionViewSet, basename="version")
router.register("components", views.ComponentViewSet, basename="component")
router.register("links", views.LinkViewSet, basename="link")
router.register("holarchies", views.HolarchyViewSet, basename="holarchy")
router.register("holons", views.HolonViewSet, basename="holon")
router.register("behaviors", views.BehaviorViewSet, basename="behavior")

urlpatterns = router.urls
