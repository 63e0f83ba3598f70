"""Every new user sees the example gallery: a viewer membership in each gallery team, however the user is made
(sign-up, ``createsuperuser``, the admin)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Membership, Role, Team


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="join-galleries")
def join_galleries(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        Membership.objects.bulk_create(
            [Membership(team=team, user=instance, role=Role.VIEWER) for team in Team.objects.filter(gallery=True)],
            ignore_conflicts=True,
        )
