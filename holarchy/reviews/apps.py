from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "holarchy.reviews"
    label = "reviews"
    verbose_name = "Architecture reviews"
