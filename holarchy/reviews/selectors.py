"""Reads for reviews: the activity feed, a version's or model's review status, reviews with their counts."""

from django.db.models import CharField, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast

from holarchy.accounts.models import AuditEntry
from holarchy.accounts.permissions import visible

from .models import Review, ReviewEvent, ReviewStatus

#: Audit kinds the review events tell better (with the verdict, the anchor, an excerpt): left out of the feed.
REVIEW_KINDS = ("review", "thread", "comment", "decision", "notification")
FEED_COLUMNS = ("source", "id", "at", "actor_name", "action", "kind", "object_id", "object_label", "workspace_id",
                "model_id", "version_id", "review_id", "thread_id", "text", "detail")


def activity(user, *, workspace_id: int | None = None, model_id: int | None = None) -> QuerySet:
    """Who changed what, who ran what on which version, who decided what: the audit log's model-side writes
    and the review events of the caller's teams, newest first, as one query (``FEED_COLUMNS``)."""
    audit = visible(AuditEntry.objects.all(), user).filter(workspace_id__isnull=False).exclude(kind__in=REVIEW_KINDS)
    events = visible(ReviewEvent.objects.all(), user)
    if workspace_id is not None:
        audit, events = audit.filter(workspace_id=workspace_id), events.filter(workspace_id=workspace_id)
    if model_id is not None:
        audit, events = audit.filter(model_id=model_id), events.filter(model_id=model_id)
    audit_rows = audit.annotate(
        source=Value("audit", CharField()), review_id=Value(None, IntegerField()),
        thread_id=Value(None, IntegerField()), text=Value("", CharField()), detail=F("fields"),
    ).order_by().values(*FEED_COLUMNS)
    event_rows = events.annotate(
        source=Value("review", CharField()), kind=Value("review", CharField()),
        object_id=Cast("review_id", CharField()), object_label=F("review__title"),
    ).order_by().values(*FEED_COLUMNS)
    return audit_rows.union(event_rows, all=True).order_by("-at", "-id")


def review_status(of: str) -> Subquery:
    """For an annotation of versions (``of="version"``) or models (``"model"``): the status of the newest
    review of the row that is not closed (None if it has none)."""
    return Subquery(
        Review.objects.filter(**{of: OuterRef("pk")}).exclude(status=ReviewStatus.CLOSED)
        .order_by("-created_at", "-id").values("status")[:1]
    )


def reviews(user) -> QuerySet:
    """The caller's teams' reviews with their thread counts."""
    return visible(Review.objects.all(), user).select_related("created_by", "version").annotate(
        threads_count=Count("threads", distinct=True),
        open_threads_count=Count("threads", filter=Q(threads__resolved_at__isnull=True), distinct=True),
    ).prefetch_related("reviewers", "decisions__reviewer")

