import django_filters

from . import selectors
from .models import Component, Holarchy, Holon, Link, ModelVersion, SystemModel, Workspace


class WorkspaceFilterSet(django_filters.FilterSet):
    class Meta:
        model = Workspace
        fields = ["team"]


class SystemModelFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = SystemModel
        fields = ["workspace", "name"]


class ComponentFilterSet(django_filters.FilterSet):
    class Meta:
        model = Component
        fields = ["model", "key", "behavior", "state"]


class LinkFilterSet(django_filters.FilterSet):
    component = django_filters.NumberFilter(method="filter_component", label="links from or to this component")

    class Meta:
        model = Link
        fields = ["model", "source", "target", "component"]

    def filter_component(self, queryset, name, value):
        return queryset.filter(source_id=value) | queryset.filter(target_id=value)


class HolarchyFilterSet(django_filters.FilterSet):
    class Meta:
        model = Holarchy
        fields = ["model", "name"]


class HolonFilterSet(django_filters.FilterSet):
    within = django_filters.NumberFilter(method="filter_within", label="the subtree of this holon (itself included)")
    max_depth = django_filters.NumberFilter(field_name="depth", lookup_expr="lte")

    class Meta:
        model = Holon
        fields = ["holarchy", "parent", "key", "depth", "within", "max_depth"]

    def filter_within(self, queryset, name, value):
        holon = Holon.objects.filter(pk=value).only("holarchy_id", "path").first()
        if holon is None:
            return queryset.none()
        return selectors.subtree(holon, queryset)


class ModelVersionFilterSet(django_filters.FilterSet):
    class Meta:
        model = ModelVersion
        fields = ["model", "content_hash"]
