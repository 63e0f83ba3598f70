from django.apps import AppConfig


class ModelingConfig(AppConfig):
    name = "holarchy.modeling"
    label = "modeling"
    verbose_name = "Modeling"
