"""Workspaces hold models; a model's versions are immutable snapshots that runs refer to."""

from django.conf import settings
from django.db import models

from holarchy.accounts.models import Team


class Workspace(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="workspaces")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="workspace_name_unique_in_team")]

    def __str__(self) -> str:
        return self.name


class SystemModel(models.Model):
    """One system, described by an editable draft and a history of frozen versions."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="models")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="model_name_unique_in_workspace")]

    def __str__(self) -> str:
        return self.name


class ModelVersion(models.Model):
    """An immutable snapshot of a model in the model-as-code format, addressed by its content hash."""

    model = models.ForeignKey(SystemModel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    content_hash = models.CharField(max_length=64, db_index=True)
    message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model", "number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"], name="version_number_unique")]

    def __str__(self) -> str:
        return f"{self.model} v{self.number}"
