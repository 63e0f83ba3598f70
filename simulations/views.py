from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied

from holarchy.accounts.permissions import TeamWritePermission, can_write, team_ids_visible_to

from . import services
from .filtersets import RunFilterSet
from .models import Run
from .serializers import RunSerializer


class RunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Simulation runs of model versions. Creating one queues it for a worker."""

    serializer_class = RunSerializer
    permission_classes = [TeamWritePermission]
    filterset_class = RunFilterSet

    def get_queryset(self):
        return Run.objects.filter(
            version__model__workspace__team_id__in=team_ids_visible_to(self.request.user)
        ).select_related("version")

    @staticmethod
    def team_id_of(run: Run) -> int:
        return run.version.model.workspace.team_id

    def perform_create(self, serializer):
        version = serializer.validated_data["version"]
        if not can_write(self.request.user, version.model.workspace.team_id):
            raise PermissionDenied("your role in this team cannot start runs")
        serializer.instance = services.submit_run(
            version=version,
            user=self.request.user,
            seed=serializer.validated_data.get("seed", 0),
            scenario=serializer.validated_data.get("scenario", ""),
            until=serializer.validated_data.get("until"),
        )
