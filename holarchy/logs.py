"""Structured logs: one JSON object per line, carrying the id of the job being handled.

The job id lives in a context variable, set by the web view that handles a
job and by the task that runs one, so every line written meanwhile (ours,
Django's, Celery's) names the job without each call passing it along.
"""

import contextvars
import json
import logging

current_job: contextvars.ContextVar[str] = contextvars.ContextVar("current_job", default="")


class JobFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.job_id = current_job.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "job_id": getattr(record, "job_id", "") or current_job.get(),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)
