"""Serializers of reviews. Every pointer is looked up among the caller's teams (``ReviewRelatedField``)."""

from rest_framework import serializers

from holarchy.accounts.permissions import TeamRelatedField
from holarchy.modeling.models import ModelVersion
from simulations.models import LevelStudy, Run

from .models import AnchorKind, Comment, Decision, Notification, Review, Thread, Verdict

MAX_REVIEWERS = 50
MAX_CITED = 100


class ReviewRelatedField(TeamRelatedField):
    """A pointer to an object of a team where the caller reviews (owners, editors, reviewers)."""

    ability = "review"


class UsernamesField(serializers.ListField):
    """Users by username: written as names (the services look them up among the team's members), read sorted."""

    def to_representation(self, data):
        return sorted(user.username for user in data.all())


class DecisionSerializer(serializers.ModelSerializer):
    review = ReviewRelatedField(queryset=Review.objects.all())
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    runs = ReviewRelatedField(queryset=Run.objects.select_related("version"), many=True, required=False)
    studies = ReviewRelatedField(queryset=LevelStudy.objects.select_related("version"), many=True,
                                 required=False)

    class Meta:
        model = Decision
        fields = ["id", "review", "reviewer", "verdict", "comment", "runs", "studies", "decided_at"]
        read_only_fields = ["decided_at"]

    def _at_most(self, jobs: list, noun: str) -> list:
        if len(jobs) > MAX_CITED:
            raise serializers.ValidationError(f"a decision cites at most {MAX_CITED} {noun}")
        return jobs

    def validate_runs(self, runs):
        return self._at_most(runs, "runs")

    def validate_studies(self, studies):
        return self._at_most(studies, "studies")


class ReviewSerializer(serializers.ModelSerializer):
    version = ReviewRelatedField(queryset=ModelVersion.objects.select_related("model"))
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    reviewers = UsernamesField(
        child=serializers.CharField(max_length=150), required=False, max_length=MAX_REVIEWERS,
        help_text="usernames of members who may review (owners, editors, reviewers)",
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    threads_count = serializers.IntegerField(read_only=True, default=0)
    open_threads_count = serializers.IntegerField(read_only=True, default=0)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "model", "version", "version_number", "title", "description", "reviewers", "status",
                  "closed_at", "created_by", "created_at", "updated_at", "threads_count", "open_threads_count",
                  "decisions"]
        read_only_fields = ["model", "status", "closed_at", "created_at", "updated_at"]

    def validate(self, attrs):
        if self.instance is not None and "version" in attrs and attrs["version"] != self.instance.version:
            raise serializers.ValidationError({"version": ["a review stays on its version: open a new one"]})
        return attrs


class CommentSerializer(serializers.ModelSerializer):
    thread = ReviewRelatedField(queryset=Thread.objects.select_related("review"))
    reply_to = ReviewRelatedField(queryset=Comment.objects.all(), required=False, allow_null=True)
    author = serializers.CharField(source="author.username", read_only=True, default=None)
    body = serializers.CharField(max_length=10_000, trim_whitespace=True)
    mentions = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "thread", "reply_to", "author", "body", "mentions", "created_at"]


class ThreadSerializer(serializers.ModelSerializer):
    """A thread and its comments; creating one takes its anchor and the first comment's ``body``."""

    review = ReviewRelatedField(queryset=Review.objects.select_related("version__model"))
    anchor_kind = serializers.ChoiceField(choices=AnchorKind.choices)
    against = ReviewRelatedField(queryset=ModelVersion.objects.all(), required=False, allow_null=True)
    run = ReviewRelatedField(queryset=Run.objects.select_related("version"), required=False, allow_null=True)
    study = ReviewRelatedField(queryset=LevelStudy.objects.select_related("version"), required=False,
                               allow_null=True)
    step = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False, allow_null=True)
    body = serializers.CharField(max_length=10_000, write_only=True, help_text="the first comment")
    anchor_label = serializers.CharField(read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    resolved_by = serializers.CharField(source="resolved_by.username", read_only=True, default=None)
    comments = CommentSerializer(many=True, read_only=True)

    class Meta:
        model = Thread
        fields = ["id", "review", "anchor_kind", "anchor_label", "holarchy", "holon", "component", "link",
                  "diff_section", "diff_item", "against", "run", "step", "study", "level", "fault", "body",
                  "resolved_at", "resolved_by", "created_by", "created_at", "comments"]
        read_only_fields = ["resolved_at", "created_at"]


class NotificationSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)
    review_title = serializers.CharField(source="review.title", read_only=True)
    model = serializers.IntegerField(source="review.model_id", read_only=True)
    excerpt = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "actor", "review", "review_title", "model", "thread", "comment", "excerpt",
                  "created_at", "read_at"]
        read_only_fields = fields

    def get_excerpt(self, notification) -> str:
        return notification.comment.body[:200] if notification.comment else ""


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="notifications marked read")


class ActivitySerializer(serializers.Serializer):
    """One entry of the feed: an audit entry (``source`` "audit") or a review event ("review")."""

    source = serializers.ChoiceField(choices=["audit", "review"])
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_name")
    action = serializers.CharField()
    kind = serializers.CharField()
    object_id = serializers.CharField()
    object_label = serializers.CharField()
    workspace = serializers.IntegerField(source="workspace_id", allow_null=True)
    model = serializers.IntegerField(source="model_id", allow_null=True)
    version = serializers.IntegerField(source="version_id", allow_null=True)
    version_number = serializers.SerializerMethodField()
    review = serializers.IntegerField(source="review_id", allow_null=True)
    thread = serializers.IntegerField(source="thread_id", allow_null=True)
    text = serializers.CharField()
    detail = serializers.JSONField(help_text="audit: the fields sent; review: the anchor, the runs cited, ...")

    def get_version_number(self, row) -> int | None:
        return self.context.get("version_numbers", {}).get(row["version_id"])
