"""Thin viewsets over simulation jobs: validate, call one service, serialize."""

from django.db.models import Count, Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from holarchy.accounts.permissions import TeamWritePermission, can_write, team_ids_visible_to
from holarchy.logs import current_job

from . import behavior_space, comparisons, services, traces
from .errors import NotComparable
from .filtersets import ExplorationFilterSet, LevelStudyFilterSet, RunFilterSet, SweepFilterSet
from .models import FINISHED, Exploration, Job, LevelStudy, Run, Sweep
from .serializers import (
    CompareQuerySerializer,
    ComparisonSerializer,
    ExplorationSerializer,
    GraphQuerySerializer,
    LevelStudySerializer,
    NeighbourhoodQuerySerializer,
    RunSerializer,
    StateSearchQuerySerializer,
    StudyRunSerializer,
    SweepSerializer,
)


class JobViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Jobs of the caller's teams; creating one needs a write role in the version's team."""

    permission_classes = [TeamWritePermission]
    job_model: type[Job]

    def get_queryset(self):
        teams = team_ids_visible_to(self.request.user)
        return self.job_model.objects.filter(version__model__workspace__team_id__in=teams).select_related("version")

    @staticmethod
    def team_id_of(job) -> int:
        return job.version.model.workspace.team_id

    def initial(self, request, *args, **kwargs):
        if "pk" in kwargs:  # every log line of this request names the job
            current_job.set(str(kwargs["pk"]))
        super().initial(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version")
        if not can_write(self.request.user, version.model.workspace.team_id):
            raise PermissionDenied("your role in this team cannot start simulations")
        serializer.instance = self.submit(version=version, user=self.request.user, **data)
        current_job.set(str(serializer.instance.id))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Queued work never starts; running work stops at its next progress report, then reads `cancelled`."""
        return Response(self.get_serializer(services.cancel_job(self.get_object())).data)


class ComparableMixin:
    """`GET <job>/compare/?with=<id>`: what changed between this job and another of its kind and model."""

    @extend_schema(parameters=[CompareQuerySerializer], responses={200: ComparisonSerializer, 400: dict, 404: dict,
                                                                   409: dict})
    @action(detail=True)
    def compare(self, request, pk=None):
        """The older version's job is `a`, the newer's `b`. 404 when either is not the caller's to see; 400 (`with`)
        for a job of another kind or model, or summaries that cannot be compared; 409 while one has no summary."""
        job = self.get_object()
        params = CompareQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        other_id = params.validated_data["with"]
        other = self.get_queryset().filter(pk=other_id).first()
        if other is None:
            kind = comparisons.visible_kind(other_id, request.user)
            if kind is None:
                raise Http404
            raise NotComparable(f"is a {kind}, not a {comparisons.NOUNS[self.job_model]}: compare two of one kind",
                                field="with")
        return Response(ComparisonSerializer(comparisons.compare_jobs(job, other)).data)


class RunViewSet(ComparableMixin, JobViewSet):
    """Simulation runs of model versions. Creating one queues it for a worker."""

    serializer_class = RunSerializer
    filterset_class = RunFilterSet
    job_model = Run
    submit = staticmethod(services.submit_run)

    @extend_schema(
        parameters=[
            OpenApiParameter("step", int, description="global state after this step (default 0)"),
            OpenApiParameter("component", str, description="only this component's local view"),
            OpenApiParameter("local", str, description="this component's local view beside the global view"),
            OpenApiParameter("messages", str, enum=["network", "inboxes"],
                             description="in-flight messages in the network or in their addressees' inboxes"),
            OpenApiParameter("from", int, description="with `to`: the deltas of steps from..to (at most 2,000)"),
            OpenApiParameter("to", int, description="last step of the window"),
            OpenApiParameter("events", str, enum=["chunks"],
                             description="the minimap's index instead: per chunk [first_step, last_step, crashes, "
                                         "recoveries, drops, duplicates, first of those steps]"),
        ],
        responses={200: dict, 202: dict, 404: dict, 409: dict},
    )
    @action(detail=True)
    def trace(self, request, pk=None):
        """One step of the run: the global view, or one component's local view, read from one stored chunk.

        202 `{"status": "producing"}` while the trace of a sweep's run is being produced (opening it asks for
        it); 409 if the rerun could not reproduce the run.
        """
        return Response(traces.step_view(self.get_object(), request.query_params))


class JobOfRunsViewSet(JobViewSet):
    """Jobs made of runs (sweeps, level studies): each row says how many of its runs have finished."""

    def get_queryset(self):
        return super().get_queryset().annotate(
            runs_total=Count("runs"), runs_done=Count("runs", filter=Q(runs__status__in=FINISHED))
        )


class SweepViewSet(ComparableMixin, JobOfRunsViewSet):
    """Load and fault sweeps: many runs in parallel, summarised per value by the run that finishes last."""

    serializer_class = SweepSerializer
    filterset_class = SweepFilterSet
    job_model = Sweep
    submit = staticmethod(services.submit_sweep)


class LevelStudyViewSet(ComparableMixin, JobOfRunsViewSet):
    """Level studies: a failure of every holon of the chosen levels, one run each per seed, rolled up by the engine."""

    serializer_class = LevelStudySerializer
    filterset_class = LevelStudyFilterSet
    job_model = LevelStudy
    submit = staticmethod(services.submit_study)

    @extend_schema(responses={200: StudyRunSerializer(many=True)})
    @action(detail=True)
    def runs(self, request, pk=None):
        """The study's runs (one per point: its scenario names the failure), for opening them in the run viewer."""
        runs = self.get_object().runs.order_by("scenario", "seed")
        return Response(StudyRunSerializer(runs, many=True).data)


class ExplorationViewSet(JobViewSet):
    """Exhaustive explorations of a version's behavior space."""

    serializer_class = ExplorationSerializer
    filterset_class = ExplorationFilterSet
    job_model = Exploration
    submit = staticmethod(services.submit_exploration)

    def get_queryset(self):
        return super().get_queryset().defer("graph")  # megabytes: only the graph endpoints read it

    def _query(self, serializer_class) -> dict:
        params = serializer_class(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    @extend_schema(parameters=[GraphQuerySerializer], responses={200: dict, 409: dict})
    @action(detail=True)
    def graph(self, request, pk=None):
        """The behavior space to draw: `limit` states (the counterexamples' first, then by depth), the edges among
        them as [source, target, label], `labels` as [actor, action], and `paths`: each counterexample's state ids.
        A space too large to store state by state answers its levels (`collapsed: true`). 409 before it finished."""
        limit = self._query(GraphQuerySerializer)["limit"]
        return Response(behavior_space.drawn_graph(self.get_object(), limit))

    @extend_schema(parameters=[NeighbourhoodQuerySerializer], responses={200: dict, 400: dict, 409: dict})
    @action(detail=True)
    def neighbourhood(self, request, pk=None):
        """The states within `radius` steps of `state`, nearest first, with the edges among them: to draw more
        of the space around a state than the first drawing holds. `complete` is false when `limit` cut it."""
        q = self._query(NeighbourhoodQuerySerializer)
        return Response(behavior_space.neighbourhood(self.get_object(), q["state"], q["radius"], q["limit"]))

    @extend_schema(parameters=[StateSearchQuerySerializer], responses={200: dict, 400: dict, 409: dict})
    @action(detail=True, url_path="states")
    def search_states(self, request, pk=None):
        """States matching `q`: an id, `variable=value` / `component.variable=value`, or text in the state;
        `count` is every match, `results` the first `limit`."""
        q = self._query(StateSearchQuerySerializer)
        return Response(behavior_space.search_states(self.get_object(), q["q"], q["limit"]))

    @extend_schema(operation_id="explorations_state_retrieve", responses={200: dict, 404: dict, 409: dict})
    @action(detail=True, url_path=r"states/(?P<state>\d+)")
    def state(self, request, pk=None, state=None):
        """One explored state: its global state, the breadth-first path to it and that path as a trace
        (`trace.lines` in the run trace format), so the viewer shows its global and local views."""
        return Response(behavior_space.explored_state(self.get_object(), int(state)))
