import django_filters

from .models import Run


class RunFilterSet(django_filters.FilterSet):
    model = django_filters.NumberFilter(field_name="version__model_id")

    class Meta:
        model = Run
        fields = ["status", "version", "model"]
