"""Writes to reviews: open, edit, close and reopen a review; threads and comments; decisions; notifications.

Each is atomic, checks who may call it (``permissions.require``: owners, editors and reviewers review; viewers
read), records a ``ReviewEvent`` for the activity feed, and notifies whom it concerns. What a request names
that the review cannot take is a ``ReviewError`` on that field.
"""

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from holarchy.accounts.models import REVIEW_ROLES, Membership
from holarchy.accounts.permissions import require, team_id_of
from holarchy.modeling.models import ModelVersion
from simulations.models import LevelStudy, Run

from . import anchors, mentions, status
from .errors import ReviewError
from .models import (
    AnchorKind,
    Comment,
    Decision,
    Notification,
    NotificationKind,
    Review,
    ReviewEvent,
    Thread,
    Verdict,
)

EXCERPT = 200


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _event(review: Review, user, action: str, *, thread: Thread | None = None, text: str = "", **detail) -> None:
    ReviewEvent.objects.create(
        team_id=team_id_of(review), workspace_id=review.model.workspace_id, model_id=review.model_id,
        version_id=review.version_id, review=review, thread_id=thread.pk if thread else None, actor=user,
        actor_name=user.get_username(), action=action, text=text[:300], detail=detail,
    )


def _notify(review: Review, users, kind: str, by, *, thread: Thread | None = None,
            comment: Comment | None = None) -> None:
    team_id = team_id_of(review)
    Notification.objects.bulk_create(
        Notification(team_id=team_id, user=user, kind=kind, actor=by, review=review, thread=thread, comment=comment)
        for user in {u.pk: u for u in users if u.pk != by.pk}.values()
    )


def _check_reviewers(team_id: int, usernames) -> list:
    """The users named, each a member who may decide (an owner, editor or reviewer of the team)."""
    names = list(dict.fromkeys(name.lower() for name in usernames))
    if not names:
        return []
    found = {
        user.username.lower(): user
        for user in reviewer_candidates(team_id).filter(reduce(or_, (Q(username__iexact=n) for n in names)))
    }
    refused = [name for name in names if name not in found]
    if refused:
        raise ReviewError("reviewers", f"{', '.join(refused)} cannot review in this team: ask members who are "
                                       "owners, editors or reviewers")
    return [found[name] for name in names]


def reviewer_candidates(team_id: int):
    """The users who may be asked to review in the team."""
    members = Membership.objects.filter(team_id=team_id, role__in=REVIEW_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("username")


@transaction.atomic
def open_review(*, by, version: ModelVersion, title: str, description: str = "", reviewers=()) -> Review:
    team_id = team_id_of(version)
    require(by, team_id, "review", "version")
    requested = _check_reviewers(team_id, reviewers)
    review = Review.objects.create(model_id=version.model_id, version=version, title=title,
                                   description=description, created_by=by)
    review.reviewers.set(requested)
    _event(review, by, "opened", text=title, reviewers=[u.get_username() for u in requested])
    _notify(review, requested, NotificationKind.REVIEW_REQUESTED, by)
    return review


def _settle(review: Review) -> None:
    """The status again, from the decisions and the requested reviewers."""
    review.status = status.derive(
        closed=review.closed_at is not None,
        verdicts=review.decisions.values_list("reviewer_id", "verdict"),
        requested=review.reviewers.values_list("pk", flat=True),
    )
    review.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def edit_review(*, by, review: Review, **changes) -> Review:
    """Title, description and reviewers; newly requested reviewers are notified."""
    require(by, team_id_of(review), "review")
    before = set(review.reviewers.values_list("pk", flat=True))
    for name in ("title", "description"):
        if name in changes:
            setattr(review, name, changes[name])
    review.save()
    if "reviewers" in changes:
        requested = _check_reviewers(team_id_of(review), changes["reviewers"])
        review.reviewers.set(requested)
        _notify(review, [u for u in requested if u.pk not in before], NotificationKind.REVIEW_REQUESTED, by)
    _settle(review)
    _event(review, by, "edited", text=review.title, fields=sorted(changes))
    return review


@transaction.atomic
def close_review(*, by, review: Review) -> Review:
    require(by, team_id_of(review), "review")
    if review.closed_at is None:
        review.closed_at = timezone.now()
        _settle(review)
        _event(review, by, "closed", text=review.title)
    return review


@transaction.atomic
def reopen_review(*, by, review: Review) -> Review:
    require(by, team_id_of(review), "review")
    if review.closed_at is not None:
        review.closed_at = None
        _settle(review)
        _event(review, by, "reopened", text=review.title)
    return review


@transaction.atomic
def open_thread(*, by, review: Review, anchor_kind: str, body: str, **anchor_fields) -> Thread:
    """A thread anchored where ``anchor_fields`` say (checked against the review's version), with its first comment."""
    require(by, team_id_of(review), "review", "review")
    anchor = anchors.check(review, anchor_kind, anchor_fields)
    thread = Thread.objects.create(review=review, anchor_kind=anchor.kind, created_by=by, **anchor.values)
    _comment(by, thread, body, reply_to=None, action="commented")
    return thread


def _comment(by, thread: Thread, body: str, *, reply_to: Comment | None, action: str) -> Comment:
    review = thread.review
    mentioned = mentions.mentioned_members(body, team_id_of(review))
    comment = Comment.objects.create(thread=thread, author=by, body=body, reply_to=reply_to)
    comment.mentions.set(mentioned)
    _event(review, by, action, thread=thread, text=_excerpt(body), **_anchor_detail(thread))
    _notify(review, mentioned, NotificationKind.MENTION, by, thread=thread, comment=comment)
    if action == "replied":
        earlier = {c.author for c in thread.comments.exclude(pk=comment.pk).select_related("author") if c.author}
        _notify(review, [u for u in earlier if u not in mentioned], NotificationKind.REPLY, by,
                thread=thread, comment=comment)
    return comment


def _anchor_detail(thread: Thread) -> dict:
    """The anchor in words, and what the feed needs to open it (a run's step, a study) without reading the thread."""
    detail = {"anchor": thread.anchor_label(), "anchor_kind": thread.anchor_kind}
    if thread.anchor_kind == AnchorKind.RUN_STEP:
        detail |= {"run": str(thread.run_id), "step": thread.step}
    if thread.anchor_kind == AnchorKind.STUDY_CELL:
        detail |= {"study": str(thread.study_id)}
    return detail


@transaction.atomic
def add_comment(*, by, thread: Thread, body: str, reply_to: Comment | None = None) -> Comment:
    require(by, team_id_of(thread), "review", "thread")
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise ReviewError("reply_to", "reply to a comment of the same thread")
    return _comment(by, thread, body, reply_to=reply_to, action="replied")


@transaction.atomic
def resolve_thread(*, by, thread: Thread) -> Thread:
    require(by, team_id_of(thread), "review")
    if thread.resolved_at is None:
        thread.resolved_at, thread.resolved_by = timezone.now(), by
        thread.save(update_fields=["resolved_at", "resolved_by"])
        _event(thread.review, by, "resolved", thread=thread, **_anchor_detail(thread))
    return thread


@transaction.atomic
def reopen_thread(*, by, thread: Thread) -> Thread:
    require(by, team_id_of(thread), "review")
    if thread.resolved_at is not None:
        thread.resolved_at, thread.resolved_by = None, None
        thread.save(update_fields=["resolved_at", "resolved_by"])
        _event(thread.review, by, "reopened_thread", thread=thread, **_anchor_detail(thread))
    return thread


def _cited(review: Review, jobs, field: str, noun: str) -> list:
    foreign = [str(job.pk)[:8] for job in jobs if job.version.model_id != review.model_id]
    if foreign:
        raise ReviewError(field, f"{noun} {', '.join(foreign)} {'is' if len(foreign) == 1 else 'are'} of another "
                                 "model: cite the review's model's own")
    return list(jobs)


@transaction.atomic
def decide(*, by, review: Review, verdict: str, comment: str = "", runs: list[Run] = (),
           studies: list[LevelStudy] = ()) -> Decision:
    """The caller's decision on the review (replacing their earlier one), citing runs and studies of its model."""
    require(by, team_id_of(review), "review", "review")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.closed_at is not None:
        raise ReviewError("verdict", "the review is closed: reopen it before deciding")
    if review.created_by_id == by.pk:
        raise ReviewError("verdict", "you opened this review: another member decides it")
    runs, studies = _cited(review, runs, "runs", "run"), _cited(review, studies, "studies", "level study")
    decision, _ = Decision.objects.update_or_create(
        review=review, reviewer=by, defaults={"verdict": verdict, "comment": comment}
    )
    decision.runs.set(runs)
    decision.studies.set(studies)
    _settle(review)
    _event(review, by, "approved" if verdict == Verdict.APPROVE else "requested_changes", text=_excerpt(comment),
           runs=[str(r.pk) for r in runs], studies=[str(s.pk) for s in studies], status=review.status)
    if review.created_by is not None:
        _notify(review, [review.created_by], NotificationKind.DECISION, by)
    return decision


def mark_read(*, user, notification: Notification) -> Notification:
    if notification.user_id != user.pk:  # the view's queryset already holds the caller's only
        raise ReviewError("notification", "not yours")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user, queryset) -> int:
    """Marks the caller's unread notifications in ``queryset`` read; returns how many."""
    return queryset.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


