"""Reviews API: thin viewsets over ``services`` (writes) and ``selectors`` (reads).

Every queryset is the caller's teams' (``TeamScopedMixin``); writes need the review ability
(owners, editors, reviewers; viewers read only), checked again in the services.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from holarchy.accounts.permissions import MAX_ID, NO_SUCH, TeamScopedMixin, visible
from holarchy.modeling.models import ModelVersion, SystemModel, Workspace

from . import selectors, services
from .filtersets import CommentFilterSet, DecisionFilterSet, NotificationFilterSet, ReviewFilterSet, ThreadFilterSet
from .models import Comment, Decision, Notification, Review, Thread
from .serializers import (
    ActivitySerializer,
    CommentSerializer,
    DecisionSerializer,
    NotificationSerializer,
    ReadAllSerializer,
    ReviewSerializer,
    ThreadSerializer,
)


class ReviewScopedMixin(TeamScopedMixin):
    write_ability = "review"

    def _fresh(self, obj):
        """What a service wrote, read again through the queryset: the answer carries its counts and prefetches."""
        return self.get_queryset().get(pk=obj.pk)


class ReviewViewSet(ReviewScopedMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                    viewsets.ReadOnlyModelViewSet):
    """Reviews of model versions. Their status follows from the decisions (``close``/``reopen`` aside)."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
    queryset = Review.objects.all()

    def get_queryset(self):
        return selectors.reviews(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        review = services.open_review(by=self.request.user, version=data["version"], title=data["title"],
                                      description=data.get("description", ""), reviewers=data.get("reviewers", []))
        serializer.instance = self._fresh(review)

    def perform_update(self, serializer):
        changes = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        review = services.edit_review(by=self.request.user, review=serializer.instance, **changes)
        serializer.instance = self._fresh(review)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        review = services.close_review(by=request.user, review=self.get_object())
        return Response(self.get_serializer(self._fresh(review)).data)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        review = services.reopen_review(by=request.user, review=self.get_object())
        return Response(self.get_serializer(self._fresh(review)).data)


class ThreadViewSet(ReviewScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Threads of reviews, each anchored on one thing of the review's version, with their comments."""

    serializer_class = ThreadSerializer
    filterset_class = ThreadFilterSet
    queryset = Thread.objects.select_related("created_by", "resolved_by").prefetch_related(
        Prefetch("comments", Comment.objects.select_related("author").prefetch_related("mentions"))
    )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        thread = services.open_thread(by=self.request.user, review=data.pop("review"),
                                      anchor_kind=data.pop("anchor_kind"), body=data.pop("body"), **data)
        serializer.instance = self._fresh(thread)

    @extend_schema(request=None, responses=ThreadSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        thread = services.resolve_thread(by=request.user, thread=self.get_object())
        return Response(self.get_serializer(self._fresh(thread)).data)

    @extend_schema(request=None, responses=ThreadSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        thread = services.reopen_thread(by=request.user, thread=self.get_object())
        return Response(self.get_serializer(self._fresh(thread)).data)


class CommentViewSet(ReviewScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Comments of threads: a reply names its thread (and maybe the comment it answers); @username notifies."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilterSet
    queryset = Comment.objects.select_related("author").prefetch_related("mentions")

    def perform_create(self, serializer):
        data = serializer.validated_data
        comment = services.add_comment(by=self.request.user, thread=data["thread"], body=data["body"],
                                       reply_to=data.get("reply_to"))
        serializer.instance = self._fresh(comment)


class DecisionViewSet(ReviewScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reviewers' decisions. Posting one replaces the caller's earlier decision on that review."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    queryset = Decision.objects.select_related("reviewer").prefetch_related("runs", "studies")

    def perform_create(self, serializer):
        data = serializer.validated_data
        decision = services.decide(by=self.request.user, review=data["review"], verdict=data["verdict"],
                                   comment=data.get("comment", ""), runs=data.get("runs", []),
                                   studies=data.get("studies", []))
        serializer.instance = self._fresh(decision)


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's notifications in the teams they are still in, newest first."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    queryset = Notification.objects.select_related("actor", "review", "comment")

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user).filter(user=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.mark_read(user=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", filterset_class=None)
    def read_all(self, request):
        marked = services.mark_all_read(user=request.user, queryset=self.get_queryset())
        return Response({"marked": marked})


def _visible_id(request, name: str, model) -> int | None:
    """The id in ``?name=`` if it is one the caller may see; a 400 worded as for a missing id otherwise."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not raw.isdigit() or int(raw) > MAX_ID or not visible(model.objects.filter(pk=int(raw)), request.user).exists():
        raise ValidationError({name: [NO_SUCH]})
    return int(raw)


class ActivityViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Activity of the caller's teams: who changed what, who ran what on which version, who decided what."""

    serializer_class = ActivitySerializer
    queryset = Review.objects.none()  # the feed is a union of two tables: see ``selectors.activity``

    @extend_schema(parameters=[
        OpenApiParameter("workspace", int, description="this workspace's activity"),
        OpenApiParameter("model", int, description="this model's activity"),
    ])
    def list(self, request, *args, **kwargs):
        rows = selectors.activity(request.user, workspace_id=_visible_id(request, "workspace", Workspace),
                                  model_id=_visible_id(request, "model", SystemModel))
        page = self.paginate_queryset(rows)
        numbers = dict(ModelVersion.objects.filter(pk__in={r["version_id"] for r in page if r["version_id"]})
                       .values_list("pk", "number"))
        serializer = ActivitySerializer(page, many=True, context={"version_numbers": numbers})
        return self.get_paginated_response(serializer.data)


