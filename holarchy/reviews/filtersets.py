import django_filters

from holarchy.modeling.models import ModelVersion, SystemModel, Workspace

from .models import Comment, Decision, Notification, Review, Thread


class ReviewFilterSet(django_filters.FilterSet):
    workspace = django_filters.ModelChoiceFilter(field_name="model__workspace", queryset=Workspace.objects.all())
    model = django_filters.ModelChoiceFilter(queryset=SystemModel.objects.all())
    version = django_filters.ModelChoiceFilter(queryset=ModelVersion.objects.all())

    class Meta:
        model = Review
        fields = ["workspace", "model", "version", "status"]


class ThreadFilterSet(django_filters.FilterSet):
    review = django_filters.ModelChoiceFilter(queryset=Review.objects.all())
    resolved = django_filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Thread
        fields = ["review", "anchor_kind", "resolved"]


class CommentFilterSet(django_filters.FilterSet):
    thread = django_filters.ModelChoiceFilter(queryset=Thread.objects.all())
    review = django_filters.ModelChoiceFilter(field_name="thread__review", queryset=Review.objects.all())

    class Meta:
        model = Comment
        fields = ["thread", "review"]


class DecisionFilterSet(django_filters.FilterSet):
    review = django_filters.ModelChoiceFilter(queryset=Review.objects.all())

    class Meta:
        model = Decision
        fields = ["review", "verdict"]


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        model = Notification
        fields = ["unread", "kind"]
