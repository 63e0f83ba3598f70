import django_filters

from .models import Exploration, Job, LevelStudy, Run, Sweep


def job_filterset(job_model: type[Job], *extra_fields: str) -> type[django_filters.FilterSet]:
    """Jobs filter by status, version and model (the version's model)."""
    meta = type("Meta", (), {"model": job_model, "fields": ["status", "version", "model", *extra_fields]})
    attrs = {"model": django_filters.NumberFilter(field_name="version__model_id"), "Meta": meta}
    return type(f"{job_model.__name__}FilterSet", (django_filters.FilterSet,), attrs)


RunFilterSet = job_filterset(Run, "sweep", "study")
LevelStudyFilterSet = job_filterset(LevelStudy)
SweepFilterSet = job_filterset(Sweep)
ExplorationFilterSet = job_filterset(Exploration)
