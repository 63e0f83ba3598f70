"""The Django admin for operators: workspaces, models and their immutable versions."""

from django.contrib import admin

from .models import ModelVersion, SystemModel, Workspace


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ("name", "team")
    search_fields = ("name",)


@admin.register(SystemModel)
class SystemModelAdmin(admin.ModelAdmin):
    list_display = ("name", "workspace")
    search_fields = ("name",)
    raw_id_fields = ("workspace",)


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    """A version is never changed once saved: every field is read-only here."""

    list_display = ("__str__", "model", "number", "content_hash", "created_at")
    search_fields = ("model__name", "content_hash")
    raw_id_fields = ("model", "created_by")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields] if obj else []
