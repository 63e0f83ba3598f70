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
    # Document sections beyond the structure (behaviors, properties, slos, scenarios, explore, ...),
    # in canonical form; kept whole so that sections the format gains later survive a round trip.
    sections = models.JSONField(default=dict, blank=True)
    # Moves on with every write to the draft, so that a page can tell (cheaply, by polling) that someone
    # changed it, and a replace can refuse to overwrite a draft changed since it was read.
    revision = models.PositiveBigIntegerField(default=0)
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


class DurabilityChoices(models.TextChoices):
    DURABLE = "durable", "Durable"
    VOLATILE = "volatile", "Volatile"


class Component(models.Model):
    """A leaf that runs: one behavior with its parameters."""

    model = models.ForeignKey(SystemModel, on_delete=models.CASCADE, related_name="components")
    key = models.CharField(max_length=100)
    behavior = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=16, choices=DurabilityChoices.choices, default=DurabilityChoices.VOLATILE)
    # Document order, so that export gives back the imported document.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["model", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="component_key_unique_in_model")]

    def __str__(self) -> str:
        return self.key


class Link(models.Model):
    """A directed channel between two components of the same model, with its delivery semantics."""

    model = models.ForeignKey(SystemModel, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="incoming")
    bidirectional = models.BooleanField(default=False)
    loss = models.FloatField(default=0.0)
    duplication = models.FloatField(default=0.0)
    reorder = models.BooleanField(default=False)
    delay = models.JSONField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["model", "position", "id"]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


class Holarchy(models.Model):
    """One tree of holons over all of a model's components."""

    model = models.ForeignKey(SystemModel, on_delete=models.CASCADE, related_name="holarchies")
    name = models.CharField(max_length=100)
    levels = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Serials are never reused, so a holon's path segment stays stable when it moves.
    next_serial = models.PositiveBigIntegerField(default=1)

    class Meta:
        ordering = ["model", "position", "id"]
        verbose_name_plural = "holarchies"
        constraints = [models.UniqueConstraint(fields=["model", "name"], name="holarchy_name_unique_in_model")]

    def __str__(self) -> str:
        return self.name


#: Digits per path segment. Paths are digit strings, so a subtree is one index range in any collation.
SEGMENT_WIDTH = 8
MAX_DEPTH = 32
PATH_LENGTH = SEGMENT_WIDTH * (MAX_DEPTH + 1)


def path_segment(serial: int) -> str:
    return str(serial).zfill(SEGMENT_WIDTH)


class Holon(models.Model):
    """A whole made of parts and a part of a whole.

    ``path`` is the materialized path (the serials of all ancestors, root first), ``depth`` is 0 at the root:
    a subtree is the range ``[path, path + '999…']`` on the ``(holarchy, path)`` index.
    """

    holarchy = models.ForeignKey(Holarchy, on_delete=models.CASCADE, related_name="holons")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    key = models.CharField(max_length=100)
    name = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=PATH_LENGTH)
    depth = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["holarchy", "path"]
        constraints = [models.UniqueConstraint(fields=["holarchy", "key"], name="holon_key_unique_in_holarchy")]
        indexes = [models.Index(fields=["holarchy", "path"], name="holon_subtree")]

    def __str__(self) -> str:
        return self.key

    def subtree_bounds(self) -> tuple[str, str]:
        """The inclusive path range holding this holon and all its descendants."""
        return self.path, self.path + "9" * (PATH_LENGTH - len(self.path))


class Placement(models.Model):
    """Where a component sits in one holarchy: exactly one holon per holarchy."""

    holarchy = models.ForeignKey(Holarchy, on_delete=models.CASCADE, related_name="placements")
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="placements")
    holon = models.ForeignKey(Holon, on_delete=models.CASCADE, related_name="placements")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["holon", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["holarchy", "component"], name="component_placed_once_per_holarchy")
        ]

    def __str__(self) -> str:
        return f"{self.component} in {self.holon}"


class LinkSpan(models.Model):
    """A link as one holarchy sees it: the paths of the leaf holons placing its two ends, with the link's
    endpoints and delivery copied, so that a white box or black box is one index range over this table alone.

    Denormalised for the zoom queries; the services rewrite a link's spans whenever the link is created or
    changed, and follow every placement and holon edit, in the same transaction. On PostgreSQL the paths are
    compared in the "C" collation (bytes, like SQLite), which the range scans and groupings need to be fast.
    """

    holarchy = models.ForeignKey(Holarchy, on_delete=models.CASCADE, related_name="+", db_index=False)
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="spans", db_index=False)
    source_path = models.CharField(max_length=PATH_LENGTH)
    target_path = models.CharField(max_length=PATH_LENGTH)
    # Copies of the link's fields (component ids without a foreign key: the link's own cascade removes the span).
    source_component = models.BigIntegerField()
    target_component = models.BigIntegerField()
    bidirectional = models.BooleanField()
    loss = models.FloatField()
    duplication = models.FloatField()
    reorder = models.BooleanField()
    delay = models.JSONField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "holarchy"], name="link_span_once_per_holarchy")]
        indexes = [
            models.Index(fields=["holarchy", "source_path", "target_path"], name="link_span_from"),
            models.Index(fields=["holarchy", "target_path", "source_path"], name="link_span_to"),
        ]

    def __str__(self) -> str:
        return f"{self.source_path} -> {self.target_path}"
