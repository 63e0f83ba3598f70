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


class Sweep(Job):
    """Many runs of one version, varying the seed or one parameter: a load or fault sweep."""

    scenario = models.CharField(max_length=200, blank=True)
    parameter = models.CharField(
        max_length=500, blank=True, help_text="document path varied, e.g. components/client/params/rate"
    )
    values = models.JSONField(default=list)
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
    scenario = models.CharField(max_length=200, blank=True)
    seed = models.BigIntegerField(default=0)
    until = models.FloatField(null=True, blank=True)
    overrides = models.JSONField(default=dict, blank=True, help_text="document path -> value, applied to the version")
    sweep = models.ForeignKey(Sweep, null=True, blank=True, on_delete=models.CASCADE, related_name="runs")
    study = models.ForeignKey(LevelStudy, null=True, blank=True, on_delete=models.CASCADE, related_name="runs")

    class Meta(Job.Meta):
        pass

    def __str__(self) -> str:
        return f"run {self.id} of {self.version} ({self.status})"


class RunTrace(models.Model):
    """The run's compressed trace, kept in the database so every web server and worker machine can read it."""

    run = models.OneToOneField(Run, on_delete=models.CASCADE, primary_key=True, related_name="trace")
    data = models.BinaryField()
    steps = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"trace of run {self.run_id}"


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
