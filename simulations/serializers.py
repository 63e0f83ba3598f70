from rest_framework import serializers

from holarchy.accounts.permissions import team_ids_visible_to
from holarchy.modeling.models import ModelVersion

from .models import Run


class RunSerializer(serializers.ModelSerializer):
    version = serializers.PrimaryKeyRelatedField(queryset=ModelVersion.objects.none())
    model = serializers.IntegerField(source="version.model_id", read_only=True)

    class Meta:
        model = Run
        fields = [
            "id", "version", "model", "scenario", "seed", "until", "status", "progress",
            "summary", "error", "attempts", "created_at", "started_at", "finished_at",
        ]
        read_only_fields = [
            "id", "status", "progress", "summary", "error", "attempts", "created_at", "started_at", "finished_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only versions of the caller's teams can be run; others look like they do not exist.
            self.fields["version"].queryset = ModelVersion.objects.filter(
                model__workspace__team_id__in=team_ids_visible_to(request.user)
            )

    def validate(self, attrs):
        scenario = attrs.get("scenario") or ""
        if scenario:
            names = [s.get("name") for s in attrs["version"].document.get("scenarios", [])]
            if scenario not in names:
                raise serializers.ValidationError({"scenario": f"unknown scenario {scenario!r}; known: {names}"})
        until = attrs.get("until")
        if until is not None and until <= 0:
            raise serializers.ValidationError({"until": "must be a positive virtual time"})
        return attrs
