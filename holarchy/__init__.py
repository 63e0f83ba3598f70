"""Holarchy: model and simulate distributed systems as nested holons."""

from .celery import app as celery_app

__all__ = ["celery_app"]
