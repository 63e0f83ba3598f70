"""The Django admin for operators: every job row with its lifecycle fields, and the stored traces.

Rows are read here, and cancelled through the same service as the API; the
lifecycle fields (status, worker, heartbeat, attempts) are never edited by hand,
since only the claim and the reaper may move them.
"""

from django.contrib import admin

from . import services
from .errors import NotCancellable
from .models import Exploration, LevelStudy, Run, RunTrace, Sweep

LIFECYCLE = ("status", "progress", "attempts", "worker", "enqueued_at", "heartbeat_at", "cancel_requested",
             "created_at", "started_at", "finished_at", "error", "summary")


@admin.action(description="Cancel the selected jobs")
def cancel_jobs(modeladmin, request, queryset):
    cancelled = 0
    for job in queryset:
        try:
            services.cancel_job(job)
            cancelled += 1
        except NotCancellable:
            pass
    modeladmin.message_user(request, f"cancel requested for {cancelled} of {queryset.count()} jobs")


class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "version", "progress", "attempts", "worker", "created_at", "heartbeat_at")
    list_filter = ("status", "cancel_requested")
    search_fields = ("id", "worker", "error")
    date_hierarchy = "created_at"
    raw_id_fields = ("version", "created_by")
    readonly_fields = LIFECYCLE
    actions = [cancel_jobs]


@admin.register(Run)
class RunAdmin(JobAdmin):
    list_display = (*JobAdmin.list_display[:3], "seed", "sweep", *JobAdmin.list_display[3:])
    raw_id_fields = ("version", "created_by", "sweep", "study")


admin.site.register(Sweep, JobAdmin)
admin.site.register(LevelStudy, JobAdmin)


@admin.register(Exploration)
class ExplorationAdmin(JobAdmin):
    readonly_fields = (*LIFECYCLE, "graph")


@admin.register(RunTrace)
class RunTraceAdmin(admin.ModelAdmin):
    raw_id_fields = ("run",)
    search_fields = ("run__id",)
