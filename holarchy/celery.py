"""The Celery application, configured from Django settings (``CELERY_*``).

Beat's schedule lives here: the reaper (simulations/reaper.py) runs every
JOB_REAPER_SECONDS and makes the broker agree with the job rows. It waits in
a queue of its own (MAINTENANCE_QUEUE), taken by a small worker that runs
nothing else, so it runs on time while every job worker's child is busy.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "holarchy.settings")

from django.conf import settings  # noqa: E402  (needs the settings module chosen above)

app = Celery("holarchy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "reap-jobs": {
        "task": "simulations.tasks.reap_jobs",
        "schedule": settings.JOB_REAPER_SECONDS,
        # A reaper message that waited longer than one period is superseded by the next one.
        "options": {"queue": settings.MAINTENANCE_QUEUE, "expires": settings.JOB_REAPER_SECONDS},
    }
}
app.autodiscover_tasks()
