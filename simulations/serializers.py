"""Serializers of simulation jobs. Versions are restricted to the caller's teams."""

from django.utils import timezone
from rest_framework import serializers

from holarchy.accounts.permissions import TeamRelatedField
from holarchy.modeling.models import ModelVersion
from simulations.engine.breaking import MAX_PER_ROUND, Search

from . import behavior_space
from .models import Exploration, LevelStudy, Run, Sweep, SweepMode

JOB_READ_ONLY = [
    "id", "status", "progress", "summary", "error", "attempts", "cancel_requested", "created_at", "started_at",
    "finished_at", "elapsed_seconds", "remaining_seconds",
]


class JobTimingMixin(serializers.Serializer):
    """Elapsed time and an estimate of the rest, from the row alone (a linear ETA from the progress)."""

    elapsed_seconds = serializers.SerializerMethodField()
    remaining_seconds = serializers.SerializerMethodField()

    def get_elapsed_seconds(self, job) -> float | None:
        if job.started_at is None:
            return None
        return round(((job.finished_at or timezone.now()) - job.started_at).total_seconds(), 3)

    def fraction(self, job) -> float:
        return job.progress

    def get_remaining_seconds(self, job) -> float | None:
        elapsed, fraction = self.get_elapsed_seconds(job), self.fraction(job)
        if job.finished_at is not None:
            return 0.0
        if elapsed is None or not fraction:
            return None
        return round(elapsed * (1 - fraction) / fraction, 3)


class VisibleVersionField(TeamRelatedField):
    """A version the caller may start jobs of; any other looks like it does not exist."""

    def __init__(self, **kwargs):
        super().__init__(queryset=ModelVersion.objects.all(), **kwargs)


def validate_scenario(version: ModelVersion, scenario: str) -> None:
    names = [s.get("name") for s in version.document.get("scenarios", [])]
    if scenario and scenario not in names:
        raise serializers.ValidationError({"scenario": f"unknown scenario {scenario!r}; this version has {names}"})


class RunSerializer(JobTimingMixin, serializers.ModelSerializer):
    version = VisibleVersionField()
    model = serializers.IntegerField(source="version.model_id", read_only=True)
    until = serializers.FloatField(required=False, allow_null=True, min_value=0.001)

    class Meta:
        model = Run
        fields = ["version", "model", "scenario", "seed", "until", "stop_at_violation", "overrides", "sweep", "study",
                  *JOB_READ_ONLY]
        read_only_fields = ["overrides", "sweep", "study", *JOB_READ_ONLY]

    def validate(self, attrs):
        validate_scenario(attrs["version"], attrs.get("scenario", ""))
        return attrs


class BreakingSearchSerializer(serializers.Serializer):
    """A breaking-point search: the interval, its resolution, points per round, and what must hold.
    The engine checks them against the model (simulations.engine.breaking.check_search)."""

    low = serializers.FloatField()
    high = serializers.FloatField()
    resolution = serializers.FloatField(min_value=0, help_text="stop once the interval is this narrow")
    per_round = serializers.IntegerField(min_value=2, max_value=MAX_PER_ROUND, default=3,
                                         help_text="points run in parallel per round")
    slos = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=64,
                                 help_text="SLOs that must hold; empty: every SLO")
    properties = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=64,
                                       help_text="safety or liveness properties that must hold too")
    integer = serializers.BooleanField(default=False, help_text="the parameter takes whole values")


class SweepSerializer(JobTimingMixin, serializers.ModelSerializer):
    version = VisibleVersionField()
    values = serializers.ListField(child=serializers.JSONField(), required=False, max_length=50)
    seeds = serializers.IntegerField(min_value=1, max_value=100, default=1)
    until = serializers.FloatField(required=False, allow_null=True, min_value=0.001)
    search = BreakingSearchSerializer(required=False, allow_null=True)
    runs_done = serializers.SerializerMethodField()
    runs_total = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField(method_name="fraction")

    class Meta:
        model = Sweep
        fields = ["version", "scenario", "parameter", "mode", "values", "search", "seeds", "until", "runs_done",
                  "runs_total", *JOB_READ_ONLY]
        read_only_fields = JOB_READ_ONLY

    def get_runs_done(self, sweep: Sweep) -> int:
        return getattr(sweep, "runs_done", 0)

    def get_runs_total(self, sweep: Sweep) -> int:
        return getattr(sweep, "runs_total", 0)

    def fraction(self, sweep: Sweep) -> float:
        """A sweep's progress is the fraction of its runs that finished, counted when read; a breaking-point
        search's, of the most runs it can take (it often stops sooner)."""
        if sweep.mode == SweepMode.BREAKING_POINT and sweep.search and sweep.finished_at is None:
            return round(min(self.get_runs_done(sweep) / Search.from_json(sweep.search).max_runs(), 0.99), 4)
        total = self.get_runs_total(sweep)
        return round(self.get_runs_done(sweep) / total, 4) if total else sweep.progress

    def validate(self, attrs):
        validate_scenario(attrs["version"], attrs.get("scenario", ""))
        if attrs.get("mode") == SweepMode.BREAKING_POINT:
            if not attrs.get("parameter"):
                raise serializers.ValidationError({"parameter": "a breaking-point search varies one parameter"})
            if not attrs.get("search"):
                raise serializers.ValidationError({"search": "a breaking-point search needs its interval"})
            if attrs.get("values"):
                raise serializers.ValidationError({"values": "a breaking-point search plans its own values"})
        elif attrs.get("search"):
            raise serializers.ValidationError({"search": "only a sweep in mode `breaking_point` has a search"})
        elif bool(attrs.get("parameter")) != bool(attrs.get("values")):
            raise serializers.ValidationError({"values": "a parameter sweep needs both `parameter` and `values`"})
        return attrs


class LevelStudySerializer(JobTimingMixin, serializers.ModelSerializer):
    """The options of a level study; the engine's planner validates them together (simulations/studies.py)."""

    version = VisibleVersionField()
    model = serializers.IntegerField(source="version.model_id", read_only=True)
    levels = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=32)
    faults = serializers.DictField(child=serializers.JSONField(), required=False)
    sample = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    seeds = serializers.IntegerField(min_value=1, max_value=100, default=1)
    until = serializers.FloatField(required=False, allow_null=True, min_value=0.001)
    runs_done = serializers.IntegerField(read_only=True, default=0)
    runs_total = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = LevelStudy
        fields = ["version", "model", "holarchy", "levels", "faults", "sample", "sample_seed", "seeds", "until",
                  "plan", "runs_done", "runs_total", *JOB_READ_ONLY]
        read_only_fields = ["plan", *JOB_READ_ONLY]


class StudyRunSerializer(serializers.ModelSerializer):
    """A study's run as the result page links it: the point it is (scenario and seed) and how it went."""

    class Meta:
        model = Run
        fields = ["id", "scenario", "seed", "status", "error"]
        read_only_fields = fields


class ExplorationSerializer(JobTimingMixin, serializers.ModelSerializer):
    version = VisibleVersionField()
    max_states = serializers.IntegerField(min_value=1, max_value=20_000_000, default=200_000)
    max_seconds = serializers.FloatField(min_value=0.1, max_value=3600, default=120.0)

    class Meta:
        model = Exploration
        fields = ["version", "max_states", "max_depth", "max_seconds", *JOB_READ_ONLY]
        read_only_fields = JOB_READ_ONLY


class GraphQuerySerializer(serializers.Serializer):
    """`?limit=`: how many states to draw (the counterexamples' first, then the shallowest)."""

    limit = serializers.IntegerField(min_value=1, max_value=behavior_space.DRAW_MAX,
                                     default=behavior_space.DRAW_DEFAULT)


class NeighbourhoodQuerySerializer(serializers.Serializer):
    """`?state=&radius=&limit=`: the states around one, to add to the drawing."""

    state = serializers.IntegerField(min_value=0, help_text="the id of the state in the middle")
    radius = serializers.IntegerField(min_value=1, max_value=behavior_space.RADIUS_MAX, default=1,
                                      help_text="steps away from it, either way")
    limit = serializers.IntegerField(min_value=1, max_value=behavior_space.NEIGHBOURHOOD_MAX,
                                     default=behavior_space.NEIGHBOURHOOD_DEFAULT, help_text="states at most")


class StateSearchQuerySerializer(serializers.Serializer):
    """`?q=&limit=`: a state id, `variable=value`, `component.variable=value`, or text in the state."""

    q = serializers.CharField(max_length=200, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=behavior_space.SEARCH_MAX,
                                     default=behavior_space.SEARCH_DEFAULT)


class CompareQuerySerializer(serializers.Serializer):
    """`?with=<id>`: the other job of the comparison (`with` is a Python keyword, hence get_fields)."""

    def get_fields(self):
        return {"with": serializers.UUIDField(help_text="the id of a job of the same kind and model")}


class ComparedJobSerializer(serializers.Serializer):
    id = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField(help_text="the version's id")
    version_number = serializers.IntegerField()
    version_message = serializers.CharField(allow_blank=True)
    detail = serializers.CharField(help_text='what the summary is of, e.g. "scenario calm, seed 1"')


class ComparisonSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["run", "sweep", "study"])
    headline = serializers.CharField(help_text="the newer version's message (or what its diff changes): the changes")
    version_change = serializers.CharField(allow_blank=True, help_text="the version diff in a line; empty: one version")
    a = ComparedJobSerializer(help_text="the older version's job")
    b = ComparedJobSerializer()
    comparison = serializers.DictField(help_text="the engine's comparison (docs/engine.md)")
