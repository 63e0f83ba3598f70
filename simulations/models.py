"""Simulation jobs: runs, sweeps of runs, level studies of runs, explorations.

The row is the truth about a job's status, not the Celery result backend:
workers claim rows with conditional updates and store results once.
"""

import uuid

from django.conf import settings
from django.db import models

from holarchy.modeling.models import ModelVersion


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    TIMED_OUT = "timed_out", "Timed out"


#: Statuses a job never leaves.
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.TIMED_OUT)
#: Statuses of a job some worker still owes an outcome.
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """What every asynchronous job of a model version has: a status, progress and an outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True)
    progress = models.FloatField(default=0.0)
    summary = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="deliveries claimed; capped, see JOB_MAX_ATTEMPTS")
    worker = models.CharField(max_length=200, blank=True)
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text="when a message for it last reached the broker; null: never (broker down)"
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="last sign of life of the worker running it"
    )
    cancel_requested = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class SweepMode(models.TextChoices):
    VALUES = "values", "List of values"
    BREAKING_POINT = "breaking_point", "Breaking point"


class Sweep(Job):
    """Many runs of one version, varying the seed or one parameter: a load or fault sweep.

    In breaking-point mode the engine (simulations.engine.breaking) plans the
    values round by round: the last run of a round to finish enqueues the next.
    """

    scenario = models.CharField(max_length=200, blank=True)
    parameter = models.CharField(
        max_length=500, blank=True, help_text="document path varied, e.g. components/client/params/rate"
    )
    mode = models.CharField(max_length=16, choices=SweepMode.choices, default=SweepMode.VALUES)
    search = models.JSONField(
        null=True, blank=True, help_text="breaking-point mode: the engine's search (interval, resolution, rounds)"
    )
    values = models.JSONField(default=list, help_text="the values run; in breaking-point mode, every round's so far")
    seeds = models.PositiveIntegerField(default=1, help_text="runs per value, seeds 0..seeds-1")
    until = models.FloatField(null=True, blank=True)

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"sweep {self.id} of {self.version}"


class LevelStudy(Job):
    """Every single-holon failure of the chosen levels of one holarchy: one run per (level, holon, seed)
    plus a baseline, rolled up by the engine (simulations.engine.study) once the last run finishes."""

    holarchy = models.CharField(max_length=200)
    levels = models.JSONField(default=list, blank=True, help_text="levels studied, root first; empty: every level")
    faults = models.JSONField(default=dict, blank=True, help_text="level -> its fault, a scenario fault without target")
    sample = models.PositiveIntegerField(null=True, blank=True, help_text="holons per level, drawn with sample_seed")
    sample_seed = models.IntegerField(default=0)
    seeds = models.PositiveIntegerField(default=1, help_text="runs per failure, seeds 0..seeds-1")
    until = models.FloatField(null=True, blank=True)
    plan = models.JSONField(null=True, blank=True, help_text="the engine's plan: with the runs, the roll-up's input")

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"level study {self.id} of {self.version}"


class Run(Job):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="runs")
    scenario = models.CharField(max_length=200, blank=True, help_text="empty: no scenario, no injected faults")
    stop_at_violation = models.BooleanField(
        default=False, help_text="stop at the first safety violation instead of running to the end")
    seed = models.BigIntegerField(default=0)
    until = models.FloatField(null=True, blank=True)
    overrides = models.JSONField(default=dict, blank=True, help_text="document path -> value, applied to the version")
    sweep = models.ForeignKey(Sweep, null=True, blank=True, on_delete=models.CASCADE, related_name="runs")
    study = models.ForeignKey(LevelStudy, null=True, blank=True, on_delete=models.CASCADE, related_name="runs")
    digest = models.JSONField(null=True, blank=True,
                              help_text="a study's run: what the study's roll-up reads of its summary")

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"run {self.id} of {self.version} ({self.status})"


class TraceStatus(models.TextChoices):
    PRODUCING = "producing", "Producing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class RunTrace(models.Model):
    """A run's trace: its header and where its chunks are. A sweep's runs get one only when someone opens it.

    The chunks (TraceChunk) are files in the default storage, so every web
    server and worker machine reads them, and a viewer reads one chunk per step.
    """

    run = models.OneToOneField(Run, on_delete=models.CASCADE, primary_key=True, related_name="trace")
    status = models.CharField(max_length=16, choices=TraceStatus.choices, default=TraceStatus.READY)
    header = models.JSONField(null=True, blank=True)
    steps = models.PositiveIntegerField(default=0, help_text="the last traced step")
    chunk_steps = models.PositiveIntegerField(default=1000)
    bytes = models.PositiveBigIntegerField(default=0, help_text="stored size of every chunk")
    error = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="last sign of life of its production")

    def __str__(self) -> str:
        return f"trace of run {self.run_id} ({self.status})"


class TraceChunk(models.Model):
    """Steps first_step..last_step of a run's trace: a gzip of JSON lines, beginning with a snapshot.

    Written by the worker while the run goes, before the RunTrace row exists.
    """

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="trace_chunks")
    index = models.PositiveIntegerField()
    first_step = models.PositiveIntegerField()
    last_step = models.PositiveIntegerField()
    name = models.CharField(max_length=300, help_text="file name in the default storage")
    bytes = models.PositiveIntegerField()
    events = models.JSONField(null=True, blank=True, help_text="notable steps it holds, per kind (traces.EVENT_KINDS), "
                                                               "and the first of them: the viewer's minimap")

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="one_trace_chunk_per_index")]

    def __str__(self) -> str:
        return f"steps {self.first_step}..{self.last_step} of run {self.run_id}"


class Exploration(Job):
    """Exhaustive exploration of a version's behavior space, within bounds."""

    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="explorations")
    max_states = models.PositiveIntegerField(default=200_000)
    max_depth = models.PositiveIntegerField(null=True, blank=True)
    max_seconds = models.FloatField(default=120.0)
    graph = models.JSONField(null=True, blank=True)

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"exploration {self.id} of {self.version}"
