"""Architecture reviews of a model version: threads anchored on what they discuss, comments, decisions.

A review belongs to its model (and so to the model's team); threads and
decisions to their review, comments to their thread. Where a thread is
anchored is fixed when it is opened and checked against the review's version
(``anchors``). The review's status follows from its decisions (``status``).
"""

from django.conf import settings
from django.db import models

from holarchy.accounts.models import Team
from holarchy.modeling.models import ModelVersion, SystemModel
from simulations.models import LevelStudy, Run


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    CLOSED = "closed", "Closed"


class Review(models.Model):
    model = models.ForeignKey(SystemModel, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="reviews")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=20_000)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Derived from the decisions (``status.derive``) and kept here so lists filter and show it without a join.
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class AnchorKind(models.TextChoices):
    REVIEW = "review", "The review as a whole"
    HOLON = "holon", "A holon"
    COMPONENT = "component", "A component"
    LINK = "link", "A link"
    DIFF = "diff", "An entry of the version's diff"
    RUN_STEP = "run_step", "A step of a run"
    STUDY_CELL = "study_cell", "A cell of a level study"


class Thread(models.Model):
    """A conversation about one thing of the review's version, named as the version's document names it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="threads")
    anchor_kind = models.CharField(max_length=16, choices=AnchorKind.choices)
    holarchy = models.CharField(max_length=100, blank=True)
    holon = models.CharField(max_length=100, blank=True)
    component = models.CharField(max_length=100, blank=True)
    link = models.CharField(max_length=220, blank=True, help_text="from->to, as the version diff keys links")
    diff_section = models.CharField(max_length=20, blank=True)
    diff_item = models.CharField(max_length=300, blank=True)
    against = models.ForeignKey(ModelVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(Run, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    step = models.PositiveIntegerField(null=True, blank=True)
    study = models.ForeignKey(LevelStudy, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=100, blank=True)
    fault = models.CharField(max_length=20, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "created_at", "id"]

    def __str__(self) -> str:
        return f"thread on {self.anchor_label()}"

    def anchor_label(self) -> str:
        """The anchor in words: ``holon physical/m1``, ``run 3f2a… step 12``."""
        match self.anchor_kind:
            case AnchorKind.HOLON:
                return f"holon {self.holarchy}/{self.holon}"
            case AnchorKind.COMPONENT:
                return f"component {self.component}"
            case AnchorKind.LINK:
                return f"link {self.link}"
            case AnchorKind.DIFF:
                return f"diff {self.diff_section}/{self.diff_item}"
            case AnchorKind.RUN_STEP:
                return f"run {str(self.run_id)[:8]} step {self.step}"
            case AnchorKind.STUDY_CELL:
                return f"study {str(self.study_id)[:8]} {self.level}/{self.holon} ({self.fault})"
        return "the review"


class Comment(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=10_000)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["thread", "created_at", "id"]

    def __str__(self) -> str:
        return self.body[:80]


class Verdict(models.TextChoices):
    APPROVE = "approve", "Approve"
    REQUEST_CHANGES = "request_changes", "Request changes"


class Decision(models.Model):
    """A reviewer's verdict on the review, with the runs and level studies it rests on; one per reviewer."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    comment = models.TextField(blank=True, max_length=10_000)
    runs = models.ManyToManyField(Run, blank=True, related_name="+")
    studies = models.ManyToManyField(LevelStudy, blank=True, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "decided_at", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "reviewer"], name="one_decision_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer} {self.verdict}"


class NotificationKind(models.TextChoices):
    MENTION = "mention", "Mentioned in a comment"
    REVIEW_REQUESTED = "review_requested", "Asked to review"
    DECISION = "decision", "A decision on your review"
    REPLY = "reply", "A reply in your thread"


class Notification(models.Model):
    """Something a member should look at; theirs only (the team scopes it too: leaving the team hides it)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}"


class ReviewEvent(models.Model):
    """One step of a review, for the activity feed: opened, commented, resolved, approved, ...

    Like an audit entry it names where it happened by ids, so the feed reads both with one query.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    workspace_id = models.BigIntegerField()
    model_id = models.BigIntegerField(db_index=True)
    version_id = models.BigIntegerField()
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    thread_id = models.BigIntegerField(null=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40)
    text = models.CharField(max_length=300, blank=True, help_text="what the event says: an excerpt, an anchor")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.review_id}"
